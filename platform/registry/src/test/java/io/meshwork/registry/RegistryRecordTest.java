package io.meshwork.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryRecordTest {
    @Test
    void shouldWriteKeysWithAFixedFieldOrderSoCompactionKeepsOneRecordPerThing() {
        RegistryRecord first = RegistryRecord.config("orders-value", CompatibilityLevel.FULL);
        RegistryRecord second = RegistryRecord.config("orders-value", null);

        assertThat(new String(first.keyBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"orders-value\"}");
        assertThat(second.keyBytes()).isEqualTo(first.keyBytes());
        assertThat(second.valueBytes()).as("a removed config is a tombstone").isNull();
    }

    @Test
    void shouldRoundTripASchemaRecord() {
        StoredSchema schema = new StoredSchema(
                7, "AVRO", "\"string\"", List.of(new SchemaReference("a.B", "b-value", 2)), null, null);
        RegistryRecord record = RegistryRecord.schema(new SubjectVersion("s", 3, 7, true), schema);

        RegistryRecord decoded = RegistryRecord.decode(record.keyBytes(), record.valueBytes());

        assertThat(decoded.kind()).isEqualTo(RegistryRecord.SCHEMA);
        assertThat(decoded.subject()).isEqualTo("s");
        assertThat(decoded.version()).isEqualTo(3);
        assertThat(decoded.value().path("deleted").asBoolean()).isTrue();
        assertThat(RegistryRecord.references(decoded.value().get("references")))
                .containsExactly(new SchemaReference("a.B", "b-value", 2));
    }

    @Test
    void shouldRefuseRecordsThatAreNotRegistryRecords() {
        assertThatThrownBy(() -> RegistryRecord.decode(null, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistryRecord.decode("nope".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> RegistryRecord.decode("{}".getBytes(StandardCharsets.UTF_8), null))
                .hasMessageContaining("keytype");
        assertThatThrownBy(() -> RegistryRecord.decode(
                        "{\"keytype\":\"MODE\"}".getBytes(StandardCharsets.UTF_8),
                        "[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void shouldCountUnknownRecordKindsWithoutFailing() {
        RegistryState state = new RegistryState();
        state.apply(RegistryRecord.decode(
                "{\"keytype\":\"FROM_THE_FUTURE\"}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(state.skippedRecords()).isEqualTo(1);
    }

    @Test
    void shouldNormalizeKeyOrderAndPrimitiveSpelling() {
        String a = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":{\"type\":\"int\"}}]}";
        String b = "{\"fields\":[{\"type\":\"int\",\"name\":\"x\"}],\"name\":\"R\",\"type\":\"record\"}";

        assertThat(AvroSchemas.normalized(a)).isEqualTo(AvroSchemas.normalized(b));
    }

    @Test
    void shouldParseVersionsLikeTheProtocol() {
        assertThat(SchemaRegistry.parseVersion("latest")).isEqualTo(-1);
        assertThat(SchemaRegistry.parseVersion("-1")).isEqualTo(-1);
        assertThat(SchemaRegistry.parseVersion("2147483647")).isEqualTo(Integer.MAX_VALUE);
        for (String invalid : List.of("0", "-2", "2147483648", "one", "")) {
            assertThatThrownBy(() -> SchemaRegistry.parseVersion(invalid))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(42202));
        }
    }
}
