package io.github.sparkwheel.hadoop;

import io.github.sparkwheel.process.JvmCommand;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.protocol.Protocol;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM over the Hadoop client that Spark brings, for the plugin's code that talks to the cluster: {@code java
 * <Spark's module options> -cp <hadoop conf>:<Spark's jars>:<this plugin> <main> <args>}. The helpers ({@link
 * Protocol.Program}) and the submit launcher run in such JVMs; the plugin's own JVM has no Hadoop and loads none of
 * them. Every such JVM is composed here: the Hadoop configuration directory first on the classpath (else the client
 * retries 0.0.0.0:8032 for ever), the JDK module options of that Spark version.
 */
public final class ClusterJvm {

    private final String java;
    private final Path hadoopConfDir;
    private final Path sparkHome;
    private final List<Path> sparkJars;
    private final List<String> moduleOptions;

    /**
     * @param java the java to start; {@code null}: this JVM's
     * @param hadoopConfDir the Hadoop configuration directory, or {@code null} (a local master)
     * @param sparkHome a Spark installation whose {@code jars/} is the classpath, or {@code null} for {@code sparkJars}
     * @param moduleOptions the JDK module options of the Spark version
     */
    public ClusterJvm(String java, Path hadoopConfDir, Path sparkHome, List<Path> sparkJars, List<String> moduleOptions) {
        this.java = java;
        this.hadoopConfDir = hadoopConfDir;
        this.sparkHome = sparkHome;
        this.sparkJars = List.copyOf(sparkJars);
        this.moduleOptions = List.copyOf(moduleOptions);
    }

    /** The jar (or classes directory) this plugin runs from: the helpers' classes are there. */
    public static Path pluginJar() throws IOException {
        try {
            return Paths.get(ClusterJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("could not locate the plugin's own jar: " + e.getMessage(), e);
        }
    }

    /** Spark's classpath for a helper: the Hadoop conf first, the Spark home's jars (else the resolved ones), the plugin. */
    List<String> classpath() throws IOException {
        List<String> classpath = new ArrayList<>();
        if (hadoopConfDir != null) {
            classpath.add(hadoopConfDir.toString());
        }
        if (sparkHome != null) {
            classpath.add(sparkHome.resolve("jars").resolve("*").toString());
        } else {
            sparkJars.forEach(jar -> classpath.add(jar.toString()));
        }
        classpath.add(pluginJar().toString());
        return classpath;
    }

    /** A JVM of {@code main} over {@link #classpath}, for its arguments to be added. */
    public JvmCommand jvm(String main) throws IOException {
        return JvmCommand.of(java).options(moduleOptions).classpath(classpath()).main(main);
    }

    /** A quiet process spec of a helper with these arguments. */
    public ProcessSpec.Builder helper(Protocol.Program helper, List<String> args) throws IOException {
        if (helper.mainClass() == null) {
            throw new IllegalArgumentException(helper + " is not a helper of the plugin's");
        }
        return ProcessSpec.builder(jvm(helper.mainClass()).arguments(args).command()).quiet(true);
    }
}
