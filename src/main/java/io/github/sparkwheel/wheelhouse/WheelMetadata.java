package io.github.sparkwheel.wheelhouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wheel's {@code .dist-info/METADATA} (the core metadata, an RFC 822 header block): the fields a bill of
 * materials needs. A field may repeat ({@code Classifier}, {@code Requires-Dist}); a line that starts with
 * white space continues the field above it ({@code License} often holds a whole licence text).
 */
public final class WheelMetadata {

    /** {@code name [extras] (specifier) ; marker}: the requirement's name, and its marker if any (PEP 508). */
    private static final Pattern REQUIREMENT = Pattern.compile("^\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)[^;]*(?:;(.*))?$");
    private static final Pattern EXTRA_MARKER = Pattern.compile("\\bextra\\s*==");

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    private WheelMetadata() {}

    public static WheelMetadata parse(String text) {
        WheelMetadata metadata = new WheelMetadata();
        String name = null;
        StringBuilder value = null;
        for (String line : text.split("\\R", -1)) {
            if (line.isEmpty()) {
                break; // the description follows the headers
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && value != null) {
                value.append('\n').append(line.strip());
                continue;
            }
            metadata.put(name, value);
            int colon = line.indexOf(':');
            name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
            value = colon > 0 ? new StringBuilder(line.substring(colon + 1).strip()) : null;
        }
        metadata.put(name, value);
        return metadata;
    }

    private void put(String name, StringBuilder value) {
        if (name != null) {
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value.toString());
        }
    }

    /** The field's first value, or {@code null}; field names are case-insensitive. */
    public String first(String field) {
        List<String> values = all(field);
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> all(String field) {
        return fields.getOrDefault(field.toLowerCase(Locale.ROOT), List.of());
    }

    /** The licence names of the {@code License :: …} classifiers: {@code MIT License}, {@code BSD License}. */
    public List<String> licenseClassifiers() {
        List<String> names = new ArrayList<>();
        for (String classifier : all("Classifier")) {
            if (classifier.startsWith("License ::")) {
                String name = classifier.substring(classifier.lastIndexOf("::") + 2).trim();
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * The canonical names of the distributions it requires whatever extras were asked for: its
     * {@code Requires-Dist} entries except those under an {@code extra == …} marker. Other markers (a Python
     * version, a platform) are kept; which of those apply shows in which wheels pip put in the wheelhouse.
     */
    public List<String> requiredDistributions() {
        List<String> names = new ArrayList<>();
        for (String requirement : all("Requires-Dist")) {
            Matcher m = REQUIREMENT.matcher(requirement);
            if (m.matches() && (m.group(2) == null || !EXTRA_MARKER.matcher(m.group(2)).find())) {
                String name = WheelFile.canonicalName(m.group(1));
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
