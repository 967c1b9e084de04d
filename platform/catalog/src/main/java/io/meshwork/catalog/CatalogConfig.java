package io.meshwork.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the catalog reaches Kafka.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param partitions partitions of {@code mesh.lifecycle.v1} and {@code mesh.governance.v1} when the platform creates
 *     them
 * @param replicationFactor replication factor of the platform topics it creates
 * @param startupTimeout how long to wait for the first full rebuild
 * @param clientOverrides extra Kafka client properties (security etc.) applied to every client
 * @param lifecycleTopic the lifecycle topic, {@link CatalogTopics#LIFECYCLE} except in tests that share a broker
 * @param governanceTopic the decisions topic, {@link CatalogTopics#GOVERNANCE} except in tests that share a broker
 */
public record CatalogConfig(
        String bootstrapServers,
        int partitions,
        short replicationFactor,
        Duration startupTimeout,
        Map<String, Object> clientOverrides,
        String lifecycleTopic,
        String governanceTopic) {

    public CatalogConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (partitions < 1) {
            throw new IllegalArgumentException("the platform topics need at least one partition, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("the replication factor is at least 1, not " + replicationFactor);
        }
        clientOverrides = clientOverrides == null ? Map.of() : Map.copyOf(clientOverrides);
        lifecycleTopic = lifecycleTopic == null ? CatalogTopics.LIFECYCLE : lifecycleTopic;
        governanceTopic = governanceTopic == null ? CatalogTopics.GOVERNANCE : governanceTopic;
    }

    /** @return the dead-letter topic of the lifecycle topic, {@code <lifecycle topic>.dlq} */
    public String quarantineTopic() {
        return lifecycleTopic + ".dlq";
    }

    /** @return this configuration with other topic names (tests sharing one broker) */
    public CatalogConfig withTopics(String lifecycle, String governance) {
        return new CatalogConfig(
                bootstrapServers,
                partitions,
                replicationFactor,
                startupTimeout,
                clientOverrides,
                lifecycle,
                governance);
    }

    /** @return 3 partitions, replication factor 1, a 2-minute startup timeout */
    public static CatalogConfig of(String bootstrapServers) {
        return new CatalogConfig(bootstrapServers, 3, (short) 1, Duration.ofMinutes(2), Map.of(), null, null);
    }

    /** @return this configuration with another replication factor */
    public CatalogConfig withReplicationFactor(short factor) {
        return new CatalogConfig(
                bootstrapServers, partitions, factor, startupTimeout, clientOverrides, lifecycleTopic, governanceTopic);
    }

    /** @return this configuration with another partition count */
    public CatalogConfig withPartitions(int count) {
        return new CatalogConfig(
                bootstrapServers,
                count,
                replicationFactor,
                startupTimeout,
                clientOverrides,
                lifecycleTopic,
                governanceTopic);
    }
}
