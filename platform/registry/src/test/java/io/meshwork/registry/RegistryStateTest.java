package io.meshwork.registry;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryStateTest {
    private static final String ORDER =
            "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String CUSTOMER =
            "{\"type\":\"record\",\"name\":\"Customer\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    private static StoredSchema schema(int id, String text) {
        return new StoredSchema(id, "AVRO", text, List.of(), null, null);
    }

    private static RegistryRecord version(String subject, int version, StoredSchema schema, boolean deleted) {
        return RegistryRecord.schema(new SubjectVersion(subject, version, schema.id(), deleted), schema);
    }

    /** Applies records as the log reader does: through their bytes. */
    private static void apply(RegistryState state, RegistryRecord... records) {
        for (RegistryRecord record : records) {
            state.apply(RegistryRecord.decode(record.keyBytes(), record.valueBytes()));
        }
    }

    @Test
    void shouldFindASchemaByItsGuidAndForgetItOnceHardDeleted() {
        RegistryState state = new RegistryState();
        StoredSchema order = schema(1, ORDER);
        apply(
                state,
                version("orders-value", 1, order, false),
                version("customers-value", 1, schema(2, CUSTOMER), false));

        assertThat(state.idOfGuid(order.guid())).contains(1);
        assertThat(state.idOfGuid(schema(2, CUSTOMER).guid())).contains(2);

        apply(state, version("orders-value", 1, order, true));
        assertThat(state.idOfGuid(order.guid()))
                .as("soft-deleted still resolves")
                .contains(1);

        apply(state, RegistryRecord.schemaTombstone("orders-value", 1));
        assertThat(state.idOfGuid(order.guid())).isEmpty();
        assertThat(state.idOfGuid(schema(2, CUSTOMER).guid())).contains(2);
    }

    @Test
    void shouldKeepTheGuidWhileAnotherSubjectStillUsesTheSchema() {
        RegistryState state = new RegistryState();
        StoredSchema order = schema(1, ORDER);
        apply(state, version("a-value", 1, order, false), version("b-value", 1, order, false));

        apply(state, version("a-value", 1, order, true), RegistryRecord.schemaTombstone("a-value", 1));

        assertThat(state.idOfGuid(order.guid())).contains(1);
    }

    @Test
    void shouldNameTheLowestIdWhenImportGaveOneSchemaTwoIdsWhateverTheOrderApplied() {
        RegistryState forward = new RegistryState();
        RegistryState backward = new RegistryState();
        RegistryRecord low = version("a-value", 1, schema(5, ORDER), false);
        RegistryRecord high = version("b-value", 1, schema(9, ORDER), false);

        apply(forward, low, high);
        apply(backward, high, low);

        assertThat(forward.idOfGuid(schema(0, ORDER).guid())).contains(5);
        assertThat(backward.idOfGuid(schema(0, ORDER).guid())).contains(5);

        apply(forward, version("a-value", 1, schema(5, ORDER), true), RegistryRecord.schemaTombstone("a-value", 1));
        assertThat(forward.idOfGuid(schema(0, ORDER).guid())).contains(9);
    }

    @Test
    void shouldKeepTheSchemaKnownUnderItsOtherIdWhenImportGaveItTwoAndOneIsHardDeleted() {
        RegistryState state = new RegistryState();
        apply(state, version("a-value", 1, schema(5, ORDER), false), version("b-value", 1, schema(9, ORDER), false));
        assertThat(state.idOf(schema(0, ORDER).identity())).contains(5);

        apply(state, version("a-value", 1, schema(5, ORDER), true), RegistryRecord.schemaTombstone("a-value", 1));

        // Registering the schema again must find id 9, not be given a new id.
        assertThat(state.idOf(schema(0, ORDER).identity())).contains(9);
        apply(state, version("b-value", 1, schema(9, ORDER), true), RegistryRecord.schemaTombstone("b-value", 1));
        assertThat(state.idOf(schema(0, ORDER).identity())).isEmpty();
    }

    @Test
    void shouldGiveEqualFingerprintsToStatesThatHoldTheSameSchemasAndGuids() {
        RegistryState first = new RegistryState();
        RegistryState second = new RegistryState();
        RegistryRecord order = version("orders-value", 1, schema(1, ORDER), false);
        RegistryRecord customer = version("customers-value", 1, schema(2, CUSTOMER), false);

        apply(first, order, customer);
        apply(second, order, customer);

        assertThat(first.fingerprint()).isEqualTo(second.fingerprint());
    }
}
