package io.meshwork.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.platform.server.PlatformServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real platform, started in this JVM on its own topics of the shared test broker, with the products the tests
 * declare through its API; and meshctl runs pointed at it.
 */
final class MeshUnderTest implements AutoCloseable {
    static final String ORDER_V1 =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "doc": "An order placed in the web shop.",
             "fields": [
               {"name": "orderId", "type": "string", "doc": "Unique order id."},
               {"name": "amount", "type": "double", "doc": "Total amount, in currency units."},
               {"name": "currency", "type": "string", "doc": "ISO 4217 currency code."}]}""";
    static final String ORDER_V1_1 =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "doc": "An order placed in the web shop.",
             "fields": [
               {"name": "orderId", "type": "string", "doc": "Unique order id."},
               {"name": "amount", "type": "double", "doc": "Total amount, in currency units."},
               {"name": "currency", "type": "string", "doc": "ISO 4217 currency code."},
               {"name": "discountCode", "type": ["null", "string"], "default": null, "doc": "Voucher used, if any."}]}""";
    static final String ORDER_BREAKING =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "doc": "An order placed in the web shop.",
             "fields": [
               {"name": "orderId", "type": "string", "doc": "Unique order id."},
               {"name": "amount", "type": "string", "doc": "Total amount as a decimal string."},
               {"name": "currency", "type": "string", "doc": "ISO 4217 currency code."},
               {"name": "discountCode", "type": ["null", "string"], "default": null, "doc": "Voucher used, if any."}]}""";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final EmbeddedKafkaBroker broker;
    private final PlatformServer server;

    MeshUnderTest(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> properties = new HashMap<>();
        properties.put("meshwork.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("meshwork.registry.replication-factor", 1);
        properties.put("meshwork.registry.topic", "_mesh.registry." + suffix);
        properties.put("meshwork.catalog.lifecycle-topic", "mesh.lifecycle." + suffix);
        properties.put("meshwork.catalog.governance-topic", "mesh.governance." + suffix);
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

    /** @return a local port nobody listens on */
    static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    String platformUrl() {
        String uri = server.uri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** @return the environment meshctl runs with: this platform and this broker */
    Map<String, String> env() {
        return Map.of("MESHWORK_PLATFORM", platformUrl(), "MESHWORK_BOOTSTRAP_SERVERS", bootstrapServers());
    }

    /** Runs meshctl against this mesh. */
    Run run(String... args) {
        return Run.of(env(), args);
    }

    // ------------------------------------------------------------------------------------------- products via the API

    static String descriptor(String domain, String version, String classification, String extra) {
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        return """
                id: %1$s.orders
                version: %2$s
                domain: %1$s
                title: Web shop orders
                description: Every order placed in the web shop, cleaned and deduplicated, one record per order.
                owner:
                  team: %1$s-core
                  email: %1$s-core@example.com
                tags: [orders, revenue]
                classification: %4$s
                outputPorts:
                  - topic: %1$s.orders.v%3$d
                    schema: order.avsc
                    partitions: 3
                    retention: 7d
                inputPorts:
                  - topic: %1$s.raw-orders
                slos:
                  freshness: 5m
                %5$s"""
                .formatted(domain, version, major, classification, extra);
    }

    /** Declares {@code <domain>.orders} at this version with this value schema. */
    void declare(String domain, String version, String schema, String classification, String extra) {
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        Map<String, Object> body = Map.of(
                "descriptor", descriptor(domain, version, classification, extra),
                "schemas", Map.of(domain + ".orders.v" + major + "-value", schema));
        Reply declared = post("api/v1/products", body);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
    }

    /** Requests publication of a declared version and expects it to pass. */
    void publish(String domain, String version) {
        Reply published = post("api/v1/products/" + domain + ".orders/publications", Map.of("version", version));
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
    }

    /** Declares and publishes {@code <domain>.orders} 1.0.0; @return the product id */
    String publishOrders(String domain, String classification) {
        declare(domain, "1.0.0", ORDER_V1, classification, "");
        publish(domain, "1.0.0");
        return domain + ".orders";
    }

    /** A reply of the platform: status and body. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Run.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).GET());
    }

    Reply post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .header("Content-Type", "application/json")
                    .header("X-Meshwork-Principal", "User:test")
                    .POST(HttpRequest.BodyPublishers.ofString(Run.JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
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

    /** @return the ids of the subscriptions to this product, in the catalog's order */
    List<String> subscriptionIds(String product) {
        return get("api/v1/subscriptions?product=" + product)
                .json()
                .path("items")
                .findValuesAsText("subscriptionId");
    }

    URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }
}
