package io.github.sparkwheel.wheelhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small wheels (no build backend needed) for unit tests; the same arguments give the same bytes. */
public final class TestWheels {

    private TestWheels() {}

    public static Path wheel(Path dir, String fileName, String entryPoints) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        String[] parts = fileName.split("-");
        String distInfo = parts[0] + "-" + parts[1] + ".dist-info/";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, parts[0] + "/__init__.py", "");
            put(zip, distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + parts[0] + "\nVersion: " + parts[1] + "\n");
            if (entryPoints != null) {
                put(zip, distInfo + "entry_points.txt", entryPoints);
            }
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(315532800000L); // 1980-01-01: no build time in the bytes
        zip.putNextEntry(entry);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
