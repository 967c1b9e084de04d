package io.meshwork.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro binary encoding (no container, no wire-format header) of generated and generic records, for tests. */
final class AvroBinary {

    private AvroBinary() {}

    static <T extends SpecificRecord> byte[] write(Class<T> type, T record) {
        return write(new SpecificDatumWriter<>(type), record);
    }

    static byte[] write(Schema writerSchema, GenericRecord record) {
        return write(new GenericDatumWriter<>(writerSchema), record);
    }

    /** Reads bytes written with the generated class's own schema. */
    static <T extends SpecificRecord> T read(Class<T> type, byte[] bytes) {
        return read(new SpecificDatumReader<>(type), bytes);
    }

    /**
     * Reads bytes written with {@code writerSchema} as an old reader would: with {@code readerSchema}, the schema of
     * the generated class {@code type}, resolving the two by Avro's schema resolution rules.
     */
    static <T extends SpecificRecord> T read(Schema writerSchema, Schema readerSchema, Class<T> type, byte[] bytes) {
        return type.cast(read(new SpecificDatumReader<>(writerSchema, readerSchema), bytes));
    }

    /** Reads bytes written with {@code writerSchema} as a generic record of {@code readerSchema}. */
    static GenericRecord readGeneric(Schema writerSchema, Schema readerSchema, byte[] bytes) {
        return read(new GenericDatumReader<>(writerSchema, readerSchema), bytes);
    }

    private static <T> byte[] write(DatumWriter<T> writer, T datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <T> T read(DatumReader<T> reader, byte[] bytes) {
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
