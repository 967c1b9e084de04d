package io.meshwork.sdk.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A consumer's granted subscription to one major version of a data product, with a Kafka consumer on its topic: keys
 * as strings, values decoded by the registry's Avro serde into the requested type, {@code read_committed}.
 *
 * @param <V> the value type
 */
public final class ProductSubscription<V> implements AutoCloseable {
    private final String subscriptionId;
    private final String productId;
    private final int major;
    private final String topic;
    private final String deprecation;
    private final KafkaConsumer<String, V> consumer;

    ProductSubscription(
            String subscriptionId,
            String productId,
            int major,
            String topic,
            String deprecation,
            KafkaConsumer<String, V> consumer) {
        this.subscriptionId = subscriptionId;
        this.productId = productId;
        this.major = major;
        this.topic = topic;
        this.deprecation = deprecation;
        this.consumer = consumer;
    }

    /** @return the subscription's id in the catalog */
    public String subscriptionId() {
        return subscriptionId;
    }

    /** @return the product id */
    public String productId() {
        return productId;
    }

    /** @return the major version */
    public int major() {
        return major;
    }

    /** @return the product topic read */
    public String topic() {
        return topic;
    }

    /** @return a sentence on the deprecation of this major version (sunset, successor), when it is deprecated */
    public Optional<String> deprecation() {
        return Optional.ofNullable(deprecation);
    }

    /** @return the Kafka consumer, subscribed to the topic, for commits, seeks and anything else */
    public KafkaConsumer<String, V> consumer() {
        return consumer;
    }

    /**
     * Polls once.
     *
     * @param timeout how long to wait for records
     * @return the records, in partition order
     */
    public List<ConsumerRecord<String, V>> poll(Duration timeout) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        consumer.poll(timeout).forEach(records::add);
        return records;
    }

    /** Closes the Kafka consumer; the subscription stays granted. */
    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
