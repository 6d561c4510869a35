package io.github.sparkwheel.yarn;

import io.github.sparkwheel.maven.TestRepositories;
import io.github.sparkwheel.spark.SparkJars;
import io.github.sparkwheel.testing.LocalSparkHome;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Starts a real Apache Livy server for the gateway ITs: {@code org.apache.livy:livy-server:0.7.1-incubating}, the only
 * release on Maven Central, in a JVM of its own (its Scala 2.11, Hadoop 2.7 and Jetty 9.3 jars never on this classpath
 * or the plugin's), in front of the open MiniYARNCluster that {@link MiniYarnLauncher} started. Its Spark home is
 * Spark 3.5.5 resolved from Maven as the submit goal resolves it, written as the test goal writes one
 * ({@link LocalSparkHome}: {@code bin/spark-submit} runs SparkSubmit on those jars, with the cluster's configuration on
 * its classpath) with {@code python/lib} holding the real pyspark; as a cluster's administrator would, the launcher
 * puts Spark's jars on HDFS once and names them in the home's {@code spark-defaults.conf} ({@code spark.yarn.jars}),
 * so that a batch does not upload 265 MB. Livy runs batches in cluster mode with its CSRF protection on, and accepts
 * {@code file:} paths below {@code <dir>/local/}.
 *
 * <p>Where nginx is installed (Debian's package; {@code .ci/run} installs it), a gateway in front of Livy as Apache
 * Knox is in front of it on company clusters: TLS with a certificate of its own (a CA file beside it), a path prefix
 * ({@code /gateway/default/livy/v1}) and basic authentication.
 *
 * <p>Writes {@code <dir>/livy.properties} when all is ready (the ITs wait for it): {@code url}, {@code gatewayUrl},
 * {@code gatewayUser}, {@code gatewayPassword}, {@code gatewayCa}, {@code localDir}, {@code log}. Stops with
 * {@code <dir>/stop} or when this process ends.
 *
 * <p>With a second pyspark directory, a second Livy server over Spark 4.0.1 ({@code spark4Url}), its files in
 * {@code <dir>/spark4}, taking local files from the same directory.
 *
 * <p>usage: LivyLauncher DIR YARN_DIR PYSPARK_DIR [PYSPARK4_DIR] (Spark's python/lib: pyspark.zip and py4j-*-src.zip)
 */
public final class LivyLauncher {

    static final String LIVY = "org.apache.livy:livy-server:0.7.1-incubating";
    static final String SPARK_VERSION = "3.5.5";
    /** A second server's: Livy runs the one Spark home it was started with. */
    static final String SPARK4_VERSION = "4.0.1";
    static final String GATEWAY_PREFIX = "/gateway/default/livy/v1";
    static final String GATEWAY_USER = "ana";
    static final String GATEWAY_PASSWORD = "s3cret-livy";

    private LivyLauncher() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]).toAbsolutePath();
        try {
            start(dir, args);
        } catch (Exception | Error e) { // said where the ITs wait for the servers, not only in the build's output
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("failed"), e + " (see " + dir + ")");
            throw e;
        }
    }

    private static void start(Path dir, String[] args) throws Exception {
        Path yarnDir = Paths.get(args[1]).toAbsolutePath();
        Path pysparkDir = Paths.get(args[2]).toAbsolutePath();
        Path pyspark4Dir = args.length > 3 && Files.isRegularFile(Paths.get(args[3], "pyspark.zip"))
                ? Paths.get(args[3]).toAbsolutePath() : null;
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("livy.properties"));
        Files.deleteIfExists(dir.resolve("failed"));
        Files.deleteIfExists(dir.resolve("stop"));
        long started = System.nanoTime();
        List<Process> children = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(children)));

        TestRepositories repositories = new TestRepositories();
        List<Path> livyJars = repositories.withRuntimeDependencies(LIVY);
        List<Path> sparkJars = repositories.spark(SPARK_VERSION);
        List<Path> spark4Jars = pyspark4Dir == null ? null : repositories.spark(SPARK4_VERSION);
        Properties yarn = waitFor(yarnDir.resolve("yarn.properties"), 300);
        Path hadoopConf = Paths.get(yarn.getProperty("confDir"));
        Path local = Files.createDirectories(dir.resolve("local"));

        Path home = sparkHome(dir, hadoopConf, sparkJars, pysparkDir, yarn.getProperty("defaultFs"), SPARK_VERSION);
        int port = startLivy(dir, home, hadoopConf, local, livyJars, children);
        String url = "http://127.0.0.1:" + port;
        String url4 = null;
        if (spark4Jars != null) { // a second server: Livy runs one Spark home's spark-submit
            Path dir4 = Files.createDirectories(dir.resolve("spark4"));
            Path home4 = sparkHome(dir4, hadoopConf, spark4Jars, pyspark4Dir, yarn.getProperty("defaultFs"), SPARK4_VERSION);
            url4 = "http://127.0.0.1:" + startLivy(dir4, home4, hadoopConf, local, livyJars, children);
        }
        waitForHttp(url + "/version", 180, children.get(0), dir.resolve("livy.log"));
        if (url4 != null) {
            waitForHttp(url4 + "/version", 180, children.get(1), dir.resolve("spark4/livy.log"));
        }

        StringBuilder properties = new StringBuilder("url=" + url + "\nlocalDir=" + local + "\nlog=" + dir.resolve("livy.log")
                + "\nsparkHome=" + home + "\n");
        if (url4 != null) {
            properties.append("spark4Url=").append(url4).append('\n');
        }
        Path nginx = Paths.get("/usr/sbin/nginx");
        if (Files.isExecutable(nginx)) {
            int gatewayPort = freePort();
            Path gateway = gateway(dir.resolve("gateway"), gatewayPort, port);
            children.add(new ProcessBuilder(nginx.toString(), "-p", gateway.toString(), "-c",
                    gateway.resolve("nginx.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(gateway.resolve("nginx.out").toFile()).start());
            waitForPort(gatewayPort, 30, children.get(children.size() - 1), gateway.resolve("nginx.out"));
            properties.append("gatewayUrl=https://127.0.0.1:").append(gatewayPort).append(GATEWAY_PREFIX)
                    .append("\ngatewayUser=").append(GATEWAY_USER).append("\ngatewayPassword=").append(GATEWAY_PASSWORD)
                    .append("\ngatewayCa=").append(gateway.resolve("gateway.crt")).append('\n');
        }
        LauncherFiles.writeAtomically(dir, "livy.properties", properties.toString());
        System.out.printf("Livy ready in %.1f s: %s (Spark %s home %s)%s%s%n", (System.nanoTime() - started) / 1e9, url,
                SPARK_VERSION, home, url4 == null ? "" : ", " + url4 + " (Spark " + SPARK4_VERSION + ")",
                Files.isExecutable(nginx) ? ", a gateway with TLS and basic auth in front of the first" : "");

        while (!Files.exists(dir.resolve("stop")) && children.stream().allMatch(Process::isAlive)) {
            Thread.sleep(500);
        }
        if (!children.stream().allMatch(Process::isAlive)) {
            System.err.println("Livy or its gateway ended on its own: see " + dir.resolve("livy.log"));
        }
        System.exit(0);
    }

    /** Starts a Livy server over {@code home} with its conf, logs and temp files in {@code dir}; returns its port. */
    private static int startLivy(Path dir, Path home, Path hadoopConf, Path local, List<Path> livyJars,
            List<Process> children) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        int port = freePort();
        Files.writeString(conf.resolve("livy.conf"), String.join("\n",
                "livy.server.host = 127.0.0.1",
                "livy.server.port = " + port,
                "livy.spark.master = yarn",
                "livy.spark.deploy-mode = cluster",
                "livy.server.csrf-protection.enabled = true",
                "livy.file.local-dir-whitelist = " + local + "/",
                "livy.server.yarn.poll-interval = 1s",
                "livy.server.session.state-retain.sec = 3600s",
                ""), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "log4j.rootCategory=INFO, console",
                "log4j.appender.console=org.apache.log4j.ConsoleAppender",
                "log4j.appender.console.target=System.out",
                "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss.SSS} %p %c{1}: %m%n",
                "log4j.logger.org.eclipse.jetty=WARN",
                ""), StandardCharsets.UTF_8);
        List<String> classpath = new ArrayList<>();
        livyJars.forEach(jar -> classpath.add(jar.toString()));
        classpath.add(conf.toString());
        classpath.add(hadoopConf.toString());
        ProcessBuilder livy = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-cp", String.join(File.pathSeparator, classpath), "org.apache.livy.server.LivyServer")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("livy.log").toFile());
        livy.environment().put("SPARK_HOME", home.toString());
        livy.environment().put("HADOOP_CONF_DIR", hadoopConf.toString());
        livy.environment().put("LIVY_CONF_DIR", conf.toString());
        livy.environment().put("LIVY_HOME", dir.toString()); // its web server insists on one, and on its logs/
        Files.createDirectories(dir.resolve("logs"));
        children.add(livy.start());
        return port;
    }

    /**
     * The Spark home Livy runs {@code bin/spark-submit} from: the test goal's, with the cluster's configuration first on
     * its classpath, pyspark in {@code python/lib}, and the jars, staged on HDFS once, in {@code conf/spark-defaults.conf}.
     */
    private static Path sparkHome(Path dir, Path hadoopConf, List<Path> sparkJars, Path pysparkDir, String defaultFs,
            String version) throws IOException {
        List<Path> classpath = new ArrayList<>();
        classpath.add(hadoopConf);
        classpath.addAll(sparkJars);
        List<Path> pyspark;
        try (java.util.stream.Stream<Path> files = Files.list(pysparkDir)) {
            pyspark = files.filter(f -> f.getFileName().toString().matches("pyspark\\.zip|py4j-.*-src\\.zip")).sorted()
                    .collect(Collectors.toList());
        }
        if (pyspark.size() != 2) {
            throw new IllegalStateException("no pyspark.zip and py4j-*-src.zip in " + pysparkDir);
        }
        Path home = LocalSparkHome.write(dir.resolve("spark-home"), Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), SparkJars.moduleOptions(sparkJars), classpath, pyspark);
        Configuration conf = new Configuration(false);
        conf.addResource(new org.apache.hadoop.fs.Path(hadoopConf.resolve("core-site.xml").toUri()));
        conf.set("fs.defaultFS", defaultFs);
        org.apache.hadoop.fs.Path jarsDir = new org.apache.hadoop.fs.Path("/livy/spark-" + version + "-jars");
        try (FileSystem hdfs = FileSystem.newInstance(conf)) {
            hdfs.delete(jarsDir, true);
            hdfs.mkdirs(jarsDir);
            for (Path jar : sparkJars) {
                hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(jar.toUri()), new org.apache.hadoop.fs.Path(jarsDir,
                        jar.getFileName().toString()));
            }
        }
        Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("spark-defaults.conf"),
                "spark.yarn.jars " + defaultFs + jarsDir + "/*.jar\n", StandardCharsets.UTF_8);
        return home;
    }

    /** nginx as a Knox-like gateway: TLS, {@link #GATEWAY_PREFIX} and basic auth, proxying to Livy. */
    private static Path gateway(Path dir, int port, int livyPort) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("logs"));
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", dir.resolve("gateway.key").toString(), "-out", dir.resolve("gateway.crt").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make the gateway's certificate: see " + dir);
        }
        Files.writeString(dir.resolve("htpasswd"), GATEWAY_USER + ":{PLAIN}" + GATEWAY_PASSWORD + "\n");
        String temp = dir.resolve("temp").toString();
        Files.createDirectories(dir.resolve("temp"));
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("logs/error.log") + " info;",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + dir.resolve("logs/access.log") + ";",
                "  client_body_temp_path " + temp + "/body;",
                "  proxy_temp_path " + temp + "/proxy;",
                "  fastcgi_temp_path " + temp + "/fastcgi;",
                "  uwsgi_temp_path " + temp + "/uwsgi;",
                "  scgi_temp_path " + temp + "/scgi;",
                "  server {",
                "    listen 127.0.0.1:" + port + " ssl;",
                "    ssl_certificate " + dir.resolve("gateway.crt") + ";",
                "    ssl_certificate_key " + dir.resolve("gateway.key") + ";",
                "    location " + GATEWAY_PREFIX + "/ {",
                "      auth_basic \"gateway\";",
                "      auth_basic_user_file " + dir.resolve("htpasswd") + ";",
                "      proxy_pass http://127.0.0.1:" + livyPort + "/;",
                "      proxy_set_header Authorization \"\";",
                "    }",
                "    location / { return 404; }",
                "  }",
                "}",
                ""), StandardCharsets.UTF_8);
        return dir;
    }

    static Properties waitFor(Path file, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + file + " after " + seconds + " s");
            }
            Thread.sleep(250);
        }
        Properties properties = new Properties();
        try (InputStream in = new FileInputStream(file.toFile())) {
            properties.load(in);
        }
        return properties;
    }

    private static void waitForHttp(String url, int seconds, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Livy ended (exit " + process.exitValue() + "): see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Livy did not answer " + url + " within " + seconds + " s: see " + log);
            }
            Thread.sleep(500);
        }
    }

    private static void waitForPort(int port, int seconds, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx ended (exit " + process.exitValue() + "): see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not listen on " + port + " within " + seconds + " s: see "
                            + log);
                }
                Thread.sleep(250);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(List<Process> children) {
        for (Process child : children) {
            child.destroy();
        }
        for (Process child : children) {
            try {
                if (!child.waitFor(5, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
