package io.meshwork.cli.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.meshwork.cli.ExitCode;
import io.meshwork.cli.MeshctlException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every partition of one topic by manual assignment, {@code read_committed}, without a consumer group: nothing
 * is committed, so reading never moves anyone's offsets.
 */
public final class TopicReader implements AutoCloseable {
    private final KafkaSettings settings;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    /**
     * Connects and assigns the topic's partitions.
     *
     * @param settings the Kafka settings
     * @param topic the topic to read
     * @param missing what to tell the user when the topic does not exist (e.g. that the product is not published yet)
     * @throws MeshctlException when Kafka is unreachable (3) or the topic does not exist (4)
     */
    public TopicReader(KafkaSettings settings, String topic, String missing) {
        this.settings = settings;
        this.topic = topic;
        try {
            this.consumer = new KafkaConsumer<>(settings.consumer(null));
        } catch (KafkaException e) {
            throw settings.failure("connecting to read " + topic, e);
        }
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, settings.timeout());
            if (infos == null || infos.isEmpty()) {
                throw new MeshctlException(ExitCode.NOT_FOUND, "topic " + topic + " does not exist", missing);
            }
            List<TopicPartition> list = new ArrayList<>();
            for (PartitionInfo info : infos) {
                list.add(new TopicPartition(topic, info.partition()));
            }
            list.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            this.partitions = List.copyOf(list);
            consumer.assign(partitions);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e instanceof MeshctlException m ? m : settings.failure("looking up topic " + topic, e);
        }
    }

    /** @return the topic's partitions, in order */
    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** Starts at the first record of every partition. */
    public void fromBeginning() {
        run("seeking to the beginning of " + topic, () -> {
            consumer.seekToBeginning(partitions);
            partitions.forEach(tp -> consumer.position(tp, settings.timeout()));
        });
    }

    /** Starts after the last record of every partition, fixed now: records written from here on are read. */
    public void fromEnd() {
        run("seeking to the end of " + topic, () -> {
            consumer.seekToEnd(partitions);
            partitions.forEach(tp -> consumer.position(tp, settings.timeout()));
        });
    }

    /** @return the end of every partition now (the last stable offset: only committed records are before it) */
    public Map<TopicPartition, Long> endOffsets() {
        return call("reading the end offsets of " + topic, () -> consumer.endOffsets(partitions, settings.timeout()));
    }

    /**
     * @param ends end offsets from {@link #endOffsets()}
     * @return whether every partition has been read up to its end
     */
    public boolean reached(Map<TopicPartition, Long> ends) {
        return call("reading positions on " + topic, () -> {
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp, settings.timeout()) < ends.getOrDefault(tp, 0L)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * @param wait how long to wait for records
     * @return the records that came, in partition order
     */
    public List<ConsumerRecord<byte[], byte[]>> poll(Duration wait) {
        return call("reading " + topic, () -> {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(wait);
            List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
            records.forEach(list::add);
            return list;
        });
    }

    private void run(String doing, Runnable action) {
        call(doing, () -> {
            action.run();
            return null;
        });
    }

    private <T> T call(String doing, Supplier<T> action) {
        try {
            return action.get();
        } catch (MeshctlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw settings.failure(doing, e);
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
