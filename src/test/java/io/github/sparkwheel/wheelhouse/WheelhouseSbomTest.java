package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import io.github.sparkwheel.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bill of materials of real wheels: pytest and its dependencies as published (../shared/wheels). */
class WheelhouseSbomTest {

    private static final WheelhouseSbom.Subject SUBJECT =
            new WheelhouseSbom.Subject("com.example", "clickstream", "1.4.0", "wheelhouse");

    @TempDir
    Path dir;

    private static Lock realWheels() throws Exception {
        Path wheels = Paths.get(System.getProperty("testWheels", "../shared/wheels"));
        List<WheelFile> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(wheels)) {
            for (Path wheel : listing.filter(p -> p.toString().endsWith(".whl")).sorted().collect(Collectors.toList())) {
                files.add(WheelFile.of(wheel));
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        return Lock.of(files);
    }

    @Test
    void json_isSchemaValidAndNamesEveryWheelWithItsHashLicenceAndDependencies() throws Exception {
        Lock lock = realWheels();
        byte[] json = WheelhouseSbom.json(SUBJECT, lock, "cp311-cp311-manylinux_2_36_x86_64", "0.1.0",
                Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
        Bom bom = new JsonParser().parse(json);
        assertThat(bom.getSpecVersion()).isEqualTo("1.6");
        assertThat(bom.getSerialNumber()).matches("urn:uuid:[0-9a-f-]{36}");
        assertThat(bom.getMetadata().getTimestamp().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        Component subject = bom.getMetadata().getComponent();
        assertThat(subject.getPurl()).isEqualTo("pkg:maven/com.example/clickstream@1.4.0?classifier=wheelhouse&type=zip");
        assertThat(subject.getType()).isEqualTo(Component.Type.APPLICATION);
        assertThat(bom.getMetadata().getToolChoice().getComponents()).singleElement()
                .satisfies(tool -> assertThat(tool.getName()).isEqualTo("pyspark-maven-plugin"));

        Map<String, Component> byName = new TreeMap<>();
        bom.getComponents().forEach(c -> byName.put(c.getName(), c));
        assertThat(byName).containsOnlyKeys(lock.wheels().stream().map(WheelFile::name).toArray(String[]::new));
        for (WheelFile wheel : lock.wheels()) {
            Component c = byName.get(wheel.name());
            assertThat(c.getVersion()).isEqualTo(wheel.version());
            assertThat(c.getPurl()).isEqualTo("pkg:pypi/" + wheel.name() + "@" + wheel.version());
            assertThat(c.getHashes()).singleElement().satisfies(h -> {
                assertThat(h.getAlgorithm()).isEqualTo("SHA-256");
                assertThat(h.getValue()).isEqualTo(Digests.sha256(wheel.path()));
            });
        }
        // licences as the wheels declare them: PEP 639 expressions, a License field that names an SPDX id
        assertThat(byName.get("iniconfig").getLicenses().getExpression().getValue()).isEqualTo("MIT");
        assertThat(byName.get("packaging").getLicenses().getExpression().getValue()).isEqualTo("Apache-2.0 OR BSD-2-Clause");
        assertThat(byName.get("pygments").getLicenses().getExpression().getValue()).isEqualTo("BSD-2-Clause");
        assertThat(byName.get("pluggy").getLicenses().getLicenses()).singleElement()
                .satisfies(l -> assertThat(l.getId()).isEqualTo("MIT"));

        // pytest requires the other four (its Windows-, old-Python- and extra-only requirements are not here);
        // the job's artifact depends on what no wheel requires
        Map<String, List<String>> graph = new TreeMap<>();
        for (Dependency d : bom.getDependencies()) {
            graph.put(d.getRef(), d.getDependencies() == null ? List.of()
                    : d.getDependencies().stream().map(Dependency::getRef).collect(Collectors.toList()));
        }
        assertThat(graph.get("pkg:pypi/pytest@9.1.1")).containsExactly("pkg:pypi/iniconfig@2.3.0",
                "pkg:pypi/packaging@26.3", "pkg:pypi/pluggy@1.6.0", "pkg:pypi/pygments@2.21.0");
        assertThat(graph.get("pkg:pypi/pluggy@1.6.0")).isEmpty();
        assertThat(graph.get(subject.getPurl())).containsExactly("pkg:pypi/pytest@9.1.1");
    }

    @Test
    void json_isTheSameBytesForTheSameWheelsAndNoTimestampWithoutOne() throws Exception {
        byte[] first = WheelhouseSbom.json(SUBJECT, realWheels(), "cp311-cp311-linux_x86_64", "0.1.0", null);
        byte[] second = WheelhouseSbom.json(SUBJECT, realWheels(), "cp311-cp311-linux_x86_64", "0.1.0", null);
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8))
                .doesNotContain("\"timestamp\"");
        // another job's BOM of the same wheels is another document
        byte[] other = WheelhouseSbom.json(new WheelhouseSbom.Subject("com.example", "other", "1", "wheelhouse"),
                realWheels(), "cp311-cp311-linux_x86_64", "0.1.0", null);
        assertThat(new JsonParser().parse(other).getSerialNumber()).isNotEqualTo(new JsonParser().parse(first).getSerialNumber());
    }

    @Test
    void aRuntimeBuild_namesTheRuntimesArchiveAndTheCPythonInIt_whichTheJobDependsOn() throws Exception {
        WheelhouseSbom.Runtime runtime = new WheelhouseSbom.Runtime(io.github.sparkwheel.runtime.RuntimeCoordinates
                .parse("org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64"), "ab".repeat(32), "3.11.3");
        byte[] json = WheelhouseSbom.json(SUBJECT, realWheels(), "cp311-cp311-manylinux_2_17_x86_64", "0.1.0", null,
                runtime);
        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
        Bom bom = new JsonParser().parse(json);
        Map<String, Component> byRef = new TreeMap<>();
        bom.getComponents().forEach(c -> byRef.put(c.getBomRef(), c));
        String archiveRef = "pkg:maven/org.bytedeco/cpython@3.11.3-1.5.9?classifier=linux-x86_64&type=jar";
        Component archive = byRef.get(archiveRef);
        assertThat(archive.getGroup()).isEqualTo("org.bytedeco");
        assertThat(archive.getPurl()).isEqualTo(archiveRef);
        assertThat(archive.getHashes()).singleElement().satisfies(h -> assertThat(h.getValue()).isEqualTo("ab".repeat(32)));
        Component cpython = byRef.get("cpython@3.11.3");
        assertThat(cpython.getName()).isEqualTo("cpython");
        assertThat(cpython.getVersion()).isEqualTo("3.11.3");
        assertThat(cpython.getCpe()).isEqualTo("cpe:2.3:a:python:python:3.11.3:*:*:*:*:*:*:*");
        assertThat(cpython.getLicenses().getLicenses()).singleElement().satisfies(l -> assertThat(l.getId()).isEqualTo("PSF-2.0"));
        assertThat(byRef.keySet()).noneMatch(ref -> ref.contains("pypi/pip@") || ref.contains("pypi/setuptools@"));

        Map<String, List<String>> graph = new TreeMap<>();
        for (Dependency d : bom.getDependencies()) {
            graph.put(d.getRef(), d.getDependencies() == null ? List.of()
                    : d.getDependencies().stream().map(Dependency::getRef).collect(Collectors.toList()));
        }
        assertThat(graph.get(SUBJECT.purl())).contains("pkg:pypi/pytest@9.1.1", archiveRef);
        assertThat(graph.get(archiveRef)).containsExactly("cpython@3.11.3");
        // reproducible: the same bytes again
        assertThat(WheelhouseSbom.json(SUBJECT, realWheels(), "cp311-cp311-manylinux_2_17_x86_64", "0.1.0", null, runtime))
                .isEqualTo(json);
    }

    @Test
    void licenses_fallsBackToClassifiersAndKeepsUnknownNamesAsNames() {
        WheelMetadata fullText = WheelMetadata.parse("Metadata-Version: 2.1\nName: oldlib\nVersion: 1\n"
                + "License: Copyright (c) 2005 Someone\n        All rights reserved.\n        Redistribution ...\n"
                + "Classifier: License :: OSI Approved :: Apache Software License\n"
                + "Classifier: License :: Other/Proprietary License\n"
                + "Classifier: Programming Language :: Python :: 3\n\nBody: not a header\n");
        assertThat(fullText.first("License")).startsWith("Copyright (c) 2005 Someone\nAll rights reserved.");
        assertThat(fullText.first("Body")).isNull();
        JsonArray choice = WheelhouseSbom.licenses(fullText);
        assertThat(choice).hasSize(2); // neither classifier says which licence exactly: both stay names
        assertThat(choice.get(0).getAsJsonObject().getAsJsonObject("license").get("name").getAsString())
                .isEqualTo("Apache Software License");
        assertThat(choice.get(1).getAsJsonObject().getAsJsonObject("license").get("name").getAsString())
                .isEqualTo("Other/Proprietary License");
        assertThat(WheelhouseSbom.licenses(WheelMetadata.parse("Name: x\nLicense: UNKNOWN\n"))).isNull();
        assertThat(WheelhouseSbom.licenses(WheelMetadata.parse("Name: x\n"))).isNull();
    }

    @Test
    void licenses_areNamedAsSpdxNamesThem_byIdFullNameOrUrl_andUnknownWordsStayWords() {
        assertThat(license("MIT License").get("id").getAsString()).isEqualTo("MIT"); // SPDX's full name
        assertThat(license("apache-2.0").get("id").getAsString()).isEqualTo("Apache-2.0"); // an id, any case
        assertThat(license("https://www.apache.org/licenses/LICENSE-2.0").get("id").getAsString())
                .isEqualTo("Apache-2.0"); // one of its URLs
        assertThat(license("Apache 2.0").get("id").getAsString()).isEqualTo("Apache-2.0"); // CycloneDX's mapping
        assertThat(license("Our Own Terms 1.0").get("name").getAsString()).isEqualTo("Our Own Terms 1.0");
        assertThat(SpdxLicenses.get().size()).as("the SPDX list the build takes from cyclonedx-core-java").isGreaterThan(500);
    }

    private static com.google.gson.JsonObject license(String field) {
        JsonArray licenses = WheelhouseSbom.licenses(WheelMetadata.parse("Name: x\nLicense: " + field + "\n"));
        assertThat(licenses).hasSize(1);
        return licenses.get(0).getAsJsonObject().getAsJsonObject("license");
    }

    @Test
    void purl_encodesWhatThePurlSpecificationEncodes() {
        assertThat(WheelhouseSbom.purl("pypi", null, "Typing_Extensions", "4.12.2+local.1", null))
                .isEqualTo("pkg:pypi/typing-extensions@4.12.2%2Blocal.1");
        java.util.TreeMap<String, String> qualifiers = new java.util.TreeMap<>(java.util.Map.of("type", "zip",
                "classifier", "wheel house"));
        assertThat(WheelhouseSbom.purl("maven", "com.example", "job", "1.0-SNAPSHOT", qualifiers))
                .isEqualTo("pkg:maven/com.example/job@1.0-SNAPSHOT?classifier=wheel%20house&type=zip");
    }

    @Test
    void requiredDistributions_skipsExtrasAndKeepsOtherMarkers() {
        WheelMetadata m = WheelMetadata.parse("Name: pandas\nRequires-Dist: numpy>=1.26.0; python_version >= \"3.12\"\n"
                + "Requires-Dist: python-dateutil (>=2.8.2)\nRequires-Dist: Tzdata>=2022.7\n"
                + "Requires-Dist: pyarrow>=10.0.1; extra == \"pyarrow\"\nRequires-Dist: numpy>=1.22.4; python_version < \"3.11\"\n");
        assertThat(m.requiredDistributions()).containsExactly("numpy", "python-dateutil", "tzdata");
    }

    @Test
    void json_ofAWheelWithoutLicenceOrMetadataFields() throws Exception {
        Lock lock = Lock.of(List.of(WheelFile.of(TestWheels.wheel(dir, "job-1.0-py3-none-any.whl", null))));
        byte[] json = WheelhouseSbom.json(SUBJECT, lock, "py3", "0.1.0", null);
        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
        Component job = new JsonParser().parse(json).getComponents().get(0);
        assertThat(job.getLicenses()).isNull();
        assertThat(job.getPurl()).isEqualTo("pkg:pypi/job@1.0");
    }
}
