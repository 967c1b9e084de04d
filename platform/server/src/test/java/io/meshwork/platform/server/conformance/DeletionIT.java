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

/** Soft and hard deletes of versions and subjects. */
class DeletionIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private final RegistryClient client = registry.client();

    /** Registers two versions of a record under the subject and returns the second one's id. */
    private int registerTwoVersions(String subject, String recordName) {
        client.register(subject, intRecord(recordName, "a"));
        return client.register(subject, record(recordName, field("a", "int"), field("b", "int", "0")));
    }

    @Test
    void shouldSoftDeleteAVersionAndAnswerItsNumber() {
        registerTwoVersions("soft-version-value", "SoftVersion");

        Reply reply = assertOk(client.delete("subjects/soft-version-value/versions/2"));

        assertThat(reply.json().asInt()).as("body of %s", reply).isEqualTo(2);
        assertThat(reply.json().isInt()).as("body of %s is a number", reply).isTrue();
    }

    @Test
    void shouldHideASoftDeletedVersionFromListsAndLatestUnlessDeletedIsAsked() {
        registerTwoVersions("hidden-version-value", "HiddenVersion");
        assertOk(client.delete("subjects/hidden-version-value/versions/2"));

        assertThat(assertOk(client.get(versionsOf("hidden-version-value"))).ints())
                .containsExactly(1);
        assertThat(assertOk(client.get(versionsOf("hidden-version-value") + "?deleted=true"))
                        .ints())
                .containsExactly(1, 2);
        assertThat(assertOk(client.get("subjects/hidden-version-value/versions/latest"))
                        .json()
                        .path("version")
                        .asInt())
                .isEqualTo(1);
        assertError(client.get("subjects/hidden-version-value/versions/2"), 404, 40402);
        assertThat(assertOk(client.get("subjects/hidden-version-value/versions/2?deleted=true"))
                        .json()
                        .path("version")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void shouldStillResolveTheIdOfASoftDeletedVersion() {
        int id = registerTwoVersions("resolvable-value", "Resolvable");
        assertOk(client.delete("subjects/resolvable-value/versions/2"));

        Reply byId = assertOk(client.get("schemas/ids/" + id));

        assertThat(parse(byId.json().path("schema").asText()))
                .isEqualTo(parse(record("Resolvable", field("a", "int"), field("b", "int", "0"))));
    }

    @Test
    void shouldAnswer40406WhenSoftDeletingAVersionTwice() {
        registerTwoVersions("twice-version-value", "TwiceVersion");
        assertOk(client.delete("subjects/twice-version-value/versions/2"));

        assertError(client.delete("subjects/twice-version-value/versions/2"), 404, 40406);
    }

    @Test
    void shouldAnswer40407WhenHardDeletingAVersionThatWasNotSoftDeleted() {
        registerTwoVersions("hard-first-value", "HardFirst");

        assertError(client.delete("subjects/hard-first-value/versions/2?permanent=true"), 404, 40407);
        assertThat(assertOk(client.get(versionsOf("hard-first-value"))).ints()).containsExactly(1, 2);
    }

    @Test
    void shouldHardDeleteAVersionAfterASoftDelete() {
        registerTwoVersions("soft-then-hard-value", "SoftThenHard");
        assertOk(client.delete("subjects/soft-then-hard-value/versions/2"));

        Reply reply = assertOk(client.delete("subjects/soft-then-hard-value/versions/2?permanent=true"));

        assertThat(reply.json().asInt()).isEqualTo(2);
        assertThat(assertOk(client.get(versionsOf("soft-then-hard-value") + "?deleted=true"))
                        .ints())
                .containsExactly(1);
        assertError(client.get("subjects/soft-then-hard-value/versions/2?deleted=true"), 404, 40402);
    }

    @Test
    void shouldAnswer40402WhenDeletingAnUnknownVersion() {
        registerTwoVersions("delete-unknown-version-value", "DeleteUnknownVersion");

        assertError(client.delete("subjects/delete-unknown-version-value/versions/7"), 404, 40402);
    }

    @Test
    void shouldAnswer40401WhenDeletingAVersionOfAnUnknownSubject() {
        assertError(client.delete("subjects/delete-nobody-value/versions/1"), 404, 40401);
    }

    @Test
    void shouldNotReuseAVersionNumberAfterASoftDelete() {
        registerTwoVersions("no-reuse-soft-value", "NoReuseSoft");
        assertOk(client.delete("subjects/no-reuse-soft-value/versions/2"));

        int version = client.registerAndGetVersion(
                "no-reuse-soft-value", record("NoReuseSoft", field("a", "int"), field("c", "int", "0")));

        assertThat(version).isEqualTo(3);
    }

    @Test
    void shouldNotReuseAVersionNumberAfterASoftAndAHardDelete() {
        registerTwoVersions("no-reuse-hard-value", "NoReuseHard");
        assertOk(client.delete("subjects/no-reuse-hard-value/versions/2"));
        assertOk(client.delete("subjects/no-reuse-hard-value/versions/2?permanent=true"));

        int version = client.registerAndGetVersion(
                "no-reuse-hard-value", record("NoReuseHard", field("a", "int"), field("c", "int", "0")));

        assertThat(version).isEqualTo(3);
    }

    @Test
    void shouldSoftDeleteASubjectAndAnswerTheVersionsDeleted() {
        registerTwoVersions("soft-subject-value", "SoftSubject");

        Reply reply = assertOk(client.delete("subjects/soft-subject-value"));

        assertThat(reply.ints()).containsExactly(1, 2);
        assertError(client.get(versionsOf("soft-subject-value")), 404, 40401);
        assertThat(assertOk(client.get("subjects")).strings()).doesNotContain("soft-subject-value");
    }

    @Test
    void shouldAnswer40404WhenSoftDeletingASubjectTwice() {
        registerTwoVersions("twice-subject-value", "TwiceSubject");
        assertOk(client.delete("subjects/twice-subject-value"));

        assertError(client.delete("subjects/twice-subject-value"), 404, 40404);
    }

    @Test
    void shouldAnswer40405WhenHardDeletingASubjectThatWasNotSoftDeleted() {
        registerTwoVersions("hard-subject-first-value", "HardSubjectFirst");

        assertError(client.delete("subjects/hard-subject-first-value?permanent=true"), 404, 40405);
        assertThat(assertOk(client.get(versionsOf("hard-subject-first-value"))).ints())
                .containsExactly(1, 2);
    }

    @Test
    void shouldAnswer40401WhenDeletingAnUnknownSubject() {
        assertError(client.delete("subjects/delete-nothing-value"), 404, 40401);
    }

    @Test
    void shouldForgetASubjectAfterASoftAndAHardDelete() {
        registerTwoVersions("forgotten-value", "Forgotten");
        assertOk(client.delete("subjects/forgotten-value"));

        Reply hard = assertOk(client.delete("subjects/forgotten-value?permanent=true"));

        assertThat(hard.ints()).containsExactly(1, 2);
        assertThat(assertOk(client.get("subjects")).strings()).doesNotContain("forgotten-value");
        assertThat(assertOk(client.get("subjects?deleted=true")).strings()).doesNotContain("forgotten-value");
        assertError(client.get(versionsOf("forgotten-value") + "?deleted=true"), 404, 40401);
    }

    @Test
    void shouldReRegisterAPreviouslySoftDeletedSchemaWithItsIdAndANewVersion() {
        String schema = intRecord("Reborn", "a");
        int id = client.register("reborn-value", schema);
        assertOk(client.delete("subjects/reborn-value"));

        Reply again = assertOk(client.post(versionsOf("reborn-value"), schemaRequest(schema)));

        assertThat(again.id()).isEqualTo(id);
        assertThat(assertOk(client.get(versionsOf("reborn-value"))).ints()).containsExactly(2);
        assertThat(assertOk(client.get("subjects")).strings()).contains("reborn-value");
    }
}
