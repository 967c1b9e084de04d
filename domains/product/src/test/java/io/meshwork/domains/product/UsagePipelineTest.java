package io.meshwork.domains.product;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.meshwork.domains.product.v1.FeatureUsage;
import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.TopologyTestKit;
import io.meshwork.sdk.simulation.SourceSimulator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
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

class UsagePipelineTest {
    static final String EVENT =
            """
            {"eventId": "e-1", "userId": "u-00042", "feature": "export-pdf", "action": "completed",
             "durationMs": 1250, "platform": "ios", "at": "2026-12-01T10:15:00Z"}""";

    private static final String REPARTITION =
            ProductService.APPLICATION_ID + "-" + UsagePipeline.BY_FEATURE + "-repartition";

    private TopologyTestKit kit;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> raw;
    private TestOutputTopic<String, FeatureUsage> usage;
    private TestOutputTopic<byte[], byte[]> dead;

    @BeforeEach
    void start() {
        kit = TopologyTestKit.of(
                ProductService.APPLICATION_ID, UsagePipeline::build, ProductService.RELEASES.toArray(String[]::new));
        driver = new TopologyTestDriver(kit.topology(), kit.properties());
        raw = driver.createInputTopic(UsagePipeline.RAW_USAGE_EVENTS, new StringSerializer(), new StringSerializer());
        usage = driver.createOutputTopic(
                UsagePipeline.FEATURE_USAGE_V1,
                new StringDeserializer(),
                kit.serde(FeatureUsage.class).deserializer());
        dead = driver.createOutputTopic(
                DeadLetters.topicFor(UsagePipeline.FEATURE_USAGE_V1),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        kit.close();
    }

    @Test
    void shouldCountEventsDistinctUsersDurationsAndPlatformsPerFeatureAndHourOnEveryEvent() {
        use("e-1", "u-1", "search", 1_000, "web", "2026-12-01T10:00:00Z");
        use("e-2", "u-2", "search", 3_000, "ios", "2026-12-01T10:10:00Z");
        use("e-3", "u-1", "search", 2_000, "web", "2026-12-01T10:20:00Z");
        use("e-4", "u-1", "export-pdf", 500, "android", "2026-12-01T10:30:00Z");
        use("e-5", "u-1", "search", 100, "web", "2026-12-01T11:00:00Z");

        List<TestRecord<String, FeatureUsage>> updates = usage.readRecordsToList();
        assertThat(updates)
                .extracting(r -> r.key() + " " + r.value().getEvents() + " "
                        + r.value().getActiveUsers() + " "
                        + r.value().getTotalDurationMs() + " " + r.value().getAvgDurationMs() + " "
                        + new TreeMap<>(r.value().getPlatforms()))
                .containsExactly(
                        "search|2026-12-01T10:00:00Z 1 1 1000 1000.0 {web=1}",
                        "search|2026-12-01T10:00:00Z 2 2 4000 2000.0 {ios=1, web=1}",
                        "search|2026-12-01T10:00:00Z 3 2 6000 2000.0 {ios=1, web=2}",
                        "export-pdf|2026-12-01T10:00:00Z 1 1 500 500.0 {android=1}",
                        "search|2026-12-01T11:00:00Z 1 1 100 100.0 {web=1}");
        FeatureUsage first = updates.get(0).value();
        assertThat(first.getFeature()).isEqualTo("search");
        assertThat(first.getHourStart()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(updates.get(2).timestamp())
                .isEqualTo(Instant.parse("2026-12-01T10:20:00Z").toEpochMilli());
        assertThat(dead.isEmpty()).isTrue();
        assertThat(kit.recordsOut(UsagePipeline.FEATURE_USAGE_V1)).isEqualTo(5);
    }

    @Test
    void shouldCountAUserOncePerFeatureAndHourEvenWhenTheirEventsArriveOutOfOrder() {
        use("e-1", "u-1", "search", 10, "web", "2026-12-01T10:50:00Z");
        use("e-2", "u-1", "search", 10, "web", "2026-12-01T10:05:00Z");
        use("e-3", "u-2", "search", 10, "ios", "2026-12-01T10:06:00Z");
        use("e-4", "u-1", "search", 10, "ios", "2026-12-01T11:01:00Z");

        assertThat(usage.readValuesToList())
                .extracting(u -> u.getHourStart() + " " + u.getEvents() + " " + u.getActiveUsers())
                .containsExactly(
                        "2026-12-01T10:00:00Z 1 1",
                        "2026-12-01T10:00:00Z 2 1",
                        "2026-12-01T10:00:00Z 3 2",
                        "2026-12-01T11:00:00Z 1 1");
    }

    @Test
    void shouldCountAnEventForTheHourItHappenedNotWhenTheAppSentIt() {
        raw.pipeInput(
                "e-1",
                event("e-1", "u-1", "search", 10, "web", "2026-12-01T10:59:00Z"),
                Instant.parse("2026-12-01T11:05:00Z"));

        TestRecord<String, FeatureUsage> update = usage.readRecord();
        assertThat(update.key()).isEqualTo("search|2026-12-01T10:00:00Z");
        assertThat(update.timestamp())
                .isEqualTo(Instant.parse("2026-12-01T10:59:00Z").toEpochMilli());
    }

    @Test
    void shouldStillCountALateEventWithinTheTenMinutesOfGrace() {
        use("e-1", "u-1", "search", 10, "web", "2026-12-01T11:09:00Z");
        use("e-2", "u-1", "search", 10, "web", "2026-12-01T10:59:00Z");

        assertThat(usage.readKeyValuesToMap())
                .containsOnlyKeys("search|2026-12-01T11:00:00Z", "search|2026-12-01T10:00:00Z");
        assertThat(dead.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideAnEventForAClosedHourNamingTheHour() {
        use("e-1", "u-1", "search", 10, "web", "2026-12-01T11:10:00Z");
        raw.pipeInput(
                "e-2",
                event("e-2", "u-2", "search", 10, "web", "2026-12-01T10:30:00Z"),
                Instant.parse("2026-12-01T11:10:01Z"));

        assertThat(usage.readValuesToList()).hasSize(1);
        TestRecord<byte[], byte[]> letter = dead.readRecord();
        assertThat(header(letter, DeadLetters.CAUSE))
                .contains("event e-2")
                .contains("its hour 2026-12-01T10:00:00Z was closed at 2026-12-01T11:10:00Z");
        assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("processing");
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(REPARTITION);
    }

    @Test
    void shouldSetAsideAnEventDatedInTheFuture() {
        raw.pipeInput(
                "e-1",
                event("e-1", "u-1", "search", 10, "web", "2026-12-01T12:00:01Z"),
                Instant.parse("2026-12-01T11:00:00Z"));

        TestRecord<byte[], byte[]> letter = dead.readRecord();
        assertThat(header(letter, DeadLetters.CAUSE)).startsWith("at 2026-12-01T12:00:01Z is more than 1 h after");
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(UsagePipeline.RAW_USAGE_EVENTS);
        assertThat(usage.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideAnUnreadableEventNamingTheField() {
        raw.pipeInput("e-1", EVENT.replace("\"ios\"", "\"windows-phone\""), Instant.parse("2026-12-01T10:15:00Z"));

        TestRecord<byte[], byte[]> letter = dead.readRecord();
        assertThat(header(letter, DeadLetters.CAUSE)).isEqualTo("platform 'windows-phone' is not web, ios or android");
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(UsagePipeline.RAW_USAGE_EVENTS);
        assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("processing");
        assertThat(usage.isEmpty()).isTrue();
    }

    @Test
    void shouldSetAsideEveryUpdateOfAFeatureNamedByItsDisplayName() {
        use("e-1", "u-1", "Export PDF", 10, "web", "2026-12-01T10:00:00Z");
        use("e-2", "u-2", "Export PDF", 10, "web", "2026-12-01T10:01:00Z");
        use("e-3", "u-1", "export-pdf", 10, "web", "2026-12-01T10:02:00Z");

        assertThat(usage.readKeyValuesToMap()).containsOnlyKeys("export-pdf|2026-12-01T10:00:00Z");
        List<TestRecord<byte[], byte[]>> letters = dead.readRecordsToList();
        assertThat(letters).hasSize(2);
        for (TestRecord<byte[], byte[]> letter : letters) {
            assertThat(header(letter, DeadLetters.RULES)).isEqualTo("feature-id");
            assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("quality");
        }
    }

    @Test
    void shouldDropEveryUpdateOfAnInternalTestFeature() {
        use("e-1", "u-1", "internal-smoke-test", 10, "web", "2026-12-01T10:00:00Z");
        use("e-2", "u-1", "internal-smoke-test", 10, "web", "2026-12-01T10:01:00Z");

        assertThat(usage.isEmpty()).isTrue();
        assertThat(dead.isEmpty()).isTrue();
        assertThat(kit.dropped(UsagePipeline.FEATURE_USAGE_V1)).isEqualTo(2);
    }

    @Test
    void shouldLetReadersOfTheCurrentSchemaReadRecordsOf100WithNoPlatforms() throws IOException {
        Schema v100;
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream("products/product.feature-usage/1.0.0/feature-usage.avsc")) {
            v100 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v100);
        old.put("feature", "search");
        old.put("hourStart", Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
        old.put("events", 3L);
        old.put("activeUsers", 2L);
        old.put("totalDurationMs", 6_000L);
        old.put("avgDurationMs", 2_000.0);
        byte[] bytes = kit.serde(GenericRecord.class).serializer().serialize(UsagePipeline.FEATURE_USAGE_V1, old);

        FeatureUsage read =
                kit.serde(FeatureUsage.class).deserializer().deserialize(UsagePipeline.FEATURE_USAGE_V1, bytes);

        assertThat(read.getEvents()).isEqualTo(3);
        assertThat(read.getPlatforms()).isEmpty();
    }

    @Test
    void shouldRouteEverySimulatedRecordByItsKind() {
        UsageEventSimulator simulator = new UsageEventSimulator(0.05, 0.03, 11);
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
        List<KeyValue<String, FeatureUsage>> updates = usage.readKeyValuesToList();
        assertThat(updates).hasSize((int) valid);
        Map<String, FeatureUsage> newest = new HashMap<>();
        updates.forEach(kv -> newest.put(kv.key, kv.value));
        assertThat(newest.values().stream().mapToLong(FeatureUsage::getEvents).sum())
                .isEqualTo(valid);
        assertThat(newest.values())
                .allSatisfy(u -> assertThat(u.getActiveUsers()).isBetween(1L, u.getEvents()));
        assertThat(kit.recordsOut(UsagePipeline.FEATURE_USAGE_V1)).isEqualTo(valid);
        assertThat(dead.getQueueSize()).isEqualTo(malformed + rejected);
        assertThat(kit.deadLettered(UsagePipeline.FEATURE_USAGE_V1)).isEqualTo(malformed + rejected);
    }

    private void use(String id, String user, String feature, long durationMs, String platform, String at) {
        raw.pipeInput(id, event(id, user, feature, durationMs, platform, at), Instant.parse(at));
    }

    private static String event(String id, String user, String feature, long durationMs, String platform, String at) {
        return EVENT.replace("e-1", id)
                .replace("u-00042", user)
                .replace("export-pdf", feature)
                .replace("1250", String.valueOf(durationMs))
                .replace("ios", platform)
                .replace("2026-12-01T10:15:00Z", at);
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
