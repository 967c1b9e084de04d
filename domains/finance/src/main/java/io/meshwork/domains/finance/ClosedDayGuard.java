package io.meshwork.domains.finance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.meshwork.domains.finance.internal.Payment;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Refuses a payment for a day that is closed (its grace period has passed), right before the daily aggregation.
 * Kafka Streams would drop such a record silently, counted only in a Streams metric; for revenue a lost payment must
 * be visible, so it becomes a dead letter naming the day instead. The check uses the task's stream time, which is never
 * behind the aggregation's own, so every payment the aggregation would drop is refused here first.
 */
final class ClosedDayGuard implements FixedKeyProcessor<String, Payment, Payment> {
    private final TimeWindows days;
    private FixedKeyProcessorContext<String, Payment> context;

    /** @param days the daily windows of the aggregation that follows */
    ClosedDayGuard(TimeWindows days) {
        this.days = days;
    }

    /** A payment that came after its day was closed. */
    static final class LatePaymentException extends IllegalStateException {
        LatePaymentException(String message) {
            super(message);
        }
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Payment> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Payment> record) {
        long start = record.timestamp() - Math.floorMod(record.timestamp(), days.size());
        long closesAt = start + days.size() + days.gracePeriodMs();
        long streamTime = context.currentStreamTimeMs();
        if (closesAt <= streamTime) {
            throw new LatePaymentException("payment " + record.value().getPaymentId() + " made at "
                    + record.value().getAt() + " came after its day "
                    + LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC) + " was closed at "
                    + Instant.ofEpochMilli(closesAt) + " (newest payment " + Instant.ofEpochMilli(streamTime)
                    + "), so it is not counted in finance.daily-revenue: reconcile it by hand");
        }
        context.forward(record);
    }
}
