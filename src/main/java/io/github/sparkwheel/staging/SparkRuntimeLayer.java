package io.github.sparkwheel.staging;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.protocol.LayerKind;
import io.github.sparkwheel.wheelhouse.ReproducibleZip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * The Spark runtime as one layer: Spark's jars in one STORED zip, given to Spark as
 * {@code spark.yarn.archive} (YARN unpacks it as {@code __spark_libs__}, the containers' classpath).
 * One file to stage and localize instead of a few hundred, staged once per Spark distribution.
 */
public final class SparkRuntimeLayer {

    private SparkRuntimeLayer() {}

    /**
     * The layer of {@code jars}, written to {@code directory} once: later calls with the same jars (same
     * names, sizes and times) find it by an index instead of zipping and hashing again.
     */
    public static Layer of(List<Path> jars, Path directory) throws IOException {
        StringBuilder key = new StringBuilder();
        for (Path jar : jars) {
            key.append(jar.getFileName()).append('\t').append(Files.size(jar)).append('\t')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
        }
        Path index = directory.resolve("spark-runtime-" + Digests.sha256(key.toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 16) + ".layer");
        if (Files.isRegularFile(index)) {
            Path layer = directory.resolve(Files.readString(index, StandardCharsets.UTF_8).trim());
            if (Files.isRegularFile(layer)) {
                return Layer.existing(LayerKind.SPARK_RUNTIME, layer);
            }
        }
        Files.createDirectories(directory);
        ReproducibleZip zip = new ReproducibleZip(ReproducibleZip.DEFAULT_TIMESTAMP);
        for (Path jar : jars) {
            zip.add(jar.getFileName().toString(), jar, false, true);
        }
        Path written = directory.resolve(".spark-runtime-" + UUID.randomUUID() + ".zip");
        zip.writeTo(written);
        Layer layer = Layer.moveToContentAddress(LayerKind.SPARK_RUNTIME, written, directory);
        Path tmp = directory.resolve(index.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(tmp, layer.stagedName() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return layer;
    }
}
