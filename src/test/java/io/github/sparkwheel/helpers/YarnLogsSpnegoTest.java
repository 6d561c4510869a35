package io.github.sparkwheel.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.http.HttpServer2;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.AuthenticationFilterInitializer;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How YarnLogs reads a container's log over HTTP from a secured cluster's NodeManager: through Hadoop's own SPNEGO
 * filter (the one a NodeManager's web server runs with {@code hadoop.http.authentication.type=kerberos}) in front of
 * a real Hadoop HTTP server, against a real KDC (MiniKdc). The secure ITs' cluster reads its logs from aggregation.
 */
class YarnLogsSpnegoTest {

    private static MiniKdc kdc;
    private static HttpServer2 server;
    private static Path aliceKeytab;
    private static String logUrl;
    private static final String TRACEBACK = "Traceback (most recent call last):\n  File \"job.py\", line 3\nValueError: no\n";

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Properties kdcConf = MiniKdc.createConf();
        kdcConf.setProperty(MiniKdc.KDC_BIND_ADDRESS, "localhost");
        kdcConf.setProperty(MiniKdc.KDC_PORT, "0");
        kdc = new MiniKdc(kdcConf, Files.createDirectories(dir.resolve("kdc")).toFile());
        kdc.start(); // points the JDK at its krb5.conf
        Path httpKeytab = dir.resolve("http.keytab");
        kdc.createPrincipal(httpKeytab.toFile(), "HTTP/localhost");
        aliceKeytab = dir.resolve("alice.keytab");
        kdc.createPrincipal(aliceKeytab.toFile(), "alice");

        Configuration conf = new Configuration(false);
        conf.set("hadoop.security.authentication", "kerberos");
        conf.set("hadoop.http.filter.initializers", AuthenticationFilterInitializer.class.getName());
        conf.set("hadoop.http.authentication.type", "kerberos");
        conf.set("hadoop.http.authentication.simple.anonymous.allowed", "false");
        conf.set("hadoop.http.authentication.kerberos.principal", "HTTP/localhost@" + kdc.getRealm());
        conf.set("hadoop.http.authentication.kerberos.keytab", httpKeytab.toString());
        // a container's log, as the server's /logs/ serves the files of hadoop.log.dir
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("stderr"), TRACEBACK, StandardCharsets.UTF_8);
        String previousLogDir = System.setProperty("hadoop.log.dir", logs.toString());
        try {
            server = new HttpServer2.Builder().setName("node").setConf(conf)
                    .addEndpoint(URI.create("http://localhost:0")).build();
            server.start();
        } finally {
            if (previousLogDir == null) {
                System.clearProperty("hadoop.log.dir");
            } else {
                System.setProperty("hadoop.log.dir", previousLogDir);
            }
        }
        InetSocketAddress address = server.getConnectorAddress(0);
        logUrl = "http://localhost:" + address.getPort() + "/logs/stderr";
        UserGroupInformation.setConfiguration(conf);
    }

    @AfterAll
    static void stop() throws Exception {
        UserGroupInformation.reset(); // the other tests of this JVM see a cluster without security again
        UserGroupInformation.setConfiguration(new Configuration());
        if (server != null) {
            server.stop();
        }
        if (kdc != null) {
            kdc.stop();
        }
    }

    @Test
    void aSecuredNodeManager_isReadWithTheHelpersKerberosLogin() throws Exception {
        HttpURLConnection anonymous = (HttpURLConnection) new URL(logUrl).openConnection();
        assertThat(anonymous.getResponseCode()).as("the server asks for SPNEGO").isEqualTo(401);
        anonymous.disconnect();

        UserGroupInformation alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(
                "alice@" + kdc.getRealm(), aliceKeytab.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = alice.doAs((PrivilegedExceptionAction<Integer>) () -> YarnLogs.get(new URL(logUrl), log));
        assertThat(status).isEqualTo(200);
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo(TRACEBACK);
    }

    @Test
    void withoutATicket_theRefusalIsSaid() {
        // no Kerberos login in this thread's Subject: the SPNEGO handshake cannot start
        assertThatThrownBy(() -> YarnLogs.get(new URL(logUrl), new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the NodeManager at localhost:")
                .hasMessageContaining("refused the login over SPNEGO");
    }
}
