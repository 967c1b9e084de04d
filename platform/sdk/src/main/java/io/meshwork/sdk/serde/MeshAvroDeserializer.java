package io.meshwork.sdk.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
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
 * A Kafka deserializer for Avro in the schema-registry wire format. The writer schema is named, as Confluent's
 * {@code DualSchemaIdDeserializer} reads it, by:
 *
 * <ol>
 *   <li>the header {@code __value_schema_id} (or {@code __key_schema_id} for keys) when the record has one: exactly
 *       {@code 0x00} + a 4-byte big-endian id, or {@code 0x01} + the schema's 16-byte GUID (what Confluent's
 *       {@code HeaderSchemaIdSerializer} and {@link MeshAvroSerializer} in header mode write); the payload is then the
 *       bare Avro datum, even if it happens to start like a prefix;
 *   <li>otherwise the payload prefix: {@code 0x00} + 4-byte big-endian id (or {@code 0x01} + 16-byte GUID), then the
 *       datum.
 * </ol>
 *
 * <p>A GUID is resolved with {@code GET /schemas/guids/{guid}}. A header of any other length or magic byte is refused
 * with a {@link SerializationException} naming the topic, the header and the fix, never skipped. {@code null} and an
 * empty payload without header read as {@code null}.
 *
 * <p>With {@code specific.avro.reader=false} (default) records come back as {@code GenericRecord} (strings inside as
 * {@link Utf8}); a top-level string comes back as {@link String} and top-level bytes as {@code byte[]}. With
 * {@code specific.avro.reader=true} records, enums and fixed come back as the generated class of the writer schema's
 * full name, read with that class's schema (Avro schema resolution: new fields take their defaults, removed fields
 * are skipped). Writer schemas and readers are cached per schema id and per GUID: after the first record of a schema,
 * reading sends no request to the registry. Thread-safe.
 *
 * @param <T> the type of the values (or keys) read
 */
public class MeshAvroDeserializer<T> implements Deserializer<T> {
    private final ConcurrentHashMap<Integer, ReadSource> readers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, ReadSource> readersByGuid = new ConcurrentHashMap<>();
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
        readersByGuid.clear();
    }

    /**
     * Deserializes a payload in the prefixed form (no headers to look at).
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
     * Deserializes a payload, taking the writer schema's id or GUID from the schema-id header when the record has one.
     *
     * @param topic the topic it came from
     * @param headers the record's headers, may be {@code null}
     * @param data the payload, or {@code null}
     * @return the value, or {@code null}
     * @throws SerializationException when the header is malformed, the payload cannot be read, its schema cannot be
     *     fetched, or it does not decode
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
        WireFormat.SchemaId named = WireFormat.readHeader(topic, isKey, headers);
        ReadSource source;
        int offset;
        if (named == null && data.length == 0) {
            return null;
        } else if (named == null && data[0] == WireFormat.MAGIC_BYTE) {
            // The common case, read without allocating.
            source = sourceForId(topic, WireFormat.readPrefixedId(topic, isKey, data));
            offset = WireFormat.PREFIX_LENGTH;
        } else {
            if (named == null) {
                named = WireFormat.readPrefix(topic, isKey, data);
            }
            source = named.guid() != null ? sourceForGuid(topic, named.guid()) : sourceForId(topic, named.id());
            offset = named.datumOffset();
        }
        BinaryDecoder[] decoder = decoders.get();
        decoder[0] = DecoderFactory.get().binaryDecoder(data, offset, data.length - offset, decoder[0]);
        try {
            return (T) source.finish(source.reader.read(null, decoder[0]));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new SerializationException(
                    "Cannot decode the " + (isKey ? "key" : "value") + " of a record on topic '"
                            + topic + "' with writer schema " + source.named() + ": " + e
                            + ". Fix: the payload does not match the schema its id names; check that the producer used the same"
                            + " registry.",
                    e);
        }
    }

    /** Drops the caches. */
    @Override
    public void close() {
        readers.clear();
        readersByGuid.clear();
    }

    private ReadSource sourceForId(String topic, int id) {
        ReadSource source = readers.get(id);
        return source != null ? source : readers.computeIfAbsent(id, key -> readSource(topic, key, null));
    }

    private ReadSource sourceForGuid(String topic, UUID guid) {
        ReadSource source = readersByGuid.get(guid);
        return source != null ? source : readersByGuid.computeIfAbsent(guid, key -> readSource(topic, -1, key));
    }

    /** Builds the reader for the writer schema with id {@code id}, or with GUID {@code guid} when it is not null. */
    private ReadSource readSource(String topic, int id, UUID guid) {
        String named = guid != null ? "GUID " + guid : "id " + id;
        Schema writer;
        try {
            writer = guid != null ? client.getAvroSchemaByGuid(guid) : client.getAvroSchemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Cannot fetch writer schema " + named + " for the " + (isKey ? "key" : "value")
                            + " of a record on topic '" + topic + "': " + e.getMessage(),
                    e);
        }
        Schema.Type type = writer.getType();
        boolean namedType = type == Schema.Type.RECORD || type == Schema.Type.ENUM || type == Schema.Type.FIXED;
        if (!config.specificReader() || !namedType) {
            return new ReadSource(new GenericDatumReader<>(writer, writer, GenericData.get()), type, named);
        }
        Class<?> generated = specificData.getClass(writer);
        if (generated == null) {
            throw new SerializationException("specific.avro.reader is true but no generated class "
                    + writer.getFullName() + " (the name in writer schema " + named + ", topic '" + topic
                    + "') is on the classpath. Fix: add the jar with the generated classes, or set"
                    + " specific.avro.reader=false to read GenericRecord.");
        }
        SpecificData model = SpecificData.getForClass(generated);
        Schema reader = model.getSchema(generated);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("The generated class " + generated.getName()
                    + " cannot read records written with schema " + named + " (topic '" + topic + "'): "
                    + compatibility.getDescription()
                    + ". Fix: regenerate the class from a schema compatible with the writer's, or read GenericRecord.");
        }
        return new ReadSource(new SpecificDatumReader<>(writer, reader, model), type, named);
    }

    /** A cached reader for one writer schema. */
    private record ReadSource(DatumReader<Object> reader, Schema.Type type, String named) {
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
