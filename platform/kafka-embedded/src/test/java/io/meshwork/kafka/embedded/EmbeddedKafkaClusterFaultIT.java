package io.meshwork.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedKafkaClusterFaultIT {
    private static final String TOPIC = "fault.payments.v1";
    private static final int RECORDS = 3_000;

    @Test
    void shouldLoseNoAcknowledgedRecordWhenALeaderBrokerStopsDuringProduction() throws Exception {
        try (EmbeddedKafkaCluster cluster =
                        EmbeddedKafkaCluster.builder().build().start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3))).all().get(60, TimeUnit.SECONDS);
            // the brokers' metadata shows a new topic, with all its replicas in sync, a moment after the controller
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                            describe(admin).partitions())
                    .hasSize(3)
                    .allSatisfy(partition -> assertThat(partition.isr()).hasSize(3)));
            TopicDescription before = describe(admin);
            int victim = before.partitions().get(0).leader().id();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger failed = new AtomicInteger();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            cluster.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.LINGER_MS_CONFIG,
                            5,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                            120_000),
                    new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    String value = "payment-" + i;
                    producer.send(new ProducerRecord<>(TOPIC, "account-" + (i % 50), value), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(value);
                        } else {
                            failed.incrementAndGet();
                        }
                    });
                    if (i == RECORDS / 3) {
                        producer.flush();
                        cluster.stopNode(victim);
                    }
                    if (i % 100 == 0) {
                        Thread.sleep(5);
                    }
                }
                producer.flush();
            }

            assertThat(cluster.isRunning(victim)).isFalse();
            assertThat(acknowledged).hasSizeGreaterThan(RECORDS / 3);
            List<String> consumed = consumeAll(cluster, acknowledged.size());
            assertThat(new HashSet<>(consumed)).containsAll(acknowledged);
            assertThat(consumed).doesNotHaveDuplicates();
            assertThat(acknowledged.size() + failed.get()).isEqualTo(RECORDS);

            cluster.restartNode(victim);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(describe(admin).partitions())
                            .allSatisfy(partition -> assertThat(partition.isr()).hasSize(3)));
        }
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(TOPIC);
    }

    private static List<String> consumeAll(EmbeddedKafkaCluster cluster, int atLeast) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "fault-verifier",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (values.size() < atLeast || quietPolls < 5)) {
                int before = values.size();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                quietPolls = values.size() == before ? quietPolls + 1 : 0;
            }
        }
        return values;
    }
}
