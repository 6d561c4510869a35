package io.github.sparkwheel.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An index that is not one, on 127.0.0.1, for the ITs of a failing index: every request gets the same status
 * and body, such as 500 and an error page, or 200 and a login page that lists no files.
 */
public final class BrokenIndex implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public BrokenIndex(int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        this.server = PackageIndex.loopbackServer(exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** {@code http://127.0.0.1:<port>/simple} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/simple";
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
