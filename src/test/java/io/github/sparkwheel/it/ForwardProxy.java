package io.github.sparkwheel.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward HTTP proxy on 127.0.0.1 for the ITs (plain {@code http://} targets, as a proxy receives them:
 * {@code GET http://host:port/path}), optionally asking for basic proxy authentication. It records every
 * request, so that an IT can prove pip went through it, and with which credentials.
 */
public final class ForwardProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authorization",
            "proxy-authenticate", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length");

    private final String expectedAuthorization;
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** @param username {@code null} for a proxy that asks for no credentials */
    public ForwardProxy(String username, String password) throws IOException {
        this.expectedAuthorization = PackageIndex.basic(username, password);
        this.server = PackageIndex.loopbackServer(this::handle);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code "GET http://127.0.0.1:1234/simple/textlib/ 200"} per request, in order. */
    public List<String> requests() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI target = exchange.getRequestURI();
        int status;
        try {
            if (!target.isAbsolute() || "CONNECT".equals(exchange.getRequestMethod())) {
                status = 501;
                exchange.sendResponseHeaders(status, -1);
            } else if (expectedAuthorization != null
                    && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                status = 407;
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"it-proxy\"");
                exchange.sendResponseHeaders(status, -1);
            } else {
                status = forward(exchange, target);
            }
        } finally {
            exchange.close();
        }
        requests.add(exchange.getRequestMethod() + " " + target + " " + status);
    }

    private static int forward(HttpExchange exchange, URI target) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(exchange.getRequestMethod());
        connection.setInstanceFollowRedirects(false);
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    connection.addRequestProperty(header.getKey(), value);
                }
            }
        }
        connection.setRequestProperty("X-It-Proxy", "forwarded"); // the index can tell what came through here
        int status = connection.getResponseCode();
        for (Map.Entry<String, List<String>> header : connection.getHeaderFields().entrySet()) {
            if (header.getKey() != null && !HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        return status;
    }
}
