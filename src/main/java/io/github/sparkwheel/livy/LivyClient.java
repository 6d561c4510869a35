package io.github.sparkwheel.livy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Apache Livy's batch API ({@code POST /batches}, {@code GET /batches/{id}}, {@code GET /batches/{id}/log},
 * {@code DELETE /batches/{id}}), directly or through a gateway (Apache Knox: a path prefix, basic authentication, TLS).
 * Every request carries {@code X-Requested-By} (Livy's CSRF protection refuses a POST or DELETE without it) and, with
 * credentials, a basic {@code Authorization} header that nothing logs. Every failure is a {@link UserError} that says
 * what answered, or did not, and what to change.
 */
public final class LivyClient {

    /** The header Livy's CSRF protection ({@code livy.server.csrf-protection.enabled}) asks of every changing request. */
    static final String CSRF_HEADER = "X-Requested-By";
    static final String CSRF_VALUE = "pyspark-maven-plugin";
    /** What a request other than the connect may take: Livy answers at once, a batch's creation included. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final LivySettings settings;
    private final String base;
    private final HttpClient http;

    public LivyClient(LivySettings settings) throws UserError {
        this.settings = settings;
        this.base = settings.url.endsWith("/") ? settings.url.substring(0, settings.url.length() - 1) : settings.url;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.trustStore != null) {
            builder.sslContext(LivyTrust.sslContext(settings.trustStore));
        }
        this.http = builder.build();
    }

    /** The batch API's URL, for messages: {@code <livyUrl>/batches}. */
    public String batchesUrl() {
        return base + "/batches";
    }

    /**
     * Asks for no batch at all: that Livy answers at {@code <livyUrl>}, and takes the credentials. Within
     * {@code <connectTimeout>}, also when it takes the connection and then says nothing.
     */
    public void check() throws UserError, IOException, InterruptedException {
        send("GET", "/batches?from=0&size=0", null, "reaching Livy", settings.connectTimeout);
    }

    /** Creates a batch: {@code POST /batches}. */
    public LivyBatch create(JsonObject body) throws UserError, IOException, InterruptedException {
        return LivyBatch.of(send("POST", "/batches", body.toString(), "creating the batch"));
    }

    /** {@code GET /batches/{id}}. */
    public LivyBatch batch(int id) throws UserError, IOException, InterruptedException {
        return LivyBatch.of(send("GET", "/batches/" + id, null, "following batch " + id));
    }

    /** The batch's log lines from {@code from} on, at most {@code size}: spark-submit's output and YARN's diagnostics. */
    public List<String> log(int id, int from, int size) throws UserError, IOException, InterruptedException {
        JsonObject log = send("GET", "/batches/" + id + "/log?from=" + from + "&size=" + size, null,
                "reading batch " + id + "'s log");
        List<String> lines = new ArrayList<>();
        JsonElement array = log.get("log");
        if (array instanceof JsonArray) {
            for (JsonElement line : (JsonArray) array) {
                lines.add(line.isJsonNull() ? "" : line.getAsString());
            }
        }
        return lines;
    }

    /** The last {@code count} lines of the batch's log. */
    public List<String> logTail(int id, int count) throws UserError, IOException, InterruptedException {
        JsonObject first = send("GET", "/batches/" + id + "/log?from=0&size=0", null, "reading batch " + id + "'s log");
        int total = first.has("total") ? first.get("total").getAsInt() : 0;
        return log(id, Math.max(0, total - count), count);
    }

    /** Deletes the batch: Livy kills its YARN application. */
    public void delete(int id) throws UserError, IOException, InterruptedException {
        send("DELETE", "/batches/" + id, null, "deleting batch " + id);
    }

    private JsonObject send(String method, String path, String body, String what)
            throws UserError, IOException, InterruptedException {
        return send(method, path, body, what, REQUEST_TIMEOUT);
    }

    private JsonObject send(String method, String path, String body, String what, Duration timeout)
            throws UserError, IOException, InterruptedException {
        String url = base + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").header(CSRF_HEADER, CSRF_VALUE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (settings.username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((settings.username + ":"
                    + (settings.password == null ? "" : settings.password)).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("did not answer within " + settings.connectTimeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new UserError("Livy at " + base + " accepted the connection but did not answer " + what + " within "
                    + timeout.toSeconds() + " s: is it overloaded, or is something in between holding the request? "
                    + "Check <livyUrl> (-Dpyspark.livyUrl), or wait longer with <connectTimeout> "
                    + "(-Dpyspark.connectTimeout)", e);
        } catch (ConnectException e) {
            throw unreachable("could not be reached (" + (e.getMessage() == null ? "connection refused" : e.getMessage())
                    + ")");
        } catch (SSLException e) {
            throw new UserError("The TLS connection to " + base + " failed (" + e.getMessage() + "): if the gateway's "
                    + "certificate is signed by your company's own CA, perhaps you should set <livyTrustStore> "
                    + "(-Dpyspark.livyTrustStore) to that CA's certificate (PEM) or a trust store holding it", e);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException) {
                throw new UserError("The TLS connection to " + base + " failed (" + e.getCause().getMessage() + "): if "
                        + "the gateway's certificate is signed by your company's own CA, perhaps you should set "
                        + "<livyTrustStore> (-Dpyspark.livyTrustStore) to that CA's certificate (PEM) or a trust store "
                        + "holding it", e);
            }
            throw unreachable("could not be reached (" + e + ")");
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return parse(text, url);
        }
        throw refusal(method, url, status, text, what);
    }

    /** Without its cause: the message says it, and Maven would repeat the cause's words after it. */
    private UserError unreachable(String how) {
        return new UserError("Livy at " + base + " " + how + ": check <livyUrl> (-Dpyspark.livyUrl), that this machine may "
                + "reach it (VPN, proxy, firewall), or wait longer with <connectTimeout> (-Dpyspark.connectTimeout)");
    }

    /** What an HTTP status other than 2xx means for the user. */
    UserError refusal(String method, String url, int status, String body, String what) {
        String said = message(body);
        String answer = "HTTP " + status + (said.isEmpty() ? "" : ": " + said);
        switch (status) {
            case 401:
                return new UserError("Livy at " + base + " refused the login (" + answer + ") while " + what + ": "
                        + (settings.username == null
                                ? "no credentials were sent; add a <server> with the id '" + settings.serverId + "' and "
                                        + "your <username> and <password> to Maven's settings.xml, or perhaps you should "
                                        + "set <livyServerId> (-Dpyspark.livyServerId)"
                                : "check the <username> and <password> of the <server> '" + settings.serverId
                                        + "' in Maven's settings.xml"));
            case 403:
                return new UserError("Livy at " + base + " refused " + what + " (" + answer + "): "
                        + (settings.username == null ? "the anonymous user" : "the user " + settings.username)
                        + " may not do that here (Livy's livy.server.access-control, its impersonation settings for a "
                        + "<proxyUser>, or the gateway's authorization); ask the cluster's administrators");
            case 404:
                return new UserError("There is no Livy batch API at " + url + " (" + answer + "): is <livyUrl> "
                        + "(-Dpyspark.livyUrl) Livy's address, with the gateway's path prefix if there is one (Knox: "
                        + "https://<gateway>/gateway/<topology>/livy/v1)?");
            case 400:
                return new UserError("Livy refused " + what + " (" + answer + ")" + badRequestHint(said));
            default:
                if (status >= 500) {
                    return new UserError("Livy at " + base + " failed while " + what + " (" + answer + "): the server "
                            + "or the gateway in front of it has a problem, not your build; try again, or ask the "
                            + "cluster's administrators (Livy's own log says more)");
                }
                return new UserError("Livy at " + base + " answered " + method + " " + url + " with " + answer);
        }
    }

    private static String badRequestHint(String said) {
        if (said.contains("cannot be added to user sessions")) {
            return ": Livy accepts local files only below its livy.file.local-dir-whitelist; perhaps you should set "
                    + "<livyLocalDirectory> (-Dpyspark.livyLocalDirectory) to a directory that list holds, or deliver "
                    + "the files another way (<livyDelivery>)";
        }
        return "";
    }

    /** Livy's own words in an error's body: {@code {"msg": "…"}}, a Jetty error page's reason, else its first line. */
    static String message(String body) {
        String text = body == null ? "" : body.trim();
        if (text.startsWith("{")) {
            try {
                JsonObject json = JsonParser.parseString(text).getAsJsonObject();
                if (json.has("msg") && !json.get("msg").isJsonNull()) {
                    return json.get("msg").getAsString();
                }
            } catch (JsonParseException | IllegalStateException | UnsupportedOperationException notJson) {
                // said in the first line below
            }
        }
        Matcher pre = PRE.matcher(text);
        Matcher title = TITLE.matcher(text);
        String first = pre.find() ? pre.group(1) : title.find() ? title.group(1)
                : text.lines().map(l -> l.replaceAll("<[^>]+>", " ").trim()).filter(l -> !l.isEmpty()).findFirst()
                        .orElse("");
        first = first.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    /** A Jetty error page's reason (Livy's own errors), and any page's title (a gateway's, a login page's). */
    private static final Pattern PRE = Pattern.compile("(?is)<pre>(.*?)</pre>");
    private static final Pattern TITLE = Pattern.compile("(?is)<title>(.*?)</title>");

    private static JsonObject parse(String text, String url) throws UserError {
        if (text.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject()) {
                return json.getAsJsonObject();
            }
        } catch (JsonParseException notJson) {
            // said below
        }
        throw new UserError("What answered at " + url + " is not Livy: it did not answer in JSON (" + message(text)
                + "). Is <livyUrl> (-Dpyspark.livyUrl) Livy's address, or a gateway's login page?");
    }
}
