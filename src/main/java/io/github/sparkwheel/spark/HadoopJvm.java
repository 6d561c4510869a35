package io.github.sparkwheel.spark;

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
 * {@code YarnLogs}, {@code LayerStager}). The plugin's own JVM has no Hadoop and loads none of them,
 * so they are named by their class names.
 */
public final class HadoopJvm {

    public static final String YARN_KILL = "io.github.sparkwheel.spark.YarnKill";
    public static final String YARN_LOGS = "io.github.sparkwheel.spark.YarnLogs";
    public static final String LAYER_STAGER = "io.github.sparkwheel.staging.LayerStager";
    public static final String STAGE_THEN_SUBMIT = "io.github.sparkwheel.staging.StageThenSubmit";

    private HadoopJvm() {}

    /** The jar (or classes directory) this plugin runs from: the helpers' classes are there. */
    public static Path pluginJar() throws IOException {
        try {
            return Paths.get(HadoopJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("could not locate the plugin's own jar: " + e.getMessage(), e);
        }
    }

    /** Spark's classpath for a helper: the Spark home's jars, else the resolved ones; the Hadoop conf first. */
    static List<String> classpath(SubmitRequest request) throws IOException {
        List<String> classpath = new ArrayList<>();
        classpath.add(request.hadoopConfDir.toString());
        if (request.sparkHome != null) {
            classpath.add(request.sparkHome.resolve("jars").resolve("*").toString());
        } else {
            request.sparkJars.forEach(jar -> classpath.add(jar.toString()));
        }
        classpath.add(pluginJar().toString());
        return classpath;
    }

    /** A quiet process spec of {@code main} over {@link #classpath}. */
    static ProcessSpec.Builder helper(SubmitRequest request, String main, List<String> args) throws IOException {
        String java = request.javaExecutable != null ? request.javaExecutable
                : Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, classpath(request)),
                main));
        command.addAll(args);
        return ProcessSpec.builder(command).quiet(true);
    }
}
