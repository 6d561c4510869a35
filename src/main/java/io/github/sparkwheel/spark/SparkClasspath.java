package io.github.sparkwheel.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars Spark puts on every driver and executor classpath (a Spark home's {@code jars/}, or the
 * distribution resolved from Maven), known by artifact id. A connector's dependencies that Spark
 * already has must not be shipped again with {@code --jars}: a second copy, perhaps of another
 * version, would only come after Spark's own on the classpath.
 */
public final class SparkClasspath {

    /** {@code artifactId-version[-classifier].jar}, the name of a jar in a Maven repository and in Spark's jars/. */
    private static final Pattern JAR = Pattern.compile("^(.+?)-(\\d[\\w.]*(?:-[\\w.]+)?)\\.jar$");

    private final Map<String, Path> byArtifactId = new LinkedHashMap<>();

    private SparkClasspath(List<Path> jars) {
        for (Path jar : jars) {
            artifactId(jar).ifPresent(id -> byArtifactId.putIfAbsent(id, jar));
        }
    }

    public static SparkClasspath of(List<Path> jars) {
        return new SparkClasspath(jars);
    }

    /** The jars of a Spark installation ({@code <home>/jars/*.jar}). */
    public static SparkClasspath ofSparkHome(Path home) throws IOException {
        Path dir = home.resolve("jars");
        if (!Files.isDirectory(dir)) {
            return new SparkClasspath(List.of());
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new SparkClasspath(files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList()));
        }
    }

    /** The classpath of a Spark: its Spark home's jars, else the resolved ones. */
    public static SparkClasspath of(Path sparkHome, List<Path> sparkJars) throws IOException {
        return sparkHome != null ? ofSparkHome(sparkHome) : of(sparkJars);
    }

    /** The artifact id a jar's file name gives, if it is named as Maven names jars. */
    static Optional<String> artifactId(Path jar) {
        Matcher m = JAR.matcher(jar.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Spark's jar of the same artifact (whatever its version), if it has one. */
    public Optional<Path> sparksCopyOf(Path jar) {
        return artifactId(jar).map(byArtifactId::get);
    }

    /** {@code jars} split into those to ship and those Spark already has. */
    public Split split(List<Path> jars) {
        List<Path> ship = new ArrayList<>();
        List<Path> provided = new ArrayList<>();
        for (Path jar : jars) {
            (sparksCopyOf(jar).isPresent() ? provided : ship).add(jar);
        }
        return new Split(ship, provided);
    }

    /** The outcome of {@link #split}. */
    public static final class Split {
        public final List<Path> ship;
        public final List<Path> alreadyOnSparkClasspath;

        Split(List<Path> ship, List<Path> alreadyOnSparkClasspath) {
            this.ship = List.copyOf(ship);
            this.alreadyOnSparkClasspath = List.copyOf(alreadyOnSparkClasspath);
        }
    }
}
