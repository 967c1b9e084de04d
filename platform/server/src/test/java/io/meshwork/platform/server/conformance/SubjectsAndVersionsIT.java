package io.meshwork.platform.server.conformance;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.parse;
import static io.meshwork.platform.server.conformance.RegistryClient.versionsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /subjects}, {@code GET /subjects/{s}/versions}, {@code GET /subjects/{s}/versions/{v}[/schema]}. */
class SubjectsAndVersionsIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private static final String V1 = intRecord("History", "a");
    private static final String V2 =
            AvroSchemas.record("History", AvroSchemas.field("a", "int"), AvroSchemas.field("b", "int", "0"));
    private static final String V3 = AvroSchemas.record(
            "History",
            AvroSchemas.field("a", "int"),
            AvroSchemas.field("b", "int", "0"),
            AvroSchemas.field("c", "int", "0"));
    private static int v3Id;

    private final RegistryClient client = registry.client();

    @BeforeAll
    static void registerAHistory() {
        RegistryClient client = registry.client();
        client.register("history-value", V1);
        client.register("history-value", V2);
        v3Id = client.register("history-value", V3);
    }

    @Test
    void shouldListSubjectsSorted() {
        client.register("zebra-value", intRecord("Zebra", "a"));
        client.register("aardvark-value", intRecord("Aardvark", "a"));

        List<String> subjects = assertOk(client.get("subjects")).strings();

        assertThat(subjects).contains("aardvark-value", "history-value", "zebra-value");
        assertThat(subjects).isSorted();
    }

    @Test
    void shouldListOnlySubjectsWithTheGivenPrefix() {
        client.register("prefix-b-value", intRecord("PrefixB", "a"));
        client.register("prefix-a-value", intRecord("PrefixA", "a"));
        client.register("unprefixed-value", intRecord("Unprefixed", "a"));

        List<String> subjects =
                assertOk(client.get("subjects?subjectPrefix=prefix-")).strings();

        assertThat(subjects).containsExactly("prefix-a-value", "prefix-b-value");
    }

    @Test
    void shouldListSoftDeletedSubjectsOnlyWhenAskedForDeleted() {
        client.register("listed-deleted-value", intRecord("ListedDeleted", "a"));
        assertOk(client.delete("subjects/listed-deleted-value"));

        assertThat(assertOk(client.get("subjects")).strings()).doesNotContain("listed-deleted-value");
        assertThat(assertOk(client.get("subjects?deleted=true")).strings()).contains("listed-deleted-value");
    }

    @Test
    void shouldListTheVersionsOfASubject() {
        assertThat(assertOk(client.get(versionsOf("history-value"))).ints()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldReturnAVersionByNumber() {
        JsonNode version =
                assertOk(client.get("subjects/history-value/versions/2")).json();

        assertThat(version.path("subject").asText()).isEqualTo("history-value");
        assertThat(version.path("version").asInt()).isEqualTo(2);
        assertThat(version.path("id").isInt()).isTrue();
        assertThat(parse(version.path("schema").asText())).isEqualTo(parse(V2));
    }

    @Test
    void shouldReturnTheLatestVersion() {
        JsonNode latest =
                assertOk(client.get("subjects/history-value/versions/latest")).json();

        assertThat(latest.path("version").asInt()).isEqualTo(3);
        assertThat(latest.path("id").asInt()).isEqualTo(v3Id);
        assertThat(parse(latest.path("schema").asText())).isEqualTo(parse(V3));
    }

    @Test
    void shouldTreatVersionMinusOneAsTheLatest() {
        JsonNode latest =
                assertOk(client.get("subjects/history-value/versions/-1")).json();

        assertThat(latest.path("version").asInt()).isEqualTo(3);
        assertThat(latest.path("id").asInt()).isEqualTo(v3Id);
    }

    @Test
    void shouldReturnTheRawSchemaOfAVersion() {
        Reply raw = assertOk(client.get("subjects/history-value/versions/1/schema"));

        assertThat(raw.json()).isEqualTo(parse(V1));
    }

    @Test
    void shouldReturnTheRawSchemaOfTheLatestVersion() {
        Reply raw = assertOk(client.get("subjects/history-value/versions/latest/schema"));

        assertThat(raw.json()).isEqualTo(parse(V3));
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"0", "-2", "-100", "abc", "2147483648", "99999999999999999999", "1.5"})
    void shouldAnswer42202ForAnInvalidVersion(String version) {
        assertError(client.get("subjects/history-value/versions/" + version), 422, 42202);
    }

    @Test
    void shouldAnswer40402ForAnUnknownVersion() {
        assertError(client.get("subjects/history-value/versions/4"), 404, 40402);
    }

    @Test
    void shouldAnswer40402ForTheLargestValidVersionWhenItDoesNotExist() {
        assertError(client.get("subjects/history-value/versions/2147483647"), 404, 40402);
    }

    @Test
    void shouldAnswer40401ForAVersionOfAnUnknownSubject() {
        assertError(client.get("subjects/no-such-subject/versions/1"), 404, 40401);
    }

    @Test
    void shouldAnswer40401ForTheLatestVersionOfAnUnknownSubject() {
        assertError(client.get("subjects/no-such-subject/versions/latest"), 404, 40401);
    }

    @Test
    void shouldAnswer40401ForTheVersionsOfAnUnknownSubject() {
        assertError(client.get("subjects/no-such-subject/versions"), 404, 40401);
    }
}
