package io.github.sparkwheel.wheelhouse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names a wheel's licence as SPDX does, from the words its METADATA uses: an SPDX id or full name ({@code MIT},
 * {@code Apache License 2.0}), one of the license's URLs, or one of the names people and trove classifiers give it
 * ({@code Apache Software License}). The data is the SPDX License List and CycloneDX's mapping of common names, as
 * cyclonedx-core-java publishes them (the build copies both into this jar), read once per JVM.
 */
final class SpdxLicenses {

    private static final String LIST = "/io/github/sparkwheel/sbom/licenses/licenses.json";
    private static final String MAPPING = "/io/github/sparkwheel/sbom/license-mapping.json";

    /** A resolved licence: an SPDX id (with its first URL, if the list gives one), or an SPDX expression. */
    static final class Resolved {
        final String id;
        final String url;
        final String expression;

        private Resolved(String id, String url, String expression) {
            this.id = id;
            this.url = url;
            this.expression = expression;
        }
    }

    private static final class Entry {
        final String id;
        final String name;
        final boolean deprecated;
        final List<String> urls;

        Entry(String id, String name, boolean deprecated, List<String> urls) {
            this.id = id;
            this.name = name;
            this.deprecated = deprecated;
            this.urls = urls;
        }
    }

    private static volatile SpdxLicenses loaded;

    private final List<Entry> entries;
    /** A lower-case name → the expression the mapping gives it. */
    private final Map<String, String> names;

    private SpdxLicenses(List<Entry> entries, Map<String, String> names) {
        this.entries = entries;
        this.names = names;
    }

    /** The data, read the first time it is asked for. */
    static SpdxLicenses get() {
        SpdxLicenses data = loaded;
        if (data == null) {
            synchronized (SpdxLicenses.class) {
                if (loaded == null) {
                    loaded = load();
                }
                data = loaded;
            }
        }
        return data;
    }

    private static SpdxLicenses load() {
        List<Entry> entries = new ArrayList<>();
        for (JsonElement element : read(LIST).getAsJsonObject().getAsJsonArray("licenses")) {
            JsonObject license = element.getAsJsonObject();
            List<String> urls = new ArrayList<>();
            if (license.has("seeAlso")) {
                license.getAsJsonArray("seeAlso").forEach(url -> urls.add(url.getAsString()));
            }
            entries.add(new Entry(license.get("licenseId").getAsString(), license.get("name").getAsString(),
                    license.has("isDeprecatedLicenseId") && license.get("isDeprecatedLicenseId").getAsBoolean(), urls));
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonElement element : read(MAPPING).getAsJsonArray()) {
            JsonObject mapping = element.getAsJsonObject();
            String expression = mapping.get("exp").getAsString();
            for (JsonElement name : mapping.getAsJsonArray("names")) {
                names.putIfAbsent(name.getAsString().trim().toLowerCase(Locale.ROOT), expression);
            }
        }
        return new SpdxLicenses(entries, names);
    }

    private static JsonElement read(String resource) {
        try (InputStream in = SpdxLicenses.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the plugin's jar lacks " + resource);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return JsonParser.parseReader(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What SPDX calls {@code text}, or {@code null} when it is no licence SPDX or the mapping knows. */
    Resolved resolve(String text) {
        String wanted = text.trim();
        String url = withoutScheme(wanted);
        for (Entry entry : entries) {
            if (wanted.equalsIgnoreCase(entry.id) || wanted.equalsIgnoreCase(entry.name)) {
                return new Resolved(entry.id, entry.urls.isEmpty() ? null : entry.urls.get(0), null);
            }
            if (!entry.deprecated) {
                for (String seeAlso : entry.urls) {
                    if (url.equalsIgnoreCase(withoutScheme(seeAlso))) {
                        return new Resolved(entry.id, seeAlso, null);
                    }
                }
            }
        }
        String expression = names.get(wanted.toLowerCase(Locale.ROOT));
        if (expression == null) {
            return null;
        }
        return expression.startsWith("(") && expression.endsWith(")") ? new Resolved(null, null, expression)
                : new Resolved(expression, null, null);
    }

    private static String withoutScheme(String url) {
        return url.trim().replace("https://www.", "").replace("http://www.", "").replace("https://", "")
                .replace("http://", "");
    }

    /** For a test: how many SPDX licences the data holds. */
    int size() {
        return entries.size();
    }
}
