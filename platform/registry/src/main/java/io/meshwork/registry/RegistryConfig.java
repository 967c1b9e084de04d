package io.meshwork.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where and how the registry keeps its log.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param topic the registry log, {@code _mesh.registry} by default
 * @param writerId the transactional id every instance of one registry shares, so that writes are serialized
 * @param replicationFactor the log's replication when the registry creates it (capped at the number of brokers)
 * @param startupTimeout how long to wait for the state to be rebuilt at start
 * @param writeTimeout how long one write may wait for Kafka
 * @param clientProperties extra Kafka client properties (security settings and the like)
 */
public record RegistryConfig(
        String bootstrapServers,
        String topic,
        String writerId,
        int replicationFactor,
        Duration startupTimeout,
        Duration writeTimeout,
        Map<String, Object> clientProperties) {

    /** The default registry log topic. */
    public static final String DEFAULT_TOPIC = "_mesh.registry";

    public RegistryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(writerId, "writerId");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Defaults for a registry on {@code bootstrapServers} with its log in {@code topic}. */
    public static RegistryConfig of(String bootstrapServers, String topic) {
        return new RegistryConfig(
                bootstrapServers,
                topic,
                "meshwork-registry-writer-" + topic,
                3,
                Duration.ofSeconds(60),
                Duration.ofSeconds(15),
                Map.of());
    }

    Map<String, Object> kafka() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
