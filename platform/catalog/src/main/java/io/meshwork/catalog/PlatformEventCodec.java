package io.meshwork.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads and writes the platform's events in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary),
 * so that any Confluent-compatible tool pointed at the platform's registry can read {@code mesh.lifecycle.v1} and
 * {@code mesh.governance.v1}. Records written with an older or newer schema are resolved against the schema this
 * platform was built with.
 */
public final class PlatformEventCodec {
    private final IntFunction<Schema> writerSchemas;
    private final int lifecycleSchemaId;
    private final int governanceSchemaId;
    private final Map<Integer, DatumReader<LifecycleEvent>> lifecycleReaders = new ConcurrentHashMap<>();
    private final Map<Integer, DatumReader<GovernanceDecision>> decisionReaders = new ConcurrentHashMap<>();

    /**
     * @param writerSchemas the registry's schema for an id; returns null or throws for an unknown id
     * @param lifecycleSchemaId the id {@link LifecycleEvent#getClassSchema()} is registered under
     * @param governanceSchemaId the id {@link GovernanceDecision#getClassSchema()} is registered under
     */
    public PlatformEventCodec(IntFunction<Schema> writerSchemas, int lifecycleSchemaId, int governanceSchemaId) {
        this.writerSchemas = writerSchemas;
        this.lifecycleSchemaId = lifecycleSchemaId;
        this.governanceSchemaId = governanceSchemaId;
    }

    /** An event that cannot be decoded; the message says why. */
    public static final class UndecodableEventException extends Exception {
        private static final long serialVersionUID = 1L;

        UndecodableEventException(String message) {
            super(message);
        }
    }

    /** @return the wire form of a lifecycle event */
    public byte[] encode(LifecycleEvent event) {
        return encode(event, lifecycleSchemaId);
    }

    /** @return the wire form of a governance decision */
    public byte[] encode(GovernanceDecision decision) {
        return encode(decision, governanceSchemaId);
    }

    private static <T extends SpecificRecord> byte[] encode(T record, int schemaId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(0);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            @SuppressWarnings("unchecked")
            SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return the lifecycle event in {@code value} */
    public LifecycleEvent decodeLifecycle(byte[] value) throws UndecodableEventException {
        return decode(value, lifecycleReaders, LifecycleEvent.getClassSchema(), "lifecycle event");
    }

    /** @return the governance decision in {@code value} */
    public GovernanceDecision decodeDecision(byte[] value) throws UndecodableEventException {
        return decode(value, decisionReaders, GovernanceDecision.getClassSchema(), "governance decision");
    }

    private <T> T decode(byte[] value, Map<Integer, DatumReader<T>> readers, Schema readerSchema, String what)
            throws UndecodableEventException {
        if (value == null) {
            throw new UndecodableEventException("the record has no value (a tombstone); a " + what + " was expected");
        }
        if (value.length < 6 || value[0] != 0) {
            throw new UndecodableEventException("the value is not in the Confluent wire format (magic byte 0, 4-byte"
                    + " schema id, Avro binary): "
                    + (value.length < 6 ? value.length + " bytes" : "first byte " + value[0]));
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        DatumReader<T> reader = readers.get(id);
        if (reader == null) {
            Schema writer;
            try {
                writer = writerSchemas.apply(id);
            } catch (RuntimeException e) {
                writer = null;
            }
            if (writer == null) {
                throw new UndecodableEventException("schema id " + id + " is not known to the registry");
            }
            reader = new SpecificDatumReader<>(writer, readerSchema);
            readers.put(id, reader);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
            T decoded = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UndecodableEventException(
                        "the value has bytes left after the " + what + " written with schema id " + id);
            }
            return decoded;
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException("cannot decode a " + what + " written with schema id " + id + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
