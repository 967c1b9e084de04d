package io.meshwork.platform.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meshwork.platform.server.conformance.AvroSchemas.field;
import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.AvroSchemas.record;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static io.meshwork.platform.server.conformance.RegistryClient.versionsOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema GUIDs: the {@code guid} of registration and schema answers, and {@code GET /schemas/guids/{guid}}, which
 * newer Confluent deserializers call for a record whose {@code __value_schema_id} header holds {@code 0x01} + 16
 * bytes.
 */
class SchemaGuidIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LOWERCASE_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final RegistryClient client = registry.client();

    /** Registers and returns the whole answer. */
    private JsonNode register(String subject, String body) {
        return assertOk(client.post(versionsOf(subject), body)).json();
    }

    private static String guidOf(JsonNode answer) {
        assertThat(answer.path("guid").isTextual()).as("guid in %s", answer).isTrue();
        return answer.path("guid").asText();
    }

    @Test
    void shouldAnswerALowercaseUuidAsTheGuidOfARegistration() {
        JsonNode answer = register("guid-registered-value", schemaRequest(intRecord("GuidRegistered", "a")));

        assertThat(answer.path("id").isInt()).as("id in %s", answer).isTrue();
        assertThat(guidOf(answer)).matches(LOWERCASE_UUID);
    }

    @Test
    void shouldAnswerTheSameGuidWhenTheSameSchemaIsRegisteredAgain() {
        String body = schemaRequest(intRecord("GuidAgain", "a"));

        String first = guidOf(register("guid-again-value", body));
        String again = guidOf(register("guid-again-value", body));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldReturnByGuidWhatByIdReturnsWithTheIdAdded() {
        client.register("guid-customer-value", record("GuidCustomer", field("id", "string")));
        ObjectNode request = MAPPER.createObjectNode()
                .put(
                        "schema",
                        record("GuidOrder", field("id", "string"), field("customer", "com.example.GuidCustomer")));
        request.putArray("references")
                .addObject()
                .put("name", "com.example.GuidCustomer")
                .put("subject", "guid-customer-value")
                .put("version", 1);
        request.putObject("metadata").putObject("properties").put("owner", "team-sales");
        request.putObject("ruleSet")
                .putArray("domainRules")
                .addObject()
                .put("name", "hasId")
                .put("kind", "CONDITION")
                .put("type", "CEL")
                .put("mode", "WRITE")
                .put("expr", "message.id != ''");
        JsonNode registered = register("guid-order-value", request.toString());
        int id = registered.path("id").asInt();

        JsonNode byId = assertOk(client.get("schemas/ids/" + id)).json();
        JsonNode byGuid =
                assertOk(client.get("schemas/guids/" + guidOf(registered))).json();

        ObjectNode expected = byId.deepCopy();
        expected.put("id", id);
        assertThat(byGuid).isEqualTo(expected);
        assertThat(byGuid.path("guid").asText()).isEqualTo(guidOf(registered));
        assertThat(byGuid.path("references")).hasSize(1);
        assertThat(byGuid.path("metadata")).isEqualTo(request.path("metadata"));
        assertThat(byGuid.path("ruleSet")).isEqualTo(request.path("ruleSet"));
    }

    @Test
    void shouldAnswerTheGuidInByIdLookupAndVersionAnswers() {
        String schema = intRecord("GuidEverywhere", "a");
        JsonNode registered = register("guid-everywhere-value", schemaRequest(schema));
        String guid = guidOf(registered);

        assertThat(guidOf(assertOk(client.get(
                                "schemas/ids/" + registered.path("id").asInt()))
                        .json()))
                .isEqualTo(guid);
        assertThat(guidOf(assertOk(client.post("subjects/guid-everywhere-value", schemaRequest(schema)))
                        .json()))
                .isEqualTo(guid);
        assertThat(guidOf(assertOk(client.get("subjects/guid-everywhere-value/versions/1"))
                        .json()))
                .isEqualTo(guid);
        assertThat(guidOf(assertOk(client.get("subjects/guid-everywhere-value/versions/latest"))
                        .json()))
                .isEqualTo(guid);
    }

    @Test
    void shouldGiveTheSameSchemaUnderTwoSubjectsTheSameGuid() {
        String body = schemaRequest(intRecord("GuidShared", "a"));

        JsonNode underFirst = register("guid-shared-one-value", body);
        JsonNode underSecond = register("guid-shared-two-value", body);

        assertThat(underSecond.path("id").asInt())
                .isEqualTo(underFirst.path("id").asInt());
        assertThat(guidOf(underSecond)).isEqualTo(guidOf(underFirst));
    }

    @Test
    void shouldGiveDifferentSchemasDifferentGuids() {
        String plain = intRecord("GuidDifferent", "a");
        ObjectNode withMetadata = MAPPER.createObjectNode().put("schema", plain);
        withMetadata.putObject("metadata").putObject("properties").put("owner", "team-finance");

        List<String> guids = List.of(
                guidOf(register("guid-different-value", schemaRequest(plain))),
                guidOf(register(
                        "guid-different-value",
                        schemaRequest(record("GuidDifferent", field("a", "int"), field("b", "int", "0"))))),
                guidOf(register("guid-different-other-value", schemaRequest(intRecord("GuidOther", "a")))),
                guidOf(register("guid-different-meta-value", withMetadata.toString())));

        assertThat(guids).doesNotHaveDuplicates();
    }

    @Test
    void shouldResolveTheGuidOfASoftDeletedSubject() {
        String schema = intRecord("GuidSoftDeleted", "a");
        JsonNode registered = register("guid-soft-deleted-value", schemaRequest(schema));
        assertOk(client.delete("subjects/guid-soft-deleted-value"));

        JsonNode byGuid =
                assertOk(client.get("schemas/guids/" + guidOf(registered))).json();

        assertThat(byGuid.path("id").asInt()).isEqualTo(registered.path("id").asInt());
        assertThat(RegistryClient.parse(byGuid.path("schema").asText())).isEqualTo(RegistryClient.parse(schema));
    }

    @Test
    void shouldAnswer40403ForTheGuidOfAHardDeletedSchemaAsForItsId() {
        JsonNode registered = register("guid-hard-deleted-value", schemaRequest(intRecord("GuidHardDeleted", "a")));
        assertOk(client.delete("subjects/guid-hard-deleted-value"));
        assertOk(client.delete("subjects/guid-hard-deleted-value?permanent=true"));

        assertError(client.get("schemas/ids/" + registered.path("id").asInt()), 404, 40403);
        assertError(client.get("schemas/guids/" + guidOf(registered)), 404, 40403);
    }

    @Test
    void shouldResolveAGuidWrittenInUppercase() {
        JsonNode registered = register("guid-uppercase-value", schemaRequest(intRecord("GuidUppercase", "a")));

        JsonNode byGuid = assertOk(
                        client.get("schemas/guids/" + guidOf(registered).toUpperCase()))
                .json();

        assertThat(byGuid.path("guid").asText()).isEqualTo(guidOf(registered));
    }

    @Test
    void shouldAcceptAndIgnoreTheFormatQueryParameterAsById() {
        JsonNode registered = register("guid-format-value", schemaRequest(intRecord("GuidFormat", "a")));
        String path = "schemas/guids/" + guidOf(registered);

        JsonNode plain = assertOk(client.get(path)).json();

        assertThat(assertOk(client.get(path + "?format=resolved")).json()).isEqualTo(plain);
    }

    @Test
    void shouldAnswer40403NamingTheGuidForAnUnknownGuid() {
        String unknown = UUID.randomUUID().toString();

        Reply reply = assertError(client.get("schemas/guids/" + unknown), 404, 40403);

        assertThat(reply.message()).contains(unknown).contains("not found");
    }

    static List<String> malformedGuids() {
        List<String> guids = new ArrayList<>(List.of(
                "not-a-guid",
                "42",
                "3f1c2a9e5b7d8c419e2f0a6b4d8c7e15",
                "3f1c2a9e-5b7d-8c41-9e2f-0a6b4d8c7e1",
                "3f1c2a9e-5b7d-8c41-9e2f-0a6b4d8c7e155",
                "3f1c2a9g-5b7d-8c41-9e2f-0a6b4d8c7e15",
                "%7B3f1c2a9e-5b7d-8c41-9e2f-0a6b4d8c7e15%7D",
                "%20",
                "%00",
                "%0D%0Ainjected:%20header",
                "%25",
                "%27%3B--%20DROP",
                "%F0%9F%93%A6",
                "%c0%ae%c0%ae",
                "..%2F..%2Fetc%2Fpasswd",
                "3f1c2a9e-5b7d-8c41-9e2f-0a6b4d8c7e15%00"));
        guids.add("a".repeat(10_000));
        guids.add("3f1c2a9e-5b7d-8c41-9e2f-0a6b4d8c7e15".repeat(100));
        guids.add("%41".repeat(2_000));
        return guids;
    }

    @ParameterizedTest(name = "GET /schemas/guids/{0}")
    @MethodSource("malformedGuids")
    void shouldAnswer40403ExplainingTheGuidFormForTextThatIsNotAGuid(String guid, TestReporter reporter) {
        Reply reply = client.get("schemas/guids/" + guid);

        reporter.publishEntry("malformed GUID", reply.toString());
        assertError(reply, 404, 40403);
        assertThat(reply.message()).contains("8-4-4-4-12");
        assertThat(reply.message().length()).as("message length of %s", reply).isLessThan(600);
    }

    @ParameterizedTest(name = "GET /schemas/guids/{0}")
    @ValueSource(strings = {"%ZZ", "%", "%G0", "abc%2", "%%30", "%u0041"})
    void shouldAnswer400NotAServerErrorToBrokenPercentEncoding(String guid) {
        // java.net.http only builds valid URIs; this request line goes over a plain socket, as sent.
        Reply reply = client.rawGet("schemas/guids/" + guid);

        assertError(reply, 400, 400);
        assertThat(reply.message()).contains("percent-encode");
    }

    @Test
    void shouldAnswerAnUnknownRouteForAnEmptyGuid() {
        assertError(client.get("schemas/guids/"), 404, 404);
    }
}
