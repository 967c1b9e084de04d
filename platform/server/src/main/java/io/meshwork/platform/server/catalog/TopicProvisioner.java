package io.meshwork.platform.server.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.meshwork.descriptor.OutputPort;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates product topics from the descriptor's settings, with their dead-letter topics: the platform, not the domain
 * service, creates them, so names and settings are always the governed ones.
 */
@Singleton
class TopicProvisioner {
    private final Admin admin;
    private final int defaultPartitions;
    private final short replicationFactor;

    TopicProvisioner(
            @Value("${meshwork.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${meshwork.catalog.default-partitions:3}") int defaultPartitions,
            @Value("${meshwork.catalog.replication-factor:0}") short catalogReplicationFactor,
            @Value("${meshwork.registry.replication-factor:3}") short registryReplicationFactor) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(config);
        this.defaultPartitions = defaultPartitions;
        this.replicationFactor = catalogReplicationFactor > 0 ? catalogReplicationFactor : registryReplicationFactor;
    }

    /** A topic as provisioned. */
    record Provisioned(String topic, int partitions, boolean created) {}

    /**
     * Creates {@code port.topic()} and {@code <topic>.dlq} when missing.
     *
     * @throws IllegalStateException naming the topic and Kafka's reason
     */
    Provisioned provision(OutputPort port) {
        int partitions = port.partitions() == null ? defaultPartitions : port.partitions();
        Map<String, String> configs = new HashMap<>();
        Duration retention = port.retention();
        if (retention != null) {
            configs.put(
                    TopicConfig.RETENTION_MS_CONFIG,
                    retention.equals(OutputPort.INFINITE_RETENTION) ? "-1" : Long.toString(retention.toMillis()));
        }
        short replication = replication();
        boolean created = create(new NewTopic(port.topic(), partitions, replication).configs(configs));
        create(new NewTopic(port.topic() + ".dlq", 1, replication).configs(configs));
        int actual = partitions;
        if (!created) {
            actual = describe(port.topic()).partitions().size();
        }
        return new Provisioned(port.topic(), actual, created);
    }

    /** The configured replication factor, capped to the cluster's size (the one-broker dev mesh). */
    private short replication() {
        try {
            int brokers =
                    admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            return (short) Math.max(1, Math.min(replicationFactor, brokers));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to create topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka", e);
        }
    }

    private boolean create(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException(
                    "Kafka refused to create topic " + topic.name() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topic " + topic.name() + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        }
    }

    private TopicDescription describe(String topic) {
        try {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + topic, e);
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
