package io.github.sparkwheel.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkRuntimeLayerTest {

    @TempDir
    Path dir;

    @Test
    void of_sparksJarsAtTheRootOfOneStoredZip_writtenOnce() throws Exception {
        Path jars = Files.createDirectories(dir.resolve("m2"));
        List<Path> classpath = List.of(Files.write(jars.resolve("spark-core_2.12-3.5.5.jar"), new byte[] {1, 2, 3}),
                Files.write(jars.resolve("scala-library-2.12.18.jar"), new byte[] {4, 5}));
        Layer layer = SparkRuntimeLayer.of(classpath, dir.resolve("layers"));
        assertThat(layer.kind()).isEqualTo(io.github.sparkwheel.protocol.LayerKind.SPARK_RUNTIME);
        assertThat(layer.stagedName()).isEqualTo("spark-runtime-" + Digests.sha256(layer.file()) + ".zip");
        List<String> names = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(layer.file()).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                names.add(entry.getName());
                assertThat(entry.getMethod()).isEqualTo(ZipArchiveEntry.STORED);
            }
        }
        assertThat(names).containsExactly("scala-library-2.12.18.jar", "spark-core_2.12-3.5.5.jar");

        // the same jars: found again, not zipped again; other jars: another layer
        FileTime written = Files.getLastModifiedTime(layer.file());
        Files.setLastModifiedTime(layer.file(), FileTime.fromMillis(written.toMillis() - 60_000));
        assertThat(SparkRuntimeLayer.of(classpath, dir.resolve("layers")).file()).isEqualTo(layer.file());
        assertThat(Files.getLastModifiedTime(layer.file()).toMillis()).isEqualTo(written.toMillis() - 60_000);
        Files.write(classpath.get(1), new byte[] {4, 5, 6});
        assertThat(SparkRuntimeLayer.of(classpath, dir.resolve("layers")).stagedName()).isNotEqualTo(layer.stagedName());
    }
}
