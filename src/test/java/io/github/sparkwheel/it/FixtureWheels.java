package io.github.sparkwheel.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Wheels for the ITs' indexes and find-links, written without a build backend (METADATA, WHEEL, RECORD
 * in a zip), with any tags: a wheel "built" for another platform or Python is a fixture wheel retagged.
 */
public final class FixtureWheels {

    private FixtureWheels() {}

    /**
     * @param tags {@code py3-none-any}, {@code cp310-cp310-manylinux2014_aarch64}, …
     * @param files path in the wheel → content
     */
    public static Path write(Path dir, String name, String version, String tags, Map<String, String> files)
            throws IOException {
        return write(dir, name, version, tags, files, java.util.List.of());
    }

    /** @param requires the wheel's {@code Requires-Dist} lines, e.g. {@code libc==1.0} */
    public static Path write(Path dir, String name, String version, String tags, Map<String, String> files,
            java.util.List<String> requires) throws IOException {
        Files.createDirectories(dir);
        Path wheel = dir.resolve(name + "-" + version + "-" + tags + ".whl");
        String distInfo = name + "-" + version + ".dist-info/";
        Map<String, String> entries = new TreeMap<>(files);
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        requires.forEach(r -> metadata.append("Requires-Dist: ").append(r).append('\n'));
        entries.put(distInfo + "METADATA", metadata.toString());
        entries.put(distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: pyspark-maven-plugin-it\nRoot-Is-Purelib: "
                + tags.endsWith("-none-any") + "\n" + tagLines(tags));
        entries.put(distInfo + "RECORD", "");
        try (OutputStream out = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(315532800000L);
                zip.putNextEntry(entry);
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return wheel;
    }

    private static String tagLines(String tags) {
        String[] parts = tags.split("-");
        StringBuilder lines = new StringBuilder();
        for (String python : parts[0].split("\\.")) {
            for (String abi : parts[1].split("\\.")) {
                for (String platform : parts[2].split("\\.")) {
                    lines.append("Tag: ").append(python).append('-').append(abi).append('-').append(platform).append('\n');
                }
            }
        }
        return lines.toString();
    }
}
