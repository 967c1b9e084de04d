package io.meshwork.governance.changelog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Renders types, default values and docs for changelog lines: short, one line, readable in a CI log. */
final class SchemaText {
    private static final int MAX_LENGTH = 60;

    private SchemaText() {}

    /** @return a compact type, e.g. {@code [null, string]}, {@code array<Line>}, {@code long (timestamp-millis)} */
    static String type(Schema schema) {
        StringBuilder text = new StringBuilder();
        appendType(text, schema);
        return text.toString();
    }

    /** @return the type, prefixed with "optional" when it is a union of null and one other type */
    static String typePhrase(Schema schema) {
        return isOptional(schema) ? "optional " + type(schema) : type(schema);
    }

    /** @return the logical type's name with its parameters, or "" when there is none */
    static String logicalType(Schema schema) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType == null) {
            return "";
        }
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return logicalType.getName();
    }

    /** @return a default or property value as JSON, shortened to fit a log line */
    static String value(Object value) {
        return shorten(json(value));
    }

    /** @return a doc string quoted and shortened, or "none" */
    static String doc(String doc) {
        return doc == null ? "none" : "'" + shorten(doc.strip().replaceAll("\\s+", " ")) + "'";
    }

    /** @return names joined with commas, shortened to fit a log line */
    static String list(List<String> names) {
        return shorten(String.join(", ", names));
    }

    /**
     * Compares two default or property values as JSON, so that the same value held as different Java types
     * (an int default read as {@code 0} and a long default read as {@code 0L}) counts as equal.
     */
    static boolean sameValue(Object left, Object right) {
        if (Objects.deepEquals(left, right)) {
            return true;
        }
        if (left instanceof Number l && right instanceof Number r) {
            try {
                return new BigDecimal(l.toString()).compareTo(new BigDecimal(r.toString())) == 0;
            } catch (NumberFormatException notFinite) {
                return l.toString().equals(r.toString());
            }
        }
        return json(left).equals(json(right));
    }

    private static boolean isOptional(Schema schema) {
        if (schema.getType() != Schema.Type.UNION || schema.getTypes().size() != 2) {
            return false;
        }
        return schema.getTypes().get(0).getType() == Schema.Type.NULL
                || schema.getTypes().get(1).getType() == Schema.Type.NULL;
    }

    private static void appendType(StringBuilder text, Schema schema) {
        switch (schema.getType()) {
            case RECORD, ENUM -> text.append(schema.getName());
            case FIXED -> {
                text.append(schema.getName());
                appendLogicalType(text, schema);
            }
            case ARRAY -> {
                text.append("array<");
                appendType(text, schema.getElementType());
                text.append('>');
            }
            case MAP -> {
                text.append("map<");
                appendType(text, schema.getValueType());
                text.append('>');
            }
            case UNION -> {
                text.append('[');
                Iterator<Schema> branches = schema.getTypes().iterator();
                while (branches.hasNext()) {
                    appendType(text, branches.next());
                    if (branches.hasNext()) {
                        text.append(", ");
                    }
                }
                text.append(']');
            }
            default -> {
                text.append(schema.getType().getName());
                appendLogicalType(text, schema);
            }
        }
    }

    private static void appendLogicalType(StringBuilder text, Schema schema) {
        String logicalType = logicalType(schema);
        if (!logicalType.isEmpty()) {
            text.append(" (").append(logicalType).append(')');
        }
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }

    private static String json(Object value) {
        StringBuilder text = new StringBuilder();
        appendJson(text, value);
        return text.toString();
    }

    private static void appendJson(StringBuilder text, Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            text.append("null");
        } else if (value instanceof byte[] bytes) {
            // Avro writes bytes and fixed defaults as JSON strings of ISO-8859-1 characters.
            appendString(text, new String(bytes, StandardCharsets.ISO_8859_1));
        } else if (value instanceof CharSequence string) {
            appendString(text, string.toString());
        } else if (value instanceof Map<?, ?> map) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    text.append(", ");
                }
                first = false;
                appendString(text, String.valueOf(entry.getKey()));
                text.append(": ");
                appendJson(text, entry.getValue());
            }
            text.append('}');
        } else if (value instanceof Collection<?> items) {
            text.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    text.append(", ");
                }
                first = false;
                appendJson(text, item);
            }
            text.append(']');
        } else {
            text.append(value);
        }
    }

    private static void appendString(StringBuilder text, String string) {
        text.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case '\r' -> text.append("\\r");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
