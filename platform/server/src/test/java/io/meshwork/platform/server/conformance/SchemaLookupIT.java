package io.meshwork.platform.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.meshwork.platform.server.conformance.AvroSchemas.field;
import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.AvroSchemas.record;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.parse;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /subjects/{s}} (is this schema registered here?) and {@code GET /schemas/ids/{id}...}. */
class SchemaLookupIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private final RegistryClient client = registry.client();

    @Test
    void shouldReturnSubjectVersionIdAndSchemaWhenLookingUpARegisteredSchema() {
        client.register("lookup-value", intRecord("Lookup", "a"));
        String schema = record("Lookup", field("a", "int"), field("b", "int", "0"));
        int id = client.register("lookup-value", schema);

        JsonNode found = assertOk(client.post("subjects/lookup-value", schemaRequest(schema)))
                .json();

        assertThat(found.path("subject").asText()).isEqualTo("lookup-value");
        assertThat(found.path("version").asInt()).isEqualTo(2);
        assertThat(found.path("id").asInt()).isEqualTo(id);
        assertThat(parse(found.path("schema").asText())).isEqualTo(parse(schema));
    }

    @Test
    void shouldAnswer40401WhenLookingUpASchemaUnderAnUnknownSubject() {
        Reply reply = client.post("subjects/never-registered-value", schemaRequest(intRecord("Nowhere", "a")));

        assertError(reply, 404, 40401);
    }

    @Test
    void shouldAnswer40403WhenLookingUpAnUnregisteredSchemaUnderAKnownSubject() {
        client.register("lookup-known-value", intRecord("Known", "a"));

        Reply reply = client.post("subjects/lookup-known-value", schemaRequest(intRecord("Unknown", "b")));

        assertError(reply, 404, 40403);
    }

    @Test
    void shouldReturnTheSchemaById() {
        String schema = intRecord("ById", "a");
        int id = client.register("by-id-value", schema);

        JsonNode found = assertOk(client.get("schemas/ids/" + id)).json();

        assertThat(parse(found.path("schema").asText())).isEqualTo(parse(schema));
        assertThat(found.path("schemaType").asText("AVRO")).isEqualTo("AVRO");
    }

    @Test
    void shouldReturnTheRawSchemaById() {
        String schema = intRecord("RawById", "a");
        int id = client.register("raw-by-id-value", schema);

        Reply raw = assertOk(client.get("schemas/ids/" + id + "/schema"));

        assertThat(raw.json()).as("raw schema of %s", raw).isEqualTo(parse(schema));
    }

    @Test
    void shouldListTheSubjectsOfASchemaId() {
        String schema = intRecord("TwoSubjects", "a");
        int id = client.register("ids-subjects-b-value", schema);
        client.register("ids-subjects-a-value", schema);

        Reply subjects = assertOk(client.get("schemas/ids/" + id + "/subjects"));

        assertThat(subjects.strings()).containsExactlyInAnyOrder("ids-subjects-a-value", "ids-subjects-b-value");
    }

    @Test
    void shouldListTheSubjectVersionPairsOfASchemaId() {
        client.register("ids-versions-a-value", record("Paired", field("a", "int"), field("b", "int", "0")));
        String schema = intRecord("Paired", "a");
        int id = client.register("ids-versions-a-value", schema);
        client.register("ids-versions-b-value", schema);

        Reply versions = assertOk(client.get("schemas/ids/" + id + "/versions"));

        assertThat(versions.json()).hasSize(2);
        assertThat(versions.json())
                .contains(
                        parse("{\"subject\":\"ids-versions-a-value\",\"version\":2}"),
                        parse("{\"subject\":\"ids-versions-b-value\",\"version\":1}"));
    }

    @Test
    void shouldNotFindASoftDeletedVersionUnlessDeletedIsAsked() {
        client.register("lookup-deleted-value", intRecord("LookupDeleted", "a"));
        String schema = record("LookupDeleted", field("a", "int"), field("b", "int", "0"));
        int id = client.register("lookup-deleted-value", schema);
        assertOk(client.delete("subjects/lookup-deleted-value/versions/2"));

        assertError(client.post("subjects/lookup-deleted-value", schemaRequest(schema)), 404, 40403);
        JsonNode found = assertOk(client.post("subjects/lookup-deleted-value?deleted=true", schemaRequest(schema)))
                .json();
        assertThat(found.path("id").asInt()).isEqualTo(id);
        assertThat(found.path("version").asInt()).isEqualTo(2);
    }

    @Test
    void shouldAnswer40401WhenLookingUpUnderASoftDeletedSubject() {
        String schema = intRecord("LookupGone", "a");
        client.register("lookup-gone-value", schema);
        assertOk(client.delete("subjects/lookup-gone-value"));

        assertError(client.post("subjects/lookup-gone-value", schemaRequest(schema)), 404, 40401);
    }

    @Test
    void shouldReturnTheSchemaByIdOfASoftDeletedSubject() {
        String schema = intRecord("ByIdGone", "a");
        int id = client.register("by-id-gone-value", schema);
        assertOk(client.delete("subjects/by-id-gone-value"));

        Reply byId = assertOk(client.get("schemas/ids/" + id));

        assertThat(parse(byId.json().path("schema").asText())).isEqualTo(parse(schema));
    }

    @Test
    void shouldAnswer40403ForAnUnknownSchemaId() {
        assertError(client.get("schemas/ids/987654"), 404, 40403);
    }

    @Test
    void shouldAnswer40403ForTheRawSchemaOfAnUnknownId() {
        assertError(client.get("schemas/ids/987654/schema"), 404, 40403);
    }

    @Test
    void shouldAnswer40403ForTheSubjectsOfAnUnknownId() {
        assertError(client.get("schemas/ids/987654/subjects"), 404, 40403);
    }

    @Test
    void shouldAnswerAClientErrorForANonNumericSchemaId() {
        Reply reply = client.get("schemas/ids/abc");

        assertThat(reply.status()).as("status of %s", reply).isIn(404, 422);
        RegistryAssertions.assertErrorBody(reply);
    }
}
