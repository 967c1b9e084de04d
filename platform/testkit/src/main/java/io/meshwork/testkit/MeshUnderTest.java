package io.meshwork.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.platform.server.PlatformServer;
import io.meshwork.sdk.service.MeshServiceConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The real platform (registry, catalog, governance) on a broker, with its own registry, lifecycle and governance
 * topics so that several tests share one broker; and what a test needs around it: the settings for a
 * {@code MeshService}, JSON reads of the catalog API, and {@code read_committed} reads of a topic.
 */
public final class MeshUnderTest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedKafkaBroker broker;
    private final String lifecycleTopic;
    private final Map<String, Object> properties;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PlatformServer platform;

    private MeshUnderTest(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        this.broker = broker;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.lifecycleTopic = "mesh.lifecycle." + suffix;
        properties = new HashMap<>();
        properties.put("meshwork.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("meshwork.registry.topic", "_mesh.registry." + suffix);
        properties.put("meshwork.catalog.lifecycle-topic", lifecycleTopic);
        properties.put("meshwork.catalog.governance-topic", "mesh.governance." + suffix);
        properties.putAll(extra);
        platform = PlatformServer.start(properties);
    }

    /**
     * Starts a platform on the broker.
     *
     * @param broker the shared test broker
     * @return the running platform; close it before the broker stops
     */
    public static MeshUnderTest start(EmbeddedKafkaBroker broker) {
        return new MeshUnderTest(broker, Map.of());
    }

    /**
     * @param broker the shared test broker
     * @param extra more platform properties (e.g. governance settings)
     * @return the running platform
     */
    public static MeshUnderTest start(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        return new MeshUnderTest(broker, extra);
    }

    /** Stops the platform and starts it again on the same topics (a restart rebuilds from them). */
    public void restart() {
        platform.close();
        platform = PlatformServer.start(properties);
    }

    /** @return the platform's base URL, e.g. {@code http://127.0.0.1:41234/} */
    public URI uri() {
        return platform.uri();
    }

    /** @return the broker's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** @return the platform's lifecycle topic */
    public String lifecycleTopic() {
        return lifecycleTopic;
    }

    /**
     * @param stateDir Kafka Streams' state folder (a test's temporary folder)
     * @return the settings of a service on this platform: fast heartbeats and commits, a short startup timeout
     */
    public MeshServiceConfig serviceConfig(Path stateDir) {
        return MeshServiceConfig.from(Map.of(
                "meshwork.platform.url",
                uri().toString(),
                "meshwork.bootstrap.servers",
                broker.bootstrapServers(),
                "meshwork.lifecycle.topic",
                lifecycleTopic,
                "meshwork.state.dir",
                stateDir.toString(),
                "meshwork.heartbeat.interval",
                "500ms",
                "meshwork.startup.timeout",
                "60s",
                "meshwork.http.port",
                "0",
                "streams.commit.interval.ms",
                "100"));
    }

    /**
     * @param path a path under the base URL, e.g. {@code api/v1/products/sales.orders}
     * @return the JSON answer
     * @throws AssertionError when the answer is not 200
     */
    public JsonNode get(String path) {
        HttpResponse<String> r = send(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " is not JSON: " + r.body(), e);
        }
    }

    /**
     * @param productId a product in the catalog
     * @param major one of its major versions
     * @return that major version's line of {@code GET /api/v1/products/{id}}: status, topic, versions, instances
     * @throws AssertionError when the product or the major version is not in the catalog
     */
    public JsonNode line(String productId, int major) {
        JsonNode product = get("api/v1/products/" + productId);
        for (JsonNode l : product.path("lines")) {
            if (l.path("major").asInt() == major) {
                return l;
            }
        }
        throw new AssertionError("no v" + major + " of " + productId + " in " + product);
    }

    /**
     * @param path a path under the base URL
     * @return the HTTP status of a GET
     */
    public int status(String path) {
        return send(path).statusCode();
    }

    /**
     * Reads a topic from the beginning with {@code read_committed} until no record came for {@code quiet}.
     *
     * @param topic the topic
     * @param quiet how long without a new record ends the read
     * @param atMost the longest the read may take
     * @return every committed record, in partition order
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Duration quiet, Duration atMost) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + atMost.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < end && System.nanoTime() - lastNew < quiet.toNanos()) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() > before) {
                    lastNew = System.nanoTime();
                }
            }
        }
        return records;
    }

    /**
     * Reads a topic from the beginning with {@code read_committed} until it holds at least {@code expected} records
     * (or {@code atMost} passed), then two seconds more, so that a record too many shows too.
     *
     * @param topic the topic
     * @param expected how many records the caller expects
     * @param atMost the longest the read may take
     * @return every committed record read, in partition order
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, long expected, Duration atMost) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(topic)) {
            long end = System.nanoTime() + atMost.toNanos();
            while (records.size() < expected && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        platform.close();
    }

    private KafkaConsumer<byte[], byte[]> committedReader(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private HttpResponse<String> send(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri().resolve(path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
