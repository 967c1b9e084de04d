package io.meshwork.domains.product;

import java.time.Instant;

import io.meshwork.domains.product.internal.UsageEvent;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Between the repartition by feature and the hourly counts: marks each event that is its user's first on the feature
 * in the event's hour, so that the count of active users is exact, and refuses an event for an hour that is closed.
 *
 * <p>The users seen are kept in a window store keyed by feature and user, one window per hour, kept as long as an
 * hour takes events; so the store holds each active user once per feature and open hour, not a growing set. Kafka
 * Streams would drop an event for a closed hour silently (only a Streams metric counts it); here it becomes a dead
 * letter naming the hour. The check uses the task's stream time, which is never behind the aggregation's own, so every
 * event the aggregation would drop is refused first.
 */
final class HourlyVisitors implements FixedKeyProcessor<String, UsageEvent, Visit> {
    private final TimeWindows hours;
    private final String storeName;
    private FixedKeyProcessorContext<String, Visit> context;
    private WindowStore<String, Long> seen;

    /**
     * @param hours the hourly windows of the aggregation that follows
     * @param storeName the window store of users seen
     */
    HourlyVisitors(TimeWindows hours, String storeName) {
        this.hours = hours;
        this.storeName = storeName;
    }

    /** An event that came after its hour was closed. */
    static final class LateEventException extends IllegalStateException {
        LateEventException(String message) {
            super(message);
        }
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Visit> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, UsageEvent> record) {
        long hour = record.timestamp() - Math.floorMod(record.timestamp(), hours.size());
        long closesAt = hour + hours.size() + hours.gracePeriodMs();
        long streamTime = context.currentStreamTimeMs();
        if (closesAt <= streamTime) {
            throw new LateEventException("event " + record.value().getEventId() + " made at "
                    + record.value().getAt() + " came after its hour " + Instant.ofEpochMilli(hour)
                    + " was closed at " + Instant.ofEpochMilli(closesAt) + " (newest event "
                    + Instant.ofEpochMilli(streamTime) + "), so it is not counted in product.feature-usage");
        }
        String user = userOfFeature(record.key(), record.value().getUserId());
        boolean first = seen.fetch(user, hour) == null;
        if (first) {
            seen.put(user, record.timestamp(), hour);
        }
        context.forward(record.withValue(new Visit(record.value(), first)));
    }

    /** @return a store key that no other feature and user give (the feature's length first) */
    static String userOfFeature(String feature, String userId) {
        return feature.length() + ":" + feature + userId;
    }
}
