package io.meshwork.domains.product;

import java.time.Duration;
import java.time.Instant;

import io.meshwork.domains.product.internal.UsageEvent;
import io.meshwork.sdk.source.MalformedRecordException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Gives each usage event the time it happened on the device ({@code at}) as its record time, so that it counts for
 * the hour it happened in, also when the app sent it later (offline). An event dated more than
 * {@link #MAX_CLOCK_SKEW} after it reached Kafka is refused: the device's clock is wrong, and its time would close the
 * current hour early for every other event.
 */
final class EventTime implements FixedKeyProcessor<String, UsageEvent, UsageEvent> {
    /** How far a device's clock may be ahead of Kafka's. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private FixedKeyProcessorContext<String, UsageEvent> context;

    @Override
    public void init(FixedKeyProcessorContext<String, UsageEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, UsageEvent> record) {
        long at = record.value().getAt().toEpochMilli();
        if (at - record.timestamp() > MAX_CLOCK_SKEW.toMillis()) {
            throw new MalformedRecordException("at " + record.value().getAt() + " is more than "
                    + MAX_CLOCK_SKEW.toHours() + " h after the event reached Kafka ("
                    + Instant.ofEpochMilli(record.timestamp()) + "): the device's clock is wrong");
        }
        context.forward(record.withTimestamp(at));
    }
}
