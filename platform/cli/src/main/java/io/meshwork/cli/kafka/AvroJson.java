package io.meshwork.cli.kafka;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro data as plain JSON, the way a person or {@code jq} wants to read it: records as objects, unions as the value
 * of their branch (not Avro's {@code {"type": value}} wrapping), enums and strings as text, bytes and fixed as base64
 * text, decimals as numbers. Other logical types keep their underlying value (a {@code timestamp-millis} is the
 * number of milliseconds).
 */
public final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    /**
     * @param datum what an Avro reader returned ({@link GenericRecord}, {@code String}, {@code byte[]}, a boxed
     *     primitive…)
     * @return its JSON form
     */
    public static JsonNode toJson(Object datum) {
        if (datum instanceof GenericRecord record) {
            return toJson(record.getSchema(), record);
        }
        if (datum instanceof GenericData.EnumSymbol symbol) {
            return NODES.textNode(symbol.toString());
        }
        if (datum instanceof GenericFixed fixed) {
            return toJson(fixed.getSchema(), fixed);
        }
        if (datum instanceof GenericData.Array<?> array) {
            return toJson(array.getSchema(), array);
        }
        return plain(datum);
    }

    /**
     * @param schema the datum's schema
     * @param datum the datum
     * @return its JSON form
     */
    public static JsonNode toJson(Schema schema, Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) datum;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(field.schema(), record.get(field.pos())));
                }
                yield object;
            }
            case UNION -> toJson(schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object element : (Collection<?>) datum) {
                    array.add(toJson(schema.getElementType(), element));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    object.set(e.getKey().toString(), toJson(schema.getValueType(), e.getValue()));
                }
                yield object;
            }
            case FIXED -> bytes(schema, ((GenericFixed) datum).bytes());
            case BYTES -> bytes(schema, datum instanceof ByteBuffer b ? copy(b) : (byte[]) datum);
            case ENUM, STRING -> NODES.textNode(datum.toString());
            case NULL -> NODES.nullNode();
            default -> plain(datum);
        };
    }

    private static JsonNode bytes(Schema schema, byte[] bytes) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return NODES.numberNode(new BigDecimal(new BigInteger(bytes), decimal.getScale()));
        }
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }

    private static byte[] copy(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private static JsonNode plain(Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        if (datum instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (datum instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (datum instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (datum instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (datum instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (datum instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (datum instanceof ByteBuffer buffer) {
            return NODES.textNode(Base64.getEncoder().encodeToString(copy(buffer)));
        }
        return NODES.textNode(datum.toString());
    }
}
