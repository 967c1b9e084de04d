package io.meshwork.domains.finance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.meshwork.domains.finance.v1.DailyRevenue;
import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.TopologyTestKit;
import io.meshwork.sdk.simulation.SourceSimulator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RevenuePipelineTest {
    static final String PAYMENT =
            """
            {"paymentId": "pay_1", "orderId": "o-00000001-0a0b", "amount": "49.90", "currency": "EUR",
             "kind": "capture", "at": "2026-12-01T10:00:00Z"}""";

    private static final String REPARTITION =
            FinanceService.APPLICATION_ID + "-" + RevenuePipeline.BY_CURRENCY + "-repartition";

    private TopologyTestKit kit;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> raw;
    private TestOutputTopic<String, DailyRevenue> revenue;
    private TestOutputTopic<byte[], byte[]> dead;

    @BeforeEach
    void start() {
        kit = TopologyTestKit.of(
                FinanceService.APPLICATION_ID, RevenuePipeline::build, FinanceService.RELEASES.toArray(String[]::new));
        driver = new TopologyTestDriver(kit.topology(), kit.properties());
        raw = driver.createInputTopic(RevenuePipeline.RAW_PAYMENTS, new StringSerializer(), new StringSerializer());
        revenue = driver.createOutputTopic(
                RevenuePipeline.DAILY_REVENUE_V1,
                new StringDeserializer(),
                kit.serde(DailyRevenue.class).deserializer());
        dead = driver.createOutputTopic(
                DeadLetters.topicFor(RevenuePipeline.DAILY_REVENUE_V1),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        kit.close();
    }

    @Test
    void shouldSumCapturesAndRefundsPerCurrencyAndDayOnEveryPayment() {
        pay("pay_1", "49.90", "EUR", "capture", "2026-12-01T10:00:00Z");
        pay("pay_2", "10.00", "EUR", "refund", "2026-12-01T11:30:00Z");
        pay("pay_3", "20.00", "USD", "capture", "2026-12-01T12:00:00Z");
        pay("pay_4", "5.10", "EUR", "capture", "2026-12-01T23:59:59.999Z");
        pay("pay_5", "7.25", "EUR", "capture", "2026-12-02T00:00:00Z");

        List<TestRecord<String, DailyRevenue>> updates = revenue.readRecordsToList();
        assertThat(updates)
                .extracting(r -> r.key() + " " + r.value().getCaptured() + " "
                        + r.value().getRefunded() + " " + r.value().getNet() + " "
                        + r.value().getPayments())
                .containsExactly(
                        "EUR|2026-12-01 49.90 0.00 49.90 1",
                        "EUR|2026-12-01 49.90 10.00 39.90 2",
                        "USD|2026-12-01 20.00 0.00 20.00 1",
                        "EUR|2026-12-01 55.00 10.00 45.00 3",
                        "EUR|2026-12-02 7.25 0.00 7.25 1");
        DailyRevenue first = updates.get(0).value();
        assertThat(first.getDay()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(first.getCurrency()).isEqualTo("EUR");
        assertThat(first.getWindowStart()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(updates.get(4).value().getWindowStart()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(updates.get(1).timestamp())
                .isEqualTo(Instant.parse("2026-12-01T11:30:00Z").toEpochMilli());
        assertThat(dead.isEmpty()).isTrue();
        assertThat(kit.recordsOut(RevenuePipeline.DAILY_REVENUE_V1)).isEqualTo(5);
    }

    @Test
    void shouldShowADayWithMoreRefundsThanCapturesAsNegativeNet() {
        pay("pay_1", "30.00", "GBP", "capture", "2026-12-01T09:00:00Z");
        pay("pay_2", "45.50", "GBP", "refund", "2026-12-01T09:05:00Z");

        DailyRevenue last = revenue.readValuesToList().get(1);
        assertThat(last.getNet()).isEqualTo(new BigDecimal("-15.50"));
        assertThat(last.getRefunded()).isEqualTo(new BigDecimal("45.50"));
        assertThat(dead.isEmpty()).isTrue();
    }

    @Test
    void shouldCountAPaymentForTheDayItWasMadeNotTheDayItArrived() {
        raw.pipeInput(
                "pay_1",
                payment("pay_1", "12.00", "EUR", "capture", "2026-12-01T23:59:00Z"),
                Instant.parse("2026-12-02T00:20:00Z"));

        TestRecord<String, DailyRevenue> update = revenue.readRecord();
        assertThat(update.key()).isEqualTo("EUR|2026-12-01");
        assertThat(update.timestamp())
                .isEqualTo(Instant.parse("2026-12-01T23:59:00Z").toEpochMilli());
    }

    @Test
    void shouldStillCountALatePaymentWithinTheHourOfGrace() {
        pay("pay_1", "1.00", "EUR", "capture", "2026-12-02T00:45:00Z");
        raw.pipeInput(
                "pay_2",
                payment("pay_2", "2.00", "EUR", "capture", "2026-12-01T23:50:00Z"),
                Instant.parse("2026-12-02T00:50:00Z"));

        assertThat(revenue.readKeyValuesToMap()).containsOnlyKeys("EUR|2026-12-02", "EUR|2026-12-01");
        assertThat(dead.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsidePaymentsForAClosedDayNamingTheDay() {
        pay("pay_1", "1.00", "EUR", "capture", "2026-12-02T01:30:00Z");
        raw.pipeInput(
                "pay_2",
                payment("pay_2", "2.00", "EUR", "capture", "2026-12-01T20:00:00Z"),
                Instant.parse("2026-12-02T01:31:00Z"));

        assertThat(revenue.readValuesToList()).hasSize(1);
        TestRecord<byte[], byte[]> letter = dead.readRecord();
        assertThat(header(letter, DeadLetters.CAUSE))
                .contains("pay_2")
                .contains("its day 2026-12-01 was closed at 2026-12-02T01:00:00Z");
        assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("processing");
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(REPARTITION);
        // failed after the repartition: the value is the service's own intermediate record, not for replay
        assertThat(header(letter, DeadLetters.REPLAYABLE)).isEqualTo("false");
        assertThat(kit.deadLettered(RevenuePipeline.DAILY_REVENUE_V1)).isEqualTo(1);
    }

    @Test
    void shouldSetAsideAPaymentDatedInTheFuture() {
        raw.pipeInput(
                "pay_1",
                payment("pay_1", "1.00", "EUR", "capture", "2026-12-01T12:00:01Z"),
                Instant.parse("2026-12-01T11:00:00Z"));

        TestRecord<byte[], byte[]> letter = dead.readRecord();
        assertThat(header(letter, DeadLetters.CAUSE)).startsWith("at 2026-12-01T12:00:01Z is more than 1 h after");
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(RevenuePipeline.RAW_PAYMENTS);
        assertThat(revenue.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideAnUnreadableEventNamingTheField() {
        raw.pipeInput("pay_1", PAYMENT.replace("\"49.90\"", "\"49,90\""), Instant.parse("2026-12-01T10:00:00Z"));

        TestRecord<byte[], byte[]> letter = dead.readRecord();
        assertThat(header(letter, DeadLetters.CAUSE)).isEqualTo("amount '49,90' is not a decimal number such as 49.90");
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(RevenuePipeline.RAW_PAYMENTS);
        assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("processing");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("49,90");
        assertThat(revenue.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideEveryUpdateOfACurrencyThatIsNotAnIsoCode() {
        pay("pay_1", "10.00", "978", "capture", "2026-12-01T10:00:00Z");
        pay("pay_2", "11.00", "978", "capture", "2026-12-01T10:01:00Z");
        pay("pay_3", "12.00", "eur", "capture", "2026-12-01T10:02:00Z");

        assertThat(revenue.readKeyValuesToMap()).containsOnlyKeys("EUR|2026-12-01");
        List<TestRecord<byte[], byte[]>> letters = dead.readRecordsToList();
        assertThat(letters).hasSize(2);
        for (TestRecord<byte[], byte[]> letter : letters) {
            assertThat(header(letter, DeadLetters.RULES)).isEqualTo("currency-code");
            assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("quality");
            assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(REPARTITION);
        }
    }

    @Test
    void shouldRouteEverySimulatedRecordByItsKind() {
        PaymentSimulator simulator = new PaymentSimulator(0.05, 0.03, 11);
        Random random = new Random(3);
        Instant arrival = Instant.now();
        long valid = 0;
        long malformed = 0;
        long rejected = 0;
        for (int i = 0; i < 2_000; i++) {
            SourceSimulator.SimulatedRecord r = simulator.next(random, i);
            raw.pipeInput(r.key(), r.value(), arrival.plus(Duration.ofMillis(i)));
            switch (r.kind()) {
                case VALID -> valid++;
                case MALFORMED -> malformed++;
                case REJECTED -> rejected++;
            }
        }

        assertThat(malformed).isPositive();
        assertThat(rejected).isPositive();
        List<KeyValue<String, DailyRevenue>> updates = revenue.readKeyValuesToList();
        assertThat(updates).hasSize((int) valid);
        Map<String, DailyRevenue> newest = new HashMap<>();
        updates.forEach(kv -> newest.put(kv.key, kv.value));
        assertThat(newest.values().stream().mapToLong(DailyRevenue::getPayments).sum())
                .isEqualTo(valid);
        assertThat(kit.recordsOut(RevenuePipeline.DAILY_REVENUE_V1)).isEqualTo(valid);
        assertThat(dead.getQueueSize()).isEqualTo(malformed + rejected);
        assertThat(kit.deadLettered(RevenuePipeline.DAILY_REVENUE_V1)).isEqualTo(malformed + rejected);
    }

    private void pay(String id, String amount, String currency, String kind, String at) {
        raw.pipeInput(id, payment(id, amount, currency, kind, at), Instant.parse(at));
    }

    private static String payment(String id, String amount, String currency, String kind, String at) {
        return PAYMENT.replace("pay_1", id)
                .replace("49.90", amount)
                .replace("EUR", currency)
                .replace("capture", kind)
                .replace("2026-12-01T10:00:00Z", at);
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
