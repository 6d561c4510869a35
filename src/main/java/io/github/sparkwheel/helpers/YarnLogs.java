package io.github.sparkwheel.helpers;

import io.github.sparkwheel.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authentication.client.AuthenticatedURL;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.LogAggregationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.logaggregation.ContainerLogsRequest;
import org.apache.hadoop.yarn.logaggregation.filecontroller.LogAggregationFileController;
import org.apache.hadoop.yarn.logaggregation.filecontroller.LogAggregationFileControllerFactory;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;

/**
 * Reads the tail of an application's ApplicationMaster container logs (stdout and stderr), where a
 * cluster-mode PySpark driver's output and traceback are, the way the cluster offers them: for a
 * finished application YARN's aggregated logs when log aggregation is on (waiting for it to
 * complete), else, and for a running one, the NodeManager's container-log web service. Runs in a JVM forked over Spark's own classpath (which has
 * the Hadoop client of that Spark version), like {@link YarnKill}; the plugin's own JVM never loads this
 * class, which needs Hadoop:
 *
 * <pre>java -cp &lt;conf&gt;:&lt;spark jars&gt;:&lt;plugin&gt; io.github.sparkwheel.helpers.YarnLogs APP OUT BYTES any|aggregated|nodemanager WAIT_SECONDS</pre>
 *
 * It writes the logs, framed as {@code yarn logs} frames them, to OUT and says {@code pyspark-logs: container <id>}
 * and {@code pyspark-logs: source <where from>}; or {@link Protocol.Failure#LOGS_UNAVAILABLE} with why.
 */
public final class YarnLogs {

    private static final Protocol.Program LOGS = Protocol.Program.LOGS;

    private static final Set<YarnApplicationState> FINISHED = EnumSet.of(YarnApplicationState.FINISHED,
            YarnApplicationState.FAILED, YarnApplicationState.KILLED);
    private static final Set<LogAggregationStatus> AGGREGATION_OVER = EnumSet.of(LogAggregationStatus.SUCCEEDED,
            LogAggregationStatus.FAILED, LogAggregationStatus.TIME_OUT, LogAggregationStatus.DISABLED);
    /** Beyond this many NodeManagers, asking each one for the container is not worth it. */
    private static final int MAX_NODES_TO_ASK = 50;

    private YarnLogs() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = HadoopClient.configuration();
        int status = HadoopClient.run(() -> read(conf, args));
        System.exit(status);
    }

    private static int read(Configuration conf, String[] args) throws Exception {
        ApplicationId app = ApplicationId.fromString(args[0]);
        Path out = Paths.get(args[1]);
        long bytes = Long.parseLong(args[2]);
        String source = args[3];
        long waitMillis = Long.parseLong(args[4]) * 1000;
        YarnClient client = HadoopClient.yarn(conf);
        try {
            ApplicationReport report = client.getApplicationReport(app);
            ContainerId am = client.getApplicationAttemptReport(report.getCurrentApplicationAttemptId()).getAMContainerId();
            System.out.println(LOGS.line(Protocol.LOGS_CONTAINER + " " + am));
            List<String> tried = new ArrayList<>();
            boolean finished = FINISHED.contains(report.getYarnApplicationState());
            if (!finished) {
                tried.add("the application is " + report.getYarnApplicationState() + ", so its logs are not aggregated yet");
            } else if (!source.equals("nodemanager")) {
                String found = aggregated(conf, client, report, am, out, bytes, waitMillis, tried);
                if (found != null) {
                    System.out.println(LOGS.line(Protocol.LOGS_SOURCE + " " + found));
                    return 0;
                }
            }
            if (!source.equals("aggregated")) {
                String found = nodeManager(conf, client, report, am, out, bytes, tried);
                if (found != null) {
                    System.out.println(LOGS.line(Protocol.LOGS_SOURCE + " " + found));
                    return 0;
                }
            }
            System.out.println(Protocol.Failure.LOGS_UNAVAILABLE.line(String.join("; ", tried)));
            return Protocol.Failure.LOGS_UNAVAILABLE.status();
        } finally {
            client.stop();
        }
    }

    private static String aggregated(Configuration conf, YarnClient client, ApplicationReport report, ContainerId am,
            Path out, long bytes, long waitMillis, List<String> tried) throws Exception {
        if (!conf.getBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, YarnConfiguration.DEFAULT_LOG_AGGREGATION_ENABLED)) {
            tried.add("log aggregation is off (yarn.log-aggregation-enable)");
            return null;
        }
        long deadline = System.currentTimeMillis() + waitMillis;
        while (report.getLogAggregationStatus() != null && !AGGREGATION_OVER.contains(report.getLogAggregationStatus())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            report = client.getApplicationReport(report.getApplicationId());
        }
        LogAggregationStatus status = report.getLogAggregationStatus();
        ContainerLogsRequest request = new ContainerLogsRequest();
        request.setAppId(report.getApplicationId());
        request.setAppOwner(report.getUser());
        request.setContainerId(am.toString());
        request.setAppFinished(true);
        request.setLogTypes(new LinkedHashSet<>(Protocol.LOGS_TYPES));
        request.setBytes(-bytes);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try {
            LogAggregationFileController controller = new LogAggregationFileControllerFactory(conf)
                    .getFileControllerForRead(report.getApplicationId(), report.getUser());
            if (controller.readAggregatedLogs(request, logs) && logs.size() > 0) {
                Files.write(out, logs.toByteArray());
                return "YARN's aggregated logs";
            }
            tried.add("YARN's aggregated logs have none for it (log aggregation " + status + ")");
        } catch (IOException | RuntimeException e) {
            tried.add("YARN's aggregated logs could not be read (log aggregation " + status + "): " + e.getMessage());
        }
        return null;
    }

    private static String nodeManager(Configuration conf, YarnClient client, ApplicationReport report,
            ContainerId am, Path out, long bytes, List<String> tried) throws Exception {
        List<NodeReport> nodes = client.getNodeReports();
        List<NodeReport> candidates = new ArrayList<>();
        for (NodeReport node : nodes) {
            if (sameHost(node.getNodeId().getHost(), report.getHost())) {
                candidates.add(node);
            }
        }
        if (candidates.isEmpty() && nodes.size() <= MAX_NODES_TO_ASK) {
            candidates.addAll(nodes); // the AM's host as it registered may not be the node's name
        }
        String scheme = WebAppUtils.getHttpSchemePrefix(conf);
        List<String> answers = new ArrayList<>();
        for (NodeReport node : candidates) {
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            boolean found = true;
            for (String type : Protocol.LOGS_TYPES) {
                URL url = new URL(scheme + node.getHttpAddress() + "/ws/v1/node/containers/" + am + "/logs/" + type
                        + "?size=-" + bytes);
                int status = get(url, logs);
                if (status != HttpURLConnection.HTTP_OK) {
                    answers.add(node.getHttpAddress() + " answered HTTP " + status);
                    found = false;
                    break;
                }
            }
            if (found) {
                Files.write(out, logs.toByteArray());
                return "the container-log web service of the NodeManager at " + node.getHttpAddress();
            }
        }
        tried.add(candidates.isEmpty() ? "no NodeManager to ask (" + nodes.size() + " nodes)"
                : "the NodeManagers' container-log web service has no logs for it (" + String.join(", ", answers) + ")");
        return null;
    }

    private static boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException unknown) {
            return false;
        }
    }

    private static HttpURLConnection timeouts(HttpURLConnection connection) {
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        return connection;
    }

    /**
     * A GET of the NodeManager's web service: on a secured cluster with SPNEGO (Kerberos) over HTTP, through Hadoop's
     * own authenticating client, as the login (or proxy user) this helper acts as.
     */
    static int get(URL url, OutputStream sink) throws IOException {
        HttpURLConnection connection;
        if (UserGroupInformation.isSecurityEnabled()) {
            try {
                connection = new AuthenticatedURL(null, YarnLogs::timeouts).openConnection(url, new AuthenticatedURL.Token());
            } catch (AuthenticationException e) {
                throw new IOException("the NodeManager at " + url.getAuthority() + " refused the login over SPNEGO ("
                        + e.getMessage() + ")", e);
            }
        } else {
            connection = timeouts((HttpURLConnection) url.openConnection());
        }
        connection.setRequestProperty("Accept", "text/plain");
        try {
            int status = connection.getResponseCode();
            if (status == HttpURLConnection.HTTP_OK) {
                try (InputStream in = connection.getInputStream()) {
                    in.transferTo(sink);
                }
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }
}
