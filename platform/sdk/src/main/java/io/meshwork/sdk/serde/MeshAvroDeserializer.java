package io.meshwork.sdk.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.registry.SchemaRegistryException;
import io.meshwork.sdk.serde.internal.WireFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer for Avro in the schema-registry wire format. The writer's schema id is taken from:
 *
 * <ol>
 *   <li>the header {@code __value_schema_id} (or {@code __key_schema_id} for keys) when present and holding
 *       {@code 0x00} + a 4-byte big-endian id; the payload is then the bare Avro datum;
 *   <li>otherwise the payload prefix: {@code 0x00} + 4-byte big-endian id, then the datum.
 * </ol>
 *
 * <p>A header holding a schema GUID ({@code 0x01} + 16 bytes) is refused with a clear message: Meshwork's registry
 * identifies schemas by int id. {@code null} and an empty payload without header read as {@code null}.
 *
 * <p>With {@code specific.avro.reader=false} (default) records come back as {@code GenericRecord} (strings inside as
 * {@link Utf8}); a top-level string comes back as {@link String} and top-level bytes as {@code byte[]}. With
 * {@code specific.avro.reader=true} records, enums and fixed come back as the generated class of the writer schema's
 * full name, read with that class's schema (Avro schema resolution: new fields take their defaults, removed fields
 * are skipped). Writer schemas and readers are cached per schema id: after the first record of a schema, reading sends
 * no request to the registry. Thread-safe.
 *
 * @param <T> the type of the values (or keys) read
 */
public class MeshAvroDeserializer<T> implements Deserializer<T> {
    private final ConcurrentHashMap<Integer, ReadSource> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder[]> decoders = ThreadLocal.withInitial(() -> new BinaryDecoder[1]);
    private SchemaRegistryClient client;
    private MeshAvroSerdeConfig config;
    private boolean isKey;
    private SpecificData specificData;

    /** Creates a deserializer that builds its registry client from {@code schema.registry.url} in {@link #configure}. */
    public MeshAvroDeserializer() {}

    /**
     * Creates a deserializer on an existing registry client; {@link #configure} still reads the other settings.
     *
     * @param client the registry client
     */
    public MeshAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /**
     * Reads the settings listed in {@link MeshAvroSerdeConfig}.
     *
     * @param configs the consumer's configuration
     * @param isKey whether this deserializer reads keys
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = MeshAvroSerdeConfig.parse(configs);
        this.isKey = isKey;
        if (client == null) {
            client = config.newClient("MeshAvroDeserializer");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.specificData = loader == null ? SpecificData.get() : new SpecificData(loader);
        readers.clear();
    }

    /**
     * Deserializes a payload in the prefixed form.
     *
     * @param topic the topic it came from
     * @param data the payload, or {@code null}
     * @return the value, or {@code null}
     * @throws SerializationException when the payload is not in the wire format, its schema cannot be fetched, or it
     *     does not decode
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    /**
     * Deserializes a payload, taking the schema id from the schema-id header when present.
     *
     * @param topic the topic it came from
     * @param headers the record's headers, may be {@code null}
     * @param data the payload, or {@code null}
     * @return the value, or {@code null}
     * @throws SerializationException when the payload cannot be read
     */
    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("MeshAvroDeserializer is not configured: call configure(configs, isKey) or"
                    + " let the Kafka consumer do it (pass the deserializer class in the consumer config)");
        }
        int id = WireFormat.readHeaderId(topic, isKey, headers);
        int offset = 0;
        if (id < 0) {
            if (data.length == 0) {
                return null;
            }
            id = WireFormat.readPrefixedId(topic, isKey, data);
            offset = WireFormat.PREFIX_LENGTH;
        }
        ReadSource source = readers.get(id);
        if (source == null) {
            int schemaId = id;
            source = readers.computeIfAbsent(id, key -> readSource(topic, schemaId));
        }
        BinaryDecoder[] decoder = decoders.get();
        decoder[0] = DecoderFactory.get().binaryDecoder(data, offset, data.length - offset, decoder[0]);
        try {
            return (T) source.finish(source.reader.read(null, decoder[0]));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new SerializationException(
                    "Cannot decode the " + (isKey ? "key" : "value") + " of a record on topic '"
                            + topic + "' with writer schema id " + id + ": " + e
                            + ". Fix: the payload does not match the schema its id names; check that the producer used the same"
                            + " registry.",
                    e);
        }
    }

    /** Drops the caches. */
    @Override
    public void close() {
        readers.clear();
    }

    private ReadSource readSource(String topic, int id) {
        Schema writer;
        try {
            writer = client.getAvroSchemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Cannot fetch writer schema id " + id + " for the " + (isKey ? "key" : "value")
                            + " of a record on topic '" + topic + "': " + e.getMessage(),
                    e);
        }
        Schema.Type type = writer.getType();
        boolean named = type == Schema.Type.RECORD || type == Schema.Type.ENUM || type == Schema.Type.FIXED;
        if (!config.specificReader() || !named) {
            return new ReadSource(new GenericDatumReader<>(writer, writer, GenericData.get()), type);
        }
        Class<?> generated = specificData.getClass(writer);
        if (generated == null) {
            throw new SerializationException("specific.avro.reader is true but no generated class "
                    + writer.getFullName() + " (the name in writer schema id " + id + ", topic '" + topic
                    + "') is on the classpath. Fix: add the jar with the generated classes, or set"
                    + " specific.avro.reader=false to read GenericRecord.");
        }
        SpecificData model = SpecificData.getForClass(generated);
        Schema reader = model.getSchema(generated);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("The generated class " + generated.getName()
                    + " cannot read records written with schema id " + id + " (topic '" + topic + "'): "
                    + compatibility.getDescription()
                    + ". Fix: regenerate the class from a schema compatible with the writer's, or read GenericRecord.");
        }
        return new ReadSource(new SpecificDatumReader<>(writer, reader, model), type);
    }

    /** A cached reader for one writer schema id. */
    private record ReadSource(DatumReader<Object> reader, Schema.Type type) {
        Object finish(Object value) {
            if (type == Schema.Type.STRING && value instanceof Utf8) {
                return value.toString();
            }
            if (type == Schema.Type.BYTES && value instanceof ByteBuffer buffer) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            }
            return value;
        }
    }
}
