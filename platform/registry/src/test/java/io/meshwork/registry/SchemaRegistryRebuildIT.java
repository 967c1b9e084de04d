package io.meshwork.registry;

import java.util.List;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedKafkaExtension.class)
class SchemaRegistryRebuildIT {
    static String record(String name, String... fields) {
        StringBuilder json = new StringBuilder("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            json.append(i == 0 ? "" : ",").append(fields[i]);
        }
        return json.append("]}").toString();
    }

    static final String A = "{\"name\":\"a\",\"type\":\"int\"}";
    static final String B = "{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}";
    static final String C = "{\"name\":\"c\",\"type\":\"long\",\"default\":0}";

    @Test
    void shouldRebuildIdenticalStateAfterARestart(EmbeddedKafkaBroker broker, TestTopics topics) {
        String topic = topics.uniqueName("_mesh.registry");
        RegistryConfig config = RegistryConfig.of(broker.bootstrapServers(), topic);
        String before;
        List<String> guidsBefore;
        try (SchemaRegistry registry = SchemaRegistry.start(config, List.of())) {
            registry.setCompatibility(null, CompatibilityLevel.FULL_TRANSITIVE);
            registry.setCompatibility("orders-value", CompatibilityLevel.BACKWARD);
            registry.setMode("frozen-value", RegistryMode.READONLY, false);
            var v1 = registry.register("orders-value", SchemaRequest.avro(record("Order", A)), false);
            var v2 = registry.register("orders-value", SchemaRequest.avro(record("Order", A, B)), false);
            registry.register("orders-value", SchemaRequest.avro(record("Order", A, B, C)), false);
            var copy = registry.register("copies-value", SchemaRequest.avro(record("Order", A)), false);
            registry.deleteVersion("orders-value", "3", false);
            registry.deleteVersion("orders-value", "3", true);
            var v4 = registry.register("orders-value", SchemaRequest.avro(record("Order", A, B, C)), false);

            assertThat(v1.id()).isEqualTo(1);
            assertThat(v2.id()).isEqualTo(2);
            assertThat(v4.version()).as("versions are never reused").isEqualTo(4);
            assertThat(v4.id()).as("ids are never reused").isEqualTo(4);
            assertThat(copy.schema().guid())
                    .as("same schema, same GUID")
                    .isEqualTo(v1.schema().guid());
            assertThat(List.of(
                            v1.schema().guid(), v2.schema().guid(), v4.schema().guid()))
                    .as("different schemas, different GUIDs")
                    .doesNotHaveDuplicates();
            guidsBefore =
                    List.of(v1.schema().guid(), v2.schema().guid(), v4.schema().guid());
            assertThat(registry.schemaByGuid(v2.schema().guid()).id()).isEqualTo(2);
            before = registry.stateFingerprint();
        }

        try (SchemaRegistry restarted = SchemaRegistry.start(config, List.of())) {
            assertThat(restarted.stateFingerprint()).isEqualTo(before);
            assertThat(List.of(
                            restarted.schemaById(1).guid(),
                            restarted.schemaById(2).guid(),
                            restarted.schemaById(4).guid()))
                    .as("GUIDs after the rebuild")
                    .isEqualTo(guidsBefore);
            assertThat(guidsBefore)
                    .extracting(guid -> restarted.schemaByGuid(guid).id())
                    .containsExactly(1, 2, 4);
            assertThat(restarted.versions("orders-value", false)).containsExactly(1, 2, 4);
            assertThat(restarted.versions("copies-value", false)).containsExactly(1);
            assertThat(restarted
                            .version("copies-value", "latest", false)
                            .schema()
                            .id())
                    .isEqualTo(1);
            assertThat(restarted.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
            assertThat(restarted.subjectCompatibility("orders-value", false)).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThatThrownBy(() -> restarted.register("frozen-value", SchemaRequest.avro(record("F", A)), false))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(42205));
            var next = restarted.register("orders-value", SchemaRequest.avro(record("Order", A, C)), false);
            assertThat(next.id()).isEqualTo(5);
            assertThat(next.version()).isEqualTo(5);
        }
    }

    @Test
    void shouldSkipGarbageOnTheRegistryTopicAndKeepServing(EmbeddedKafkaBroker broker, TestTopics topics)
            throws Exception {
        String topic = topics.uniqueName("_mesh.registry");
        RegistryConfig config = RegistryConfig.of(broker.bootstrapServers(), topic);
        try (SchemaRegistry registry = SchemaRegistry.start(config, List.of())) {
            registry.register("s-value", SchemaRequest.avro(record("S", A)), false);
        }
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(
                topics.producerConfig(),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            topic, "not json".getBytes(), "x".getBytes()))
                    .get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            topic,
                            "{\"keytype\":\"CONFIG\",\"subject\":null}".getBytes(),
                            "{\"compatibilityLevel\":\"SIDEWAYS\"}".getBytes()))
                    .get();
        }
        try (SchemaRegistry registry = SchemaRegistry.start(config, List.of())) {
            assertThat(registry.versions("s-value", false)).containsExactly(1);
            assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(registry.register("s-value", SchemaRequest.avro(record("S", A, B)), false)
                            .id())
                    .isEqualTo(2);
        }
    }
}
