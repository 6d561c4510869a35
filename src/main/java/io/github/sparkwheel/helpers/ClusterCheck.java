package io.github.sparkwheel.helpers;

import io.github.sparkwheel.protocol.Protocol;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Checks, within a bounded time, that the cluster answers before anything is handed to SparkSubmit: the
 * ResourceManager (each of an HA pair) and the file system the submission stages on. Hadoop's own client
 * would retry an unreachable ResourceManager for {@code yarn.resourcemanager.connect.max-wait.ms}, 15 minutes
 * by default, and say nothing. Says every few seconds what it waits on, and, when the cluster does not answer,
 * the address, where it came from (which file, which property) and what to check.
 *
 * <p>Runs in a JVM over Spark's classpath with the Hadoop configuration directory on it ({@code
 * java … io.github.sparkwheel.helpers.ClusterCheck TIMEOUT_MS STAGING_URI|-}), or inside the submit launcher.
 */
public final class ClusterCheck {

    private static final Protocol.Program SELF = Protocol.Program.CLUSTER_CHECK;
    private static final Protocol.Failure UNREACHABLE = Protocol.Failure.CLUSTER_UNREACHABLE;

    private static final long PROGRESS_MILLIS = 5_000;

    private final Configuration conf;
    private final PrintStream out;
    private final long timeoutMillis;

    ClusterCheck(Configuration conf, PrintStream out, long timeoutMillis) {
        this.conf = conf;
        this.out = out;
        this.timeoutMillis = timeoutMillis;
    }

    public static void main(String[] args) throws Exception {
        Configuration conf = HadoopClient.configuration();
        System.exit(HadoopClient.run(() -> check(conf, System.out, Long.parseLong(args[0]), args.length > 1 ? args[1] : "-")));
    }

    /**
     * @param staging the staging directory's URI, or {@code -} for the default file system
     * @return 0, or {@link Protocol.Failure#CLUSTER_UNREACHABLE}'s status after saying why
     */
    public static int check(Configuration conf, PrintStream out, long timeoutMillis, String staging) {
        ClusterCheck check = new ClusterCheck(conf, out, timeoutMillis);
        String failure;
        try {
            failure = check.resourceManager();
            if (failure == null) {
                failure = check.fileSystem("-".equals(staging) ? null : staging);
            }
        } catch (Refused refused) {
            out.println(Protocol.Failure.CLUSTER_REFUSED.line(refused.getMessage()));
            out.flush();
            return Protocol.Failure.CLUSTER_REFUSED.status();
        }
        if (failure != null) {
            out.println(UNREACHABLE.line(failure));
            out.flush();
            return UNREACHABLE.status();
        }
        return 0;
    }

    /** {@code null} when a ResourceManager answers, else what to tell the user. */
    String resourceManager() {
        List<String> ids = conf.getBoolean(YarnConfiguration.RM_HA_ENABLED, YarnConfiguration.DEFAULT_RM_HA_ENABLED)
                ? new ArrayList<>(conf.getTrimmedStringCollection(YarnConfiguration.RM_HA_IDS)) : List.of();
        List<String> keys = new ArrayList<>();
        if (ids.isEmpty()) {
            keys.add(YarnConfiguration.RM_ADDRESS);
        } else {
            ids.forEach(id -> keys.add(YarnConfiguration.RM_ADDRESS + "." + id));
        }
        long deadline = deadline(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS);
        List<String> where = new ArrayList<>();
        String reason = null;
        for (String key : keys) {
            InetSocketAddress address = conf.getSocketAddr(key, YarnConfiguration.DEFAULT_RM_ADDRESS,
                    YarnConfiguration.DEFAULT_RM_PORT);
            where.add(address.getHostString() + ":" + address.getPort() + " (" + source(key) + ")");
        }
        // a TCP connection first: refused or unroutable says so at once, not after the client's retries
        long nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;
        while (true) {
            for (String key : keys) {
                InetSocketAddress address = conf.getSocketAddr(key, YarnConfiguration.DEFAULT_RM_ADDRESS,
                        YarnConfiguration.DEFAULT_RM_PORT);
                reason = connect(address, deadline);
                if (reason == null) {
                    String target = "the ResourceManager at " + address.getHostString() + ":" + address.getPort();
                    String rpc = withDeadline(deadline, target, () -> {
                        YarnClient client = HadoopClient.yarn(conf, deadline - System.currentTimeMillis());
                        try {
                            client.getYarnClusterMetrics();
                        } finally {
                            client.stop();
                        }
                        return null;
                    });
                    if (rpc == null) {
                        return null;
                    }
                    reason = rpc;
                }
            }
            if (System.currentTimeMillis() >= deadline) {
                break;
            }
            if (System.currentTimeMillis() >= nextProgress) {
                out.println(SELF.line("waiting for the ResourceManager at " + String.join(", ", where) + ": " + reason));
                out.flush();
                nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;
            }
            sleep(Math.min(1000, Math.max(0, deadline - System.currentTimeMillis())));
        }
        return "The ResourceManager at " + String.join(", ", where) + " did not answer within "
                + seconds(timeout(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS)) + " (" + reason + "). Check that "
                + "it runs and that this machine may reach it (firewall, VPN, a gateway host), and that the Hadoop "
                + "configuration is this cluster's (<hadoopConfDir>, -Dpyspark.hadoopConfDir, HADOOP_CONF_DIR); "
                + "or wait longer with <connectTimeout> (-Dpyspark.connectTimeout)";
    }

    /** {@code null} when the staging file system answers, else what to tell the user. */
    String fileSystem(String staging) {
        String uri = staging != null ? staging : FileSystem.getDefaultUri(conf).toString();
        String from = staging != null ? "the staging directory" : "fs.defaultFS (" + source("fs.defaultFS") + ")";
        URI parsed = URI.create(uri);
        if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
            return null;
        }
        long deadline = deadline(null);
        String reason = null;
        if (parsed.getHost() != null) {
            int port = parsed.getPort() > 0 ? parsed.getPort() : 8020;
            InetSocketAddress address = new InetSocketAddress(parsed.getHost(), port);
            long nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;
            while ((reason = connect(address, deadline)) != null && System.currentTimeMillis() < deadline) {
                if (System.currentTimeMillis() >= nextProgress) {
                    out.println(SELF.line("waiting for the file system at " + uri + ": " + reason));
                    out.flush();
                    nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;
                }
                sleep(Math.min(1000, Math.max(0, deadline - System.currentTimeMillis())));
            }
        }
        if (reason == null) {
            reason = withDeadline(deadline, "the file system " + uri, () -> {
                Configuration quick = new Configuration(conf);
                quick.setInt("ipc.client.connect.max.retries", 1);
                quick.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
                Path root = new Path(uri);
                FileSystem fs = FileSystem.newInstance(root.toUri(), quick);
                try {
                    fs.getFileStatus(new Path(root.toUri().resolve("/")));
                } finally {
                    fs.close();
                }
                return null;
            });
        }
        if (reason == null) {
            return null;
        }
        return "The file system " + uri + " (" + from + ") did not answer within " + seconds(timeoutMillis) + " ("
                + reason + "). Check that its NameNode runs and that this machine may reach it, and that the Hadoop "
                + "configuration is this cluster's (core-site.xml in <hadoopConfDir>, -Dpyspark.hadoopConfDir); "
                + (staging != null ? "or choose another <stagingDirectory> (-Dpyspark.stagingDirectory); " : "")
                + "or wait longer with <connectTimeout> (-Dpyspark.connectTimeout)";
    }

    /** Where a property's value comes from: the file it is set in, or Hadoop's default. */
    String source(String key) {
        String[] sources = conf.getPropertySources(key);
        if (sources == null || sources.length == 0) {
            return key + " is not set";
        }
        String file = sources[sources.length - 1];
        if (file.endsWith("-default.xml")) {
            return "Hadoop's default for " + key + ", which no *-site.xml sets";
        }
        if (file.startsWith("file:")) {
            return key + " in " + URI.create(file).getPath();
        }
        URL url = conf.getResource(file);
        return key + " in " + (url != null && "file".equals(url.getProtocol()) ? url.getPath() : file);
    }

    /** The time the check may take: {@code userKey}'s value when the user's configuration sets it, else the timeout. */
    private long timeout(String userKey) {
        if (userKey != null) {
            String[] sources = conf.getPropertySources(userKey);
            if (sources != null && sources.length > 0 && !sources[sources.length - 1].endsWith("-default.xml")) {
                return conf.getLong(userKey, timeoutMillis); // the user's own retry policy
            }
        }
        return timeoutMillis;
    }

    private long deadline(String userKey) {
        return System.currentTimeMillis() + timeout(userKey);
    }

    /** {@code null} when a TCP connection opens before the deadline (at most 5 s), else why not. */
    private static String connect(InetSocketAddress address, long deadline) {
        if (address.isUnresolved()) {
            return "unknown host " + address.getHostString();
        }
        int wait = (int) Math.max(200, Math.min(5_000, deadline - System.currentTimeMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(address, wait);
            return null;
        } catch (java.net.SocketTimeoutException e) {
            return "no answer in " + seconds(wait);
        } catch (java.io.IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private interface Call {
        Void call() throws Exception;
    }

    /** The cluster answered, and refused who this JVM is: no use waiting for it to answer otherwise. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * What the cluster's refusal means and what to do, or {@code null} when {@code e} is no refusal (the cluster did not
     * answer yet): a secured cluster addressed with a simple configuration, a proxy user it does not allow, a login
     * without usable credentials.
     */
    String refusal(Throwable e, String target) {
        String all = HadoopClient.messages(e);
        String said = target + " answered: " + firstLine(all);
        if (all.contains("SIMPLE authentication is not enabled")) {
            return "The cluster requires Kerberos (" + said + "), but the Hadoop configuration says "
                    + "hadoop.security.authentication=" + conf.get("hadoop.security.authentication", "simple") + " ("
                    + source("hadoop.security.authentication") + "): use this cluster's own client configuration, whose "
                    + "core-site.xml says kerberos; perhaps you should fix <hadoopConfDir> or -Dpyspark.hadoopConfDir";
        }
        if (all.contains("is not allowed to impersonate")) {
            return "The cluster does not let the login act for <proxyUser> " + System.getProperty(
                    Protocol.LOGIN_PROXY_USER, "") + " (" + said + "): the cluster's hadoop.proxyuser.<login>.hosts and "
                    + ".users (or .groups) must allow it; ask its admins, or perhaps you should fix <proxyUser> "
                    + "(-Dpyspark.proxyUser)";
        }
        if (all.contains("Client cannot authenticate via") || all.contains("No valid credentials provided")
                || all.contains("GSSException") || all.contains("Server has invalid Kerberos principal")) {
            return "The cluster refused the Kerberos login (" + said + "): check that the login's ticket is valid "
                    + "(klist) and that the Hadoop configuration is this cluster's (its server principals, "
                    + "<hadoopConfDir>); or set <principal> and <keytab>";
        }
        if (all.contains("Can't get Kerberos realm") || all.contains("Cannot locate default realm")) {
            return "The Hadoop configuration says hadoop.security.authentication=kerberos, but the krb5.conf names no "
                    + "default realm (" + firstLine(all) + "): set <krb5Conf> (-Dpyspark.krb5Conf) to the cluster's "
                    + "krb5.conf";
        }
        return null;
    }

    private static String firstLine(String messages) {
        return messages.split(" \\| ", 2)[0].split("\\R", 2)[0];
    }

    /** Runs {@code call} until the deadline: {@code null} when it returned, else why not; a refusal ends the check. */
    private String withDeadline(long deadline, String target, Call call) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pyspark-cluster-check");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Void> result = thread.submit(call::call);
            result.get(Math.max(1000, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "it accepts connections but did not answer";
        } catch (java.util.concurrent.ExecutionException e) {
            String refused = refusal(e.getCause(), target);
            if (refused != null) {
                throw new Refused(refused);
            }
            String message = String.valueOf(e.getCause().getMessage()).split("\\R", 2)[0];
            return e.getCause().getClass().getSimpleName() + ": " + message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            thread.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String seconds(long millis) {
        return (millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.format("%.1f", millis / 1000.0)) + " s";
    }
}
