package io.meshwork.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedKafkaExtension.class)
class SchemaRegistryConcurrencyIT {
    private static final int PER_INSTANCE = 25;

    @Test
    void shouldNeverDuplicateAnIdNorLoseAVersionWhenTwoInstancesRegisterAtOnce(
            EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
        RegistryConfig config = RegistryConfig.of(broker.bootstrapServers(), topics.uniqueName("_mesh.registry"));
        try (SchemaRegistry first = SchemaRegistry.start(config, List.of());
                SchemaRegistry second = SchemaRegistry.start(config, List.of())) {
            first.setCompatibility(null, CompatibilityLevel.NONE);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<SchemaRegistry.Registered>> results = new ArrayList<>();
            Map<Future<SchemaRegistry.Registered>, String> schemaOf = new HashMap<>();
            for (int i = 0; i < PER_INSTANCE; i++) {
                for (SchemaRegistry instance : List.of(first, second)) {
                    String name = (instance == first ? "First" : "Second") + i;
                    String schema = SchemaRegistryRebuildIT.record(name, SchemaRegistryRebuildIT.A);
                    String subject = i % 2 == 0 ? "shared-value" : name + "-value";
                    Callable<SchemaRegistry.Registered> task =
                            () -> instance.register(subject, SchemaRequest.avro(schema), false);
                    Future<SchemaRegistry.Registered> future = pool.submit(task);
                    results.add(future);
                    schemaOf.put(future, schema);
                }
            }
            Set<Integer> ids = new HashSet<>();
            for (Future<SchemaRegistry.Registered> result : results) {
                assertThat(ids.add(result.get().id()))
                        .as("id %s given twice", result.get().id())
                        .isTrue();
            }
            pool.shutdown();

            assertThat(ids).hasSize(2 * PER_INSTANCE);
            assertThat(ids).containsExactlyInAnyOrderElementsOf(range(1, 2 * PER_INSTANCE));
            List<Integer> sharedVersions = first.versions("shared-value", false);
            assertThat(sharedVersions).containsExactlyElementsOf(range(1, PER_INSTANCE + 1));
            for (Future<SchemaRegistry.Registered> result : results) {
                StoredSchema stored = second.schemaById(result.get().id());
                assertThat(new org.apache.avro.Schema.Parser()
                                .parse(stored.schema())
                                .toString())
                        .isEqualTo(new org.apache.avro.Schema.Parser()
                                .parse(schemaOf.get(result))
                                .toString());
                assertThat(first.schemaByGuid(stored.guid()).id())
                        .as("the GUID of id %s on the other instance", stored.id())
                        .isEqualTo(stored.id());
            }
            // Both instances applied the same log: identical state.
            second.register(
                    "sync-value",
                    SchemaRequest.avro(SchemaRegistryRebuildIT.record("Sync", SchemaRegistryRebuildIT.A)),
                    false);
            first.register(
                    "sync-value",
                    SchemaRequest.avro(SchemaRegistryRebuildIT.record("Sync", SchemaRegistryRebuildIT.A)),
                    false);
            assertThat(first.stateFingerprint()).isEqualTo(second.stateFingerprint());
        }
    }

    @Test
    void shouldAnswerOnOneInstanceWhatTheOtherHasJustWritten(EmbeddedKafkaBroker broker, TestTopics topics) {
        RegistryConfig config = RegistryConfig.of(broker.bootstrapServers(), topics.uniqueName("_mesh.registry"));
        try (SchemaRegistry first = SchemaRegistry.start(config, List.of());
                SchemaRegistry second = SchemaRegistry.start(config, List.of())) {
            first.setCompatibility(null, CompatibilityLevel.BACKWARD);
            for (int i = 0; i < 12; i++) {
                SchemaRegistry writer = i % 2 == 0 ? first : second;
                SchemaRegistry reader = i % 2 == 0 ? second : first;
                String subject = "handover" + i + "-value";
                String v1 = SchemaRegistryRebuildIT.record("Handover", SchemaRegistryRebuildIT.A);
                String required = SchemaRegistryRebuildIT.record(
                        "Handover", SchemaRegistryRebuildIT.A, "{\"name\":\"c\",\"type\":\"long\"}");

                SchemaRegistry.Registered written = writer.register(subject, SchemaRequest.avro(v1), false);
                // The other instance writes nothing for these answers, so no commit can catch a stale state: each must
                // already see the write made a moment ago on the first.
                SchemaRegistry.Registered again = reader.register(subject, SchemaRequest.avro(v1), false);
                assertThat(again.id()).isEqualTo(written.id());
                assertThat(again.version()).isEqualTo(written.version()).isEqualTo(1);
                assertThatThrownBy(() -> reader.register(subject, SchemaRequest.avro(required), false))
                        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode())
                                .isEqualTo(40901));
            }
            assertThat(first.stateFingerprint()).isEqualTo(second.stateFingerprint());
        }
    }

    private static List<Integer> range(int from, int toInclusive) {
        List<Integer> values = new ArrayList<>();
        for (int i = from; i <= toInclusive; i++) {
            values.add(i);
        }
        return values;
    }
}
