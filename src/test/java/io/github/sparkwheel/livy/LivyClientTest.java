package io.github.sparkwheel.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client sends and how it reads each answer, against an HTTP server that answers as Livy and a gateway in
 * front of it do (their status lines and bodies as Livy 0.7.1 and nginx/Knox write them). The real Livy server and
 * the real gateway: the submit-livy and fail-livy-gateway ITs.
 */
class LivyClientTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Answers {@code METHOD path} (query included) with a status and a body, recording the request and its headers. */
    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        seen.add(key + " X-Requested-By=" + exchange.getRequestHeaders().getFirst("X-Requested-By")
                + " Authorization=" + exchange.getRequestHeaders().getFirst("Authorization")
                + " Content-Type=" + exchange.getRequestHeaders().getFirst("Content-Type")
                + " body=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] answer = answers.getOrDefault(key, new String[] {"404", "<html><body><h2>HTTP ERROR 404</h2>"
                + "<pre>Not Found</pre></body></html>"});
        byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private LivySettings settings(String prefix, String user, String password) {
        LivySettings settings = new LivySettings();
        settings.url = "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
        settings.serverId = "livy";
        settings.username = user;
        settings.password = password;
        settings.connectTimeout = Duration.ofSeconds(5);
        return settings;
    }

    @Test
    void everyRequestCarriesTheCsrfHeaderAndTheLogin_underTheGatewaysPrefix() throws Exception {
        String prefix = "/gateway/default/livy/v1";
        answers.put("GET " + prefix + "/batches?from=0&size=0", new String[] {"200", "{\"from\":0,\"total\":0,\"sessions\":[]}"});
        answers.put("POST " + prefix + "/batches", new String[] {"201", "{\"id\":7,\"name\":null,\"state\":\"starting\","
                + "\"appId\":null,\"appInfo\":{\"driverLogUrl\":null,\"sparkUiUrl\":null},\"log\":[]}"});
        answers.put("GET " + prefix + "/batches/7", new String[] {"200", "{\"id\":7,\"state\":\"running\",\"appId\":"
                + "\"application_1_0001\",\"appInfo\":{\"driverLogUrl\":\"http://nm:8042/logs\",\"sparkUiUrl\":"
                + "\"http://rm:8088/proxy/application_1_0001/\"},\"log\":[]}"});
        answers.put("DELETE " + prefix + "/batches/7", new String[] {"200", "{\"msg\":\"deleted\"}"});
        LivyClient livy = new LivyClient(settings(prefix + "/", "ana", "s3cret"));

        livy.check();
        JsonObject body = new JsonObject();
        body.addProperty("file", "hdfs:///user/ana/runner.py");
        LivyBatch created = livy.create(body);
        LivyBatch running = livy.batch(7);
        livy.delete(7);

        assertThat(created.id).isEqualTo(7);
        assertThat(created.state).isEqualTo("starting");
        assertThat(created.appId).isNull();
        assertThat(running.appId).isEqualTo("application_1_0001");
        assertThat(running.trackingUrl).isEqualTo("http://rm:8088/proxy/application_1_0001/");
        assertThat(running.ended()).isFalse();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ana:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(seen).hasSize(4).allSatisfy(request -> assertThat(request)
                .contains("X-Requested-By=pyspark-maven-plugin", "Authorization=" + basic));
        assertThat(seen.get(1)).startsWith("POST " + prefix + "/batches ")
                .contains("Content-Type=application/json", "body={\"file\":\"hdfs:///user/ana/runner.py\"}");
        assertThat(seen.get(3)).startsWith("DELETE " + prefix + "/batches/7 ");
        assertThat(livy.batchesUrl()).isEqualTo(settings(prefix, null, null).url + "/batches");
    }

    @Test
    void withoutCredentials_noAuthorizationIsSent() throws Exception {
        answers.put("GET /batches?from=0&size=0", new String[] {"200", "{\"from\":0,\"total\":0,\"sessions\":[]}"});
        new LivyClient(settings("", null, null)).check();
        assertThat(seen).singleElement().asString().contains("Authorization=null");
    }

    @Test
    void theLogsTail_isReadFromItsEnd() throws Exception {
        answers.put("GET /batches/3/log?from=0&size=0", new String[] {"200", "{\"id\":3,\"from\":0,\"total\":120,\"log\":[]}"});
        answers.put("GET /batches/3/log?from=117&size=3", new String[] {"200", "{\"id\":3,\"from\":117,\"total\":120,"
                + "\"log\":[\"stderr: \",null,\"YARN Diagnostics: \"]}"});
        assertThat(new LivyClient(settings("", null, null)).logTail(3, 3)).containsExactly("stderr: ", "", "YARN Diagnostics: ");
    }

    @Test
    void eachRefusal_saysWhatToChange_andNeverThePassword() throws Exception {
        answers.put("GET /batches?from=0&size=0", new String[] {"401", "<html><head><title>401 Authorization Required"
                + "</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center>"});
        assertThatThrownBy(() -> new LivyClient(settings("", null, null)).check()).isInstanceOf(UserError.class)
                .hasMessageContaining("refused the login (HTTP 401: 401 Authorization Required)")
                .hasMessageContaining("no credentials were sent; add a <server> with the id 'livy'");
        assertThatThrownBy(() -> new LivyClient(settings("", "ana", "wrong-s3cret")).check())
                .hasMessageContaining("check the <username> and <password> of the <server> 'livy'")
                .hasMessageNotContaining("wrong-s3cret");

        answers.put("GET /batches?from=0&size=0", new String[] {"403", "{\"msg\":\"User 'ana' not allowed\"}"});
        assertThatThrownBy(() -> new LivyClient(settings("", "ana", "s3cret")).check())
                .hasMessageContaining("refused reaching Livy (HTTP 403: User 'ana' not allowed): the user ana may not");

        assertThatThrownBy(() -> new LivyClient(settings("/gateway/default/livy", null, null)).check())
                .hasMessageStartingWith("There is no Livy batch API at http://127.0.0.1:")
                .hasMessageContaining("/gateway/default/livy/batches?from=0&size=0 (HTTP 404: Not Found)")
                .hasMessageContaining("https://<gateway>/gateway/<topology>/livy/v1");

        answers.put("POST /batches", new String[] {"400", "{\"msg\":\"requirement failed: Local path "
                + "/home/ana/wheelhouse.zip cannot be added to user sessions.\"}"});
        assertThatThrownBy(() -> new LivyClient(settings("", null, null)).create(new JsonObject()))
                .hasMessageContaining("Livy refused creating the batch (HTTP 400: requirement failed: Local path")
                .hasMessageContaining("set <livyLocalDirectory>");

        answers.put("GET /batches/1", new String[] {"502", "<html><body><h1>502 Bad Gateway</h1></body></html>"});
        assertThatThrownBy(() -> new LivyClient(settings("", null, null)).batch(1))
                .hasMessageContaining("failed while following batch 1 (HTTP 502: 502 Bad Gateway): the server or the "
                        + "gateway in front of it has a problem, not your build");
    }

    @Test
    void aLoginPageInsteadOfJson_isNotLivy() {
        answers.put("GET /batches?from=0&size=0", new String[] {"200", "<html><title>Sign in</title><body>Company SSO"});
        assertThatThrownBy(() -> new LivyClient(settings("", null, null)).check())
                .hasMessageContaining("is not Livy: it did not answer in JSON (Sign in)")
                .hasMessageContaining("a gateway's login page?");
    }

    @Test
    void aPortNobodyListensOn_namesTheUrlAndTheSettings() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LivySettings settings = settings("", null, null);
        settings.url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> new LivyClient(settings).check()).isInstanceOf(UserError.class)
                .hasMessageStartingWith("Livy at http://127.0.0.1:" + port + " could not be reached")
                .hasMessageContaining("check <livyUrl> (-Dpyspark.livyUrl)");
    }

    @Test
    void aLivyThatTakesTheConnectionAndSaysNothing_failsWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // the kernel accepts the connection (the backlog); nothing ever reads the request or answers it
            LivySettings settings = settings("", null, null);
            settings.url = "http://127.0.0.1:" + silent.getLocalPort() + "/gateway/default/livy/v1";
            settings.connectTimeout = Duration.ofSeconds(1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> new LivyClient(settings).check()).isInstanceOf(UserError.class)
                    .hasMessageStartingWith("Livy at " + settings.url + " accepted the connection but did not answer "
                            + "reaching Livy within 1 s")
                    .hasMessageContaining("<connectTimeout> (-Dpyspark.connectTimeout)");
            // the bound is the connect timeout, not the 60 s that a batch's own requests may take
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void livysOwnWords_areReadFromJsonOrAnErrorPage() {
        assertThat(LivyClient.message("{\"msg\":\"Session '12' not found.\"}")).isEqualTo("Session '12' not found.");
        assertThat(LivyClient.message("<html><body><h2>HTTP ERROR 500</h2><pre>java.lang.NullPointerException</pre>"))
                .isEqualTo("java.lang.NullPointerException");
        assertThat(LivyClient.message("")).isEmpty();
        assertThat(LivyClient.message("x".repeat(300))).hasSize(201).endsWith("…");
    }
}
