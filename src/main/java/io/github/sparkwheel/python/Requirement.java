package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 508 requirement, as pyproject.toml's {@code dependencies} and a wheel's {@code Requires-Dist} write it:
 * {@code name[extra,…] specifiers ; marker}, or {@code name @ url ; marker}.
 */
public final class Requirement {

    private static final Pattern REQUIREMENT = Pattern.compile(
            "^\\s*(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[(?<extras>[^]]*)])?\\s*"
                    + "(?:@\\s*(?<url>\\S+)|\\(?(?<spec>[^;()]*)\\)?)\\s*(?:;(?<marker>.*))?$");

    private final String text;
    private final String name;
    private final List<String> extras;
    private final String specifiers;
    private final String url;
    private final String marker;

    private Requirement(String text, String name, List<String> extras, String specifiers, String url, String marker) {
        this.text = text;
        this.name = name;
        this.extras = extras;
        this.specifiers = specifiers;
        this.url = url;
        this.marker = marker;
    }

    public static Requirement parse(String text) throws UserError {
        String line = text.trim();
        // "name @ url ; marker": PEP 508 wants a space before a URL's marker
        Matcher m = REQUIREMENT.matcher(line.contains("@") && line.contains(" ;") ? line.replace(" ;", ";") : line);
        if (!m.matches()) {
            throw new UserError("'" + text.trim() + "' is not a PEP 508 requirement");
        }
        List<String> extras = new ArrayList<>();
        if (m.group("extras") != null) {
            for (String e : m.group("extras").split(",")) {
                if (!e.isBlank()) {
                    extras.add(e.trim());
                }
            }
        }
        String spec = m.group("spec") == null ? "" : m.group("spec").trim();
        String marker = m.group("marker") == null ? null : m.group("marker").trim();
        return new Requirement(line, canonicalName(m.group("name")), List.copyOf(extras), spec, m.group("url"), marker);
    }

    /** PEP 503's normal form: lower case, runs of {@code -_.} as one {@code -}. */
    public static String canonicalName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** The canonical name. */
    public String name() {
        return name;
    }

    public List<String> extras() {
        return extras;
    }

    /** {@code >=1.2,<2}; empty: any version. */
    public String specifiers() {
        return specifiers;
    }

    /** A direct reference's URL, or {@code null}. */
    public String url() {
        return url;
    }

    /** The marker, or {@code null}. */
    public String marker() {
        return marker;
    }

    /** Whether it applies on the environment's machines, with its extras asked for. */
    public boolean appliesTo(Markers.Environment environment) throws UserError {
        return Markers.evaluate(marker, environment);
    }

    /** Whether {@code version} satisfies its specifiers; an unreadable version or specifier does not. */
    public boolean allows(String version) {
        Version v = Version.parse(version);
        try {
            return v != null && v.satisfies(specifiers);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
