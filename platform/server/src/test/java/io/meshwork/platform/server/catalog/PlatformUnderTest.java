package io.meshwork.platform.server.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.platform.server.PlatformServer;

/** A platform on its own topics of the shared test broker, and a small HTTP client for its API. */
final class PlatformUnderTest implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Object> properties;
    private PlatformServer server;

    /** A reply: status and body. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    PlatformUnderTest(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        properties = new HashMap<>();
        properties.put("meshwork.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("meshwork.registry.topic", "_mesh.registry." + suffix);
        properties.put("meshwork.catalog.lifecycle-topic", "mesh.lifecycle." + suffix);
        properties.put("meshwork.catalog.governance-topic", "mesh.governance." + suffix);
        properties.putAll(extra);
        server = PlatformServer.start(properties);
    }

    /** @return a domain name no other test uses, e.g. {@code sales-1a2b3c4d} */
    static String uniqueDomain(String base) {
        return base + "-"
                + UUID.randomUUID()
                        .toString()
                        .substring(0, 8)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]", "x");
    }

    void restart() {
        server.close();
        server = PlatformServer.start(properties);
    }

    URI uri() {
        return server.uri();
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri().resolve(path)).GET());
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri().resolve(path))
                .header("Content-Type", "application/json")
                .header("X-Meshwork-Principal", "User:test")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
