package io.meshwork.domains.marketing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the web shop's raw clickstream ({@code marketing.raw-web-events}, JSON):
 *
 * <pre>{@code
 * {"eventId": "e-1", "sessionId": "s-9", "customerId": "c-00042", "kind": "view", "page": "/p/SKU-00042",
 *  "at": "2026-12-01T10:00:00Z"}
 * }</pre>
 *
 * {@code customerId} is null or absent for anonymous visitors. An event that is not such an event is refused with an
 * exception naming the field; the SDK sends it to the dead-letter topic with that cause.
 */
final class WebEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CUSTOMER = Pattern.compile("c-[0-9]{1,10}");

    private WebEvents() {}

    /** A raw web event that cannot be read. */
    static final class MalformedEventException extends IllegalArgumentException {
        MalformedEventException(String message) {
            super(message);
        }
    }

    /**
     * @param text the event's value
     * @return the event
     * @throws MalformedEventException naming the field and the problem
     */
    static WebEvent parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedEventException("the web event is empty");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("the web event is not JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw new MalformedEventException("the web event is not a JSON object");
        }
        String customer = null;
        JsonNode c = json.get("customerId");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !CUSTOMER.matcher(c.asText()).matches()) {
                throw new MalformedEventException("customerId " + abbreviate(c.toString())
                        + " is not a customer id such as c-00042 (leave it null for anonymous visitors)");
            }
            customer = c.asText();
        }
        WebEvent.Kind kind;
        String kindText = text(json, "kind");
        try {
            kind = WebEvent.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("kind '" + abbreviate(kindText) + "' is not view, click or search");
        }
        Instant at;
        try {
            at = Instant.parse(text(json, "at"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(
                    "at '" + abbreviate(json.path("at").asText())
                            + "' is not an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
        return new WebEvent(text(json, "eventId"), text(json, "sessionId"), customer, kind, text(json, "page"), at);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException(field + " must be non-empty text, got " + abbreviate(value.toString()));
        }
        if (value.asText().length() > 500) {
            throw new MalformedEventException(field + " is longer than 500 characters");
        }
        return value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
