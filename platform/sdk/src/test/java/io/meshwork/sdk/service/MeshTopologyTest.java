package io.meshwork.sdk.service;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.meshwork.sdk.fixtures.Customer;
import io.meshwork.sdk.fixtures.Order;
import io.meshwork.sdk.quality.QualityRuleException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeshTopologyTest {
    private TopologyTestKit kit;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> raw;
    private TestInputTopic<byte[], byte[]> rawBytes;
    private TestOutputTopic<String, Order> orders;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        kit = TopologyTestKit.of(ShopOrders.APPLICATION, ShopOrders::build, ShopOrders.RELEASE);
        driver = new TopologyTestDriver(kit.topology(), kit.properties());
        raw = driver.createInputTopic(ShopOrders.RAW, new StringSerializer(), new StringSerializer());
        rawBytes = driver.createInputTopic(ShopOrders.RAW, new ByteArraySerializer(), new ByteArraySerializer());
        orders = driver.createOutputTopic(
                ShopOrders.TOPIC,
                new StringDeserializer(),
                kit.serde(Order.class).deserializer());
        deadLetters = driver.createOutputTopic(
                DeadLetters.topicFor(ShopOrders.TOPIC), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        kit.close();
    }

    @Test
    void shouldWriteAParsedRecordToTheProductTopicAndCountIt() {
        raw.pipeInput("o-1", ShopOrders.order("o-1", 2, 9.5));

        TestRecord<String, Order> out = orders.readRecord();
        assertThat(out.key()).isEqualTo("o-1");
        assertThat(out.value().getOrderId()).isEqualTo("o-1");
        assertThat(out.value().getQuantity()).isEqualTo(2);
        assertThat(orders.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(kit.recordsOut(ShopOrders.TOPIC)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAMalformedRecordWithItsOriginalBytesAndWhereItCameFrom() {
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        rawBytes.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), notUtf8));
        raw.pipeInput("o-2", ShopOrders.order("o-2", 1, 1.0));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(notUtf8);
        assertThat(dead.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        Headers h = dead.headers();
        assertThat(header(h, DeadLetters.STAGE)).isEqualTo("processing");
        assertThat(header(h, DeadLetters.TOPIC)).isEqualTo(ShopOrders.RAW);
        assertThat(header(h, DeadLetters.PARTITION)).isEqualTo("0");
        assertThat(header(h, DeadLetters.OFFSET)).isEqualTo("0");
        assertThat(header(h, DeadLetters.CAUSE)).contains("not JSON");
        assertThat(header(h, DeadLetters.APPLICATION)).isEqualTo(ShopOrders.APPLICATION);
        assertThat(header(h, DeadLetters.EXCEPTION)).contains("Exception");
        assertThat(header(h, DeadLetters.REPLAYABLE)).isEqualTo("true");
        // the stream went on
        assertThat(orders.readValue().getOrderId()).isEqualTo("o-2");
        assertThat(kit.deadLettered(ShopOrders.TOPIC)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterARecordFailingADlqRuleNamingTheRule() {
        raw.pipeInput("o-3", ShopOrders.order("o-3", 0, 5.0));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(ShopOrders.order("o-3", 0, 5.0));
        assertThat(header(dead.headers(), DeadLetters.STAGE)).isEqualTo("quality");
        assertThat(header(dead.headers(), DeadLetters.RULES)).isEqualTo("positive-quantity");
        assertThat(header(dead.headers(), DeadLetters.CAUSE)).contains("record.quantity > 0");
        assertThat(orders.isEmpty()).isTrue();
    }

    @Test
    void shouldDropAndCountARecordFailingADropRule() {
        raw.pipeInput("t-1", ShopOrders.order("test-1", 3, 5.0));

        assertThat(orders.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(kit.dropped(ShopOrders.TOPIC)).isEqualTo(1);
    }

    @Test
    void shouldKeepTheOriginalHeadersOfADeadLetter() {
        raw.pipeInput(new TestRecord<>(
                "o-4",
                "garbage",
                new org.apache.kafka.common.header.internals.RecordHeaders()
                        .add("trace-id", "abc".getBytes(StandardCharsets.UTF_8))));

        Headers h = deadLetters.readRecord().headers();
        assertThat(header(h, "trace-id")).isEqualTo("abc");
        assertThat(header(h, DeadLetters.CAUSE)).isNotBlank();
    }

    @Test
    void shouldStopOnARecordFailingAFailRule() {
        assertThatThrownBy(() -> raw.pipeInput("o-5", ShopOrders.order("o-5", 1, 5_000_000.0)))
                .isInstanceOf(StreamsException.class)
                .hasStackTraceContaining("sane-price");
    }

    @Test
    void shouldRefuseASourceTopicTheDescriptorDoesNotDeclare() {
        assertThatThrownBy(() -> TopologyTestKit.of(
                        ShopOrders.APPLICATION, mesh -> mesh.source("shop.secret-topic"), ShopOrders.RELEASE))
                .isInstanceOf(MeshServiceException.class)
                .hasMessageContaining("shop.secret-topic")
                .hasMessageContaining("inputPorts");
    }

    @Test
    void shouldRefuseAPortWhoseClassHasAnotherSchema() {
        assertThatThrownBy(() -> TopologyTestKit.of(
                        ShopOrders.APPLICATION,
                        mesh -> mesh.port(ShopOrders.TOPIC, Customer.class),
                        ShopOrders.RELEASE))
                .isInstanceOf(MeshServiceException.class)
                .hasMessageContaining("differs");
    }

    @Test
    void shouldRefuseATopicThatIsNotAnOutputPort() {
        assertThatThrownBy(() -> TopologyTestKit.of(
                        ShopOrders.APPLICATION, mesh -> mesh.port("shop.orders.v7", Order.class), ShopOrders.RELEASE))
                .isInstanceOf(MeshServiceException.class)
                .hasMessageContaining("shop.orders.v7")
                .hasMessageContaining("shop.orders.v1");
    }

    @Test
    void shouldRefuseAnUpstreamProductTheDescriptorDoesNotDeclare() {
        assertThatThrownBy(() -> TopologyTestKit.of(
                        ShopOrders.APPLICATION,
                        mesh -> mesh.product("crm.customers", 1, Customer.class),
                        ShopOrders.RELEASE))
                .isInstanceOf(MeshServiceException.class)
                .hasMessageContaining("crm.customers")
                .hasMessageContaining("major: 1");
    }

    @Test
    void shouldRunWithTheProductionStreamsSettings() {
        assertThat(kit.properties().getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(kit.properties().getProperty("application.id")).isEqualTo(ShopOrders.APPLICATION);
        assertThat(List.copyOf(kit.mesh().rawSourceTopics())).containsExactly(ShopOrders.RAW);
    }

    @Test
    void shouldDeadLetterAProductRecordThatCannotBeSerialized() {
        // a record left without its required status (the no-argument constructor does not check): Avro cannot write it
        TopologyTestKit broken = TopologyTestKit.of(
                ShopOrders.APPLICATION,
                mesh -> mesh.to(
                        mesh.source(ShopOrders.RAW).mapValues(v -> {
                            Order parsed = ShopOrders.parse(v);
                            Order incomplete = new Order();
                            incomplete.setOrderId(parsed.getOrderId());
                            incomplete.setQuantity(parsed.getQuantity());
                            incomplete.setPrice(parsed.getPrice());
                            return incomplete;
                        }),
                        mesh.port(ShopOrders.TOPIC, Order.class)),
                ShopOrders.RELEASE);
        try (broken;
                TopologyTestDriver d = new TopologyTestDriver(broken.topology(), broken.properties())) {
            d.createInputTopic(ShopOrders.RAW, new StringSerializer(), new StringSerializer())
                    .pipeInput("o-6", ShopOrders.order("o-6", 1, 1.0));
            TestRecord<byte[], byte[]> dead = d.createOutputTopic(
                            DeadLetters.topicFor(ShopOrders.TOPIC),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())
                    .readRecord();
            assertThat(header(dead.headers(), DeadLetters.STAGE)).isEqualTo("serialization");
            assertThat(header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(ShopOrders.RAW);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(ShopOrders.order("o-6", 1, 1.0));
        }
    }

    @Test
    void shouldRefuseAQualityRuleNamingAFieldTheSchemaLacks() {
        assertThatThrownBy(() -> io.meshwork.sdk.quality.QualityRules.compile(
                        "dataproduct.yaml",
                        List.of(new io.meshwork.descriptor.QualityRule(
                                "typo", "record.quantty > 0", io.meshwork.descriptor.QualityRule.Action.DLQ)),
                        Order.getClassSchema()))
                .isInstanceOf(QualityRuleException.class)
                .hasMessageContaining("record.quantty")
                .hasMessageContaining("quantity");
    }

    private static String header(Headers headers, String key) {
        var h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
