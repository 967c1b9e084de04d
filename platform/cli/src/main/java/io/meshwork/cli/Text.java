package io.meshwork.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readings of the platform's JSON for tables: optional text, lists, times. */
final class Text {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Text() {}

    /** @return the field as text, or null when absent or null */
    static String of(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    /** @return the array's elements as text, joined with {@code ", "} */
    static String list(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(i -> items.add(i.asText()));
        return String.join(", ", items);
    }

    /** @return an ISO instant as {@code 2026-05-04 10:11:12} (UTC), or the text unchanged */
    static String time(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** @return the instant, or {@link Instant#EPOCH} for text that is not one */
    static Instant instant(String iso) {
        try {
            return iso == null ? Instant.EPOCH : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * @param iso an ISO-8601 duration, e.g. {@code PT5M}
     * @return its short form with the largest unit that divides it ({@code 5m}, {@code 36h}, {@code 7d}), {@code none}
     *     for null, or the text unchanged when it is not a duration
     */
    static String duration(String iso) {
        if (iso == null) {
            return "none";
        }
        Duration d;
        try {
            d = Duration.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    /** @return "1 product" / "2 products" */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
