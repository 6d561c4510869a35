package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PysparkFromIndexTest {

    @TempDir
    Path dir;

    private Path sdist(Map<String, String> entries) throws Exception {
        Path file = dir.resolve("pyspark-3.5.5.tar.gz");
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry("pyspark-3.5.5/" + e.getKey());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private static List<String> names(Path zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    @Test
    void repack_anSdist_keepsThePythonPackage_neverSparksJars() throws Exception {
        Map<String, String> entries = new TreeMap<>();
        entries.put("setup.py", "setup()");
        entries.put("PKG-INFO", "Name: pyspark");
        entries.put("deps/jars/spark-core_2.12-3.5.5.jar", "jar");
        entries.put("pyspark/__init__.py", "");
        entries.put("pyspark/sql/session.py", "class SparkSession: pass");
        entries.put("pyspark/jars/spark-sql_2.12-3.5.5.jar", "jar");
        entries.put("pyspark/bin/spark-submit", "#!/bin/sh");
        entries.put("pyspark/python/pyspark/shell.py", "");
        Path zip = dir.resolve("pyspark.zip");
        assertThat(PysparkFromIndex.repack(sdist(entries), "pyspark", zip)).isEqualTo(3);
        assertThat(names(zip)).containsExactly("pyspark/__init__.py", "pyspark/python/pyspark/shell.py",
                "pyspark/sql/session.py");
    }

    @Test
    void repack_aWheel() throws Exception {
        Path wheel = dir.resolve("py4j-0.10.9.7-py2.py3-none-any.whl");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(wheel))) {
            for (String name : List.of("py4j/__init__.py", "py4j/java_gateway.py", "py4j-0.10.9.7.dist-info/METADATA")) {
                out.putNextEntry(new ZipEntry(name));
                out.write("x".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Path zip = dir.resolve("py4j-0.10.9.7-src.zip");
        assertThat(PysparkFromIndex.repack(wheel, "py4j", zip)).isEqualTo(2);
        assertThat(names(zip)).containsExactly("py4j/__init__.py", "py4j/java_gateway.py");
    }

    @Test
    void repack_aDistributionWithoutThePackage_isSaidSo() throws Exception {
        Path sdist = sdist(Map.of("setup.py", "setup()"));
        assertThatThrownBy(() -> PysparkFromIndex.repack(sdist, "pyspark", dir.resolve("out.zip")))
                .isInstanceOf(UserError.class).hasMessageContaining("holds no pyspark/ package")
                .hasMessageContaining("<pysparkArchives>");
    }

    @Test
    void archives_fromTheCache_startNoPip() throws Exception {
        Path cached = Files.createDirectories(dir.resolve("cache/pyspark/3.5.5"));
        Files.writeString(cached.resolve("pyspark.zip"), "z");
        Files.writeString(cached.resolve("py4j-0.10.9.7-src.zip"), "z");
        Files.writeString(cached.resolve(".ready"), "");
        List<Path> archives = new PysparkFromIndex((spec, log) -> {
            throw new AssertionError("no process may start: " + spec.command());
        }, BuildLog.SILENT).archives("3.5.5", dir.resolve("cache"), new WheelhouseRequest());
        assertThat(archives).containsExactly(cached.resolve("pyspark.zip"), cached.resolve("py4j-0.10.9.7-src.zip"));
    }

    @Test
    void aVersionThatIsNone_isRefusedBeforePip() {
        assertThatThrownBy(() -> new PysparkFromIndex((spec, log) -> {
            throw new AssertionError("no process may start");
        }, BuildLog.SILENT).archives("../../etc", dir, new WheelhouseRequest())).isInstanceOf(UserError.class)
                .hasMessageContaining("-Dpyspark.sparkVersion");
    }
}
