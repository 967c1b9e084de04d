package io.meshwork.mesh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.domains.sales.OrderPipeline;
import io.meshwork.domains.sales.OrderSimulator;
import io.meshwork.domains.sales.SalesService;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.sdk.simulation.SourceSimulator;
import io.meshwork.testkit.MeshUnderTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A domain service killed with SIGKILL mid-stream and started again loses no record and duplicates none in its product
 * topic, as a {@code read_committed} consumer sees it: exactly-once v2 aborts the killed instance's open transaction,
 * and the new one resumes from the last committed offsets.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ServiceCrashIT {
    private static final int ORDERS = 3_000;

    @TempDir
    Path state;

    @Test
    void shouldNeitherLoseNorDuplicateAnOrderWhenTheServiceIsKilledMidStream(EmbeddedKafkaBroker broker)
            throws Exception {
        try (MeshUnderTest mesh = MeshUnderTest.start(broker)) {
            Process first = launch(mesh, "first");
            Process second = null;
            try {
                awaitRunning(mesh, first, state.resolve("first.log"));
                Set<String> sent = new HashSet<>();
                AtomicBoolean done = new AtomicBoolean();
                Thread producer = new Thread(() -> produce(mesh, sent, done), "orders");
                producer.start();

                // kill it once part of the stream is through, while records keep coming
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> outputCount(mesh) >= ORDERS / 4);
                first.destroyForcibly().waitFor();
                assertThat(done.get())
                        .as("the service was killed before all orders were sent")
                        .isFalse();

                second = launch(mesh, "second");
                producer.join(Duration.ofSeconds(120).toMillis());
                assertThat(done.get()).isTrue();

                List<ConsumerRecord<byte[], byte[]>> out = List.of();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline) {
                    out = mesh.readCommitted(OrderPipeline.ORDERS_V2, Duration.ofSeconds(3), Duration.ofSeconds(60));
                    if (out.size() >= ORDERS) {
                        break;
                    }
                }
                Set<String> keys = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> r : out) {
                    keys.add(new String(r.key(), StandardCharsets.UTF_8));
                }
                assertThat(keys).as("every order arrived").isEqualTo(sent);
                assertThat(out).as("no order arrived twice").hasSize(ORDERS);
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor();
                }
            }
        }
    }

    private void produce(MeshUnderTest mesh, Set<String> sent, AtomicBoolean done) {
        OrderSimulator orders = new OrderSimulator(0, 0, 17);
        Random random = new Random(17);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                mesh.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < ORDERS; i++) {
                SourceSimulator.SimulatedRecord r = orders.next(random, i);
                producer.send(new ProducerRecord<>(OrderPipeline.RAW_ORDERS, r.key(), r.value()))
                        .get();
                synchronized (sent) {
                    sent.add(r.key());
                }
                if (i % 20 == 0) {
                    Thread.sleep(20);
                }
            }
            done.set(true);
        } catch (Exception e) {
            throw new IllegalStateException("producing orders failed", e);
        }
    }

    private static long outputCount(MeshUnderTest mesh) {
        return mesh.readCommitted(OrderPipeline.ORDERS_V2, Duration.ofMillis(500), Duration.ofSeconds(10))
                .size();
    }

    private static void awaitRunning(MeshUnderTest mesh, Process service, Path log) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(service.isAlive())
                            .as(
                                    "the service process is alive; its output:%n%s",
                                    Files.exists(log) ? Files.readString(log) : "")
                            .isTrue();
                    JsonNode product = mesh.get("api/v1/products/sales.orders");
                    boolean running = false;
                    for (JsonNode l : product.path("lines")) {
                        for (JsonNode i : l.path("instances")) {
                            running |= i.path("state").asText().equals("RUNNING");
                        }
                    }
                    assertThat(running).isTrue();
                });
    }

    /** Runs the sales service in a JVM of its own, configured through environment variables as in production. */
    private Process launch(MeshUnderTest mesh, String name) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = state.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        classpath,
                        SalesService.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(new HashMap<>(Map.of(
                "MESHWORK_PLATFORM_URL", mesh.uri().toString(),
                "MESHWORK_BOOTSTRAP_SERVERS", mesh.bootstrapServers(),
                "MESHWORK_LIFECYCLE_TOPIC", mesh.lifecycleTopic(),
                "MESHWORK_STATE_DIR", state.resolve("streams-" + name).toString(),
                "MESHWORK_HTTP_PORT", "-1",
                "MESHWORK_HEARTBEAT_INTERVAL", "500ms",
                "MESHWORK_INSTANCE_ID", "crash-" + name)));
        return pb.start();
    }
}
