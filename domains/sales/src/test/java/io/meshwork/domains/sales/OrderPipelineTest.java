package io.meshwork.domains.sales;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.meshwork.domains.sales.v2.Channel;
import io.meshwork.domains.sales.v2.Currency;
import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.TopologyTestKit;
import io.meshwork.sdk.simulation.SourceSimulator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPipelineTest {
    static final String ORDER =
            """
            {"orderId": "o-1", "customer": {"id": "c-00042", "email": "ada.lovelace42@example.com"},
             "currency": "EUR", "channel": "ios",
             "items": [{"sku": "SKU-00001", "quantity": 2, "unitPrice": "19.99"},
                       {"sku": "SKU-00002", "quantity": 1, "unitPrice": "5.00"}],
             "placedAt": "2026-12-01T10:00:00Z"}""";

    private TopologyTestKit kit;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> raw;
    private TestOutputTopic<String, io.meshwork.domains.sales.v1.Order> v1;
    private TestOutputTopic<String, io.meshwork.domains.sales.v2.Order> v2;
    private TestOutputTopic<byte[], byte[]> v1Dead;
    private TestOutputTopic<byte[], byte[]> v2Dead;

    @BeforeEach
    void start() {
        kit = TopologyTestKit.of(
                SalesService.APPLICATION_ID, OrderPipeline::build, SalesService.RELEASES.toArray(String[]::new));
        driver = new TopologyTestDriver(kit.topology(), kit.properties());
        raw = driver.createInputTopic(OrderPipeline.RAW_ORDERS, new StringSerializer(), new StringSerializer());
        v1 = driver.createOutputTopic(
                OrderPipeline.ORDERS_V1,
                new StringDeserializer(),
                kit.serde(io.meshwork.domains.sales.v1.Order.class).deserializer());
        v2 = driver.createOutputTopic(
                OrderPipeline.ORDERS_V2,
                new StringDeserializer(),
                kit.serde(io.meshwork.domains.sales.v2.Order.class).deserializer());
        v1Dead = driver.createOutputTopic(
                DeadLetters.topicFor(OrderPipeline.ORDERS_V1),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        v2Dead = driver.createOutputTopic(
                DeadLetters.topicFor(OrderPipeline.ORDERS_V2),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        kit.close();
    }

    @Test
    void shouldWriteAnOrderToBothMajorVersionsKeyedByOrderId() {
        raw.pipeInput("shop-key", ORDER);

        TestRecord<String, io.meshwork.domains.sales.v1.Order> old = v1.readRecord();
        assertThat(old.key()).isEqualTo("o-1");
        assertThat(old.value().getAmount()).isEqualTo(44.98);
        assertThat(old.value().getCurrency()).isEqualTo("EUR");
        assertThat(old.value().getChannel()).isEqualTo("ios");
        assertThat(old.value().getItemCount()).isEqualTo(3);

        TestRecord<String, io.meshwork.domains.sales.v2.Order> current = v2.readRecord();
        assertThat(current.key()).isEqualTo("o-1");
        assertThat(current.value().getTotal()).isEqualTo(new BigDecimal("44.98"));
        assertThat(current.value().getCurrency()).isEqualTo(Currency.EUR);
        assertThat(current.value().getChannel()).isEqualTo(Channel.IOS);
        assertThat(current.value().getLines()).hasSize(2);
        assertThat(current.value().getLines().get(0).getUnitPrice()).isEqualTo(new BigDecimal("19.99"));
        assertThat(current.value().getCustomerEmail()).isEqualTo("ada.lovelace42@example.com");
        assertThat(v1Dead.isEmpty()).isTrue();
        assertThat(v2Dead.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideAnUnreadableEventInTheCurrentVersionsDeadLetters() {
        raw.pipeInput("k", ORDER.replace("\"quantity\": 2", "\"quantity\": \"two\""));

        TestRecord<byte[], byte[]> dead = v2Dead.readRecord();
        assertThat(header(dead, DeadLetters.CAUSE)).contains("items[0].quantity");
        assertThat(header(dead, DeadLetters.TOPIC)).isEqualTo(OrderPipeline.RAW_ORDERS);
        assertThat(header(dead, DeadLetters.STAGE)).isEqualTo("processing");
        assertThat(v1Dead.isEmpty()).isTrue();
        assertThat(v1.isEmpty()).isTrue();
        assertThat(v2.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideAZeroTotalOrderInBothVersionsNamingTheRules() {
        raw.pipeInput("k", ORDER.replace("19.99", "0.00").replace("5.00", "0.00"));

        assertThat(header(v1Dead.readRecord(), DeadLetters.RULES)).isEqualTo("positive-amount");
        assertThat(header(v2Dead.readRecord(), DeadLetters.RULES)).isEqualTo("positive-total");
        assertThat(v1.isEmpty()).isTrue();
        assertThat(v2.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteEverySimulatedRecordByItsKind() {
        OrderSimulator simulator = new OrderSimulator(0.05, 0.03, 11);
        Random random = new Random(3);
        long valid = 0;
        long malformed = 0;
        long rejected = 0;
        for (int i = 0; i < 2_000; i++) {
            SourceSimulator.SimulatedRecord r = simulator.next(random, i);
            raw.pipeInput(r.key(), r.value());
            switch (r.kind()) {
                case VALID -> valid++;
                case MALFORMED -> malformed++;
                case REJECTED -> rejected++;
            }
        }

        assertThat(malformed).isPositive();
        assertThat(rejected).isPositive();
        assertThat(v1.getQueueSize()).isEqualTo(valid);
        assertThat(v2.getQueueSize()).isEqualTo(valid);
        assertThat(v1Dead.getQueueSize()).isEqualTo(rejected);
        assertThat(v2Dead.getQueueSize()).isEqualTo(malformed + rejected);
        assertThat(kit.recordsOut(OrderPipeline.ORDERS_V2)).isEqualTo(valid);
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
