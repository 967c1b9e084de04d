package io.meshwork.cli.kafka;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.meshwork.cli.ExitCode;
import io.meshwork.cli.MeshctlException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Puts the records of a dead-letter topic back on the topic each came from ({@value DeadLetters#TOPIC}): the
 * original key, value and headers (without the {@code meshwork.dlq.*} ones), plus {@value DeadLetters#REPLAYED}
 * counting the replays, so a record that keeps failing shows it.
 *
 * <p>Exactly once, also across runs: progress is the committed offset of the consumer group {@code
 * meshctl.dlq-replay.<dlq topic>}, and each batch's records and that offset are committed together in one Kafka
 * transaction (transactional id {@code meshctl.dlq-replay.<dlq topic>}, an idempotent producer). A second run starts
 * where the first stopped and finds nothing new; two runs at once fence each other instead of both replaying.
 *
 * <p>A dead letter without a source topic header (or naming the dead-letter topic itself) can never be replayed: it
 * is skipped (and counted). A source topic that does not exist stops the replay before that record, so creating the
 * topic and running again continues there.
 */
public final class DeadLetterReplay {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaSettings settings;
    private final String dlqTopic;

    /**
     * What a replay did.
     *
     * @param total dead letters that were waiting when it started
     * @param replayed records put back (or, in a dry run, that would be)
     * @param skipped dead letters without a source topic, passed over
     * @param byTopic records replayed per source topic
     * @param problems one line per skipped record, and why the replay stopped, if it did
     * @param stopped whether it stopped before the end
     * @param dryRun whether nothing was written
     */
    public record Outcome(
            long total,
            long replayed,
            long skipped,
            Map<String, Long> byTopic,
            List<String> problems,
            boolean stopped,
            boolean dryRun) {}

    /**
     * @param settings the Kafka settings
     * @param dlqTopic the dead-letter topic, e.g. {@code sales.orders.v1.dlq}
     */
    public DeadLetterReplay(KafkaSettings settings, String dlqTopic) {
        this.settings = settings;
        this.dlqTopic = dlqTopic;
    }

    /**
     * @param dlqTopic a dead-letter topic
     * @return the consumer group (and transactional id) that tracks its replay
     */
    public static String groupId(String dlqTopic) {
        return "meshctl.dlq-replay." + dlqTopic;
    }

    /**
     * Replays every dead letter not replayed before.
     *
     * @param dryRun count and check only: nothing is produced and no offset committed
     * @param err where the progress bar goes
     * @param terminal whether {@code err} is a terminal
     * @return what happened
     */
    public Outcome run(boolean dryRun, PrintWriter err, boolean terminal) {
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(settings.consumer(groupId(dlqTopic)));
        } catch (KafkaException e) {
            throw settings.failure("connecting to read " + dlqTopic, e);
        }
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            List<TopicPartition> partitions = partitions(consumer, dlqTopic);
            if (partitions.isEmpty()) {
                throw new MeshctlException(
                        ExitCode.NOT_FOUND,
                        "dead-letter topic " + dlqTopic + " does not exist",
                        "the platform creates it when the product's major version is published; check the product"
                                + " with meshctl products show");
            }
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(new HashSet<>(partitions), settings.timeout());
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, settings.timeout());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, settings.timeout());
            long total = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long start = Math.max(beginnings.get(tp), c == null ? 0 : c.offset());
                consumer.seek(tp, start);
                total += Math.max(0, ends.get(tp) - start);
            }
            if (total == 0) {
                return new Outcome(0, 0, 0, Map.of(), List.of(), false, dryRun);
            }
            if (!dryRun) {
                producer = new KafkaProducer<>(settings.producer(groupId(dlqTopic)));
                producer.initTransactions();
            }
            return replay(consumer, producer, partitions, ends, total, dryRun, err, terminal);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new MeshctlException(
                    ExitCode.ERROR,
                    "another replay of " + dlqTopic + " started and took over (transactional id " + groupId(dlqTopic)
                            + "); this one stopped, and what it had committed stays replayed",
                    "let the other replay finish, then run meshctl dlq replay again to see that nothing is left",
                    null,
                    e);
        } catch (MeshctlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw settings.failure("replaying " + dlqTopic, e);
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }

    private Outcome replay(
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends,
            long total,
            boolean dryRun,
            PrintWriter err,
            boolean terminal) {
        ProgressBar progress = new ProgressBar(err, total, terminal, System::currentTimeMillis);
        progress.update(0);
        Map<String, Long> byTopic = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> exists = new HashMap<>();
        long replayed = 0;
        long skipped = 0;
        boolean stopped = false;
        long idleSince = System.currentTimeMillis();
        Set<TopicPartition> open = new HashSet<>(partitions);
        open.removeIf(tp -> consumer.position(tp, settings.timeout()) >= ends.get(tp));
        consumer.pause(new ArrayList<>(partitionsNotIn(partitions, open)));
        while (!open.isEmpty() && !stopped) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            boolean began = false;
            for (ConsumerRecord<byte[], byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (!open.contains(tp) || r.offset() >= ends.get(tp) || stopped) {
                    continue;
                }
                String source = DeadLetters.text(r.headers(), DeadLetters.TOPIC);
                if (source == null || source.isBlank()) {
                    skipped++;
                    problems.add("skipped " + dlqTopic + " partition " + r.partition() + " offset " + r.offset()
                            + ": it has no " + DeadLetters.TOPIC + " header, so its source is unknown");
                } else if ("false".equals(DeadLetters.text(r.headers(), DeadLetters.REPLAYABLE))) {
                    skipped++;
                    problems.add("skipped " + dlqTopic + " partition " + r.partition() + " offset " + r.offset()
                            + ": it failed after a repartition, so it holds the service's intermediate record of "
                            + source + ", not a source record (" + DeadLetters.REPLAYABLE + "=false); fix the"
                            + " cause and replay the source records, or reprocess from the source topic");
                } else if (source.equals(dlqTopic)) {
                    skipped++;
                    problems.add("skipped " + dlqTopic + " partition " + r.partition() + " offset " + r.offset()
                            + ": its source topic is the dead-letter topic itself; replaying it would loop");
                } else if (!exists.computeIfAbsent(
                        source, t -> !partitions(consumer, t).isEmpty())) {
                    stopped = true;
                    problems.add("stopped at " + dlqTopic + " partition " + r.partition() + " offset " + r.offset()
                            + ": its source topic " + source + " does not exist; create it (or publish the product)"
                            + " and run the replay again to continue from there");
                    continue;
                } else {
                    if (!dryRun) {
                        if (!began) {
                            producer.beginTransaction();
                            began = true;
                        }
                        producer.send(new ProducerRecord<>(source, null, null, r.key(), r.value(), replayHeaders(r)));
                    }
                    replayed++;
                    byTopic.merge(source, 1L, Long::sum);
                }
                offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
                progress.advance(1);
            }
            if (!offsets.isEmpty() && !dryRun) {
                if (!began) {
                    producer.beginTransaction();
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
            }
            if (!records.isEmpty()) {
                idleSince = System.currentTimeMillis();
            }
            for (TopicPartition tp : List.copyOf(open)) {
                long position =
                        offsets.containsKey(tp) ? offsets.get(tp).offset() : consumer.position(tp, settings.timeout());
                if (position >= ends.get(tp)) {
                    open.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            if (records.isEmpty()
                    && System.currentTimeMillis() - idleSince
                            > settings.timeout().toMillis()) {
                stopped = true;
                problems.add("stopped: no record of " + dlqTopic + " arrived for "
                        + settings.timeout().toSeconds() + "s although " + (total - progress.done())
                        + " were expected");
            }
        }
        if (!stopped) {
            progress.update(total);
        }
        progress.finish();
        return new Outcome(total, replayed, skipped, byTopic, List.copyOf(problems), stopped, dryRun);
    }

    private static List<TopicPartition> partitionsNotIn(List<TopicPartition> all, Set<TopicPartition> open) {
        return all.stream().filter(tp -> !open.contains(tp)).toList();
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, settings.timeout());
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
    }

    /** The record's own headers without the dead-letter ones, and the replay count raised by one. */
    static RecordHeaders replayHeaders(ConsumerRecord<byte[], byte[]> r) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (!h.key().startsWith(DeadLetters.PREFIX)) {
                headers.add(h.key(), h.value());
            }
        }
        int count = DeadLetters.replayCount(r.headers()) + 1;
        headers.add(DeadLetters.REPLAYED, Integer.toString(count).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
