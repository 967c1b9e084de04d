package io.meshwork.domains.product;

import java.time.Duration;
import java.time.Instant;

import io.meshwork.domains.product.internal.Platform;
import io.meshwork.domains.product.internal.UsageEvent;
import io.meshwork.sdk.source.MalformedRecordException;
import io.meshwork.sdk.source.RawJson;

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
 * an event is refused with a {@link MalformedRecordException} naming the field and what is wrong; the SDK sends it to the dead-letter topic
 * with that cause.
 */
final class RawUsageEvents {
    /** The longest duration one event may report. */
    static final long MAX_DURATION_MS = Duration.ofDays(1).toMillis();

    private RawUsageEvents() {}

    /**
     * @param text the event's value
     * @return the event
     * @throws MalformedRecordException naming the field and the problem
     */
    static UsageEvent parse(String text) {
        RawJson json = RawJson.object(text, "usage event");
        String eventId = json.text("eventId");
        String userId = json.text("userId");
        String feature = json.text("feature");
        json.text("action");
        long durationMs = json.wholeNumber("durationMs", 0, MAX_DURATION_MS);
        Platform platform = platform(json.text("platform"));
        Instant at = json.instant("at");
        return UsageEvent.newBuilder()
                .setEventId(eventId)
                .setUserId(userId)
                .setFeature(feature)
                .setDurationMs(durationMs)
                .setPlatform(platform)
                .setAt(at)
                .build();
    }

    private static Platform platform(String platform) {
        return switch (platform) {
            case "web" -> Platform.WEB;
            case "ios" -> Platform.IOS;
            case "android" -> Platform.ANDROID;
            default ->
                throw new MalformedRecordException(
                        "platform '" + RawJson.abbreviate(platform) + "' is not web, ios or android");
        };
    }
}
