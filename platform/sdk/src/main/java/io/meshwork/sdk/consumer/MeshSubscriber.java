package io.meshwork.sdk.consumer;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.meshwork.sdk.serde.MeshAvroDeserializer;
import io.meshwork.sdk.serde.MeshAvroSerdeConfig;
import io.meshwork.sdk.service.MeshServiceException;
import io.meshwork.sdk.service.internal.InputSubscriptions;
import io.meshwork.sdk.service.internal.PlatformClient;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How a consumer reads a data product by its id and major version: the subscription is requested from the catalog
 * (granted at once for public and internal products, after an owner's approval for confidential and restricted ones)
 * and recorded for lineage, the topic is resolved through the catalog, and records arrive typed.
 *
 * <pre>{@code
 * MeshSubscriber mesh = MeshSubscriber.builder("billing").build();
 * try (ProductSubscription<Order> orders = mesh.subscribe("sales.orders", 2, Order.class, "monthly invoices")) {
 *     orders.deprecation().ifPresent(System.err::println);
 *     for (ConsumerRecord<String, Order> r : orders.poll(Duration.ofSeconds(1))) { ... }
 * }
 * }</pre>
 */
public final class MeshSubscriber {
    private final String consumer;
    private final String consumerProduct;
    private final URI platformUrl;
    private final String bootstrapServers;
    private final Duration approvalTimeout;
    private final Map<String, Object> consumerConfig;

    private MeshSubscriber(Builder b) {
        this.consumer = b.consumer;
        this.consumerProduct = b.consumerProduct;
        this.platformUrl = b.platformUrl;
        this.bootstrapServers = b.bootstrapServers;
        this.approvalTimeout = b.approvalTimeout;
        this.consumerConfig = Map.copyOf(b.consumerConfig);
    }

    /**
     * @param consumer who reads: a team, application or principal; also the Kafka consumer group
     * @return a builder with the embedded mesh's defaults
     */
    public static Builder builder(String consumer) {
        return new Builder(consumer);
    }

    /**
     * Subscribes and opens a consumer on the product's topic.
     *
     * @param productId the product, e.g. {@code sales.orders}
     * @param major its major version
     * @param type the generated Avro class to read into, or {@code GenericRecord.class}
     * @param purpose why the consumer reads it (the audit trail keeps it)
     * @param <V> the value type
     * @return the subscription, its topic and a subscribed consumer
     * @throws MeshServiceException when the product is unknown or retired, the platform denies the subscription, or it
     *     is not approved in time
     */
    public <V> ProductSubscription<V> subscribe(String productId, int major, Class<V> type, String purpose) {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(type, "type");
        PlatformClient platform = new PlatformClient(platformUrl, consumer, Duration.ofSeconds(30));
        InputSubscriptions.Granted granted = new InputSubscriptions(platform, consumer, approvalTimeout)
                .subscribe(productId, major, consumerProduct, purpose);
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, consumer);
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL, platformUrl.toString());
        config.put(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, !GenericRecord.class.equals(type));
        MeshAvroDeserializer<V> values = new MeshAvroDeserializer<>();
        values.configure(config, false);
        KafkaConsumer<String, V> kafka = new KafkaConsumer<>(config, new StringDeserializer(), values);
        kafka.subscribe(List.of(granted.topic()));
        return new ProductSubscription<>(
                granted.subscriptionId(), productId, major, granted.topic(), granted.deprecation(), kafka);
    }

    /** Configures a {@link MeshSubscriber}. */
    public static final class Builder {
        private final String consumer;
        private String consumerProduct;
        private URI platformUrl = URI.create("http://localhost:8080/");
        private String bootstrapServers = "127.0.0.1:9092";
        private Duration approvalTimeout = Duration.ofSeconds(30);
        private final Map<String, Object> consumerConfig = new HashMap<>();

        private Builder(String consumer) {
            if (consumer == null || consumer.isBlank() || consumer.length() > 200) {
                throw new IllegalArgumentException("a consumer name of 1 to 200 characters is required, e.g. billing");
            }
            this.consumer = consumer;
        }

        /**
         * @param url the platform's base URL (default {@code http://localhost:8080/})
         * @return this builder
         */
        public Builder platform(URI url) {
            this.platformUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * @param servers Kafka's {@code bootstrap.servers} (default {@code 127.0.0.1:9092})
         * @return this builder
         */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "servers");
            return this;
        }

        /**
         * @param productId the consumer's own data product, when it derives one from what it reads (lineage)
         * @return this builder
         */
        public Builder asProduct(String productId) {
            this.consumerProduct = productId;
            return this;
        }

        /**
         * @param timeout how long to wait for an upstream product to be active and for an approval (default 30 s)
         * @return this builder
         */
        public Builder approvalTimeout(Duration timeout) {
            this.approvalTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param key a Kafka consumer setting (e.g. {@code group.id}, {@code auto.offset.reset}, default earliest)
         * @param value its value
         * @return this builder
         */
        public Builder consumerProperty(String key, Object value) {
            consumerConfig.put(key, value);
            return this;
        }

        /** @return the subscriber */
        public MeshSubscriber build() {
            return new MeshSubscriber(this);
        }
    }
}
