package io.meshwork.sdk.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.meshwork.sdk.registry.RegisteredSchema;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.registry.SchemaRegistryException;
import io.meshwork.sdk.serde.internal.DatumSchemas;
import io.meshwork.sdk.serde.internal.GrowableBuffer;
import io.meshwork.sdk.serde.internal.JavaProperties;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serializer that writes Avro in the schema-registry wire format: {@code 0x00}, the 4-byte big-endian schema
 * id, then the Avro binary datum (no container header). {@code null} stays {@code null}.
 *
 * <p>It writes {@code GenericRecord}s, generated {@code SpecificRecord}s, Avro enums, fixed and arrays, and the
 * primitives {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code CharSequence},
 * {@code byte[]} and {@code ByteBuffer}. The schema id comes from the registry, per {@link MeshAvroSerdeConfig}:
 *
 * <ul>
 *   <li>{@code auto.register.schemas=true} (default): the record's schema is registered under its subject (a no-op
 *       when it is already there);
 *   <li>{@code auto.register.schemas=false}: the schema is looked up under the subject and the call fails with a
 *       {@link SerializationException} when it is not registered;
 *   <li>{@code auto.register.schemas=false, use.latest.version=true}: the subject's latest version is used; a record
 *       of another, compatible schema is converted to it (schema resolution) before writing.
 * </ul>
 *
 * <p>Ids, writers and encoders are cached: after the first record of a schema on a topic, serializing sends no request
 * to the registry. Thread-safe.
 *
 * @param <T> the type of the values (or keys) written
 */
public class MeshAvroSerializer<T> implements Serializer<T> {
    private final ConcurrentHashMap<String, ConcurrentHashMap<Schema, WriteTarget>> targets = new ConcurrentHashMap<>();
    private final ThreadLocal<Encoding> encodings = ThreadLocal.withInitial(Encoding::new);
    private SchemaRegistryClient client;
    private MeshAvroSerdeConfig config;
    private boolean isKey;

    /** Creates a serializer that builds its registry client from {@code schema.registry.url} in {@link #configure}. */
    public MeshAvroSerializer() {}

    /**
     * Creates a serializer on an existing registry client (shared, or configured in code); {@link #configure} still
     * reads the other settings, and {@code schema.registry.url} is then not needed.
     *
     * @param client the registry client
     */
    public MeshAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /**
     * Reads the settings listed in {@link MeshAvroSerdeConfig}.
     *
     * @param configs the producer's configuration
     * @param isKey whether this serializer writes keys
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = MeshAvroSerdeConfig.parse(configs);
        this.isKey = isKey;
        if (client == null) {
            client = config.newClient("MeshAvroSerializer");
        }
        targets.clear();
    }

    /**
     * Serializes a value.
     *
     * @param topic the topic the record goes to (names the subject)
     * @param data the value, or {@code null}
     * @return the wire-format bytes, or {@code null} for {@code null}
     * @throws SerializationException when the value cannot be written or its schema cannot be registered or found
     */
    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("MeshAvroSerializer is not configured: call configure(configs, isKey) or"
                    + " let the Kafka producer do it (pass the serializer class in the producer config)");
        }
        Schema schema = DatumSchemas.of(data);
        ConcurrentHashMap<Schema, WriteTarget> forTopic = targets.get(topic);
        WriteTarget target = forTopic == null ? null : forTopic.get(schema);
        if (target == null) {
            target = targets.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(schema, s -> resolve(topic, s, data));
        }
        return target.write(topic, isKey, data, encodings.get());
    }

    /**
     * Serializes a value; the headers are left as they are (the schema id always goes in the payload prefix).
     *
     * @param topic the topic
     * @param headers the record's headers
     * @param data the value, or {@code null}
     * @return the wire-format bytes, or {@code null}
     */
    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        return serialize(topic, data);
    }

    /** Drops the caches; the registry client is left alone (it holds no connection that needs closing). */
    @Override
    public void close() {
        targets.clear();
    }

    private WriteTarget resolve(String topic, Schema schema, Object sample) {
        String subject = config.subjectNameStrategy(isKey).subject(topic, isKey, schema);
        DatumWriter<Object> own = writerFor(schema, sample);
        String text = config.removeJavaProperties() ? JavaProperties.removedFrom(schema) : schema.toString();
        if (config.autoRegister()) {
            try {
                return new WriteTarget(client.register(subject, text, config.normalize()), own, null, null);
            } catch (SchemaRegistryException e) {
                throw new SerializationException(
                        "Cannot register the schema " + describe(schema) + " of topic '" + topic + "' under subject '"
                                + subject + "': " + e.getMessage(),
                        e);
            }
        }
        if (config.useLatestVersion()) {
            return latest(topic, subject, schema, own);
        }
        try {
            return new WriteTarget(
                    client.lookup(subject, text, config.normalize()).id(), own, null, null);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException(
                        "The schema " + describe(schema) + " of topic '" + topic
                                + "' is not registered under subject '" + subject
                                + "' and auto.register.schemas is false."
                                + " Fix: register it under that subject first (POST /subjects/" + subject
                                + "/versions), set"
                                + " use.latest.version=true to write with the subject's latest version, or enable"
                                + " auto.register.schemas. Registry said: " + e.getMessage(),
                        e);
            }
            throw new SerializationException(
                    "Cannot look up the schema " + describe(schema) + " of topic '" + topic + "' under subject '"
                            + subject + "': " + e.getMessage(),
                    e);
        }
    }

    private WriteTarget latest(String topic, String subject, Schema schema, DatumWriter<Object> own) {
        RegisteredSchema latest;
        Schema latestSchema;
        try {
            latest = client.getLatest(subject);
            latestSchema = client.getAvroSchemaById(latest.id());
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "use.latest.version is true but the latest version of subject '" + subject + "' (topic '" + topic
                            + "') cannot be read: " + e.getMessage(),
                    e);
        }
        if (SchemaNormalization.toParsingForm(latestSchema).equals(SchemaNormalization.toParsingForm(schema))) {
            return new WriteTarget(latest.id(), own, null, null);
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(latestSchema, schema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("use.latest.version is true but version " + latest.version()
                    + " of subject '" + subject + "' cannot represent records of schema " + describe(schema) + ": "
                    + compatibility.getDescription() + ". Fix: produce records of the latest schema, or register a"
                    + " schema that can read them.");
        }
        return new WriteTarget(
                latest.id(),
                new GenericDatumWriter<>(latestSchema, GenericData.get()),
                own,
                new GenericDatumReader<>(schema, latestSchema, GenericData.get()));
    }

    private static DatumWriter<Object> writerFor(Schema schema, Object sample) {
        if (sample instanceof SpecificRecord || sample instanceof Enum<?> || sample instanceof SpecificFixed) {
            return new SpecificDatumWriter<>(schema);
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    private static String describe(Schema schema) {
        return schema.getType() == Schema.Type.RECORD
                        || schema.getType() == Schema.Type.ENUM
                        || schema.getType() == Schema.Type.FIXED
                ? schema.getFullName()
                : schema.getType().getName();
    }

    /** One thread's reusable buffer and encoder. */
    private static final class Encoding {
        private final GrowableBuffer buffer = new GrowableBuffer();
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;
    }

    /**
     * Where a schema's records go: the schema id and the writer; with a transcoder when records are converted to the
     * subject's latest schema first.
     */
    private record WriteTarget(
            int id, DatumWriter<Object> writer, DatumWriter<Object> ownWriter, DatumReader<Object> transcoder) {

        byte[] write(String topic, boolean isKey, Object data, Encoding encoding) {
            Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
            try {
                if (transcoder != null) {
                    datum = transcode(datum, encoding);
                }
                encoding.buffer.resetForPrefix();
                encoding.encoder = EncoderFactory.get().binaryEncoder(encoding.buffer, encoding.encoder);
                writer.write(datum, encoding.encoder);
                encoding.encoder.flush();
                return encoding.buffer.toPrefixedArray(id);
            } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
                throw new SerializationException(
                        "Cannot write the " + (isKey ? "key" : "value") + " for topic '" + topic
                                + "' with schema id " + id + ": " + e
                                + ". Fix: make the record valid for its schema (required fields set, values of the declared"
                                + " types).",
                        e);
            }
        }

        private Object transcode(Object datum, Encoding encoding) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            ownWriter.write(datum, encoder);
            encoder.flush();
            encoding.decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), encoding.decoder);
            return transcoder.read(null, encoding.decoder);
        }
    }
}
