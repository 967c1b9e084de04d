package io.meshwork.cli.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a dead-lettered record, as the SDK ({@link io.meshwork.sdk.service.DeadLetters}) writes them: why it
 * was set aside and where it came from, plus the count of replays meshctl adds when it puts a record back; and how to
 * read them.
 */
public final class DeadLetters {
    /** Why the record was set aside, one sentence. */
    public static final String CAUSE = io.meshwork.sdk.service.DeadLetters.CAUSE;
    /** The topic it was read from. */
    public static final String TOPIC = io.meshwork.sdk.service.DeadLetters.TOPIC;
    /** Its partition there, as decimal text. */
    public static final String PARTITION = io.meshwork.sdk.service.DeadLetters.PARTITION;
    /** Its offset there, as decimal text. */
    public static final String OFFSET = io.meshwork.sdk.service.DeadLetters.OFFSET;
    /**
     * {@code false} when the record failed after a repartition and holds the service's intermediate record rather than
     * the source record: it is not replayed (same name as the SDK's {@code DeadLetters.REPLAYABLE}).
     */
    public static final String REPLAYABLE = io.meshwork.sdk.service.DeadLetters.REPLAYABLE;
    /** How many times {@code meshctl dlq replay} has put the record back, as decimal text: a loop shows here. */
    public static final String REPLAYED = io.meshwork.sdk.service.DeadLetters.REPLAYED;
    /** Every dead-letter header starts with this. */
    public static final String PREFIX = "meshwork.dlq.";

    /** The suffix of a product topic's dead-letter topic. */
    public static final String TOPIC_SUFFIX = io.meshwork.sdk.service.DeadLetters.SUFFIX;

    private DeadLetters() {}

    /**
     * @param headers a record's headers
     * @param name a header name
     * @return the last value of the header as UTF-8 text, or null
     */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * @param headers a record's headers
     * @return how many times it was replayed before, 0 when the header is absent or not a number
     */
    public static int replayCount(Headers headers) {
        String text = text(headers, REPLAYED);
        if (text == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
