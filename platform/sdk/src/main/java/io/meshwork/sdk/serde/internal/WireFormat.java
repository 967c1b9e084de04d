package io.meshwork.sdk.serde.internal;

import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The schema-registry wire format. A record names its writer schema in one of two places:
 *
 * <ul>
 *   <li>the payload prefix: byte 0 = {@code 0x00}, bytes 1–4 = schema id (big-endian int32), then the Avro binary
 *       datum; Confluent's deserializers also accept byte 0 = {@code 0x01}, bytes 1–16 = the schema's GUID, and so
 *       does this class;
 *   <li>the header {@code __value_schema_id} / {@code __key_schema_id}, holding {@code 0x00} + a 4-byte id or
 *       {@code 0x01} + the 16-byte GUID (what Confluent's {@code HeaderSchemaIdSerializer} writes); the payload is then
 *       the bare datum. The header wins over the payload.
 * </ul>
 *
 * <p>Not part of the public API.
 */
public final class WireFormat {
    /** The magic byte of the id form. */
    public static final byte MAGIC_BYTE = 0x0;
    /** The magic byte of the GUID form. */
    public static final byte MAGIC_BYTE_GUID = 0x1;
    /** Length of the id form: magic byte + 4-byte id. */
    public static final int PREFIX_LENGTH = 5;
    /** Length of the GUID form: magic byte + 16-byte GUID. */
    public static final int GUID_FORM_LENGTH = 17;
    /** The header carrying a key's schema id. */
    public static final String KEY_SCHEMA_ID_HEADER = "__key_schema_id";
    /** The header carrying a value's schema id. */
    public static final String VALUE_SCHEMA_ID_HEADER = "__value_schema_id";

    private WireFormat() {}

    /**
     * A writer schema named by a record: an id, or a GUID.
     *
     * @param id the schema id, or -1 when the record names a GUID
     * @param guid the schema GUID, or {@code null} when the record names an id
     * @param datumOffset where the Avro datum starts in the payload
     */
    public record SchemaId(int id, UUID guid, int datumOffset) {}

    /**
     * @param isKey whether for keys
     * @return the name of the header carrying the schema id of keys or values
     */
    public static String headerName(boolean isKey) {
        return isKey ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER;
    }

    /**
     * Writes the 5-byte prefix into {@code target} at {@code offset}.
     *
     * @param target the buffer
     * @param offset where to write
     * @param schemaId the schema id
     */
    public static void writePrefix(byte[] target, int offset, int schemaId) {
        target[offset] = MAGIC_BYTE;
        target[offset + 1] = (byte) (schemaId >>> 24);
        target[offset + 2] = (byte) (schemaId >>> 16);
        target[offset + 3] = (byte) (schemaId >>> 8);
        target[offset + 4] = (byte) schemaId;
    }

    /**
     * The GUID form: {@code 0x01} then the GUID's 16 bytes, most significant first (as {@link UUID#toString()} reads).
     *
     * @param guid the schema's GUID
     * @return 17 bytes, the value of a schema-id header
     */
    public static byte[] guidForm(UUID guid) {
        byte[] bytes = new byte[GUID_FORM_LENGTH];
        bytes[0] = MAGIC_BYTE_GUID;
        writeLong(bytes, 1, guid.getMostSignificantBits());
        writeLong(bytes, 9, guid.getLeastSignificantBits());
        return bytes;
    }

    /**
     * Reads the schema id of an id-prefixed payload.
     *
     * @param topic the topic, for the message
     * @param isKey whether the payload is a key, for the message
     * @param data the payload
     * @return the schema id
     * @throws SerializationException when the payload is too short or its first byte is not {@code 0x00}
     */
    public static int readPrefixedId(String topic, boolean isKey, byte[] data) {
        if (data.length < PREFIX_LENGTH) {
            throw new SerializationException(what(topic, isKey) + " has " + data.length
                    + " bytes, fewer than the 5-byte schema-registry prefix (0x00 + 4-byte schema id). Fix: produce it"
                    + " with a schema-registry Avro serializer, or read the topic with a deserializer for its real"
                    + " format.");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(what(topic, isKey) + " starts with byte " + hex(data[0])
                    + ", not the schema-registry magic byte 0x00" + guess(data[0])
                    + ". Fix: produce it with a schema-registry Avro serializer (MeshAvroSerializer or Confluent's),"
                    + " or read the topic with a deserializer for its real format.");
        }
        return readInt(data, 1);
    }

    /**
     * Reads the writer schema a payload without a schema-id header names in its prefix: {@code 0x00} + 4-byte id, or
     * {@code 0x01} + 16-byte GUID.
     *
     * @param topic the topic, for the message
     * @param isKey whether the payload is a key, for the message
     * @param data the payload, not empty
     * @return the id or GUID, and where the datum starts
     * @throws SerializationException when the payload does not start with either form
     */
    public static SchemaId readPrefix(String topic, boolean isKey, byte[] data) {
        if (data.length > 0 && data[0] == MAGIC_BYTE_GUID) {
            if (data.length < GUID_FORM_LENGTH) {
                throw new SerializationException(
                        what(topic, isKey) + " starts with 0x01, the GUID form, but has only "
                                + data.length
                                + " bytes, fewer than 0x01 + a 16-byte schema GUID. Fix: produce it with a"
                                + " schema-registry Avro serializer, or read the topic with a deserializer for its real format.");
            }
            return new SchemaId(-1, readGuid(data, 1), GUID_FORM_LENGTH);
        }
        return new SchemaId(readPrefixedId(topic, isKey, data), null, PREFIX_LENGTH);
    }

    /**
     * Reads the writer schema from the schema-id header of the record, if it has one: {@code 0x00} + 4-byte id, or
     * {@code 0x01} + 16-byte GUID, exactly. The last header of that name counts, as in Confluent's deserializers; a
     * header without a value counts as absent.
     *
     * @param topic the topic, for the message
     * @param isKey whether the key's header is wanted
     * @param headers the record's headers, may be {@code null}
     * @return the id or GUID (the datum then starts at 0), or {@code null} when there is no such header
     * @throws SerializationException naming topic, header and fix when the header is of another length or magic byte
     */
    public static SchemaId readHeader(String topic, boolean isKey, Headers headers) {
        if (headers == null) {
            return null;
        }
        String name = headerName(isKey);
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        if (value.length == PREFIX_LENGTH && value[0] == MAGIC_BYTE) {
            return new SchemaId(readInt(value, 1), null, 0);
        }
        if (value.length == GUID_FORM_LENGTH && value[0] == MAGIC_BYTE_GUID) {
            return new SchemaId(-1, readGuid(value, 1), 0);
        }
        String expected = "; expected 0x00 + a 4-byte schema id (5 bytes) or 0x01 + a 16-byte schema GUID (17 bytes)";
        String found = value.length == 0
                ? "is empty"
                : value[0] == MAGIC_BYTE || value[0] == MAGIC_BYTE_GUID
                        ? "has " + value.length + " bytes after magic byte " + hex(value[0]) + " ("
                                + (value[0] == MAGIC_BYTE ? PREFIX_LENGTH : GUID_FORM_LENGTH) + " expected)"
                        : "has " + value.length + " bytes starting with " + hex(value[0])
                                + ", which is neither magic byte 0x00 nor 0x01";
        throw new SerializationException("Header " + name + " of a record on topic '" + topic + "' " + found + expected
                + ". The header names the " + (isKey ? "key" : "value") + "'s writer schema and wins over the payload,"
                + " so the " + (isKey ? "key" : "value") + " cannot be read. Fix: produce the record with a"
                + " schema-registry serializer that writes this header correctly (or not at all), or remove the"
                + " header.");
    }

    private static UUID readGuid(byte[] bytes, int offset) {
        return new UUID(readLong(bytes, offset), readLong(bytes, offset + 8));
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    private static void writeLong(byte[] target, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            target[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24)
                | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }

    private static String what(String topic, boolean isKey) {
        return "The " + (isKey ? "key" : "value") + " of a record on topic '" + topic + "'";
    }

    private static String guess(byte first) {
        if (first == '{' || first == '[' || first == '"') {
            return " (it looks like JSON)";
        }
        if (first == 'O') {
            return " (an Avro container file starts with 'Obj')";
        }
        return "";
    }

    private static String hex(byte b) {
        return String.format("0x%02x", b & 0xff);
    }
}
