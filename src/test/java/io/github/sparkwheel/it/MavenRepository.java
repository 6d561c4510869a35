package io.github.sparkwheel.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Maven repository served over HTTP on 127.0.0.1, as Nexus or Artifactory serve one: {@code mvn deploy} PUTs its
 * files, anyone GETs them (no login, as a cluster's Spark reads). Its files live in one directory. It records every
 * request ({@code GET /it/pyspark/…}) so that an IT can prove who fetched what.
 */
public final class MavenRepository implements AutoCloseable {

    private final Path root;
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public MavenRepository(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
        this.server = PackageIndex.loopbackServer(this::handle);
    }

    /** {@code http://127.0.0.1:<port>/repository}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/repository";
    }

    /** Every request so far: {@code METHOD path status}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        int status;
        try {
            Path file = path.startsWith("/repository/") ? root.resolve(path.substring("/repository/".length())).normalize()
                    : null;
            if (file == null || !file.startsWith(root)) {
                status = 404;
                exchange.sendResponseHeaders(status, -1);
            } else if (method.equals("PUT")) {
                Files.createDirectories(file.getParent());
                try (InputStream in = exchange.getRequestBody()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                status = 201;
                exchange.sendResponseHeaders(status, -1);
            } else if ((method.equals("GET") || method.equals("HEAD")) && Files.isRegularFile(file)) {
                status = 200;
                long size = Files.size(file);
                exchange.sendResponseHeaders(status, method.equals("HEAD") ? -1 : size == 0 ? -1 : size);
                if (method.equals("GET") && size > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        Files.copy(file, out);
                    }
                }
            } else {
                status = 404;
                exchange.sendResponseHeaders(status, -1);
            }
        } finally {
            exchange.close();
        }
        requests.add(method + " " + path + " " + status);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
