package io.github.sparkwheel.testing;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.SharedCache;
import io.github.sparkwheel.process.JvmCommand;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A Spark home for a test's {@code SparkSession.builder.getOrCreate()} when no Spark is installed: pyspark starts
 * {@code $SPARK_HOME/bin/spark-submit pyspark-shell}, and here that script starts SparkSubmit on the Spark jars
 * resolved from Maven and the module's own jar dependencies (so that a Java UDF of the same reactor is callable
 * from a Python test), with the JDK module options of that Spark version; {@code python/lib} holds pyspark and
 * py4j, where Spark's Python workers look for them.
 */
public final class LocalSparkHome {

    /** The driver's heap, as Spark's own default {@code spark.driver.memory}. */
    static final String DRIVER_MEMORY = "1g";

    private LocalSparkHome() {}

    /**
     * Writes the home into {@code home} (replacing an earlier one).
     *
     * @param java the JVM to run
     * @param moduleOptions the JDK module options of the Spark version
     * @param classpath Spark's jars, then the module's
     * @param pysparkArchives pyspark.zip and py4j-*-src.zip
     */
    public static Path write(Path home, String java, List<String> moduleOptions, List<Path> classpath,
            List<Path> pysparkArchives) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        List<String> entries = new ArrayList<>();
        classpath.forEach(p -> entries.add(p.toAbsolutePath().toString()));
        List<String> command = JvmCommand.of(java).heap(DRIVER_MEMORY).options(moduleOptions).classpath(entries)
                .main("org.apache.spark.deploy.SparkSubmit").command();
        StringBuilder script = new StringBuilder("#!/bin/sh\n")
                .append("# written by pyspark-maven-plugin's test goal: Spark from Maven, for pyspark's launcher\n")
                .append("exec");
        command.forEach(c -> script.append(' ').append(shellQuote(c)));
        script.append(" \"$@\"\n");
        Path submit = bin.resolve("spark-submit");
        Files.writeString(submit, script.toString(), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            submit.toFile().setExecutable(true);
        }

        // pyspark's archives, copied when they changed (pyspark.zip is a few MB); no other file stays
        Path lib = Files.createDirectories(home.resolve("python/lib"));
        Set<Path> copies = new HashSet<>();
        for (Path archive : pysparkArchives) {
            String name = archive.getFileName().toString().startsWith("pyspark") ? "pyspark.zip"
                    : archive.getFileName().toString();
            Path copy = lib.resolve(name);
            copies.add(copy);
            if (!Files.isRegularFile(copy) || !Digests.stamp(copy).equals(Digests.stamp(archive))) {
                Files.copy(archive, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (Stream<Path> present = Files.list(lib)) {
            for (Path stale : (Iterable<Path>) present.filter(p -> !copies.contains(p))::iterator) {
                SharedCache.deleteRecursively(stale);
            }
        }

        return home;
    }

    /**
     * {@code PYSPARK_SUBMIT_ARGS} for pyspark's launcher: Spark's scratch space, warehouse and Ivy cache under
     * {@code scratch}, the extra driver classpath (for a Spark home of the user's; the generated one has it on its
     * classpath), then {@code pyspark-shell}. A test's own {@code builder.config(…)} still wins: pyspark applies it
     * to the driver's conf after the launch.
     */
    public static String submitArgs(Path scratch, List<Path> driverClassPath) {
        Map<String, String> conf = new TreeMap<>();
        conf.put("spark.local.dir", scratch.resolve("spark-local").toAbsolutePath().toString());
        conf.put("spark.sql.warehouse.dir", scratch.resolve("spark-warehouse").toAbsolutePath().toUri().toString());
        conf.put("spark.jars.ivy", scratch.resolve("ivy").toAbsolutePath().toString());
        List<String> args = new ArrayList<>();
        if (!driverClassPath.isEmpty()) {
            List<String> entries = new ArrayList<>();
            driverClassPath.forEach(p -> entries.add(p.toAbsolutePath().toString()));
            args.add("--driver-class-path");
            args.add(String.join(File.pathSeparator, entries));
        }
        conf.forEach((k, v) -> {
            args.add("--conf");
            args.add(k + "=" + v);
        });
        args.add("pyspark-shell");
        StringBuilder text = new StringBuilder();
        args.forEach(a -> text.append(text.length() == 0 ? "" : " ").append(shellQuote(a)));
        return text.toString();
    }

    /** {@code 'text'} for sh, single quotes inside closed and reopened. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
