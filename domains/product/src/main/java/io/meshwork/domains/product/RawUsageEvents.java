package io.meshwork.domains.product;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.domains.product.internal.Platform;
import io.meshwork.domains.product.internal.UsageEvent;

/**
 * Reads the apps' raw usage events ({@code product.raw-usage-events}, JSON):
 *
 * <pre>{@code
 * {"eventId": "5d0c6a8e-2f1b-4c3a-9e7d-1b2c3d4e5f60", "userId": "u-00042", "feature": "export-pdf",
 *  "action": "completed", "durationMs": 1250, "platform": "ios", "at": "2026-12-01T10:15:00Z"}
 * }</pre>
 *
 * {@code durationMs} is a whole number of milliseconds from 0 to one day; {@code platform} is {@code web},
 * {@code ios} or {@code android}; {@code action} must be text but is not counted. The feature is only required to be
 * text here: whether it is a catalogue id is the product's quality rule {@code feature-id}. An event that is not such
 * an event is refused with an exception naming the field and what is wrong; the SDK sends it to the dead-letter topic
 * with that cause.
 */
final class RawUsageEvents {
    /** The longest duration one event may report. */
    static final long MAX_DURATION_MS = Duration.ofDays(1).toMillis();
    /** The latest instant {@code at} may name. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 200;

    private RawUsageEvents() {}

    /** A raw usage event that cannot be read. */
    static final class MalformedUsageEventException extends IllegalArgumentException {
        MalformedUsageEventException(String message) {
            super(message);
        }
    }

    /**
     * @param text the event's value
     * @return the event
     * @throws MalformedUsageEventException naming the field and the problem
     */
    static UsageEvent parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedUsageEventException("the usage event is empty");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedUsageEventException("the usage event is not JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw new MalformedUsageEventException("the usage event is not a JSON object");
        }
        String eventId = text(json, "eventId");
        String userId = text(json, "userId");
        String feature = text(json, "feature");
        text(json, "action");
        long durationMs = durationMs(json);
        Platform platform = platform(text(json, "platform"));
        Instant at = instant(json, "at");
        return UsageEvent.newBuilder()
                .setEventId(eventId)
                .setUserId(userId)
                .setFeature(feature)
                .setDurationMs(durationMs)
                .setPlatform(platform)
                .setAt(at)
                .build();
    }

    private static long durationMs(JsonNode json) {
        JsonNode value = json.get("durationMs");
        if (value == null || value.isNull()) {
            throw new MalformedUsageEventException("durationMs is missing");
        }
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.asLong() < 0
                || value.asLong() > MAX_DURATION_MS) {
            throw new MalformedUsageEventException("durationMs " + abbreviate(value.toString())
                    + " is not a whole number of milliseconds from 0 to " + MAX_DURATION_MS);
        }
        return value.asLong();
    }

    private static Platform platform(String platform) {
        return switch (platform) {
            case "web" -> Platform.WEB;
            case "ios" -> Platform.IOS;
            case "android" -> Platform.ANDROID;
            default ->
                throw new MalformedUsageEventException(
                        "platform '" + abbreviate(platform) + "' is not web, ios or android");
        };
    }

    private static Instant instant(JsonNode json, String field) {
        String text = text(json, field);
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedUsageEventException(
                    field + " '" + abbreviate(text) + "' is not an ISO-8601 instant such as 2026-12-01T10:15:00Z");
        }
        if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
            throw new MalformedUsageEventException(field + " " + at + " is not between 1970 and 9999");
        }
        return at;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedUsageEventException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedUsageEventException(
                    field + " must be non-empty text, got " + abbreviate(value.toString()));
        }
        if (value.asText().length() > MAX_TEXT) {
            throw new MalformedUsageEventException(field + " is longer than " + MAX_TEXT + " characters");
        }
        return value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
