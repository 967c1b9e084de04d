package io.meshwork.sdk.source;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A raw source record read as one JSON object, strictly: every accessor checks the field and, when it is missing or
 * not what it should be, throws a {@link MalformedRecordException} naming the field's path, the value seen and what is
 * expected. Values are abbreviated in messages, and numbers are never expanded from the text ({@code 1e999999999}
 * stays text). Domain-specific checks (an enum's symbols, an id's pattern) stay in the domain's parser.
 *
 * <pre>{@code
 * RawJson order = RawJson.object(text, "order event");
 * String id = order.text("orderId");
 * RawJson customer = order.object("customer");
 * for (RawJson item : order.array("items", 1, 500)) {
 *     int quantity = item.wholeNumber("quantity", 1, 10_000);   // "items[0].quantity 'two' is not a whole number ..."
 * }
 * Instant placedAt = order.instant("placedAt");
 * }</pre>
 */
public final class RawJson {
    /** The longest text a field may hold unless the caller says otherwise. */
    public static final int MAX_TEXT = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final int SHOWN = 60;

    private final JsonNode node;
    private final String path;

    private RawJson(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * @param text the record's value
     * @param what what it should be, for messages, e.g. {@code "order event"}
     * @return the object
     * @throws MalformedRecordException when the text is empty, not JSON, or not a JSON object
     */
    public static RawJson object(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new MalformedRecordException("the " + what + " is empty");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("the " + what + " is not JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw new MalformedRecordException("the " + what + " is not a JSON object");
        }
        return new RawJson(json, "");
    }

    /** @return the JSON object itself */
    public JsonNode node() {
        return node;
    }

    /**
     * @param field a field name
     * @return the field's value, or null when it is absent or JSON null
     */
    public JsonNode get(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /**
     * @param field a field name
     * @return the field's path from the root, for messages, e.g. {@code items[2].quantity}
     */
    public String path(String field) {
        return path + field;
    }

    /**
     * @param field a field holding an object
     * @return it
     * @throws MalformedRecordException when it is missing or not an object
     */
    public RawJson object(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new MalformedRecordException(path(field) + " is missing or not an object");
        }
        return new RawJson(value, path(field) + ".");
    }

    /**
     * @param field a field holding a list of objects
     * @param min fewest elements
     * @param max most elements
     * @return the elements
     * @throws MalformedRecordException when it is missing, not a list, of another size, or holds a non-object
     */
    public List<RawJson> array(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.size() < min || value.size() > max) {
            throw new MalformedRecordException(path(field) + " must be a list of " + min + " to " + max + " entries"
                    + (value != null && value.isArray() ? ", it has " + value.size() : ""));
        }
        List<RawJson> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String at = path(field) + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw new MalformedRecordException(at + " is not an object");
            }
            elements.add(new RawJson(value.get(i), at + "."));
        }
        return elements;
    }

    /**
     * @param field a required text field
     * @return its text: not blank, at most {@value #MAX_TEXT} characters
     * @throws MalformedRecordException when it is missing, not text, blank or too long
     */
    public String text(String field) {
        return text(field, MAX_TEXT);
    }

    /**
     * @param field a required text field
     * @param maxLength the most characters it may hold
     * @return its text, not blank
     * @throws MalformedRecordException when it is missing, not text, blank or too long
     */
    public String text(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedRecordException(path(field) + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedRecordException(
                    path(field) + " must be non-empty text, got " + abbreviate(value.toString()));
        }
        if (value.asText().length() > maxLength) {
            throw new MalformedRecordException(path(field) + " is longer than " + maxLength + " characters");
        }
        return value.asText();
    }

    /**
     * @param field a required ISO-8601 instant, e.g. {@code "2026-12-01T10:00:00Z"}
     * @return it, between 1970 and 9999
     * @throws MalformedRecordException when it is missing, not an instant, or out of that range
     */
    public Instant instant(String field) {
        String text = text(field);
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException(path(field) + " '" + abbreviate(text)
                    + "' is not an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
        if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
            throw new MalformedRecordException(path(field) + " " + at + " is not between 1970 and 9999");
        }
        return at;
    }

    /**
     * @param field a required whole number (a JSON integer, not text)
     * @param min smallest value
     * @param max largest value
     * @return it
     * @throws MalformedRecordException when it is missing, not a whole number, or out of range
     */
    public long wholeNumber(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedRecordException(path(field) + " is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw new MalformedRecordException(path(field) + " " + abbreviate(value.toString())
                    + " is not a whole number from " + min + " to " + max);
        }
        return value.asLong();
    }

    /**
     * An exact amount written as decimal text ({@code "19.99"}): a JSON number could lose cents on its way.
     *
     * @param field a required decimal field
     * @param maxScale most decimals
     * @param min smallest value
     * @param max largest value
     * @return it, with {@code maxScale} decimals
     * @throws MalformedRecordException when it is missing, not decimal text, or out of range or scale
     */
    public BigDecimal decimalText(String field, int maxScale, BigDecimal min, BigDecimal max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedRecordException(path(field) + " is missing");
        }
        if (!value.isTextual()) {
            throw new MalformedRecordException(path(field) + " must be decimal text such as \"49.90\", got "
                    + abbreviate(value.toString()) + " (a JSON number may lose cents)");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw new MalformedRecordException(
                    path(field) + " '" + abbreviate(value.asText()) + "' is not a decimal number such as 49.90");
        }
        if (amount.compareTo(min) < 0 || amount.compareTo(max) > 0 || amount.scale() > maxScale) {
            throw new MalformedRecordException(
                    path(field) + " " + abbreviate(value.asText()) + " is not an amount from " + min.toPlainString()
                            + " to " + max.toPlainString() + " with at most " + maxScale + " decimals");
        }
        return amount.setScale(maxScale);
    }

    /**
     * @param text any text
     * @return it, cut to {@value #SHOWN} characters with an ellipsis, for messages
     */
    public static String abbreviate(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
