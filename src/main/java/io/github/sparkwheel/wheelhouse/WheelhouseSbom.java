package io.github.sparkwheel.wheelhouse;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.github.sparkwheel.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.util.LicenseResolver;

/**
 * The CycloneDX bill of materials of a wheelhouse: the job (a Maven artifact) as its subject, one component per
 * wheel with its sha256 and licence (from the wheel's METADATA), and the dependency graph the wheels declare.
 * Its bytes depend only on the wheels, the subject and the build's timestamp.
 */
public final class WheelhouseSbom {

    public static final Version SPEC_VERSION = Version.VERSION_16;
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
            return WheelhouseSbom.purl(PackageURL.StandardTypes.MAVEN, groupId, artifactId, version, qualifiers);
        }

        @Override
        public String toString() {
            return purl();
        }
    }

    private WheelhouseSbom() {}

    /**
     * Loads the JSON writer and the licence list (about 0.7 s the first time in a JVM) on a daemon thread, to be
     * called before pip runs: the BOM is then written in a tenth of that once the wheels are there.
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            try { // a BOM of one of each: every class and serializer the real one needs
                Bom bom = new Bom();
                Component component = new Component();
                component.setType(Component.Type.LIBRARY);
                component.setName("warm-up");
                component.setPurl(purl(PackageURL.StandardTypes.PYPI, null, "warm-up", "1", null));
                component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, "0".repeat(64))));
                component.setLicenses(licenses(WheelMetadata.parse("Name: warm-up\nLicense: MIT\n")));
                component.addProperty(property("warm-up", "1"));
                bom.addComponent(component);
                Dependency dependency = new Dependency(component.getPurl());
                dependency.addDependency(new Dependency(component.getPurl()));
                bom.setDependencies(List.of(dependency));
                BomGeneratorFactory.createJson(SPEC_VERSION, bom).toJsonString();
            } catch (GeneratorException | RuntimeException ignored) {
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
        Map<String, Component> components = new TreeMap<>();
        Map<String, List<String>> requires = new TreeMap<>();
        for (WheelFile wheel : lock.wheels()) {
            String text = wheel.metadata();
            WheelMetadata metadata = WheelMetadata.parse(text == null ? "" : text);
            components.put(wheel.name(), component(wheel, metadata));
            requires.put(wheel.name(), metadata.requiredDistributions());
        }

        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes((subject.purl() + "\n" + lock.text())
                .getBytes(StandardCharsets.UTF_8)));
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(timestamp == null ? null : Date.from(timestamp)); // the library's default is now
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setGroup("io.github.sparkwheel");
        tool.setName("pyspark-maven-plugin");
        tool.setVersion(pluginVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component job = new Component();
        job.setType(Component.Type.APPLICATION);
        job.setGroup(subject.groupId);
        job.setName(subject.artifactId);
        job.setVersion(subject.version);
        job.setPurl(subject.purl());
        job.setBomRef(subject.purl());
        job.addProperty(property("python", pythonTag));
        metadata.setComponent(job);
        bom.setMetadata(metadata);
        bom.setComponents(new ArrayList<>(components.values()));

        // the graph, limited to the wheels in the wheelhouse; the subject depends on what no wheel requires
        Set<String> required = new TreeSet<>();
        List<Dependency> dependencies = new ArrayList<>();
        for (Map.Entry<String, List<String>> wheel : requires.entrySet()) {
            Dependency dependency = new Dependency(components.get(wheel.getKey()).getBomRef());
            for (String name : new TreeSet<>(wheel.getValue())) {
                if (components.containsKey(name) && !name.equals(wheel.getKey())) {
                    dependency.addDependency(new Dependency(components.get(name).getBomRef()));
                    required.add(name);
                }
            }
            dependencies.add(dependency);
        }
        Dependency root = new Dependency(subject.purl());
        for (String name : components.keySet()) {
            if (!required.contains(name)) {
                root.addDependency(new Dependency(components.get(name).getBomRef()));
            }
        }
        dependencies.add(0, root);
        bom.setDependencies(dependencies);
        try {
            return (BomGeneratorFactory.createJson(SPEC_VERSION, bom).toJsonString() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneratorException e) {
            throw new IOException("Cannot write the bill of materials of " + subject + ": " + e.getMessage(), e);
        }
    }

    private static Component component(WheelFile wheel, WheelMetadata metadata) {
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setName(wheel.name());
        component.setVersion(wheel.version());
        String purl = purl(PackageURL.StandardTypes.PYPI, null, wheel.name(), wheel.version(), null);
        component.setPurl(purl);
        component.setBomRef(purl);
        String summary = metadata.first("Summary");
        if (summary != null && !summary.isBlank()) {
            component.setDescription(summary);
        }
        component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, wheel.sha256())));
        LicenseChoice licenses = licenses(metadata);
        if (licenses != null) {
            component.setLicenses(licenses);
        }
        component.addProperty(property("wheel", Manifest.WHEEL_DIRECTORY + "/" + wheel.fileName()));
        return component;
    }

    /**
     * The wheel's licence: its {@code License-Expression} (PEP 639, SPDX), else its {@code License} field (an SPDX
     * id where it names one), else its {@code License ::} classifiers; {@code null} when it declares none.
     */
    static LicenseChoice licenses(WheelMetadata metadata) {
        String expression = metadata.first("License-Expression");
        if (expression != null && !expression.isBlank()) {
            LicenseChoice choice = new LicenseChoice();
            choice.setExpression(new Expression(expression.trim()));
            return choice;
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
        LicenseChoice choice = new LicenseChoice();
        Set<String> seen = new TreeSet<>();
        for (String name : names) {
            LicenseChoice resolved = LicenseResolver.resolve(name, false);
            if (resolved != null && resolved.getLicenses() != null && !resolved.getLicenses().isEmpty()) {
                for (License license : resolved.getLicenses()) {
                    if (seen.add(license.getId() != null ? license.getId() : license.getName())) {
                        choice.addLicense(license);
                    }
                }
            } else if (seen.add(name)) {
                License license = new License();
                license.setName(name);
                choice.addLicense(license);
            }
        }
        return choice;
    }

    private static Property property(String name, String value) {
        Property property = new Property();
        property.setName(PROPERTY_PREFIX + name);
        property.setValue(value);
        return property;
    }

    private static String purl(String type, String namespace, String name, String version,
            TreeMap<String, String> qualifiers) {
        try {
            return new PackageURL(type, namespace, name, version, qualifiers, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("Cannot name " + name + " " + version + " as a package URL: "
                    + e.getMessage(), e);
        }
    }

    /** A digest of the BOM's bytes, for the build log. */
    static String digest(byte[] json) {
        return "sha256:" + Digests.sha256(json);
    }
}
