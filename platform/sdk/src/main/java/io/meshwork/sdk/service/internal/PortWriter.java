package io.meshwork.sdk.service.internal;

import io.meshwork.sdk.quality.QualityRules;
import io.meshwork.sdk.service.ProductPort;
import io.meshwork.sdk.service.QualityRuleViolation;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The last step before a product topic: applies the port's quality rules to each record and counts what is written.
 * A failed {@code dlq} or {@code fail} rule is thrown as a {@link QualityRuleViolation} for the SDK's processing
 * exception handler; a failed {@code drop} rule drops the record. Not part of the public API.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class PortWriter<K, V> implements FixedKeyProcessor<K, V, V> {
    private final ProductPort<K, V> port;
    private final ServiceMetrics metrics;
    private final ServiceMetrics.PortCounters counters;
    private FixedKeyProcessorContext<K, V> context;

    /**
     * @param port the port written to
     * @param metrics where writes and drops are counted
     */
    public PortWriter(ProductPort<K, V> port, ServiceMetrics metrics) {
        this.port = port;
        this.metrics = metrics;
        this.counters = metrics.port(port.topic());
    }

    @Override
    public void init(FixedKeyProcessorContext<K, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        V value = record.value();
        if (value instanceof IndexedRecord r && !port.quality().isEmpty()) {
            QualityRules.Verdict verdict = port.quality().check(r);
            if (!verdict.passed()) {
                switch (verdict.action().orElseThrow()) {
                    case DROP -> {
                        metrics.dropped(port.topic());
                        return;
                    }
                    case DLQ -> throw new QualityRuleViolation(port.topic(), verdict, false);
                    case FAIL -> throw new QualityRuleViolation(port.topic(), verdict, true);
                }
            }
        }
        counters.recordOut(record.timestamp());
        context.forward(record);
    }
}
