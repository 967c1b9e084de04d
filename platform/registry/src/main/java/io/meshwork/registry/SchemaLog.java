package io.meshwork.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: the compacted one-partition topic {@code _mesh.registry}, the only source of truth.
 *
 * <p>A reader thread applies every record, in log order, to the {@link RegistryState}. Writes are serialized through
 * Kafka itself: every instance writes with the same transactional id, so an instance that writes fences the one that
 * wrote before it. A write first catches up with the whole log, then decides on the complete state (new ids and
 * versions included), then commits; if another instance wrote in between, the commit is fenced and the write starts
 * again on the newer state. No process-local counter decides an id, and two instances can never both commit a
 * decision made on the same state. A write is answered only after its records are committed and applied locally.
 */
final class SchemaLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);
    private static final int MAX_WRITE_ATTEMPTS = 20;

    private final RegistryConfig config;
    private final TopicPartition partition;
    private final RegistryState state = new RegistryState();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object progress = new Object();
    private final KafkaConsumer<byte[], byte[]> reader;
    private final KafkaConsumer<byte[], byte[]> offsets;
    private final Thread readerThread;
    private volatile long appliedPosition;
    private volatile boolean running = true;
    private volatile RuntimeException readerFailure;
    private KafkaProducer<byte[], byte[]> producer;

    SchemaLog(RegistryConfig config) {
        this.config = config;
        this.partition = new TopicPartition(config.topic(), 0);
        ensureTopic();
        this.reader =
                new KafkaConsumer<>(consumerConfig("reader"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.offsets = new KafkaConsumer<>(
                consumerConfig("offsets"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader.assign(List.of(partition));
        reader.seekToBeginning(List.of(partition));
        this.readerThread = new Thread(this::readLoop, "registry-log-reader-" + config.topic());
        readerThread.setDaemon(true);
        readerThread.start();
        awaitCaughtUp(config.startupTimeout());
        LOG.info("Registry state rebuilt from {} up to offset {}", config.topic(), appliedPosition);
    }

    /** Runs {@code query} on the current state under the read lock. */
    <T> T read(Function<RegistryState, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A decision on the complete state: the records to append (possibly none) and the answer to give once they are
     * applied.
     */
    record Decision<T>(List<RegistryRecord> records, Function<RegistryState, T> answer) {}

    /**
     * Decides on the complete, current state and appends the decision's records as one transaction; retries the
     * whole decision when another instance wrote first. Runs one write at a time per instance.
     *
     * @throws RegistryException from the decider (a refusal), or 50001/50002 when Kafka cannot take the write
     */
    synchronized <T> T write(Function<RegistryState, Decision<T>> decider) {
        long deadline = System.nanoTime() + 2 * config.writeTimeout().toNanos();
        KafkaException lastError = null;
        boolean caughtUp = false;
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS && System.nanoTime() < deadline; attempt++) {
            try {
                if (ensureProducer()) {
                    // A new writer: everything committed before its epoch began must be in the state first.
                    awaitCaughtUp(config.writeTimeout());
                    caughtUp = true;
                }
                long decidedAt = appliedPosition;
                Decision<T> decision = null;
                RegistryException refusal = null;
                try {
                    decision = read(decider);
                } catch (RegistryException e) {
                    refusal = e;
                }
                if (refusal != null || decision.records().isEmpty()) {
                    // Writing nothing (an answer or a refusal), the decision is not checked by a commit: it stands
                    // only if it was made on a state that held the log's end as read during this request.
                    if (!caughtUp && !isCurrent(decidedAt)) {
                        awaitCaughtUp(config.writeTimeout());
                        caughtUp = true;
                        continue;
                    }
                    if (refusal != null) {
                        throw refusal;
                    }
                    return read(decision.answer());
                }
                // No look at the log's end before a write: every instance writes with the same transactional id,
                // so any write since this producer's last one fenced it, and this commit then fails and is decided
                // again from the end of the log.
                long lastOffset = append(decision.records());
                awaitCaughtUp(config.writeTimeout(), lastOffset + 1);
                return read(decision.answer());
            } catch (KafkaException e) {
                // Another instance became the writer (fenced, invalid transaction state, concurrent transactions)
                // or the outcome is unknown (a timeout). Deciding again starts from the end of the log, which also
                // shows whether an earlier attempt was committed after all.
                LOG.debug("Registry write attempt {} did not commit ({}); deciding again", attempt, e.toString());
                lastError = e;
                closeProducer();
                backOff(attempt);
            }
        }
        throw storeError(
                "could not commit a write after several attempts (last: " + lastError
                        + "); other instances may keep writing at the same time, or Kafka is unavailable."
                        + " Retry the request.",
                lastError);
    }

    private static void backOff(int attempt) {
        try {
            // Random, growing pauses keep two instances from fencing each other in lockstep.
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError("interrupted while retrying a write", e);
        }
    }

    /** @return a SHA-256 of the whole state, equal on every instance that applied the same log */
    String fingerprint() {
        return read(RegistryState::fingerprint);
    }

    /** @return the position up to which the log has been applied */
    long appliedPosition() {
        return appliedPosition;
    }

    @Override
    public void close() {
        running = false;
        reader.wakeup();
        try {
            readerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeProducer();
            offsets.close(Duration.ofSeconds(5));
        }
    }

    /** Appends the records as one transaction; any Kafka failure leaves it to {@link #write} to decide again. */
    private long append(List<RegistryRecord> records) {
        producer.beginTransaction();
        Future<RecordMetadata> last = null;
        for (RegistryRecord record : records) {
            last = producer.send(new ProducerRecord<>(config.topic(), 0, record.keyBytes(), record.valueBytes()));
        }
        producer.commitTransaction();
        try {
            return last.get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("write not acknowledged in time", e);
        }
    }

    /** @return whether a state applied up to {@code decidedAt} holds every record committed so far */
    private boolean isCurrent(long decidedAt) {
        return decidedAt >= endOffset();
    }

    /** @return whether a new producer was made (its initialization fenced every earlier writer) */
    private boolean ensureProducer() {
        if (producer != null) {
            return false;
        }
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.writerId());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.writeTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "registry-writer-" + UUID.randomUUID());
        KafkaProducer<byte[], byte[]> candidate =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        try {
            candidate.initTransactions();
        } catch (KafkaException e) {
            candidate.close(Duration.ZERO);
            throw e;
        }
        producer = candidate;
        return true;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private long endOffset() {
        try {
            return offsets.endOffsets(List.of(partition), config.writeTimeout()).get(partition);
        } catch (KafkaException e) {
            throw storeError("cannot read the end of " + config.topic() + ": " + e.getMessage(), e);
        }
    }

    private void readLoop() {
        try {
            while (running) {
                var records = reader.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    lock.writeLock().lock();
                    try {
                        for (ConsumerRecord<byte[], byte[]> record : records) {
                            applyQuietly(record);
                        }
                    } finally {
                        lock.writeLock().unlock();
                    }
                }
                long position = reader.position(partition);
                if (position != appliedPosition) {
                    appliedPosition = position;
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                readerFailure = new IllegalStateException("registry reader woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            readerFailure = e;
            LOG.error("The registry log reader stopped: {}", e.toString());
        } finally {
            reader.close(Duration.ofSeconds(5));
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void applyQuietly(ConsumerRecord<byte[], byte[]> record) {
        try {
            state.apply(RegistryRecord.decode(record.key(), record.value()));
        } catch (RuntimeException e) {
            state.skip();
            LOG.warn("Skipped registry log record at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    private void awaitCaughtUp(Duration timeout) {
        awaitCaughtUp(timeout, endOffset());
    }

    private void awaitCaughtUp(Duration timeout, long target) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (appliedPosition < target) {
                if (readerFailure != null) {
                    throw storeError("the registry log reader failed: " + readerFailure.getMessage(), readerFailure);
                }
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw new RegistryException(
                            500,
                            50002,
                            "The registry did not catch up with " + config.topic() + " (at " + appliedPosition
                                    + " of " + target + ") within " + timeout.toMillis() + " ms. Retry the request;"
                                    + " if it persists, check the Kafka cluster.");
                }
                try {
                    progress.wait(Math.min(remaining, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw storeError("interrupted while waiting for the registry log", e);
                }
            }
        }
    }

    private void ensureTopic() {
        Admin admin = Admin.create(adminConfig());
        try {
            Optional<TopicDescription> existing = describe(admin);
            if (existing.isEmpty()) {
                int brokers = admin.describeCluster()
                        .nodes()
                        .get(30, TimeUnit.SECONDS)
                        .size();
                short replication = (short) Math.min(config.replicationFactor(), brokers);
                NewTopic topic = new NewTopic(config.topic(), 1, replication)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                Integer.toString(Math.max(1, replication - 1))));
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                existing = awaitPartitions(admin);
            }
            int partitions = existing.map(d -> d.partitions().size()).orElse(0);
            if (partitions != 1) {
                throw new IllegalStateException("The registry topic " + config.topic() + " has " + partitions
                        + " partitions; it must have exactly one, since ids are decided in log order. Point"
                        + " meshwork.registry.topic at a one-partition compacted topic.");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot prepare the registry topic " + config.topic() + " on " + config.bootstrapServers() + ": "
                            + (e instanceof TimeoutException ? "no answer within 30 s" : e.getMessage())
                            + ". Check that Kafka is reachable there (meshwork.kafka.bootstrap-servers).",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing the registry topic", e);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** A topic just created can be listed before its partition is visible; wait for the metadata to settle. */
    private Optional<TopicDescription> awaitPartitions(Admin admin)
            throws InterruptedException, TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Optional<TopicDescription> description = describe(admin);
        while (description.map(d -> d.partitions().isEmpty()).orElse(true) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            description = describe(admin);
        }
        return description;
    }

    private Optional<TopicDescription> describe(Admin admin)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(config.topic())) {
            return Optional.empty();
        }
        return Optional.of(admin.describeTopics(List.of(config.topic()))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(config.topic()));
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }

    private Map<String, Object> consumerConfig(String role) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "registry-" + role + "-" + UUID.randomUUID());
        return props;
    }

    private static RegistryException storeError(String message, Throwable cause) {
        RegistryException error = new RegistryException(500, 50001, "Registry store error: " + message);
        error.initCause(cause);
        return error;
    }
}
