package io.meshwork.kafka.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaBrokerRestartIT {
    private static final String TOPIC = "restart.records.v1";
    private static final String GROUP = "restart-reader";

    @TempDir
    Path folder;

    @Test
    void shouldReadBackTheSameRecordsAndOffsetsAfterARestartOnTheSameFolder() throws Exception {
        List<String> written = new ArrayList<>();
        String firstClusterId;
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataFolder(folder).build().start()) {
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(2), Optional.empty())))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                firstClusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                for (int i = 0; i < 200; i++) {
                    String value = "record-" + i;
                    producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % 7), value))
                            .get(30, TimeUnit.SECONDS);
                    written.add(value);
                }
            }
            try (Admin admin = admin(broker)) {
                admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(5)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(folder.resolve("meta.properties")).exists();

            broker.start();

            try (Admin admin = admin(broker)) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .isEqualTo(firstClusterId);
                assertThat(admin.listConsumerGroupOffsets(GROUP)
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS)
                                .get(new TopicPartition(TOPIC, 0))
                                .offset())
                        .isEqualTo(5);
            }
            assertThat(readAll(broker, written.size())).containsExactlyInAnyOrderElementsOf(written);
        }
        assertThat(folder).exists();
    }

    @Test
    void shouldResumeInANewBrokerInstanceOnTheSameFolder() throws Exception {
        try (EmbeddedKafkaBroker first =
                EmbeddedKafkaBroker.builder().dataFolder(folder).build().start()) {
            try (Admin admin = admin(first)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(first)) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "kept")).get(30, TimeUnit.SECONDS);
            }
        }
        try (EmbeddedKafkaBroker second =
                EmbeddedKafkaBroker.builder().dataFolder(folder).build().start()) {
            assertThat(readAll(second, 1)).containsExactly("kept");
        }
    }

    @Test
    void shouldRefuseAFolderThatARunningBrokerUses() {
        try (EmbeddedKafkaBroker running =
                EmbeddedKafkaBroker.builder().dataFolder(folder).build().start()) {
            EmbeddedKafkaBroker intruder =
                    EmbeddedKafkaBroker.builder().dataFolder(folder).build();
            assertThatThrownBy(intruder::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining(folder.toAbsolutePath().toString())
                    .hasMessageContaining("in use by another running broker")
                    .hasMessageContaining("Stop that broker first");
            assertThat(running.isRunning()).isTrue();
        }
    }

    @Test
    void shouldDeleteATemporaryFolderOnClose() {
        Path temporary;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            temporary = broker.dataFolder();
            assertThat(temporary.resolve("meta.properties")).exists();
        }
        assertThat(Files.exists(temporary)).isFalse();
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static List<String> readAll(EmbeddedKafkaBroker broker, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "verify-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
