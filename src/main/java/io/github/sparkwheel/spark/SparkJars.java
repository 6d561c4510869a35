package io.github.sparkwheel.spark;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Facts read from Spark's own jars. */
public final class SparkJars {

    private SparkJars() {}

    /**
     * The JDK module options this Spark version needs on JDK 17 ({@code JavaModuleOptions} of its
     * spark-launcher jar, as bin/spark-submit adds them); none for versions before it existed.
     */
    public static List<String> moduleOptions(List<Path> jars) {
        return moduleOptions(jars.stream());
    }

    /** {@link #moduleOptions(List)} of a Spark home's {@code jars/}, else of {@code jars}. */
    public static List<String> moduleOptions(Path sparkHome, List<Path> jars) throws IOException {
        if (sparkHome == null) {
            return moduleOptions(jars);
        }
        Path dir = sparkHome.resolve("jars");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return moduleOptions(files.sorted());
        }
    }

    private static List<String> moduleOptions(Stream<Path> jars) {
        Optional<Path> launcher = jars.filter(j -> j.getFileName().toString().startsWith("spark-launcher_"))
                .findFirst();
        if (launcher.isEmpty()) {
            return List.of();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {launcher.get().toUri().toURL()}, null)) {
            Class<?> options = loader.loadClass("org.apache.spark.launcher.JavaModuleOptions");
            try {
                Method array = options.getMethod("defaultModuleOptionArray"); // Spark 4
                return Arrays.asList((String[]) array.invoke(null));
            } catch (NoSuchMethodException olderSpark) {
                Method joined = options.getMethod("defaultModuleOptions"); // Spark 3.3 to 3.5: one string
                return Arrays.asList(((String) joined.invoke(null)).trim().split("\\s+"));
            }
        } catch (ReflectiveOperationException | java.io.IOException e) {
            return List.of();
        }
    }
}
