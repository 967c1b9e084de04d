package io.meshwork.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog folded from real topics: rebuild after restart, and garbage quarantined without stopping the reader. */
@ExtendWith(EmbeddedKafkaExtension.class)
class CatalogLogIT {
    private static final Map<Integer, Schema> REGISTRY =
            Map.of(1, LifecycleEvent.getClassSchema(), 2, GovernanceDecision.getClassSchema());
    private final PlatformEventCodec codec = new PlatformEventCodec(REGISTRY::get, 1, 2);
    private final Events events = new Events();

    private CatalogConfig config(TestTopics topics) {
        return CatalogConfig.of(topics.bootstrapServers())
                .withTopics(topics.uniqueName("mesh.lifecycle"), topics.uniqueName("mesh.governance"));
    }

    @Test
    void shouldRebuildTheIdenticalCatalogAfterARestart(EmbeddedKafkaBroker broker, TestTopics topics) {
        CatalogConfig config = config(topics);
        String hash;
        CatalogProjection first = new CatalogProjection();
        try (CatalogLog log = CatalogLog.start(config, first, codec, ids -> {});
                PlatformEventWriter writer = new PlatformEventWriter(config, codec, log, Duration.ofSeconds(30))) {
            for (String id : List.of("sales.orders", "finance.revenue", "marketing.segments", "product.usage")) {
                writer.write(PlatformEventWriter.Batch.of(
                        events.declared(id, "1.0.0"),
                        events.requested(id, "1.0.0", null),
                        events.published(id, "1.0.0", 11)));
                for (int i = 0; i < 20; i++) {
                    writer.write(PlatformEventWriter.Batch.of(events.heartbeat(id, 1, "i-" + (i % 2), i)));
                }
            }
            writer.write(PlatformEventWriter.Batch.of(
                    events.subscriptionRequested("sales.orders", 1, "s-1", "marketing.segments"),
                    events.granted("sales.orders", "s-1"),
                    events.deprecated("finance.revenue", 1),
                    events.retired("sales.orders", 3)));
            hash = first.stateHash();
            assertThat(first.product("sales.orders").orElseThrow().timeline())
                    .filteredOn(ProductView.TimelineEntry::refused)
                    .singleElement()
                    .satisfies(t -> assertThat(t.refusal()).contains("not declared"));
        }

        CatalogProjection rebuilt = new CatalogProjection();
        try (CatalogLog log = CatalogLog.start(config, rebuilt, codec, ids -> {})) {
            assertThat(rebuilt.stateHash()).isEqualTo(hash);
            assertThat(rebuilt.product("finance.revenue").orElseThrow().status())
                    .isEqualTo(ProductStatus.DEPRECATED);
            assertThat(rebuilt.subscription("s-1").orElseThrow().status()).isEqualTo(SubscriptionStatus.GRANTED);
        }
    }

    @Test
    void shouldFoldADecisionRecordedOnItsOwnWithoutATransaction(EmbeddedKafkaBroker broker, TestTopics topics) {
        CatalogConfig config = config(topics);
        CatalogProjection catalog = new CatalogProjection();
        GovernanceDecision decision = GovernanceDecision.newBuilder()
                .setDecisionId("11111111-2222-4333-8444-555555555555")
                .setTime(java.time.Instant.ofEpochMilli(1_700_000_000_000L))
                .setActor(
                        new io.meshwork.schemas.common.Actor("User:alice", io.meshwork.schemas.common.ActorKind.DOMAIN))
                .setProductId("sales.orders")
                .setAction(io.meshwork.schemas.governance.GovernanceAction.REGISTER_SCHEMA)
                .setSubject("sales.orders.v1-value")
                .setVerdict(io.meshwork.schemas.governance.Verdict.ALLOWED)
                .setResults(List.of())
                .build();

        try (CatalogLog log = CatalogLog.start(config, catalog, codec, ids -> {});
                PlatformEventWriter writer = new PlatformEventWriter(config, codec, log, Duration.ofSeconds(30))) {
            Map<TopicPartition, Long> written = writer.record(decision);
            // The catalog reads read_committed: a record written outside a transaction is folded like any other.
            log.awaitApplied(written, Duration.ofSeconds(30));

            assertThat(written.keySet()).allMatch(p -> p.topic().equals(config.governanceTopic()));
            assertThat(catalog.decision(decision.getDecisionId())).contains(decision);
            assertThat(catalog.decisions("sales.orders")).containsExactly(decision);
        }
    }

    @Test
    void shouldQuarantineGarbageWithItsReasonAndKeepFolding(EmbeddedKafkaBroker broker, TestTopics topics)
            throws Exception {
        CatalogConfig config = config(topics);
        CatalogProjection catalog = new CatalogProjection();
        LifecycleEvent good = events.declared("sales.orders", "1.0.0");
        byte[] encoded = codec.encode(good);
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length / 2);
        byte[] unknownId = encoded.clone();
        unknownId[4] = 99;
        LifecycleEvent badId = LifecycleEvent.newBuilder(events.declared("sales.other", "1.0.0"))
                .setEventId("not-a-uuid")
                .build();
        List<byte[][]> garbage = List.of(
                new byte[][] {key("sales.orders"), "{\"json\": true}".getBytes(StandardCharsets.UTF_8)},
                new byte[][] {key("sales.orders"), null},
                new byte[][] {key("sales.orders"), truncated},
                new byte[][] {key("sales.orders"), unknownId},
                new byte[][] {key("finance.revenue"), encoded},
                new byte[][] {key("sales.other"), codec.encode(badId)},
                new byte[][] {key("sales.orders"), new byte[] {0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff}});

        try (CatalogLog log = CatalogLog.start(config, catalog, codec, ids -> {});
                PlatformEventWriter writer = new PlatformEventWriter(config, codec, log, Duration.ofSeconds(30));
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                        topics.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] g : garbage) {
                raw.send(new ProducerRecord<>(config.lifecycleTopic(), g[0], g[1]))
                        .get(10, TimeUnit.SECONDS);
            }
            writer.write(PlatformEventWriter.Batch.of(good));

            assertThat(catalog.product("sales.orders")).isPresent();
            assertThat(log.quarantinedCount()).isEqualTo(garbage.size());
            List<String> reasons = log.recentlyQuarantined().stream()
                    .map(CatalogLog.Quarantined::reason)
                    .toList();
            assertThat(reasons)
                    .anySatisfy(r -> assertThat(r).contains("not in the Confluent wire format"))
                    .anySatisfy(r -> assertThat(r).contains("tombstone"))
                    .anySatisfy(r -> assertThat(r).contains("cannot decode"))
                    .anySatisfy(r -> assertThat(r).contains("schema id 99 is not known"))
                    .anySatisfy(r -> assertThat(r).contains("differs from the product id"))
                    .anySatisfy(r -> assertThat(r).contains("is not a UUID"));
        }
        assertThat(readQuarantine(topics, config)).hasSize(garbage.size());

        // a restart folds the same garbage again but does not quarantine it twice
        try (CatalogLog log = CatalogLog.start(config, new CatalogProjection(), codec, ids -> {})) {
            assertThat(log.quarantinedCount()).isEqualTo(garbage.size());
        }
        List<ConsumerRecord<byte[], byte[]>> quarantined = readQuarantine(topics, config);
        assertThat(quarantined).hasSize(garbage.size());
        ConsumerRecord<byte[], byte[]> first = quarantined.get(0);
        assertThat(header(first, DeadLetterHeaders.TOPIC)).isEqualTo(config.lifecycleTopic());
        assertThat(header(first, DeadLetterHeaders.OFFSET)).isNotNull();
        assertThat(header(first, DeadLetterHeaders.PARTITION)).isNotNull();
        assertThat(header(first, DeadLetterHeaders.CAUSE)).contains("wire format");
        assertThat(first.value()).isEqualTo("{\"json\": true}".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readQuarantine(TestTopics topics, CatalogConfig config) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                topics.consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(config.quarantineTopic(), 0);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            long end = consumer.endOffsets(Set.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
