package io.meshwork.sdk.serde.internal;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The schema-registry wire format: byte 0 = {@code 0x00}, bytes 1–4 = schema id (big-endian int32), then the Avro
 * binary datum. Also reads the id from the {@code __value_schema_id} / {@code __key_schema_id} header when that header
 * holds {@code 0x00} + a 4-byte id (the payload is then the bare datum). Not part of the public API.
 */
public final class WireFormat {
    /** The magic byte of the id-prefixed form. */
    public static final byte MAGIC_BYTE = 0x0;
    /** The magic byte of the GUID form, which Meshwork's int-id registry cannot resolve. */
    public static final byte MAGIC_BYTE_GUID = 0x1;
    /** Length of the prefix: magic byte + 4-byte id. */
    public static final int PREFIX_LENGTH = 5;
    /** The header carrying a key's schema id. */
    public static final String KEY_SCHEMA_ID_HEADER = "__key_schema_id";
    /** The header carrying a value's schema id. */
    public static final String VALUE_SCHEMA_ID_HEADER = "__value_schema_id";

    private static final int GUID_FORM_LENGTH = 17;

    private WireFormat() {}

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
     * Reads a schema id from the schema-id header of the record, if present.
     *
     * @param topic the topic, for the message
     * @param isKey whether the key's header is wanted
     * @param headers the record's headers, may be {@code null}
     * @return the id, or -1 when the header is absent
     * @throws SerializationException when the header holds a GUID or is malformed
     */
    public static int readHeaderId(String topic, boolean isKey, Headers headers) {
        if (headers == null) {
            return -1;
        }
        String name = isKey ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER;
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return -1;
        }
        byte[] value = header.value();
        if (value.length == PREFIX_LENGTH && value[0] == MAGIC_BYTE) {
            return readInt(value, 1);
        }
        if (value.length == GUID_FORM_LENGTH && value[0] == MAGIC_BYTE_GUID) {
            throw new SerializationException("Header " + name + " of " + what(topic, isKey)
                    + " holds a schema GUID (0x01 + 16 bytes); Meshwork's registry identifies schemas by int id and"
                    + " cannot resolve GUIDs. Fix: configure the producer's serializer to put the id in the payload"
                    + " prefix (Confluent's default PrefixSchemaIdSerializer).");
        }
        throw new SerializationException("Header " + name + " of " + what(topic, isKey) + " has " + value.length
                + " bytes starting with " + (value.length == 0 ? "nothing" : hex(value[0]))
                + "; expected 0x00 + a 4-byte schema id. Fix: remove or correct the header.");
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
        if (first == MAGIC_BYTE_GUID) {
            return " (0x01 is the GUID form, which Meshwork's int-id registry cannot resolve)";
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
