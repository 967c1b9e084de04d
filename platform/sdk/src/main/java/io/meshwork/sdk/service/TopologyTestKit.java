package io.meshwork.sdk.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.meshwork.descriptor.InputPort;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.sdk.registry.RegisteredSchema;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.MeshAvroSerde;
import io.meshwork.sdk.serde.MeshAvroSerdeConfig;
import io.meshwork.sdk.service.internal.ReleasePublisher;
import io.meshwork.sdk.service.internal.ServiceMetrics;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

/**
 * A service's topology and configuration for {@code TopologyTestDriver}, built by the same code as in production
 * ({@link MeshTopology}, {@link MeshStreamsConfig}) but without a mesh: upstream products read from
 * {@code <id>.v<major>}, and the serdes share an {@linkplain SchemaRegistryClient#offline() offline registry client}
 * that knows each port's schema and numbers the schemas the test writes. Integration tests run against the real
 * platform instead.
 *
 * <pre>{@code
 * try (TopologyTestKit kit = TopologyTestKit.of("sales.order-pipeline", OrderPipeline::build,
 *             "products/sales.orders/1.1.0/dataproduct.yaml");
 *         TopologyTestDriver driver = new TopologyTestDriver(kit.topology(), kit.properties())) {
 *     TestInputTopic<String, String> raw = driver.createInputTopic("sales.raw-orders", new StringSerializer(),
 *             new StringSerializer());
 *     TestOutputTopic<String, Order> orders = driver.createOutputTopic("sales.orders.v1", new StringDeserializer(),
 *             kit.serde(Order.class).deserializer());
 *     ...
 * }
 * }</pre>
 */
public final class TopologyTestKit implements AutoCloseable {
    private final MeshTopology mesh;
    private final Topology topology;
    private final Properties properties;
    private final SchemaRegistryClient registry;
    private final ServiceMetrics metrics;
    private final Path stateDir;

    private TopologyTestKit(String applicationId, List<ProductRelease> releases, ProductTopology build) {
        List<ProductRelease> live =
                new ArrayList<>(ReleasePublisher.newestPerMajor(releases).values());
        registry = SchemaRegistryClient.offline();
        int id = 1;
        Map<String, String> inputs = new LinkedHashMap<>();
        for (ProductRelease release : live) {
            for (OutputPort port : release.descriptor().outputPorts()) {
                for (Map.Entry<String, String> s : release.schemas().entrySet()) {
                    if (s.getKey().startsWith(port.topic() + "-")) {
                        registry.preload(new RegisteredSchema(s.getKey(), id++, 1, "AVRO", s.getValue(), List.of()));
                    }
                }
            }
            for (InputPort input : release.descriptor().inputPorts()) {
                if (input.isProduct()) {
                    inputs.put(input.product() + ".v" + input.major(), input.resolvedTopic());
                }
            }
        }
        metrics = new ServiceMetrics(applicationId);
        try {
            // under the build's target folder when there is one: Kafka warns about state in the OS temp folder
            Path target = Path.of("target");
            stateDir = Files.isDirectory(target)
                    ? Files.createTempDirectory(target, "meshwork-topology-test")
                    : Files.createTempDirectory("meshwork-topology-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String deadLetters = DeadLetters.topicFor(
                live.get(live.size() - 1).descriptor().outputPorts().get(0).topic());
        properties = MeshStreamsConfig.properties(
                applicationId,
                MeshServiceConfig.defaults().with(Map.of("meshwork.state.dir", stateDir.toString())),
                deadLetters,
                metrics);
        mesh = new MeshTopology(applicationId, live, inputs, registry, metrics, properties);
        build.build(mesh);
        topology = mesh.build();
    }

    /**
     * @param applicationId the service's application id
     * @param topology the service's topology method
     * @param releaseResources the descriptor resources on the classpath, oldest first
     * @return the kit
     */
    public static TopologyTestKit of(String applicationId, ProductTopology topology, String... releaseResources) {
        List<ProductRelease> releases = new ArrayList<>();
        for (String resource : releaseResources) {
            releases.add(ProductRelease.fromClasspath(
                    resource, Thread.currentThread().getContextClassLoader()));
        }
        if (releases.isEmpty()) {
            throw new IllegalArgumentException("name at least one release");
        }
        return new TopologyTestKit(applicationId, releases, topology);
    }

    /** @return the built topology */
    public Topology topology() {
        return topology;
    }

    /** @return the production Streams properties, with a temporary state folder */
    public Properties properties() {
        return properties;
    }

    /** @return the topology builder as the topology method left it (its ports and sources) */
    public MeshTopology mesh() {
        return mesh;
    }

    /**
     * @param type a generated Avro class, or {@code GenericRecord.class}
     * @param <V> the type
     * @return a value serde on the kit's registry client, to write input records and read output records
     */
    public <V> Serde<V> serde(Class<V> type) {
        MeshAvroSerde<V> serde = new MeshAvroSerde<>(registry);
        serde.configure(
                Map.of(
                        MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                        true,
                        MeshAvroSerdeConfig.SPECIFIC_AVRO_READER,
                        !GenericRecord.class.equals(type),
                        MeshAvroSerdeConfig.REMOVE_JAVA_PROPERTIES,
                        true),
                false);
        return serde;
    }

    /** @return records written to a product topic, as counted for heartbeats */
    public long recordsOut(String topic) {
        return metrics.recordsOut(topic);
    }

    /** @return dead letters of a product topic, as counted for heartbeats */
    public long deadLettered(String productTopic) {
        return metrics.deadLettered(productTopic);
    }

    /** @return records of a product topic dropped by quality rules */
    public long dropped(String productTopic) {
        return metrics.droppedCount(productTopic);
    }

    /** Deletes the temporary state folder. */
    @Override
    public void close() {
        metrics.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
