package io.meshwork.sdk.serde;

import java.util.Map;

import io.meshwork.sdk.registry.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} pairing {@link MeshAvroSerializer} and {@link MeshAvroDeserializer}, on one shared registry
 * client. For Kafka Streams, or anywhere a serde is wanted; configure it like its two halves.
 *
 * <pre>{@code
 * Serde<Order> orders = new MeshAvroSerde<>();
 * orders.configure(Map.of("schema.registry.url", "http://localhost:8080/", "specific.avro.reader", true), false);
 * }</pre>
 *
 * @param <T> the type of the values (or keys)
 */
public class MeshAvroSerde<T> implements Serde<T> {
    private SchemaRegistryClient client;
    private MeshAvroSerializer<T> serializer;
    private MeshAvroDeserializer<T> deserializer;

    /** Creates a serde that builds its registry client from {@code schema.registry.url} in {@link #configure}. */
    public MeshAvroSerde() {}

    /**
     * Creates a serde on an existing registry client.
     *
     * @param client the registry client
     */
    public MeshAvroSerde(SchemaRegistryClient client) {
        this.client = client;
    }

    /**
     * Configures both halves; see {@link MeshAvroSerdeConfig} for the keys.
     *
     * @param configs the settings
     * @param isKey whether this serde handles keys
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = MeshAvroSerdeConfig.parse(configs).newClient("MeshAvroSerde");
        }
        serializer = new MeshAvroSerializer<>(client);
        serializer.configure(configs, isKey);
        deserializer = new MeshAvroDeserializer<>(client);
        deserializer.configure(configs, isKey);
    }

    /** @return the serializer half (configured once {@link #configure} has run) */
    @Override
    public Serializer<T> serializer() {
        return requireConfigured(serializer);
    }

    /** @return the deserializer half (configured once {@link #configure} has run) */
    @Override
    public Deserializer<T> deserializer() {
        return requireConfigured(deserializer);
    }

    /** Closes both halves. */
    @Override
    public void close() {
        if (serializer != null) {
            serializer.close();
        }
        if (deserializer != null) {
            deserializer.close();
        }
    }

    private static <X> X requireConfigured(X half) {
        if (half == null) {
            throw new IllegalStateException("MeshAvroSerde is not configured: call configure(configs, isKey) first");
        }
        return half;
    }
}
