package io.github.sparkwheel.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * pyspark as the Python index publishes it, built from a real pyspark.zip for the ITs' loopback index: an sdist
 * {@code pyspark-<version>.tar.gz} laid out as Spark's own (the Python package under {@code pyspark/}, Spark's jars
 * under {@code deps/jars/}, a setup.py pinning py4j), and a py4j wheel from the py4j zip Spark ships.
 */
public final class PysparkSdist {

    /** The name of the jar the sdist carries, which must never reach the plugin's cache. */
    public static final String JAR = "spark-core_2.12.jar";

    private PysparkSdist() {}

    /** Writes {@code pyspark-<version>.tar.gz} and {@code py4j-<py4jVersion>-py2.py3-none-any.whl} into {@code dir}. */
    public static void write(Path pysparkZip, Path py4jZip, String version, String py4jVersion, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        String top = "pyspark-" + version + "/";
        try (OutputStream file = Files.newOutputStream(dir.resolve("pyspark-" + version + ".tar.gz"));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, top + "PKG-INFO", ("Metadata-Version: 2.1\nName: pyspark\nVersion: " + version + "\nRequires-Dist: py4j=="
                    + py4jVersion + "\n").getBytes(StandardCharsets.UTF_8));
            add(tar, top + "setup.py", ("from setuptools import setup\n\nsetup(name=\"pyspark\", version=\"" + version
                    + "\", packages=[], install_requires=[\"py4j==" + py4jVersion + "\"])\n").getBytes(StandardCharsets.UTF_8));
            add(tar, top + "deps/jars/" + JAR, "not Spark's jar: the plugin must not keep it".getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> entry : entries(pysparkZip, "pyspark/").entrySet()) {
                add(tar, top + entry.getKey(), entry.getValue());
            }
        }
        Map<String, String> py4j = new TreeMap<>();
        entries(py4jZip, "py4j/").forEach((name, bytes) -> py4j.put(name, new String(bytes, StandardCharsets.UTF_8)));
        FixtureWheels.write(dir, "py4j", py4jVersion, "py2.py3-none-any", py4j);
    }

    private static Map<String, byte[]> entries(Path zip, String prefix) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
