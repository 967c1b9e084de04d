package io.meshwork.domains.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the shop's raw order events ({@code sales.raw-orders}, JSON):
 *
 * <pre>{@code
 * {"orderId": "o-7f3a2c", "customer": {"id": "c-00042", "email": "ada@example.com"}, "currency": "EUR",
 *  "channel": "web", "items": [{"sku": "SKU-00042", "quantity": 2, "unitPrice": "19.99"}],
 *  "placedAt": "2026-12-01T10:00:00Z"}
 * }</pre>
 *
 * An event that is not such an order is refused with an exception naming the field and what is wrong; the SDK sends
 * it to the dead-letter topic with that cause.
 */
final class RawOrders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final Set<String> CHANNELS = Set.of("web", "ios", "android");
    private static final int MAX_LINES = 500;

    private RawOrders() {}

    /** A raw order event that cannot be read. */
    static final class MalformedOrderException extends IllegalArgumentException {
        MalformedOrderException(String message) {
            super(message);
        }
    }

    /**
     * @param text the event's value
     * @return the order
     * @throws MalformedOrderException naming the field and the problem
     */
    static ParsedOrder parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedOrderException("the order event is empty");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedOrderException("the order event is not JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw new MalformedOrderException("the order event is not a JSON object");
        }
        String orderId = text(json, "orderId");
        JsonNode customer = json.path("customer");
        if (!customer.isObject()) {
            throw new MalformedOrderException("customer is missing or not an object");
        }
        String customerId = text(customer, "id");
        String email = text(customer, "email");
        if (!EMAIL.matcher(email).matches()) {
            throw new MalformedOrderException("customer.email '" + abbreviate(email) + "' is not an email address");
        }
        String currency = text(json, "currency").toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(currency).matches()) {
            throw new MalformedOrderException("currency '" + abbreviate(currency) + "' is not an ISO 4217 code");
        }
        String channel = text(json, "channel").toLowerCase(Locale.ROOT);
        if (!CHANNELS.contains(channel)) {
            throw new MalformedOrderException("channel '" + abbreviate(channel) + "' is not web, ios or android");
        }
        JsonNode items = json.path("items");
        if (!items.isArray() || items.isEmpty() || items.size() > MAX_LINES) {
            throw new MalformedOrderException("items must be a list of 1 to " + MAX_LINES + " lines");
        }
        List<ParsedOrder.Line> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add(line(items.get(i), "items[" + i + "]"));
        }
        Instant placedAt;
        try {
            placedAt = Instant.parse(text(json, "placedAt"));
        } catch (DateTimeParseException e) {
            throw new MalformedOrderException(
                    "placedAt '" + abbreviate(json.path("placedAt").asText())
                            + "' is not an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
        return new ParsedOrder(orderId, customerId, email, currency, channel, lines, placedAt);
    }

    private static ParsedOrder.Line line(JsonNode item, String where) {
        if (!item.isObject()) {
            throw new MalformedOrderException(where + " is not an object");
        }
        String sku = text(item, "sku");
        JsonNode quantity = item.path("quantity");
        if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.asInt() < 1) {
            throw new MalformedOrderException(
                    where + ".quantity '" + abbreviate(quantity.asText()) + "' is not a whole number of at least 1");
        }
        BigDecimal unitPrice;
        try {
            unitPrice = new BigDecimal(item.path("unitPrice").asText());
        } catch (NumberFormatException e) {
            throw new MalformedOrderException(
                    where + ".unitPrice '" + abbreviate(item.path("unitPrice").asText()) + "' is not a decimal number");
        }
        if (unitPrice.signum() < 0 || unitPrice.scale() > 2 || unitPrice.precision() - unitPrice.scale() > 8) {
            // the text as sent, not toPlainString(): 1e999999999 would expand to a billion digits
            throw new MalformedOrderException(
                    where + ".unitPrice " + abbreviate(item.path("unitPrice").asText())
                            + " is not an amount from 0 to 99999999.99 with at most 2 decimals");
        }
        return new ParsedOrder.Line(sku, quantity.asInt(), unitPrice.setScale(2));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedOrderException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedOrderException(field + " must be non-empty text, got " + abbreviate(value.toString()));
        }
        if (value.asText().length() > 200) {
            throw new MalformedOrderException(field + " is longer than 200 characters");
        }
        return value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
