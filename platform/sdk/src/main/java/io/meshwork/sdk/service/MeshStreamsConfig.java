package io.meshwork.sdk.service;

import java.util.Properties;

import io.meshwork.sdk.service.internal.DeadLetterHandlers;
import io.meshwork.sdk.service.internal.ServiceMetrics;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of every data product service, in one place, so that production and
 * {@code TopologyTestDriver} tests run with the same settings: exactly-once v2, the SDK's dead-letter exception
 * handlers, the state folder per application.
 */
public final class MeshStreamsConfig {
    private MeshStreamsConfig() {}

    /**
     * @param applicationId the Streams application id, {@code <domain>.<service>}
     * @param config where the mesh is and how to run
     * @param deadLetterTopic the dead-letter topic of failures not tied to one port (the newest product's)
     * @param metrics where dead letters are counted
     * @return the properties for {@code new KafkaStreams(topology, properties)}
     */
    public static Properties properties(
            String applicationId, MeshServiceConfig config, String deadLetterTopic, ServiceMetrics metrics) {
        Properties p = new Properties();
        p.putAll(config.streams());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId + "-" + config.instanceId());
        p.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        p.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterHandlers.Deserialization.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class.getName());
        // global tables too (Kafka 5.0's default)
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class.getName());
        p.put(DeadLetterHandlers.DEFAULT_TOPIC_CONFIG, deadLetterTopic);
        p.put(DeadLetterHandlers.APPLICATION_CONFIG, applicationId);
        p.put(DeadLetterHandlers.METRICS_CONFIG, metrics);
        return p;
    }
}
