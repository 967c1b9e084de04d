package io.meshwork.cli.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.meshwork.cli.ExitCode;
import io.meshwork.cli.MeshctlException;
import io.meshwork.sdk.registry.RetryPolicy;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How meshctl's Kafka clients are configured: the bootstrap servers, timeouts short enough that an unreachable
 * cluster is reported within {@code --timeout}, and the platform's registry for decoding Avro. Also turns Kafka's
 * exceptions into {@link MeshctlException}s that say what is wrong and what to do.
 *
 * @param bootstrapServers {@code host:port[,host:port]}
 * @param timeout how long any one Kafka operation may wait
 * @param registryUrl the platform's base URL, which serves the registry protocol
 */
public record KafkaSettings(String bootstrapServers, Duration timeout, String registryUrl) {
    private static final String START_FIX = "start the mesh with ./meshctl dev, or pass --bootstrap-servers HOST:PORT"
            + " (or set MESHWORK_BOOTSTRAP_SERVERS)";

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(
                CommonClientConfigs.CLIENT_ID_CONFIG,
                "meshctl-" + UUID.randomUUID().toString().substring(0, 8));
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 10_000));
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(millis, 10_000));
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return config;
    }

    /** @return settings for an admin client */
    public Map<String, Object> admin() {
        return common();
    }

    /**
     * A consumer of raw bytes that reads only committed records.
     *
     * @param groupId the group offsets are committed to, or null for none (manual assignment, nothing committed)
     * @return the consumer's settings
     */
    public Map<String, Object> consumer(String groupId) {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // asking for a topic's partitions must never create the topic
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return config;
    }

    /**
     * A producer of raw bytes: idempotent, {@code acks=all}; transactional when an id is given.
     *
     * @param transactionalId the transactional id, or null
     * @return the producer's settings
     */
    public Map<String, Object> producer(String transactionalId) {
        Map<String, Object> config = common();
        int millis = (int) Math.min(Integer.MAX_VALUE / 3, timeout.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * millis);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Math.max(60_000, 6 * millis));
        }
        return config;
    }

    /** @return a registry client on the platform, with this timeout and few retries */
    public SchemaRegistryClient registry() {
        return SchemaRegistryClient.builder(registryUrl)
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(500), timeout))
                .build();
    }

    /**
     * Turns a Kafka client failure into what the user is told.
     *
     * @param doing what meshctl was doing, e.g. {@code reading sales.orders.v1}
     * @param e the failure (an {@link ExecutionException} is unwrapped)
     * @return the failure to throw
     */
    public MeshctlException failure(String doing, Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof MeshctlException m) {
            return m;
        }
        if (cause instanceof TimeoutException) {
            return new MeshctlException(
                    ExitCode.UNREACHABLE,
                    "Kafka not reachable at " + bootstrapServers + ": no broker answered within " + seconds()
                            + " while " + doing,
                    START_FIX,
                    null,
                    cause);
        }
        if (cause instanceof ConfigException) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (message.contains("resolvable bootstrap")) {
                return new MeshctlException(
                        ExitCode.UNREACHABLE,
                        "Kafka not reachable at " + bootstrapServers + ": no bootstrap server resolves",
                        START_FIX,
                        null,
                        cause);
            }
            return new MeshctlException(
                    ExitCode.USAGE,
                    "--bootstrap-servers " + bootstrapServers + " is not usable: " + message,
                    "give host:port pairs separated by commas, e.g. 127.0.0.1:9092",
                    null,
                    cause);
        }
        if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
            return new MeshctlException(
                    ExitCode.REFUSED,
                    "Kafka refused " + doing + ": " + cause.getMessage(),
                    "ask the cluster's operators for access",
                    null,
                    cause);
        }
        if (cause instanceof KafkaException && cause.getCause() instanceof ConfigException config) {
            return failure(doing, config);
        }
        return new MeshctlException(
                ExitCode.ERROR,
                "Kafka failed while " + doing + ": " + cause,
                "check the cluster's health with meshctl doctor",
                null,
                cause);
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }
}
