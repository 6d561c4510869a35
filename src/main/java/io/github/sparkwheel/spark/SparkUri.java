package io.github.sparkwheel.spark;

import java.nio.file.Path;

/** How local files are named to Spark. */
public final class SparkUri {

    private SparkUri() {}

    /**
     * A local file as the URI Spark expects in {@code --archives}, {@code --jars}, {@code --files} and
     * {@code spark.yarn.jars}: Spark parses those as URIs, so a path with a space (or a {@code #}) only
     * survives percent-encoded; {@code file:/a b/x.zip#wheelhouse} would be taken for a file of that name.
     */
    public static String of(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }
}
