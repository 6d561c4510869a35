package io.github.sparkwheel.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A Spark installation: the one configured, else {@code SPARK_HOME}. */
public final class SparkHome {

    private SparkHome() {}

    /** @return {@code configured}, else a non-blank {@code SPARK_HOME}, else {@code null} */
    public static Path find(Path configured, Map<String, String> env) {
        if (configured != null) {
            return configured;
        }
        String home = env.get("SPARK_HOME");
        return home == null || home.isBlank() ? null : Paths.get(home);
    }

    /** {@code <home>/python} and its py4j zip as a PYTHONPATH, or {@code null} when there is no python/ there. */
    public static String pythonPath(Path home) throws IOException {
        if (home == null || !Files.isDirectory(home.resolve("python"))) {
            return null;
        }
        List<String> entries = new ArrayList<>();
        entries.add(home.resolve("python").toString());
        if (Files.isDirectory(home.resolve("python/lib"))) {
            try (Stream<Path> libs = Files.list(home.resolve("python/lib"))) {
                libs.filter(p -> p.getFileName().toString().startsWith("py4j")).sorted()
                        .forEach(p -> entries.add(p.toString()));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
