package io.meshwork.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link CatalogProjection} up to date with {@code mesh.lifecycle.v1} and {@code mesh.governance.v1}: a
 * reader thread folds every record of every partition from the beginning (read_committed, no consumer group: every
 * platform instance folds everything). A record that cannot be decoded or whose envelope is malformed is quarantined
 * to {@code mesh.lifecycle.v1.dlq} with the reason in headers, once (a restarted instance recognises what it already
 * quarantined), and the reader goes on.
 */
public final class CatalogLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLog.class);
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*");
    private static final int REMEMBERED_QUARANTINE = 200;

    private final CatalogConfig config;
    private final CatalogProjection projection;
    private final PlatformEventCodec codec;
    private final Consumer<Set<String>> onChanged;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final KafkaProducer<byte[], byte[]> quarantineProducer;
    private final Set<String> alreadyQuarantined = new HashSet<>();
    private final Deque<Quarantined> recentQuarantine = new ArrayDeque<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Object progress = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long quarantinedCount;

    /**
     * A record set aside.
     *
     * @param topic source topic
     * @param partition source partition
     * @param offset source offset
     * @param reason why
     */
    public record Quarantined(String topic, int partition, long offset, String reason) {}

    private CatalogLog(
            CatalogConfig config,
            CatalogProjection projection,
            PlatformEventCodec codec,
            Consumer<Set<String>> onChanged) {
        this.config = config;
        this.projection = projection;
        this.codec = codec;
        this.onChanged = onChanged;
        List<TopicPartition> partitions = ensureTopics(config);
        this.quarantineProducer = new KafkaProducer<>(
                producerConfig(config, "quarantine"), new ByteArraySerializer(), new ByteArraySerializer());
        loadQuarantined();
        this.reader = new KafkaConsumer<>(
                consumerConfig(config, "reader"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        for (TopicPartition tp : partitions) {
            positions.put(tp, 0L);
        }
        this.thread = new Thread(this::readLoop, "catalog-log-reader");
        thread.setDaemon(true);
    }

    /**
     * Creates the platform topics when missing, starts the reader and waits until everything already in the topics
     * is folded.
     *
     * @param onChanged called on the reader thread with the ids of products a batch changed (for the search index)
     */
    public static CatalogLog start(
            CatalogConfig config,
            CatalogProjection projection,
            PlatformEventCodec codec,
            Consumer<Set<String>> onChanged) {
        CatalogLog log = new CatalogLog(config, projection, codec, onChanged);
        Map<TopicPartition, Long> ends = log.endOffsets();
        log.thread.start();
        log.awaitApplied(ends, config.startupTimeout());
        LOG.info(
                "Catalog rebuilt from {} and {}: {} products",
                config.lifecycleTopic(),
                config.governanceTopic(),
                projection.counters().products());
        return log;
    }

    /** @return the current end offsets of the platform topics (last stable offsets) */
    public Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(
                consumerConfig(config, "probe"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return probe.endOffsets(List.copyOf(positions.keySet()), Duration.ofSeconds(30));
        }
    }

    /**
     * Waits until every record before {@code offsets} (exclusive) is folded.
     *
     * @throws IllegalStateException after {@code timeout}
     */
    public void awaitApplied(Map<TopicPartition, Long> offsets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!reached(offsets)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the catalog did not catch up with " + config.lifecycleTopic()
                            + " within " + timeout.toSeconds() + " s; is Kafka reachable?");
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the catalog", e);
                }
            }
        }
    }

    /** Waits until everything in the topics now is folded. */
    public void awaitCaughtUp(Duration timeout) {
        awaitApplied(endOffsets(), timeout);
    }

    private boolean reached(Map<TopicPartition, Long> offsets) {
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            Long position = positions.get(e.getKey());
            if (position == null || position < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** @return the most recent quarantined records, oldest first (bounded) */
    public List<Quarantined> recentlyQuarantined() {
        synchronized (recentQuarantine) {
            return List.copyOf(recentQuarantine);
        }
    }

    /** @return how many records this instance found malformed since start (including ones quarantined before) */
    public long quarantinedCount() {
        return quarantinedCount;
    }

    private void readLoop() {
        while (running) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = reader.poll(Duration.ofMillis(200));
            } catch (WakeupException e) {
                break;
            } catch (KafkaException e) {
                if (!running) {
                    break;
                }
                LOG.warn("Catalog reader could not poll, retrying: {}", e.getMessage());
                sleepQuietly(500);
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    if (record.topic().equals(config.governanceTopic())) {
                        foldDecision(record);
                    } else {
                        foldEvent(record);
                    }
                } catch (RuntimeException e) {
                    LOG.error(
                            "Catalog failed to apply {}-{}@{}; quarantined",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            e);
                    quarantine(record, "the platform failed to apply it: " + e);
                }
            }
            Set<String> changed = projection.drainChanged();
            if (!changed.isEmpty()) {
                try {
                    onChanged.accept(changed);
                } catch (RuntimeException e) {
                    LOG.error("Catalog change listener failed", e);
                }
            }
            synchronized (progress) {
                for (TopicPartition tp : reader.assignment()) {
                    try {
                        positions.put(tp, reader.position(tp, Duration.ofSeconds(5)));
                    } catch (KafkaException e) {
                        LOG.debug("No position for {} yet: {}", tp, e.getMessage());
                    }
                }
                progress.notifyAll();
            }
        }
    }

    private void foldEvent(ConsumerRecord<byte[], byte[]> record) {
        LifecycleEvent event;
        try {
            event = codec.decodeLifecycle(record.value());
        } catch (PlatformEventCodec.UndecodableEventException e) {
            quarantine(record, e.getMessage());
            return;
        }
        String problem = envelopeProblem(
                record,
                event.getEventId(),
                event.getProductId(),
                event.getActor() == null ? null : event.getActor().getPrincipal());
        if (problem == null && event.getPayload() == null) {
            problem = "the event has no payload";
        }
        if (problem != null) {
            quarantine(record, problem);
            return;
        }
        projection.apply(event);
    }

    private void foldDecision(ConsumerRecord<byte[], byte[]> record) {
        GovernanceDecision decision;
        try {
            decision = codec.decodeDecision(record.value());
        } catch (PlatformEventCodec.UndecodableEventException e) {
            quarantine(record, e.getMessage());
            return;
        }
        String problem = envelopeProblem(
                record,
                decision.getDecisionId(),
                decision.getProductId(),
                decision.getActor() == null ? null : decision.getActor().getPrincipal());
        if (problem != null) {
            quarantine(record, problem);
            return;
        }
        projection.record(decision);
    }

    /** @return why the envelope is malformed, or null when it is fine */
    static String envelopeProblem(
            ConsumerRecord<byte[], byte[]> record, String id, String productId, String principal) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (id == null || !UUID_FORM.matcher(id).matches()) {
            return "the event id '" + abbreviate(id) + "' is not a UUID";
        }
        if (productId == null || !PRODUCT_ID.matcher(productId).matches() || productId.length() > 200) {
            return "the product id '" + abbreviate(productId) + "' is not of the form <domain>.<name>";
        }
        if (!productId.equals(key)) {
            return "the record key '" + abbreviate(key) + "' differs from the product id '" + productId
                    + "'; events must be keyed by product id";
        }
        if (principal == null || principal.isBlank()) {
            return "the actor principal is empty";
        }
        return null;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private void quarantine(ConsumerRecord<byte[], byte[]> record, String reason) {
        quarantinedCount++;
        Quarantined q = new Quarantined(record.topic(), record.partition(), record.offset(), reason);
        synchronized (recentQuarantine) {
            recentQuarantine.addLast(q);
            if (recentQuarantine.size() > REMEMBERED_QUARANTINE) {
                recentQuarantine.removeFirst();
            }
        }
        String mark = record.topic() + "/" + record.partition() + "/" + record.offset();
        if (alreadyQuarantined.contains(mark)) {
            return;
        }
        LOG.warn("Quarantined {}: {}", mark, reason);
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        headers.add(DeadLetterHeaders.CAUSE, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                DeadLetterHeaders.PARTITION,
                Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            quarantineProducer
                    .send(new ProducerRecord<>(config.quarantineTopic(), null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
            alreadyQuarantined.add(mark);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("Could not write {} to {}: {}", mark, config.quarantineTopic(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loadQuarantined() {
        try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(
                consumerConfig(config, "dlq-scan"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    dlq.partitionsFor(config.quarantineTopic(), Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = dlq.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + config.startupTimeout().toNanos();
            while (partitions.stream().anyMatch(tp -> dlq.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + config.quarantineTopic() + " in time");
                }
                for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(200))) {
                    String topic = header(r, DeadLetterHeaders.TOPIC);
                    String partition = header(r, DeadLetterHeaders.PARTITION);
                    String offset = header(r, DeadLetterHeaders.OFFSET);
                    if (topic != null && partition != null && offset != null) {
                        alreadyQuarantined.add(topic + "/" + partition + "/" + offset);
                    }
                }
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<TopicPartition> ensureTopics(CatalogConfig config) {
        Map<String, Object> adminConfig = new HashMap<>(config.clientOverrides());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, String> keepForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
            // a replication factor above the cluster's size (the one-broker dev mesh) is capped to it
            int brokers =
                    admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short replication = (short) Math.max(1, Math.min(config.replicationFactor(), brokers));
            List<NewTopic> wanted = List.of(
                    new NewTopic(config.lifecycleTopic(), config.partitions(), replication).configs(keepForever),
                    new NewTopic(config.governanceTopic(), config.partitions(), replication).configs(keepForever),
                    new NewTopic(config.quarantineTopic(), 1, replication).configs(keepForever));
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create " + topic.name() + ": "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
            List<TopicPartition> partitions = new ArrayList<>();
            long deadline = System.nanoTime() + config.startupTimeout().toNanos();
            for (String topic : List.of(config.lifecycleTopic(), config.governanceTopic())) {
                TopicDescription description;
                do {
                    try {
                        description = admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS)
                                .get(topic);
                    } catch (ExecutionException e) {
                        // a topic just created may not be known to every broker yet
                        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                                || System.nanoTime() > deadline) {
                            throw e;
                        }
                        description = null;
                    }
                    if (description == null || description.partitions().isEmpty()) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException(topic + " has no partitions");
                        }
                        sleepQuietly(100);
                    }
                } while (description == null || description.partitions().isEmpty());
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return partitions;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at " + config.bootstrapServers() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not answer in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the platform topics", e);
        }
    }

    static Map<String, Object> consumerConfig(CatalogConfig config, String role) {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshwork-catalog-" + role + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return props;
    }

    static Map<String, Object> producerConfig(CatalogConfig config, String role) {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "meshwork-catalog-" + role + "-" + UUID.randomUUID());
        return props;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        reader.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close(Duration.ofSeconds(5));
        quarantineProducer.close(Duration.ofSeconds(5));
    }
}
