package io.meshwork.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the platform's own lifecycle events and governance decisions, several at once in one Kafka transaction (a
 * decision and the event it causes are committed together or not at all), then waits until the catalog has folded
 * them, so that a caller reads its own write.
 */
public final class PlatformEventWriter implements AutoCloseable {
    private final CatalogConfig config;
    private final PlatformEventCodec codec;
    private final CatalogLog log;
    private final Duration timeout;
    private KafkaProducer<byte[], byte[]> producer;
    private final Object decisionLock = new Object();
    private KafkaProducer<byte[], byte[]> decisionProducer;

    /**
     * @param timeout how long a write may take, commit and fold included
     */
    public PlatformEventWriter(CatalogConfig config, PlatformEventCodec codec, CatalogLog log, Duration timeout) {
        this.config = config;
        this.codec = codec;
        this.log = log;
        this.timeout = timeout;
    }

    /** Decisions and events to commit together; decisions are written first. */
    public record Batch(List<GovernanceDecision> decisions, List<LifecycleEvent> events) {
        public Batch {
            decisions = List.copyOf(decisions);
            events = List.copyOf(events);
        }

        /** @return a batch of events only */
        public static Batch of(LifecycleEvent... events) {
            return new Batch(List.of(), List.of(events));
        }
    }

    /**
     * Commits the batch and waits until the catalog has applied it.
     *
     * @throws IllegalStateException when Kafka refuses or the catalog does not catch up in time
     */
    public void write(Batch batch) {
        Map<TopicPartition, Long> written = commit(batch);
        log.awaitApplied(written, timeout);
    }

    /**
     * Commits the batch without waiting for the catalog to fold it (for writers that must not wait on the catalog,
     * such as the registry's governance hook).
     *
     * @return the offset after the last record written, per partition
     * @throws IllegalStateException when Kafka refuses
     */
    public synchronized Map<TopicPartition, Long> commit(Batch batch) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (GovernanceDecision d : batch.decisions()) {
            records.add(new ProducerRecord<>(config.governanceTopic(), key(d.getProductId()), codec.encode(d)));
        }
        for (LifecycleEvent e : batch.events()) {
            records.add(new ProducerRecord<>(config.lifecycleTopic(), key(e.getProductId()), codec.encode(e)));
        }
        if (records.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> written = new HashMap<>();
        KafkaProducer<byte[], byte[]> p = producer();
        try {
            p.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(p.send(r));
            }
            p.commitTransaction();
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                written.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
            }
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            closeProducer();
            throw new IllegalStateException("could not write to " + config.lifecycleTopic() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeProducer();
            throw new IllegalStateException("interrupted while writing to " + config.lifecycleTopic(), e);
        }
        return written;
    }

    /**
     * Writes one governance decision on its own, without a transaction, and returns once all in-sync replicas have it
     * (an idempotent producer with {@code acks=all}): as durable as {@link #commit}, one round trip instead of a
     * transaction's several. For the registry's governance hook, which records a decision on every registration and
     * has no event to commit with it. Does not wait for the catalog to fold it.
     *
     * @return the offset after the decision, for its partition
     * @throws IllegalStateException when Kafka refuses or does not acknowledge in time
     */
    public Map<TopicPartition, Long> record(GovernanceDecision decision) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(config.governanceTopic(), key(decision.getProductId()), codec.encode(decision));
        try {
            RecordMetadata m = decisionProducer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Map.of(new TopicPartition(m.topic(), m.partition()), m.offset() + 1);
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            closeDecisionProducer();
            throw new IllegalStateException(
                    "could not write the decision to " + config.governanceTopic() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + config.governanceTopic(), e);
        }
    }

    private KafkaProducer<byte[], byte[]> decisionProducer() {
        // Its own lock: a decision must not wait behind a transaction that commit() holds this writer's lock for.
        synchronized (decisionLock) {
            if (decisionProducer == null) {
                Map<String, Object> props = CatalogLog.producerConfig(config, "decisions");
                props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                decisionProducer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
            }
            return decisionProducer;
        }
    }

    private void closeDecisionProducer() {
        synchronized (decisionLock) {
            closeQuietly(decisionProducer);
            decisionProducer = null;
        }
    }

    /** Closes a producer that may already have failed; a new one is made on the next write. */
    private static void closeQuietly(KafkaProducer<byte[], byte[]> producer) {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException ignored) {
                // already failed
            }
        }
    }

    private static byte[] key(String productId) {
        return productId.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = CatalogLog.producerConfig(config, "writer");
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "meshwork-platform-events-" + UUID.randomUUID());
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(10_000, timeout.toMillis()));
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
            producer.initTransactions();
        }
        return producer;
    }

    private void closeProducer() {
        closeQuietly(producer);
        producer = null;
    }

    @Override
    public synchronized void close() {
        closeProducer();
        closeDecisionProducer();
    }
}
