package io.github.sparkwheel.hadoop;

import io.github.sparkwheel.kerberos.KerberosLogin;
import io.github.sparkwheel.process.JvmCommand;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.protocol.Protocol;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private final KerberosLogin login;
    private final String proxyUser;

    /**
     * @param java the java to start; {@code null}: this JVM's
     * @param hadoopConfDir the Hadoop configuration directory, or {@code null} (a local master)
     * @param sparkHome a Spark installation whose {@code jars/} is the classpath, or {@code null} for {@code sparkJars}
     * @param moduleOptions the JDK module options of the Spark version
     * @param login how to log in to a Kerberos-secured cluster, or {@code null}
     * @param proxyUser whom the helpers act for ({@code <proxyUser>}), or {@code null}
     */
    public ClusterJvm(String java, Path hadoopConfDir, Path sparkHome, List<Path> sparkJars, List<String> moduleOptions,
            KerberosLogin login, String proxyUser) {
        this.java = java;
        this.hadoopConfDir = hadoopConfDir;
        this.sparkHome = sparkHome;
        this.sparkJars = List.copyOf(sparkJars);
        this.moduleOptions = List.copyOf(moduleOptions);
        this.login = login;
        this.proxyUser = proxyUser;
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

    /**
     * A JVM of {@code main} over {@link #classpath}, for its arguments to be added: Spark's module options, and with
     * Kerberos the krb5.conf and how a helper logs in ({@link Protocol#LOGIN_KEYTAB}, …).
     */
    public JvmCommand jvm(String main) throws IOException {
        JvmCommand jvm = JvmCommand.of(java).options(moduleOptions).classpath(classpath()).main(main);
        if (login != null) {
            jvm.options(login.jvmOptions());
            login.helperProperties().forEach(jvm::systemProperty);
        }
        if (proxyUser != null) {
            jvm.systemProperty(Protocol.LOGIN_PROXY_USER, proxyUser);
        }
        return jvm;
    }

    /** Variables every such JVM needs: the ticket cache it logs in from. */
    public Map<String, String> environment() {
        return login == null ? Map.of() : login.environment();
    }

    /** A quiet process spec of a helper with these arguments. */
    public ProcessSpec.Builder helper(Protocol.Program helper, List<String> args) throws IOException {
        if (helper.mainClass() == null) {
            throw new IllegalArgumentException(helper + " is not a helper of the plugin's");
        }
        return ProcessSpec.builder(jvm(helper.mainClass()).arguments(args).command()).environment(environment())
                .quiet(true);
    }
}
