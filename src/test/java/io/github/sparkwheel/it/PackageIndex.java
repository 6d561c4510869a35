package io.github.sparkwheel.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PEP 503 "simple" package index on 127.0.0.1 for the ITs: the wheels and sdists of one directory, under
 * {@code /simple/<project>/}, optionally behind HTTP basic authentication. It records every request
 * (method, path, whether it was authorised) so that an IT can prove who asked for what.
 */
public final class PackageIndex implements AutoCloseable {

    private static final String DISTRIBUTIONS = "*.{whl,tar.gz}";

    private final Path wheels;
    private final String expectedAuthorization;
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** @param username {@code null} for an index without authentication */
    public PackageIndex(Path wheels, String username, String password) throws IOException {
        this.wheels = wheels;
        this.expectedAuthorization = basic(username, password);
        this.server = loopbackServer(this::handle);
    }

    /** The {@code Authorization} (or {@code Proxy-Authorization}) value of a login; {@code null} for none. */
    static String basic(String username, String password) {
        return username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A started HTTP server on 127.0.0.1 and a free port, every path to {@code handler}. */
    static HttpServer loopbackServer(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    /** The index URL pip is given: {@code http://127.0.0.1:<port>/simple}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/simple";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code "GET /simple/textlib/ 200"} per request, in order; {@code … via proxy} when the ITs' proxy sent it. */
    public List<String> requests() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status;
        try {
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"it-index\"");
                status = respond(exchange, 401, "text/plain", "authentication required".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/simple") || path.equals("/simple/")) {
                StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
                for (String project : projects()) {
                    html.append("<a href=\"/simple/").append(project).append("/\">").append(project).append("</a>\n");
                }
                status = respond(exchange, 200, "text/html", html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/simple/")) {
                String project = normalize(path.substring("/simple/".length()).replace("/", ""));
                List<Path> files = files(project);
                if (files.isEmpty()) {
                    status = respond(exchange, 404, "text/plain", "no such project".getBytes(StandardCharsets.UTF_8));
                } else {
                    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        html.append("<a href=\"/files/").append(name).append("#sha256=").append(sha256(file)).append("\">")
                                .append(name).append("</a>\n");
                    }
                    status = respond(exchange, 200, "text/html", html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8));
                }
            } else if (path.startsWith("/files/") && !path.contains("..")) {
                Path file = wheels.resolve(path.substring("/files/".length()));
                status = Files.isRegularFile(file)
                        ? respond(exchange, 200, "application/octet-stream", Files.readAllBytes(file))
                        : respond(exchange, 404, "text/plain", new byte[0]);
            } else {
                status = respond(exchange, 404, "text/plain", new byte[0]);
            }
        } finally {
            exchange.close();
        }
        boolean proxied = exchange.getRequestHeaders().containsKey("X-It-Proxy"); // see ForwardProxy
        requests.add(exchange.getRequestMethod() + " " + path + " " + status + (proxied ? " via proxy" : ""));
    }

    private TreeSet<String> projects() throws IOException {
        TreeSet<String> projects = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(wheels, DISTRIBUTIONS)) {
            for (Path file : files) {
                projects.add(normalize(file.getFileName().toString().split("-")[0]));
            }
        }
        return projects;
    }

    private List<Path> files(String project) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(wheels, DISTRIBUTIONS)) {
            for (Path file : files) {
                if (normalize(file.getFileName().toString().split("-")[0]).equals(project)) {
                    found.add(file);
                }
            }
        }
        found.sort(null);
        return found;
    }

    static String normalize(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    private static int respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    private static String sha256(Path file) throws IOException {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
