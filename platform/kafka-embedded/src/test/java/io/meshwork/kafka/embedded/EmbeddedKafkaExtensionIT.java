package io.meshwork.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaExtensionIT {
    private static EmbeddedKafkaBroker firstBroker;
    private static String firstTopic;

    @Test
    @Order(1)
    void shouldGiveATestItsOwnTopicOnTheSharedBroker(EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
        firstBroker = broker;
        firstTopic = topics.create("orders", 3);

        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(topics.producerConfig(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(firstTopic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(topics.consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(firstTopic));
            ConsumerRecord<String, String> record = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (record == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> polled : consumer.poll(Duration.ofMillis(200))) {
                    record = polled;
                }
            }
            assertThat(record).isNotNull();
            assertThat(record.value()).isEqualTo("v");
        }
        assertThat(topics.admin()
                        .describeTopics(List.of(firstTopic))
                        .allTopicNames()
                        .get()
                        .get(firstTopic)
                        .partitions())
                .hasSize(3);
    }

    @Test
    @Order(2)
    void shouldShareOneBrokerAndDeleteTheTopicsOfAnEndedTest(EmbeddedKafkaBroker broker, TestTopics topics)
            throws Exception {
        assertThat(broker).isSameAs(firstBroker);
        assertThat(broker.isRunning()).isTrue();
        String topic = topics.create("orders", 3);

        assertThat(topic).isNotEqualTo(firstTopic).startsWith("orders.");
        assertThat(topics.admin().listTopics().names().get(30, TimeUnit.SECONDS))
                .contains(topic)
                .doesNotContain(firstTopic);
    }

    @Test
    @Order(3)
    void shouldHandOutLegalUniqueNamesForAnyBase(TestTopics topics) {
        String weird = topics.uniqueName("sales orders/v1?" + "x".repeat(300));

        assertThat(weird).matches("[a-zA-Z0-9._-]{1,249}");
        assertThat(topics.uniqueName("same")).isNotEqualTo(topics.uniqueName("same"));
    }
}
