package io.meshwork.sdk.service.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.meshwork.sdk.service.DeadLetters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The counts a service reports in heartbeats and on {@code /metrics}: records in, records out and the newest record
 * time per product topic, dead letters per product topic and stage, records dropped by quality rules. Counts are this
 * instance's since it started. Not part of the public API.
 */
public final class ServiceMetrics implements AutoCloseable {
    private final String applicationId;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LongAdder recordsIn = new LongAdder();
    private final Map<String, LongAdder> recordsOut = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> newestRecordTime = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLetteredByStage = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    /** @param applicationId the Kafka Streams application id, a tag on every meter */
    public ServiceMetrics(String applicationId) {
        this.applicationId = applicationId;
        registry.config().commonTags("application", applicationId);
        FunctionCounter.builder("meshwork.records.in", recordsIn, LongAdder::doubleValue)
                .description("Records read from the service's input topics")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
    }

    /** @return the Micrometer registry, for more meters (e.g. Kafka Streams' own) */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return the Prometheus text exposition of every meter */
    public String scrape() {
        return registry.scrape();
    }

    /** @return the application id */
    public String applicationId() {
        return applicationId;
    }

    /** Counts one record read from an input topic. */
    public void recordIn() {
        recordsIn.increment();
    }

    /** The counters of one product topic, resolved once by the step that writes to it. */
    public final class PortCounters {
        private final LongAdder out;
        private final AtomicLong newest;

        private PortCounters(String topic) {
            this.out = recordsOut.computeIfAbsent(topic, ServiceMetrics.this::outCounter);
            this.newest = newestRecordTime.computeIfAbsent(topic, ServiceMetrics.this::newestGauge);
        }

        /**
         * Counts one record written.
         *
         * @param timestamp its timestamp (epoch ms)
         */
        public void recordOut(long timestamp) {
            out.increment();
            if (timestamp > newest.get()) {
                newest.accumulateAndGet(timestamp, Math::max);
            }
        }
    }

    /**
     * @param topic a product topic
     * @return its counters
     */
    public PortCounters port(String topic) {
        return new PortCounters(topic);
    }

    /**
     * Counts one dead letter.
     *
     * @param deadLetterTopic where it went
     * @param stage {@link DeadLetters#STAGE}'s value
     */
    public void deadLettered(String deadLetterTopic, String stage) {
        deadLettered.computeIfAbsent(deadLetterTopic, t -> new LongAdder()).increment();
        deadLetteredByStage
                .computeIfAbsent(deadLetterTopic + "|" + stage, k -> deadLetterCounter(deadLetterTopic, stage))
                .increment();
    }

    /**
     * Counts one record dropped by quality rules with action {@code drop}.
     *
     * @param topic the product topic it was meant for
     */
    public void dropped(String topic) {
        dropped.computeIfAbsent(topic, this::droppedCounter).increment();
    }

    /** @return records read since start */
    public long recordsIn() {
        return recordsIn.sum();
    }

    /** @return records written to the topic since start */
    public long recordsOut(String topic) {
        LongAdder a = recordsOut.get(topic);
        return a == null ? 0 : a.sum();
    }

    /** @return dead letters of the product topic since start */
    public long deadLettered(String productTopic) {
        LongAdder a = deadLettered.get(DeadLetters.topicFor(productTopic));
        return a == null ? 0 : a.sum();
    }

    /** @return records of the product topic dropped by quality rules since start */
    public long droppedCount(String productTopic) {
        LongAdder a = dropped.get(productTopic);
        return a == null ? 0 : a.sum();
    }

    /** @return the newest record time written to the topic (epoch ms), or null when none yet */
    public Long newestRecordTime(String topic) {
        AtomicLong t = newestRecordTime.get(topic);
        return t == null || t.get() == Long.MIN_VALUE ? null : t.get();
    }

    @Override
    public void close() {
        registry.close();
    }

    private LongAdder outCounter(String topic) {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder("meshwork.records.out", adder, LongAdder::doubleValue)
                .description("Records written to a product topic")
                .tag("topic", topic)
                .register(registry);
        return adder;
    }

    private AtomicLong newestGauge(String topic) {
        AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
        Gauge.builder("meshwork.newest.record.time", newest, n -> n.get() == Long.MIN_VALUE ? Double.NaN : n.get())
                .description("Timestamp (epoch ms) of the newest record written to a product topic")
                .tag("topic", topic)
                .register(registry);
        return newest;
    }

    private LongAdder deadLetterCounter(String topic, String stage) {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder("meshwork.records.dead.lettered", adder, LongAdder::doubleValue)
                .description("Records sent to a dead-letter topic")
                .tag("topic", topic)
                .tag("stage", stage)
                .register(registry);
        return adder;
    }

    private LongAdder droppedCounter(String topic) {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder("meshwork.records.dropped", adder, LongAdder::doubleValue)
                .description("Records dropped by quality rules with action drop")
                .tag("topic", topic)
                .register(registry);
        return adder;
    }
}
