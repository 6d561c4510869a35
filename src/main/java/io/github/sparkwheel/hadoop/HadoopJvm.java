package io.github.sparkwheel.hadoop;

import io.github.sparkwheel.process.ProcessSpec;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM over the Hadoop client that Spark brings: {@code java -cp <hadoop conf>:<Spark's jars>:<this
 * plugin> <main> <args>}, for the plugin's helpers that speak to YARN and HDFS ({@code YarnKill},
 * {@code YarnLogs}, {@code LayerStager}). The plugin's own JVM has no Hadoop and loads none of them:
 * each is named by its class name, beside its own kind ({@code YarnApplications}, {@code StagingPlan}).
 */
public final class HadoopJvm {

    private final String java;
    private final Path hadoopConfDir;
    private final Path sparkHome;
    private final List<Path> sparkJars;

    /**
     * @param java the java to start; {@code null}: this JVM's
     * @param sparkHome a Spark installation whose {@code jars/} is the classpath, or {@code null} for {@code sparkJars}
     */
    public HadoopJvm(String java, Path hadoopConfDir, Path sparkHome, List<Path> sparkJars) {
        this.java = java != null ? java : Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        this.hadoopConfDir = hadoopConfDir;
        this.sparkHome = sparkHome;
        this.sparkJars = List.copyOf(sparkJars);
    }

    /** The jar (or classes directory) this plugin runs from: the helpers' classes are there. */
    public static Path pluginJar() throws IOException {
        try {
            return Paths.get(HadoopJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("could not locate the plugin's own jar: " + e.getMessage(), e);
        }
    }

    /** Spark's classpath for a helper: the Spark home's jars, else the resolved ones; the Hadoop conf first. */
    List<String> classpath() throws IOException {
        List<String> classpath = new ArrayList<>();
        classpath.add(hadoopConfDir.toString());
        if (sparkHome != null) {
            classpath.add(sparkHome.resolve("jars").resolve("*").toString());
        } else {
            sparkJars.forEach(jar -> classpath.add(jar.toString()));
        }
        classpath.add(pluginJar().toString());
        return classpath;
    }

    /** A quiet process spec of {@code main} over {@link #classpath}. */
    public ProcessSpec.Builder helper(String main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, classpath()), main));
        command.addAll(args);
        return ProcessSpec.builder(command).quiet(true);
    }
}
