package io.github.sparkwheel.spark;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * pyspark without a Spark home ({@code <pysparkArchives>}): Spark's own {@code pyspark.zip} and
 * {@code py4j-*-src.zip}, as files to upload or {@code local:} paths that exist on every node. YARN
 * gets them through {@code PYSPARK_ARCHIVES_PATH}; a Python on this machine (a client-mode driver,
 * the verify goal) imports the ones that exist here.
 */
public final class PysparkArchives {

    /** Put on the containers' PYTHONPATH as it is, and never uploaded: it names the gap when none are set. */
    public static final String NOT_SHIPPED = "local:pyspark-not-shipped--set-pysparkArchives.zip";

    private PysparkArchives() {}

    /** {@code PYSPARK_ARCHIVES_PATH}: URIs ({@code local:}, {@code hdfs:}) as they are, local paths as file URIs. */
    public static String forYarn(List<String> archives) {
        if (archives.isEmpty()) {
            return NOT_SHIPPED;
        }
        return archives.stream().map(a -> hasScheme(a) ? a : SparkUri.of(Paths.get(a)))
                .collect(Collectors.joining(","));
    }

    /**
     * The archives that exist on this machine, as a PYTHONPATH: plain paths, {@code file:} URIs, and
     * {@code local:} paths when this machine has them too (a gateway node); {@code null} when none do.
     */
    public static String localPythonPath(List<String> archives) {
        List<Path> local = localFiles(archives);
        return local.isEmpty() ? null : local.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** The archives that exist on this machine (see {@link #localPythonPath}). */
    public static List<Path> localFiles(List<String> archives) {
        List<Path> local = new ArrayList<>();
        for (String archive : archives) {
            Path file = localFile(archive);
            if (file != null && Files.isRegularFile(file)) {
                local.add(file);
            }
        }
        return local;
    }

    private static Path localFile(String archive) {
        if (!hasScheme(archive)) {
            return Paths.get(archive).toAbsolutePath();
        }
        if (archive.startsWith("local:")) {
            return Paths.get(archive.substring("local:".length()));
        }
        return archive.startsWith("file:") ? Paths.get(URI.create(archive)) : null;
    }

    /** A URI ({@code local:}, {@code hdfs:}, {@code file:}) rather than a local path. */
    public static boolean hasScheme(String archive) {
        return archive.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    }
}
