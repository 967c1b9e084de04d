package io.meshwork.platform.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaException;

/**
 * The embedded default: the in-process Kafka broker with its data under {@code .meshwork/kafka} and the platform
 * (registry) on port 8080, in one process. Ctrl-C stops both cleanly; running it again resumes with the data kept.
 *
 * <p>Settings ({@code -D} system properties): {@code meshwork.dev.data-dir} (default {@code .meshwork}),
 * {@code meshwork.dev.kafka-port} (9092), {@code meshwork.dev.controller-port} (9093), {@code micronaut.server.port}
 * (8080).
 */
public final class DevMesh {
    private DevMesh() {}

    /** Starts the broker and the platform and blocks until the JVM is asked to stop. */
    public static void main(String[] args) {
        Path data = Path.of(System.getProperty("meshwork.dev.data-dir", ".meshwork"));
        int kafkaPort = Integer.getInteger("meshwork.dev.kafka-port", 9092);
        int controllerPort = Integer.getInteger("meshwork.dev.controller-port", 9093);
        int httpPort = Integer.getInteger("micronaut.server.port", 8080);
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.builder()
                    .dataFolder(data.resolve("kafka"))
                    .port(kafkaPort)
                    .controllerPort(controllerPort)
                    .build()
                    .start();
        } catch (EmbeddedKafkaException e) {
            System.err.println("meshwork dev: " + e.getMessage());
            System.exit(1);
            return;
        }
        PlatformServer platform;
        try {
            platform = PlatformServer.start(Map.of(
                    "meshwork.kafka.bootstrap-servers",
                    broker.bootstrapServers(),
                    "meshwork.registry.replication-factor",
                    1,
                    "micronaut.server.port",
                    httpPort));
        } catch (RuntimeException e) {
            broker.stop();
            System.err.println("meshwork dev: the platform did not start on port " + httpPort + ": "
                    + PlatformServer.rootCause(e)
                    + " (set -Dmicronaut.server.port to use another port)");
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.println("Meshwork is running (embedded default):");
        System.out.println("  Kafka      bootstrap.servers=" + broker.bootstrapServers() + "  (data in "
                + broker.dataFolder() + ")");
        System.out.println("  Registry   " + platform.uri() + "  (Confluent-compatible: schema.registry.url)");
        System.out.println("Try:");
        System.out.println("  curl " + platform.uri() + "subjects");
        System.out.println("  curl " + platform.uri() + "config");
        System.out.println("Press Ctrl-C to stop; the data is kept for the next start.");

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean once = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (once.compareAndSet(false, true)) {
                                platform.close();
                                broker.stop();
                                System.out.println("Meshwork stopped; data kept in " + data.toAbsolutePath() + ".");
                            }
                            stopped.countDown();
                        },
                        "meshwork-dev-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
