package io.github.sparkwheel.wheelhouse;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sparkwheel.Digests;
import io.github.sparkwheel.lock.LockFile;
import io.github.sparkwheel.runtime.RuntimeCoordinates;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The CycloneDX 1.6 bill of materials of a wheelhouse: the job (a Maven artifact) as its subject, one component per
 * wheel with its sha256 and licence (from the wheel's METADATA, named as SPDX names it), and the dependency graph
 * the wheels declare. Its bytes depend only on the wheels, the subject and the build's timestamp. Written as JSON
 * with the plugin's own JSON library; the tests check it against CycloneDX's schema.
 */
public final class WheelhouseSbom {

    public static final String SPEC_VERSION = "1.6";
    private static final String PROPERTY_PREFIX = "pyspark-maven-plugin:";
    /** A {@code License} field longer than this is a licence's text, not its name. */
    private static final int MAX_LICENSE_NAME = 100;

    /** The Maven artifact the BOM describes: the wheelhouse zip. */
    public static final class Subject {
        final String groupId;
        final String artifactId;
        final String version;
        final String classifier;

        public Subject(String groupId, String artifactId, String version, String classifier) {
            this.groupId = groupId;
            this.artifactId = artifactId;
            this.version = version;
            this.classifier = classifier;
        }

        /** {@code pkg:maven/g/a@v?classifier=wheelhouse&type=zip}. */
        public String purl() {
            TreeMap<String, String> qualifiers = new TreeMap<>();
            qualifiers.put("type", "zip");
            if (classifier != null && !classifier.isEmpty()) {
                qualifiers.put("classifier", classifier);
            }
            return WheelhouseSbom.purl("maven", groupId, artifactId, version, qualifiers);
        }

        @Override
        public String toString() {
            return purl();
        }
    }

    /** A Python runtime that ships with the job ({@code <pythonRuntime>}): the Maven archive, and the CPython it holds. */
    public static final class Runtime {
        final RuntimeCoordinates coordinates;
        final String archiveSha256;
        final String pythonVersion;

        /** @param pythonVersion CPython's full version, {@code 3.11.3} (the runtime's interpreter says it) */
        public Runtime(RuntimeCoordinates coordinates, String archiveSha256, String pythonVersion) {
            this.coordinates = coordinates;
            this.archiveSha256 = archiveSha256;
            this.pythonVersion = pythonVersion;
        }
    }

    private WheelhouseSbom() {}

    /** Reads the SPDX licence data on a daemon thread, to be called before pip runs. */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            try {
                SpdxLicenses.get();
            } catch (RuntimeException ignored) {
                // the real call reports what is wrong
            }
        }, "pyspark-sbom-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * @param timestamp the build's {@code project.build.outputTimestamp}, or {@code null} when it has none (the
     *     BOM then has no timestamp: a reproducible build has no other time to give)
     */
    public static byte[] json(Subject subject, Lock lock, String pythonTag, String pluginVersion, Instant timestamp)
            throws IOException {
        return json(subject, lock, pythonTag, pluginVersion, timestamp, null);
    }

    /**
     * @param runtime the Python runtime that goes to every node with the job, or {@code null}: then the BOM also names
     *     its archive (Maven purl, sha256) and the CPython inside it (its CPE, PSF-2.0), which the job depends on. Its
     *     pip, setuptools and wheel are not named: the nodes' copy of the runtime leaves its site-packages out.
     */
    public static byte[] json(Subject subject, Lock lock, String pythonTag, String pluginVersion, Instant timestamp,
            Runtime runtime) throws IOException {
        return json(subject, lock, pythonTag, pluginVersion, timestamp, runtime, null);
    }

    /**
     * @param lockedFrom the lock the wheelhouse was built from, or {@code null}: the job's properties then name it
     *     ({@code lock-file}, {@code lock-format}, {@code lock-sha256})
     */
    public static byte[] json(Subject subject, Lock lock, String pythonTag, String pluginVersion, Instant timestamp,
            Runtime runtime, LockFile.Reference lockedFrom) throws IOException {
        Map<String, JsonObject> components = new TreeMap<>();
        Map<String, List<String>> requires = new TreeMap<>();
        for (WheelFile wheel : lock.wheels()) {
            String text = wheel.metadata();
            WheelMetadata metadata = WheelMetadata.parse(text == null ? "" : text);
            components.put(wheel.name(), component(wheel, metadata));
            requires.put(wheel.name(), metadata.requiredDistributions());
        }

        JsonObject bom = new JsonObject();
        bom.addProperty("bomFormat", "CycloneDX");
        bom.addProperty("specVersion", SPEC_VERSION);
        bom.addProperty("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes((subject.purl() + "\n" + lock.text())
                .getBytes(StandardCharsets.UTF_8)));
        bom.addProperty("version", 1);
        JsonObject metadata = new JsonObject();
        if (timestamp != null) {
            metadata.addProperty("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        JsonObject tool = new JsonObject();
        tool.addProperty("type", "application");
        tool.addProperty("group", "io.github.sparkwheel");
        tool.addProperty("name", "pyspark-maven-plugin");
        tool.addProperty("version", pluginVersion);
        JsonObject tools = new JsonObject();
        tools.add("components", array(tool));
        metadata.add("tools", tools);
        JsonObject job = new JsonObject();
        job.addProperty("type", "application");
        job.addProperty("bom-ref", subject.purl());
        job.addProperty("group", subject.groupId);
        job.addProperty("name", subject.artifactId);
        job.addProperty("version", subject.version);
        job.addProperty("purl", subject.purl());
        JsonArray jobProperties = array(property("python", pythonTag));
        if (lockedFrom != null) {
            jobProperties.add(property("lock-file", lockedFrom.file));
            jobProperties.add(property("lock-format", lockedFrom.format));
            jobProperties.add(property("lock-sha256", lockedFrom.sha256));
        }
        job.add("properties", jobProperties);
        metadata.add("component", job);
        bom.add("metadata", metadata);
        JsonArray componentArray = new JsonArray();
        components.values().forEach(componentArray::add);
        JsonObject archive = null;
        JsonObject cpython = null;
        if (runtime != null) {
            archive = runtimeArchive(runtime);
            cpython = cpython(runtime.pythonVersion);
            componentArray.add(archive);
            componentArray.add(cpython);
        }
        bom.add("components", componentArray);

        // the graph, limited to the wheels in the wheelhouse; the subject depends on what no wheel requires
        Set<String> required = new TreeSet<>();
        JsonArray dependencies = new JsonArray();
        for (Map.Entry<String, List<String>> wheel : requires.entrySet()) {
            JsonArray dependsOn = new JsonArray();
            for (String name : new TreeSet<>(wheel.getValue())) {
                if (components.containsKey(name) && !name.equals(wheel.getKey())) {
                    dependsOn.add(ref(components.get(name)));
                    required.add(name);
                }
            }
            dependencies.add(dependency(ref(components.get(wheel.getKey())), dependsOn));
        }
        JsonArray roots = new JsonArray();
        for (String name : components.keySet()) {
            if (!required.contains(name)) {
                roots.add(ref(components.get(name)));
            }
        }
        if (archive != null) {
            roots.add(ref(archive)); // the job runs on it: every node gets it beside the wheelhouse
        }
        JsonArray graph = new JsonArray();
        graph.add(dependency(subject.purl(), roots));
        graph.addAll(dependencies);
        if (archive != null) {
            JsonArray holds = new JsonArray();
            holds.add(ref(cpython));
            graph.add(dependency(ref(archive), holds));
            graph.add(dependency(ref(cpython), new JsonArray()));
        }
        bom.add("dependencies", graph);
        return (new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(bom) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The runtime's Maven archive, as a Maven component with the archive's sha256. */
    private static JsonObject runtimeArchive(Runtime runtime) {
        RuntimeCoordinates c = runtime.coordinates;
        TreeMap<String, String> qualifiers = new TreeMap<>();
        qualifiers.put("type", c.extension());
        if (!c.classifier().isEmpty()) {
            qualifiers.put("classifier", c.classifier());
        }
        String purl = purl("maven", c.groupId(), c.artifactId(), c.version(), qualifiers);
        JsonObject component = new JsonObject();
        component.addProperty("type", "application");
        component.addProperty("bom-ref", purl);
        component.addProperty("group", c.groupId());
        component.addProperty("name", c.artifactId());
        component.addProperty("version", c.version());
        component.addProperty("description", "the Python runtime shipped with the job (<pythonRuntime>)");
        JsonObject hash = new JsonObject();
        hash.addProperty("alg", "SHA-256");
        hash.addProperty("content", runtime.archiveSha256);
        component.add("hashes", array(hash));
        component.addProperty("purl", purl);
        component.add("properties", array(property("python-runtime", c.toString())));
        return component;
    }

    /** CPython itself, named as vulnerability databases name it (NVD's CPE for python.org's Python). */
    private static JsonObject cpython(String version) {
        JsonObject component = new JsonObject();
        component.addProperty("type", "application");
        component.addProperty("bom-ref", "cpython@" + version);
        component.addProperty("group", "python.org");
        component.addProperty("name", "cpython");
        component.addProperty("version", version);
        component.addProperty("description", "CPython, the interpreter inside the Python runtime");
        JsonObject license = new JsonObject();
        license.addProperty("id", "PSF-2.0");
        JsonObject choice = new JsonObject();
        choice.add("license", license);
        component.add("licenses", array(choice));
        component.addProperty("cpe", "cpe:2.3:a:python:python:" + version + ":*:*:*:*:*:*:*");
        component.addProperty("purl", purl("generic", null, "cpython", version, null));
        return component;
    }

    private static JsonObject dependency(String ref, JsonArray dependsOn) {
        JsonObject dependency = new JsonObject();
        dependency.addProperty("ref", ref);
        if (!dependsOn.isEmpty()) {
            dependency.add("dependsOn", dependsOn);
        }
        return dependency;
    }

    private static String ref(JsonObject component) {
        return component.get("bom-ref").getAsString();
    }

    private static JsonObject component(WheelFile wheel, WheelMetadata metadata) {
        JsonObject component = new JsonObject();
        String purl = purl("pypi", null, wheel.name(), wheel.version(), null);
        component.addProperty("type", "library");
        component.addProperty("bom-ref", purl);
        component.addProperty("name", wheel.name());
        component.addProperty("version", wheel.version());
        String summary = metadata.first("Summary");
        if (summary != null && !summary.isBlank()) {
            component.addProperty("description", summary);
        }
        JsonObject hash = new JsonObject();
        hash.addProperty("alg", "SHA-256");
        hash.addProperty("content", wheel.sha256());
        component.add("hashes", array(hash));
        JsonArray licenses = licenses(metadata);
        if (licenses != null) {
            component.add("licenses", licenses);
        }
        component.addProperty("purl", purl);
        component.add("properties", array(property("wheel", Manifest.WHEEL_DIRECTORY + "/" + wheel.fileName())));
        return component;
    }

    /**
     * The wheel's licences, as CycloneDX's {@code licenses} array: its {@code License-Expression} (PEP 639, SPDX),
     * else its {@code License} field (an SPDX id where it names one), else its {@code License ::} classifiers;
     * {@code null} when it declares none.
     */
    static JsonArray licenses(WheelMetadata metadata) {
        String expression = metadata.first("License-Expression");
        if (expression != null && !expression.isBlank()) {
            JsonObject choice = new JsonObject();
            choice.addProperty("expression", expression.trim());
            return array(choice);
        }
        Set<String> names = new LinkedHashSet<>();
        String field = metadata.first("License");
        if (field != null && !field.isBlank() && field.length() <= MAX_LICENSE_NAME && !field.contains("\n")
                && !field.trim().equalsIgnoreCase("UNKNOWN")) {
            names.add(field.trim());
        } else {
            names.addAll(metadata.licenseClassifiers());
        }
        if (names.isEmpty()) {
            return null;
        }
        JsonArray licenses = new JsonArray();
        Set<String> seen = new TreeSet<>();
        for (String name : names) {
            SpdxLicenses.Resolved resolved = SpdxLicenses.get().resolve(name);
            JsonObject license = new JsonObject();
            if (resolved != null && resolved.id != null) {
                if (!seen.add(resolved.id)) {
                    continue;
                }
                license.addProperty("id", resolved.id);
                if (resolved.url != null) {
                    license.addProperty("url", resolved.url);
                }
            } else if (seen.add(name)) { // an expression the mapping gives a name is kept as the name itself
                license.addProperty("name", name);
            } else {
                continue;
            }
            JsonObject choice = new JsonObject();
            choice.add("license", license);
            licenses.add(choice);
        }
        return licenses;
    }

    private static JsonObject property(String name, String value) {
        JsonObject property = new JsonObject();
        property.addProperty("name", PROPERTY_PREFIX + name);
        property.addProperty("value", value);
        return property;
    }

    private static JsonArray array(JsonObject element) {
        JsonArray array = new JsonArray();
        array.add(element);
        return array;
    }

    /**
     * A package URL ({@code pkg:type/namespace/name@version?qualifiers}), as the purl specification writes it: a PyPI
     * name lower-case with {@code -} for {@code _}, each part percent-encoded, the qualifiers sorted.
     */
    static String purl(String type, String namespace, String name, String version, TreeMap<String, String> qualifiers) {
        if (type.equals("pypi")) {
            name = name.toLowerCase(Locale.ROOT).replace('_', '-');
        }
        StringBuilder purl = new StringBuilder("pkg:").append(type).append('/');
        if (namespace != null && !namespace.isEmpty()) {
            for (String segment : namespace.split("/")) {
                purl.append(encode(segment)).append('/');
            }
        }
        purl.append(encode(name));
        if (version != null) {
            purl.append('@').append(encode(version));
        }
        if (qualifiers != null && !qualifiers.isEmpty()) {
            StringBuilder query = new StringBuilder();
            qualifiers.forEach((key, value) -> query.append(query.length() == 0 ? "" : "&")
                    .append(key.toLowerCase(Locale.ROOT)).append('=').append(encode(value)));
            purl.append('?').append(query);
        }
        return purl.toString();
    }

    /** Percent-encodes all but the purl's unreserved characters. */
    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** A digest of the BOM's bytes, for the build log. */
    static String digest(byte[] json) {
        return "sha256:" + Digests.sha256(json);
    }
}
