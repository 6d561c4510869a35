package io.github.sparkwheel.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A Spark installation: the one configured, else {@code SPARK_HOME}. */
public final class SparkHome {

    /** The first line of a distribution's RELEASE file: {@code Spark 3.5.5 built for Hadoop 3.3.4}. */
    private static final Pattern RELEASE = Pattern.compile("^Spark (\\S+) built for .*");
    /** Its core jar: {@code jars/spark-core_2.12-3.5.5.jar}. */
    private static final Pattern CORE_JAR = Pattern.compile("^spark-core_[0-9.]+-(.+)\\.jar$");

    private SparkHome() {}

    /** The installation's Spark version, from its RELEASE file or its spark-core jar; empty when neither says. */
    public static Optional<String> version(Path home) throws IOException {
        Path release = home.resolve("RELEASE");
        if (Files.isRegularFile(release)) {
            for (String line : Files.readAllLines(release, java.nio.charset.StandardCharsets.UTF_8)) {
                Matcher m = RELEASE.matcher(line.trim());
                if (m.matches()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        if (Files.isDirectory(home.resolve("jars"))) {
            try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
                return jars.map(j -> CORE_JAR.matcher(j.getFileName().toString())).filter(Matcher::matches)
                        .map(m -> m.group(1)).findFirst();
            }
        }
        return Optional.empty();
    }

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
