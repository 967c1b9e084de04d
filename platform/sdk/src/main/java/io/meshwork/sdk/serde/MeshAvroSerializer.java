package io.meshwork.sdk.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.meshwork.sdk.registry.RegisteredSchema;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.registry.SchemaRegistryException;
import io.meshwork.sdk.serde.internal.DatumSchemas;
import io.meshwork.sdk.serde.internal.GrowableBuffer;
import io.meshwork.sdk.serde.internal.JavaProperties;
import io.meshwork.sdk.serde.internal.WireFormat;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serializer that writes Avro in the schema-registry wire format: {@code 0x00}, the 4-byte big-endian schema
 * id, then the Avro binary datum (no container header). {@code null} stays {@code null}.
 *
 * <p>With {@code value.schema.id.serializer=header} (or {@code key.schema.id.serializer=header} for keys; Confluent's
 * {@code io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer} is accepted too) the payload is the bare
 * datum and the schema is named by the record header {@code __value_schema_id} ({@code __key_schema_id}): {@code 0x01}
 * then the schema's 16-byte GUID, as Confluent's {@code HeaderSchemaIdSerializer} writes it. That needs the record's
 * headers, so only {@link #serialize(String, Headers, Object)} (what the Kafka producer calls) works in that mode. In
 * the default prefix mode a schema-id header the record already carries (inherited from an input record, say) is
 * removed, since deserializers would take it over the prefix. See {@link SchemaIdLocation}.
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
        requireConfigured();
        if (config.schemaIdLocation(isKey) == SchemaIdLocation.HEADER) {
            throw new SerializationException("MeshAvroSerializer for the " + (isKey ? "key" : "value") + " of topic '"
                    + topic + "' is configured to put the schema GUID in the " + WireFormat.headerName(isKey)
                    + " header (" + idLocationKey() + "=header) but was called without the record's headers"
                    + " (serialize(topic, data)). Fix: let the Kafka producer call it (it passes the headers), call"
                    + " serialize(topic, headers, data), or set " + idLocationKey() + "=prefix.");
        }
        return target(topic, data).write(topic, isKey, data, encodings.get(), true);
    }

    /**
     * Serializes a value. In header mode the schema GUID goes into the record's schema-id header (replacing one already
     * there) and the payload is the bare datum; in prefix mode the schema id goes in the payload and a schema-id header
     * already there is removed, since readers would take it over the prefix.
     *
     * @param topic the topic
     * @param headers the record's headers; required, and writable, in header mode
     * @param data the value, or {@code null} (then nothing is written and the headers are left alone)
     * @return the wire-format bytes, or {@code null}
     * @throws SerializationException when the value cannot be written, its schema cannot be registered or found, or
     *     in header mode the headers are missing or read-only
     */
    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
            return null;
        }
        requireConfigured();
        if (config.schemaIdLocation(isKey) == SchemaIdLocation.PREFIX) {
            byte[] bytes = serialize(topic, data);
            if (headers != null && headers.lastHeader(WireFormat.headerName(isKey)) != null) {
                changeHeaders(topic, () -> headers.remove(WireFormat.headerName(isKey)));
            }
            return bytes;
        }
        if (headers == null) {
            throw new SerializationException("MeshAvroSerializer cannot put the schema GUID of the "
                    + (isKey ? "key" : "value") + " of topic '" + topic + "' in the " + WireFormat.headerName(isKey)
                    + " header (" + idLocationKey() + "=header): the record has no headers (null was passed)."
                    + " Fix: pass the record's headers (the Kafka producer does), or set " + idLocationKey()
                    + "=prefix.");
        }
        WriteTarget target = target(topic, data);
        byte[] bytes = target.write(topic, isKey, data, encodings.get(), false);
        Header present = headers.lastHeader(WireFormat.headerName(isKey));
        if (present != null && Arrays.equals(present.value(), target.guidHeader())) {
            // Already named (a Kafka Streams record sent to a second sink shares the first one's headers, which the
            // producer made read-only): nothing to change.
            return bytes;
        }
        changeHeaders(topic, () -> {
            headers.remove(WireFormat.headerName(isKey));
            headers.add(WireFormat.headerName(isKey), target.guidHeader().clone());
        });
        return bytes;
    }

    private void requireConfigured() {
        if (config == null) {
            throw new IllegalStateException("MeshAvroSerializer is not configured: call configure(configs, isKey) or"
                    + " let the Kafka producer do it (pass the serializer class in the producer config)");
        }
    }

    private String idLocationKey() {
        return isKey ? MeshAvroSerdeConfig.KEY_SCHEMA_ID_SERIALIZER : MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER;
    }

    private void changeHeaders(String topic, Runnable change) {
        try {
            change.run();
        } catch (IllegalStateException e) {
            // RecordHeaders are read-only once the record has been sent.
            throw new SerializationException(
                    "MeshAvroSerializer cannot set the " + WireFormat.headerName(isKey)
                            + " header of a record for topic '"
                            + topic + "': its headers are read-only (" + e.getMessage() + "). Fix: serialize a new"
                            + " record's headers, not those of a record already sent"
                            + (config.schemaIdLocation(isKey) == SchemaIdLocation.HEADER
                                    ? ", or set " + idLocationKey() + "=prefix."
                                    : "; in prefix mode the header is removed because readers would take it over the"
                                            + " prefix."),
                    e);
        }
    }

    private WriteTarget target(String topic, T data) {
        Schema schema = DatumSchemas.of(data);
        ConcurrentHashMap<Schema, WriteTarget> forTopic = targets.get(topic);
        WriteTarget target = forTopic == null ? null : forTopic.get(schema);
        if (target == null) {
            target = targets.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(schema, s -> withGuid(topic, resolve(topic, s, data)));
        }
        return target;
    }

    /** In header mode, adds the GUID form of the target's schema to it (one registry call at most, cached). */
    private WriteTarget withGuid(String topic, WriteTarget target) {
        if (config.schemaIdLocation(isKey) != SchemaIdLocation.HEADER) {
            return target;
        }
        try {
            return target.withGuidHeader(WireFormat.guidForm(client.getGuidById(target.id())));
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Cannot find the GUID of schema id " + target.id() + " for the " + (isKey ? "key" : "value")
                            + " of topic '" + topic + "', which " + idLocationKey() + "=header puts in the "
                            + WireFormat.headerName(isKey) + " header: " + e.getMessage(),
                    e);
        }
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
                return new WriteTarget(client.register(subject, text, config.normalize()), own, null, null, null);
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
                    client.lookup(subject, text, config.normalize()).id(), own, null, null, null);
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
            return new WriteTarget(latest.id(), own, null, null, null);
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
                new GenericDatumReader<>(schema, latestSchema, GenericData.get()),
                null);
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
     * subject's latest schema first; with the GUID form for the header in header mode.
     */
    private record WriteTarget(
            int id,
            DatumWriter<Object> writer,
            DatumWriter<Object> ownWriter,
            DatumReader<Object> transcoder,
            byte[] guidHeader) {

        WriteTarget withGuidHeader(byte[] header) {
            return new WriteTarget(id, writer, ownWriter, transcoder, header);
        }

        byte[] write(String topic, boolean isKey, Object data, Encoding encoding, boolean prefixed) {
            Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
            try {
                if (transcoder != null) {
                    datum = transcode(datum, encoding);
                }
                encoding.buffer.resetForPrefix();
                encoding.encoder = EncoderFactory.get().binaryEncoder(encoding.buffer, encoding.encoder);
                writer.write(datum, encoding.encoder);
                encoding.encoder.flush();
                return prefixed ? encoding.buffer.toPrefixedArray(id) : encoding.buffer.toDatumArray();
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
