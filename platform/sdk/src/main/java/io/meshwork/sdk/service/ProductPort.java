package io.meshwork.sdk.service;

import java.util.Objects;

import io.meshwork.sdk.quality.QualityRules;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;

/**
 * One output port of a data product, as a service writes it: the topic, its dead-letter topic, the key and value
 * serdes (Avro in the registry's wire format, schemas as registered by the platform) and the compiled quality rules.
 * Immutable; built once by {@link MeshTopology#port}.
 *
 * @param productId the product, e.g. {@code sales.orders}
 * @param version the release this port writes, e.g. {@code 2.0.0}
 * @param topic the product topic, e.g. {@code sales.orders.v2}
 * @param valueSchema the value schema the descriptor names
 * @param keySerde serde of the keys
 * @param valueSerde serde of the values
 * @param quality the descriptor's quality rules, compiled against {@code valueSchema}
 * @param <K> key type
 * @param <V> value type
 */
public record ProductPort<K, V>(
        String productId,
        String version,
        String topic,
        Schema valueSchema,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        QualityRules quality) {

    /** Checks every part. */
    public ProductPort {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(valueSchema, "valueSchema");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(quality, "quality");
    }

    /** @return the dead-letter topic, {@code <topic>.dlq} */
    public String deadLetterTopic() {
        return DeadLetters.topicFor(topic);
    }

    /** @return the registry subject of the values, {@code <topic>-value} */
    public String valueSubject() {
        return topic + "-value";
    }
}
