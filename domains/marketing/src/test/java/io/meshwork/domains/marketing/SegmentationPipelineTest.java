package io.meshwork.domains.marketing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.meshwork.domains.marketing.v1.CustomerSegment;
import io.meshwork.domains.marketing.v1.Segment;
import io.meshwork.domains.sales.v2.Channel;
import io.meshwork.domains.sales.v2.Currency;
import io.meshwork.domains.sales.v2.Order;
import io.meshwork.domains.sales.v2.OrderLine;
import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.TopologyTestKit;
import io.meshwork.sdk.simulation.SourceSimulator;
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

class SegmentationPipelineTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private TopologyTestKit kit;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Order> orders;
    private TestInputTopic<String, String> web;
    private TestOutputTopic<String, CustomerSegment> segments;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        kit = TopologyTestKit.of(
                MarketingService.APPLICATION_ID,
                SegmentationPipeline::build,
                MarketingService.RELEASES.toArray(String[]::new));
        driver = new TopologyTestDriver(kit.topology(), kit.properties());
        orders = driver.createInputTopic(
                "sales.orders.v2",
                new StringSerializer(),
                kit.serde(Order.class).serializer());
        web = driver.createInputTopic(SegmentationPipeline.WEB_EVENTS, new StringSerializer(), new StringSerializer());
        segments = driver.createOutputTopic(
                SegmentationPipeline.SEGMENTS,
                new StringDeserializer(),
                kit.serde(CustomerSegment.class).deserializer());
        deadLetters = driver.createOutputTopic(
                DeadLetters.topicFor(SegmentationPipeline.SEGMENTS),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        kit.close();
    }

    @Test
    void shouldReadTheUpstreamProductFromItsResolvedTopic() {
        assertThat(kit.mesh().sourceTopics())
                .containsExactlyInAnyOrder("sales.orders.v2", SegmentationPipeline.WEB_EVENTS);
    }

    @Test
    void shouldMakeAFirstTimeBuyerNewThenOccasional() {
        orders.pipeInput("o-1", order("o-1", "c-00001", "30.00", Currency.EUR), T0);
        CustomerSegment first = latest().get("c-00001");
        assertThat(first.getSegment()).isEqualTo(Segment.NEW);
        assertThat(first.getOrders()).isEqualTo(1);
        assertThat(first.getSpendEur()).isEqualTo(new BigDecimal("30.00"));
        assertThat(first.getLastOrderAt()).isEqualTo(T0);

        orders.pipeInput("o-2", order("o-2", "c-00001", "10.00", Currency.USD), T0.plusSeconds(60));
        CustomerSegment second = latest().get("c-00001");
        assertThat(second.getSegment()).isEqualTo(Segment.OCCASIONAL);
        assertThat(second.getSpendEur()).isEqualTo(new BigDecimal("39.20"));
    }

    @Test
    void shouldMakeAVisitorWhoNeverOrderedABrowserAndCountTheirVisits() {
        web.pipeInput("s-1", event("c-00002", "view"), T0);
        web.pipeInput("s-1", event("c-00002", "search", T0.plusSeconds(5)), T0.plusSeconds(5));
        web.pipeInput("s-1", event("c-00002", "click", T0.plusSeconds(9)), T0.plusSeconds(9));

        CustomerSegment s = latest().get("c-00002");
        assertThat(s.getSegment()).isEqualTo(Segment.BROWSER);
        assertThat(s.getPageViews()).isEqualTo(1);
        assertThat(s.getSearches()).isEqualTo(1);
        assertThat(s.getOrders()).isZero();
        assertThat(s.getLastSeenAt()).isEqualTo(Instant.parse("2026-12-01T10:00:09Z"));
    }

    @Test
    void shouldJoinOrdersAndVisitsOfOneCustomer() {
        web.pipeInput("s-2", event("c-00003", "view"), T0);
        orders.pipeInput("o-3", order("o-3", "c-00003", "1200.00", Currency.GBP), T0.plusSeconds(30));

        CustomerSegment s = latest().get("c-00003");
        assertThat(s.getSegment()).isEqualTo(Segment.VIP);
        assertThat(s.getPageViews()).isEqualTo(1);
        assertThat(s.getSpendEur()).isEqualTo(new BigDecimal("1404.00"));
    }

    @Test
    void shouldIgnoreAnonymousVisitors() {
        web.pipeInput("s-3", event(null, "view"), T0);

        assertThat(segments.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideAnUnreadableWebEventNamingTheField() {
        web.pipeInput("s-4", event("c-00004", "teleport"), T0);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.headers().lastHeader(DeadLetters.CAUSE).value(), StandardCharsets.UTF_8))
                .contains("kind");
        assertThat(new String(dead.headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(SegmentationPipeline.WEB_EVENTS);
        assertThat(segments.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterExactlyTheMalformedSimulatedEvents() {
        WebEventSimulator simulator = new WebEventSimulator(0.05, 0.3, 21);
        Random random = new Random(8);
        long malformed = 0;
        for (int i = 0; i < 2_000; i++) {
            SourceSimulator.SimulatedRecord r = simulator.next(random, i);
            web.pipeInput(r.key(), r.value());
            if (r.kind() == SourceSimulator.Kind.MALFORMED) {
                malformed++;
            }
        }

        assertThat(malformed).isPositive();
        assertThat(deadLetters.getQueueSize()).isEqualTo(malformed);
        assertThat(latest()).isNotEmpty().allSatisfy((customer, s) -> assertThat(s.getSegment())
                .isEqualTo(Segment.BROWSER));
    }

    private Map<String, CustomerSegment> latest() {
        return segments.readKeyValuesToMap();
    }

    private static Order order(String id, String customer, String total, Currency currency) {
        return Order.newBuilder()
                .setOrderId(id)
                .setCustomerId(customer)
                .setCustomerEmail(customer + "@example.com")
                .setTotal(new BigDecimal(total))
                .setCurrency(currency)
                .setChannel(Channel.WEB)
                .setLines(List.of(OrderLine.newBuilder()
                        .setSku("SKU-00001")
                        .setQuantity(1)
                        .setUnitPrice(new BigDecimal(total))
                        .build()))
                .setPlacedAt(T0)
                .build();
    }

    private static String event(String customer, String kind) {
        return event(customer, kind, T0);
    }

    private static String event(String customer, String kind, Instant at) {
        return "{\"eventId\":\"e-1\",\"sessionId\":\"s-1\",\"customerId\":"
                + (customer == null ? "null" : "\"" + customer + "\"") + ",\"kind\":\"" + kind
                + "\",\"page\":\"/p/SKU-00001\",\"at\":\"" + at + "\"}";
    }
}
