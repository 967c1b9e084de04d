package io.meshwork.platform.server.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.meshwork.platform.server.conformance.AvroSchemas.field;
import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.AvroSchemas.record;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.parse;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static io.meshwork.platform.server.conformance.RegistryClient.versionsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET|PUT|DELETE /mode[/{s}]}: READWRITE, READONLY, IMPORT. */
class ModeIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private final RegistryClient client = registry.client();

    @Test
    void shouldDefaultTheGlobalModeToReadWrite() {
        assertThat(assertOk(client.get("mode")).json()).isEqualTo(parse("{\"mode\":\"READWRITE\"}"));
    }

    @Test
    void shouldRefuseRegistrationUnderAReadOnlySubjectWith42205() {
        client.register("readonly-value", intRecord("ReadOnly", "a"));

        Reply put = assertOk(client.put("mode/readonly-value", "{\"mode\":\"READONLY\"}"));

        assertThat(put.json()).isEqualTo(parse("{\"mode\":\"READONLY\"}"));
        assertThat(assertOk(client.get("mode/readonly-value"))
                        .json()
                        .path("mode")
                        .asText())
                .isEqualTo("READONLY");
        Reply refused = client.post(
                versionsOf("readonly-value"),
                schemaRequest(record("ReadOnly", field("a", "int"), field("b", "int", "0"))));
        assertError(refused, 422, 42205);
        assertThat(assertOk(client.get(versionsOf("readonly-value"))).ints()).containsExactly(1);
    }

    @Test
    void shouldKeepOtherSubjectsWritableWhenOneIsReadOnly() {
        assertOk(client.put("mode/readonly-other-value", "{\"mode\":\"READONLY\"}"));

        client.register("writable-value", intRecord("Writable", "a"));

        assertThat(assertOk(client.get("mode")).json().path("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void shouldAllowRegistrationAgainAfterTheSubjectModeIsDeleted() {
        client.register("mode-deleted-value", intRecord("ModeDeleted", "a"));
        assertOk(client.put("mode/mode-deleted-value", "{\"mode\":\"READONLY\"}"));

        Reply deleted = assertOk(client.delete("mode/mode-deleted-value"));

        assertThat(deleted.json().path("mode").asText())
                .as("removed mode in %s", deleted)
                .isEqualTo("READONLY");
        client.register("mode-deleted-value", record("ModeDeleted", field("a", "int"), field("b", "int", "0")));
    }

    @Test
    void shouldRefuseDeletesUnderAReadOnlySubjectWith42205() {
        client.register("readonly-delete-value", intRecord("ReadOnlyDelete", "a"));
        assertOk(client.put("mode/readonly-delete-value", "{\"mode\":\"READONLY\"}"));

        assertError(client.delete("subjects/readonly-delete-value/versions/1"), 422, 42205);
        assertError(client.delete("subjects/readonly-delete-value"), 422, 42205);
        assertThat(assertOk(client.get(versionsOf("readonly-delete-value"))).ints())
                .containsExactly(1);
    }

    @Test
    void shouldRefuseRegistrationEverywhereUnderAReadOnlyGlobalMode() {
        try {
            assertThat(assertOk(client.put("mode", "{\"mode\":\"READONLY\"}"))
                            .json()
                            .path("mode")
                            .asText())
                    .isEqualTo("READONLY");

            assertError(
                    client.post(versionsOf("global-readonly-value"), schemaRequest(intRecord("GlobalReadOnly", "a"))),
                    422,
                    42205);
        } finally {
            client.put("mode", "{\"mode\":\"READWRITE\"}");
        }
        assertThat(assertOk(client.get("mode")).json().path("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void shouldAnswer40409ForASubjectWithoutItsOwnModeUnlessDefaultToGlobal() {
        client.register("mode-unset-value", intRecord("ModeUnset", "a"));

        assertError(client.get("mode/mode-unset-value"), 404, 40409);
        assertThat(assertOk(client.get("mode/mode-unset-value?defaultToGlobal=true"))
                        .json()
                        .path("mode")
                        .asText())
                .isEqualTo("READWRITE");
    }

    @Test
    void shouldAnswer42204ForAnInvalidMode() {
        assertError(client.put("mode/invalid-mode-value", "{\"mode\":\"READMOSTLY\"}"), 422, 42204);
    }

    @Test
    void shouldAnswer42204ForAnInvalidGlobalMode() {
        assertError(client.put("mode", "{\"mode\":\"WRITEONLY\"}"), 422, 42204);
        assertThat(assertOk(client.get("mode")).json().path("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void shouldAnswer400ToAMalformedModeBody() {
        assertError(client.put("mode/malformed-mode-value", "{\"mode\""), 400, 400);
    }
}
