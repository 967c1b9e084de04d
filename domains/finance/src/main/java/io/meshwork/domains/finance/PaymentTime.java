package io.meshwork.domains.finance;

import java.time.Duration;
import java.time.Instant;

import io.meshwork.domains.finance.internal.Payment;
import io.meshwork.sdk.source.MalformedRecordException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Gives each payment the time it was made ({@code at}) as its record time, so that it counts for the day of the
 * payment, not the day it reached Kafka. A payment made more than {@link #MAX_CLOCK_SKEW} after it reached Kafka is
 * refused: the provider's clock is wrong, and its time would close the current day early for every other payment.
 */
final class PaymentTime implements FixedKeyProcessor<String, Payment, Payment> {
    /** How far the provider's clock may be ahead of Kafka's. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private FixedKeyProcessorContext<String, Payment> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Payment> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Payment> record) {
        long at = record.value().getAt().toEpochMilli();
        if (at - record.timestamp() > MAX_CLOCK_SKEW.toMillis()) {
            throw new MalformedRecordException("at " + record.value().getAt() + " is more than "
                    + MAX_CLOCK_SKEW.toHours() + " h after the payment reached Kafka ("
                    + Instant.ofEpochMilli(record.timestamp()) + "): the provider's clock is wrong");
        }
        context.forward(record.withTimestamp(at));
    }
}
