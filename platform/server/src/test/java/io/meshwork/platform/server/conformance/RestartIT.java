package io.meshwork.platform.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.meshwork.platform.server.conformance.AvroSchemas.field;
import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.AvroSchemas.record;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static io.meshwork.platform.server.conformance.RegistryClient.versionsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry log is the state: a restarted server answers exactly what the previous one did. */
class RestartIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    @Test
    void shouldAnswerTheSameSubjectsVersionsIdsConfigAndDeletesAfterARestart() {
        RegistryClient before = registry.client();
        int first = before.register("restart-value", intRecord("Restart", "a"));
        int second = before.register("restart-value", record("Restart", field("a", "int"), field("b", "int", "0")));
        before.register("restart-value", record("Restart", field("a", "int"), field("c", "int", "0")));
        assertOk(before.delete("subjects/restart-value/versions/3"));
        before.register("restart-gone-value", intRecord("RestartGone", "a"));
        assertOk(before.delete("subjects/restart-gone-value"));
        before.setCompatibility("restart-value", "FULL_TRANSITIVE");
        assertOk(before.put("mode/restart-gone-value", "{\"mode\":\"READONLY\"}"));

        registry.restart();
        RegistryClient after = registry.client();

        assertThat(assertOk(after.get("subjects")).strings())
                .contains("restart-value")
                .doesNotContain("restart-gone-value");
        assertThat(assertOk(after.get("subjects?deleted=true")).strings())
                .contains("restart-gone-value", "restart-value");
        assertThat(assertOk(after.get(versionsOf("restart-value"))).ints()).containsExactly(1, 2);
        assertThat(assertOk(after.get("subjects/restart-value/versions/1"))
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(first);
        assertThat(assertOk(after.get("subjects/restart-value/versions/latest"))
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(second);
        assertError(after.get("subjects/restart-value/versions/3"), 404, 40402);
        assertThat(assertOk(after.get("config/restart-value"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("FULL_TRANSITIVE");
        assertThat(assertOk(after.get("mode/restart-gone-value"))
                        .json()
                        .path("mode")
                        .asText())
                .isEqualTo("READONLY");
    }

    @Test
    void shouldAnswerTheSameGuidsAndResolveThemAfterARestart() {
        RegistryClient before = registry.client();
        int live = before.register("restart-guid-value", intRecord("RestartGuid", "a"));
        int deleted = before.register("restart-guid-gone-value", intRecord("RestartGuidGone", "a"));
        assertOk(before.delete("subjects/restart-guid-gone-value"));
        String liveGuid =
                assertOk(before.get("schemas/ids/" + live)).json().path("guid").asText();
        String deletedGuid = assertOk(before.get("schemas/ids/" + deleted))
                .json()
                .path("guid")
                .asText();
        JsonNode liveByGuid = assertOk(before.get("schemas/guids/" + liveGuid)).json();

        registry.restart();
        RegistryClient after = registry.client();

        assertThat(assertOk(after.get("schemas/ids/" + live))
                        .json()
                        .path("guid")
                        .asText())
                .isEqualTo(liveGuid);
        assertThat(assertOk(after.get("schemas/guids/" + liveGuid)).json()).isEqualTo(liveByGuid);
        assertThat(assertOk(after.get("schemas/guids/" + deletedGuid))
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(deleted);
        Reply again =
                assertOk(after.post(versionsOf("restart-guid-value"), schemaRequest(intRecord("RestartGuid", "a"))));
        assertThat(again.json().path("guid").asText()).isEqualTo(liveGuid);
    }

    @Test
    void shouldKeepAssigningNewIdsAndVersionsAfterARestart() {
        RegistryClient before = registry.client();
        int existing = before.register("restart-ids-value", intRecord("RestartIds", "a"));
        int other = before.register("restart-ids-other-value", intRecord("RestartIdsOther", "a"));

        registry.restart();
        RegistryClient after = registry.client();

        assertThat(after.register("restart-ids-value", intRecord("RestartIds", "a")))
                .isEqualTo(existing);
        int fresh =
                after.register("restart-ids-value", record("RestartIds", field("a", "int"), field("b", "int", "0")));
        assertThat(fresh).isGreaterThan(Math.max(existing, other));
        assertThat(assertOk(after.get(versionsOf("restart-ids-value"))).ints()).containsExactly(1, 2);
    }
}
