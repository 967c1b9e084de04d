package io.meshwork.platform.server.conformance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET|PUT|DELETE /config[/{s}]}: GET answers {@code compatibilityLevel}, PUT takes and echoes {@code compatibility}. */
class ConfigIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private final RegistryClient client = registry.client();

    @AfterEach
    void restoreTheProtocolDefault() {
        client.put("config", "{\"compatibility\":\"BACKWARD\"}");
    }

    @Test
    void shouldDefaultTheGlobalLevelToBackward() {
        Reply reply = assertOk(client.get("config"));

        assertThat(reply.json()).isEqualTo(parse("{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void shouldEchoTheGlobalLevelSetAndAnswerItAfterwards() {
        Reply put = assertOk(client.put("config", "{\"compatibility\":\"FULL\"}"));

        assertThat(put.json()).isEqualTo(parse("{\"compatibility\":\"FULL\"}"));
        assertThat(assertOk(client.get("config"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("FULL");
    }

    @Test
    void shouldSetAndAnswerASubjectLevel() {
        client.register("config-subject-value", intRecord("ConfigSubject", "a"));

        Reply put = assertOk(client.put("config/config-subject-value", "{\"compatibility\":\"FORWARD_TRANSITIVE\"}"));

        assertThat(put.json()).isEqualTo(parse("{\"compatibility\":\"FORWARD_TRANSITIVE\"}"));
        assertThat(assertOk(client.get("config/config-subject-value"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("FORWARD_TRANSITIVE");
        assertThat(assertOk(client.get("config"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void shouldAcceptASubjectLevelForASubjectWithoutSchemasYet() {
        Reply put = assertOk(client.put("config/config-future-value", "{\"compatibility\":\"NONE\"}"));

        assertThat(put.json().path("compatibility").asText()).isEqualTo("NONE");
        assertThat(assertOk(client.get("config/config-future-value"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");
    }

    @Test
    void shouldAnswer40408ForASubjectWithoutItsOwnLevel() {
        client.register("config-unset-value", intRecord("ConfigUnset", "a"));

        assertError(client.get("config/config-unset-value"), 404, 40408);
    }

    @Test
    void shouldAnswerTheGlobalLevelForASubjectWithoutItsOwnWhenDefaultToGlobal() {
        client.register("config-default-value", intRecord("ConfigDefault", "a"));
        assertOk(client.put("config", "{\"compatibility\":\"FULL_TRANSITIVE\"}"));

        Reply reply = assertOk(client.get("config/config-default-value?defaultToGlobal=true"));

        assertThat(reply.json().path("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
    }

    @Test
    void shouldDeleteASubjectLevelAnswerTheRemovedLevelAndFallBackToGlobal() {
        client.register("config-deleted-value", intRecord("ConfigDeleted", "a"));
        assertOk(client.put("config/config-deleted-value", "{\"compatibility\":\"FULL\"}"));

        Reply deleted = assertOk(client.delete("config/config-deleted-value"));

        assertThat(deleted.json().path("compatibilityLevel").asText())
                .as("removed level in %s", deleted)
                .isEqualTo("FULL");
        assertError(client.get("config/config-deleted-value"), 404, 40408);
        assertThat(assertOk(client.get("config/config-deleted-value?defaultToGlobal=true"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void shouldResetTheGlobalLevelToTheDefaultWhenDeletedAndAnswerTheRemovedLevel() {
        assertOk(client.put("config", "{\"compatibility\":\"NONE\"}"));

        Reply deleted = assertOk(client.delete("config"));

        assertThat(deleted.json().path("compatibilityLevel").asText())
                .as("removed level in %s", deleted)
                .isEqualTo("NONE");
        assertThat(assertOk(client.get("config"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void shouldAnswer42203ForAnInvalidGlobalLevel() {
        assertError(client.put("config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertThat(assertOk(client.get("config"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void shouldAnswer42203ForAnInvalidSubjectLevel() {
        assertError(client.put("config/config-invalid-value", "{\"compatibility\":\"backwards\"}"), 422, 42203);
    }

    @Test
    void shouldAnswer400ToAMalformedConfigBody() {
        assertError(client.put("config", "{\"compatibility\":"), 400, 400);
    }

    @Test
    void shouldAnswer400ToAMalformedSubjectConfigBody() {
        assertError(client.put("config/config-malformed-value", "not json at all"), 400, 400);
    }
}
