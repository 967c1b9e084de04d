package io.meshwork.sdk.serde.internal;

import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** The Avro schema of a Java value the serializer is given. Not part of the public API. */
public final class DatumSchemas {
    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private DatumSchemas() {}

    /**
     * The schema to write {@code value} with: its own for Avro containers (records, enums, fixed, arrays), the
     * matching primitive schema for {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double},
     * {@code CharSequence}, {@code byte[]} and {@code ByteBuffer}.
     *
     * @param value a non-null value
     * @return the schema
     * @throws SerializationException for any other type
     */
    public static Schema of(Object value) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (value instanceof CharSequence) {
            return STRING;
        }
        if (value instanceof Integer) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return BYTES;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        throw new SerializationException(
                "MeshAvroSerializer cannot write a " + value.getClass().getName()
                        + ". Fix: pass an Avro GenericRecord, a generated SpecificRecord, an Avro enum, fixed or array, or one of"
                        + " Boolean, Integer, Long, Float, Double, CharSequence, byte[], ByteBuffer.");
    }
}
