package io.meshwork.sdk.service.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A service's operational endpoint: {@code GET /health} (200 when the Streams instance runs or rebalances, 503
 * otherwise, with the state and products as JSON) and {@code GET /metrics} (Prometheus text format). Not part of the
 * public API.
 */
public final class HealthServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    /**
     * Starts serving.
     *
     * @param port the port, 0 for a free one
     * @param health the current health document; its {@code status} field is {@code UP} or {@code DOWN}
     * @param metrics the metrics to scrape
     * @throws IOException when the port cannot be bound
     */
    public HealthServer(int port, Supplier<ObjectNode> health, ServiceMetrics metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, metrics.applicationId() + "-health");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health", exchange -> {
            if (!allowed(exchange)) {
                return;
            }
            ObjectNode body = health.get();
            int status = "UP".equals(body.path("status").asText()) ? 200 : 503;
            respond(exchange, status, "application/json", JSON.writeValueAsBytes(body));
        });
        server.createContext("/metrics", exchange -> {
            if (!allowed(exchange)) {
                return;
            }
            respond(
                    exchange,
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(StandardCharsets.UTF_8));
        });
        server.createContext(
                "/",
                exchange -> respond(
                        exchange,
                        404,
                        "application/json",
                        ("{\"error\":\"no route "
                                        + exchange.getRequestURI().getPath().replaceAll("[^A-Za-z0-9/._-]", "?")
                                        + "; use /health or /metrics\"}")
                                .getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    /** @return the base URI, e.g. {@code http://localhost:8091/} */
    public URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        respond(exchange, 405, "application/json", "{\"error\":\"use GET\"}".getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
