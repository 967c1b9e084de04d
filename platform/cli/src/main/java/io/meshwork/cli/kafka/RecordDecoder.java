package io.meshwork.cli.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.MeshAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Decodes raw records of a product topic into JSON documents: Avro values (and keys, when the product has a key
 * schema) through the SDK's {@link MeshAvroDeserializer} and the platform's registry, other keys as text. A value that
 * does not decode is kept as base64 with the reason, so one bad record never stops a tail.
 */
public final class RecordDecoder implements AutoCloseable {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MeshAvroDeserializer<Object> values;
    private final MeshAvroDeserializer<Object> keys;

    /**
     * @param registry the platform's registry, where writer schemas are fetched by id
     * @param avroKeys whether keys are Avro in the wire format (the product declares a key schema)
     */
    public RecordDecoder(SchemaRegistryClient registry, boolean avroKeys) {
        Map<String, Object> config = Map.of("schema.registry.url", registry.baseUrl());
        values = new MeshAvroDeserializer<>(registry);
        values.configure(config, false);
        if (avroKeys) {
            keys = new MeshAvroDeserializer<>(registry);
            keys.configure(config, true);
        } else {
            keys = null;
        }
    }

    /**
     * @param record a record as read
     * @return {@code {topic, partition, offset, timestamp, key, value, headers?, error?}}
     */
    public ObjectNode decode(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode doc = NODES.objectNode();
        doc.put("topic", record.topic());
        doc.put("partition", record.partition());
        doc.put("offset", record.offset());
        doc.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        doc.set("key", key(record));
        try {
            doc.set("value", AvroJson.toJson(values.deserialize(record.topic(), record.headers(), record.value())));
        } catch (SerializationException e) {
            doc.putNull("value");
            doc.put("valueBase64", Base64.getEncoder().encodeToString(record.value()));
            doc.put("error", e.getMessage());
        }
        ObjectNode headers = headers(record.headers());
        if (!headers.isEmpty()) {
            doc.set("headers", headers);
        }
        return doc;
    }

    private JsonNode key(ConsumerRecord<byte[], byte[]> record) {
        byte[] key = record.key();
        if (key == null) {
            return NODES.nullNode();
        }
        if (keys != null) {
            try {
                return AvroJson.toJson(keys.deserialize(record.topic(), record.headers(), key));
            } catch (SerializationException e) {
                // not Avro after all: shown as text below
            }
        }
        return bytes(key);
    }

    /**
     * @param headers a record's headers
     * @return each header as text (or base64 when it is not UTF-8 text), by name
     */
    public static ObjectNode headers(Headers headers) {
        ObjectNode doc = NODES.objectNode();
        for (Header h : headers) {
            doc.set(h.key(), h.value() == null ? NODES.nullNode() : bytes(h.value()));
        }
        return doc;
    }

    /**
     * @param bytes raw bytes
     * @return UTF-8 text when they are text, else {@code {"base64": "..."}}
     */
    public static JsonNode bytes(byte[] bytes) {
        String text = utf8(bytes);
        if (text != null) {
            return NODES.textNode(text);
        }
        return NODES.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                    return null;
                }
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        values.close();
        if (keys != null) {
            keys.close();
        }
    }
}
