package io.github.sparkwheel.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check against what is on this machine: a closed port, and a port that accepts but speaks no RPC. */
class ClusterCheckTest {

    @TempDir
    Path dir;

    private Configuration conf(String rmAddress) throws Exception {
        Path site = dir.resolve("yarn-site.xml");
        Files.writeString(site, "<?xml version=\"1.0\"?>\n<configuration>\n  <property><name>yarn.resourcemanager.address"
                + "</name><value>" + rmAddress + "</value></property>\n</configuration>\n");
        Configuration conf = new YarnConfiguration();
        conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
        conf.set("fs.defaultFS", "file:///");
        return conf;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aResourceManagerThatRefusesConnections_isNamedWithWhereItsAddressComesFrom_withinTheTimeout() throws Exception {
        int port = closedPort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int status = ClusterCheck.check(conf("127.0.0.1:" + port), new PrintStream(out, true, StandardCharsets.UTF_8), 3000, "-");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(Protocol.Failure.CLUSTER_UNREACHABLE.status());
        assertThat(seconds).as("bounded by the timeout").isLessThan(10);
        assertThat(said).contains(Protocol.Failure.CLUSTER_UNREACHABLE.line("The ResourceManager at 127.0.0.1:")
                + port + " (yarn.resourcemanager.address in " + dir.resolve("yarn-site.xml") + ") did not answer within 3 s ("
                + "Connection refused)").contains("<connectTimeout> (-Dpyspark.connectTimeout)");
    }

    @Test
    void aPortThatAcceptsButDoesNotAnswer_isNotAResourceManager() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = ClusterCheck.check(conf("127.0.0.1:" + silent.getLocalPort()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), 3000, "-");
            assertThat(status).isEqualTo(Protocol.Failure.CLUSTER_UNREACHABLE.status());
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("did not answer within 3 s");
        }
    }

    @Test
    void aFileSystemThatRefusesConnections_isNamed() throws Exception {
        ClusterCheck check = new ClusterCheck(conf("127.0.0.1:1"), new PrintStream(new ByteArrayOutputStream()), 2000);
        int port = closedPort();
        assertThat(check.fileSystem("hdfs://127.0.0.1:" + port + "/user/ana/.pyspark-maven-plugin"))
                .startsWith("The file system hdfs://127.0.0.1:" + port + "/user/ana/.pyspark-maven-plugin (the staging "
                        + "directory) did not answer within 2 s (Connection refused)")
                .contains("<stagingDirectory>");
        assertThat(check.fileSystem("file:///tmp")).isNull();
    }
}
