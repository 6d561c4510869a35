package io.github.sparkwheel.staging;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.protocol.LayerKind;
import io.github.sparkwheel.protocol.StagingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One file staged on the cluster's file system under a content address, {@code <kind>-<sha256>…}: a
 * file of that name is never written again, so a layer staged once is reused by every later
 * submission, and YARN's check that a localized file kept its modification time always holds.
 */
public final class Layer {

    private final LayerKind kind;
    private final Path file;
    private final String sha256;
    private final String stagedName;

    private Layer(LayerKind kind, Path file, String sha256, String stagedName) {
        this.kind = kind;
        this.file = file;
        this.sha256 = sha256;
        this.stagedName = stagedName;
    }

    /** A file staged as it is ({@code pyspark-<sha256>-pyspark.zip}): its name stays readable. */
    public static Layer ofFile(LayerKind kind, Path file) throws IOException {
        return ofFile(kind, file, Digests.sha256(file));
    }

    /** {@link #ofFile(LayerKind, Path)} of a file whose sha256 is known. */
    public static Layer ofFile(LayerKind kind, Path file, String sha256) {
        return new Layer(kind, file, sha256, kind.label() + "-" + sha256 + "-" + file.getFileName());
    }

    /**
     * A layer zip written to {@code written} and moved to {@code <directory>/<kind>-<sha256>.zip}, its
     * content address (an identical one already there stays, and the new copy goes).
     */
    static Layer moveToContentAddress(LayerKind kind, Path written, Path directory) throws IOException {
        String sha256 = Digests.sha256(written);
        String name = kind.label() + "-" + sha256 + ".zip";
        Path target = directory.resolve(name);
        if (Files.isRegularFile(target)) {
            Files.delete(written);
        } else {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Layer(kind, target, sha256, name);
    }

    /** A layer written earlier, found again by its name. */
    static Layer existing(LayerKind kind, Path file) {
        String name = file.getFileName().toString();
        return new Layer(kind, file, name.substring(kind.label().length() + 1, kind.label().length() + 65), name);
    }

    public LayerKind kind() {
        return kind;
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    /** Its file name in the staging directory's {@code layers/}. */
    public String stagedName() {
        return stagedName;
    }

    /** What the stager is told of this layer. */
    public StagingPlan.Entry entry() {
        return new StagingPlan.Entry(kind, file, stagedName);
    }

    @Override
    public String toString() {
        return kind.label() + " layer " + stagedName;
    }
}
