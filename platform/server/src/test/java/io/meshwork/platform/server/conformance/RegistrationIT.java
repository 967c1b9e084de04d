package io.meshwork.platform.server.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meshwork.platform.server.conformance.AvroSchemas.field;
import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.AvroSchemas.record;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertErrorBody;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static io.meshwork.platform.server.conformance.RegistryClient.versionsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /subjects/{s}/versions}: ids, idempotence, schema sameness, invalid input. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrationIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RegistryClient client = registry.client();

    @Test
    @Order(1)
    void shouldAssignTheNextIdAfterThePlatformsOwnSchemasAndTheNextIntToTheNext() {
        // the platform registers the schemas of its own topics (mesh.lifecycle.v1, mesh.governance.v1) at start
        List<String> own = assertOk(client.get("subjects")).strings();
        assertThat(own).allSatisfy(subject -> assertThat(subject).startsWith("mesh."));
        int highest = 0;
        for (String subject : own) {
            highest = Math.max(
                    highest,
                    assertOk(client.get(versionsOf(subject) + "/latest")).id());
        }

        Reply first = assertOk(client.post(versionsOf("first-value"), schemaRequest(intRecord("First", "a"))));
        assertThat(first.json().path("id").isInt())
                .as("id is an int in %s", first)
                .isTrue();
        assertThat(first.id()).isEqualTo(highest + 1);

        Reply second = assertOk(client.post(versionsOf("second-value"), schemaRequest(intRecord("Second", "a"))));
        assertThat(second.id()).isEqualTo(highest + 2);
    }

    @Test
    void shouldReturnTheSameIdAndCreateNoVersionWhenTheSameSchemaIsRegisteredAgain() {
        String schema = intRecord("Again", "a");
        int id = client.register("again-value", schema);

        int secondId = client.register("again-value", schema);

        assertThat(secondId).isEqualTo(id);
        assertThat(assertOk(client.get(versionsOf("again-value"))).ints()).containsExactly(1);
    }

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredUnderTwoSubjects() {
        String schema = intRecord("Shared", "a");

        int underFirst = client.register("shared-one-value", schema);
        int underSecond = client.register("shared-two-value", schema);

        assertThat(underSecond).isEqualTo(underFirst);
        assertThat(assertOk(client.get(versionsOf("shared-two-value"))).ints()).containsExactly(1);
    }

    @Test
    void shouldReturnTheExistingIdWithoutANewVersionWhenAnOlderVersionIsRegisteredAgain() {
        String v1 = intRecord("Older", "a");
        int v1Id = client.register("older-value", v1);
        client.register("older-value", record("Older", field("a", "int"), field("b", "int", "0")));

        int again = client.register("older-value", v1);

        assertThat(again).isEqualTo(v1Id);
        assertThat(assertOk(client.get(versionsOf("older-value"))).ints()).containsExactly(1, 2);
        assertThat(assertOk(client.get("subjects/older-value/versions/latest"))
                        .json()
                        .path("version")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void shouldAssignANewIdAndVersionToADifferentSchema() {
        int first = client.register("different-value", intRecord("Different", "a"));

        int second = client.register("different-value", record("Different", field("a", "int"), field("b", "int", "0")));

        assertThat(second).isGreaterThan(first);
        assertThat(assertOk(client.get(versionsOf("different-value"))).ints()).containsExactly(1, 2);
    }

    @Test
    void shouldTreatFormattingDifferencesOfTheSameAvroSchemaAsTheSameSchema() {
        String compact = "{\"type\":\"record\",\"name\":\"Spaced\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
        String spaced = "{\n  \"type\" : \"record\",\n  \"name\" : \"Spaced\",\n  \"fields\" : [\n"
                + "    { \"name\" : \"a\", \"type\" : \"int\" }\n  ]\n}\n";
        int id = client.register("spaced-value", compact);

        int again = client.register("spaced-value", spaced);

        assertThat(again).isEqualTo(id);
        assertThat(assertOk(client.get(versionsOf("spaced-value"))).ints()).containsExactly(1);
    }

    @Test
    void shouldAcceptTheNormalizeQueryParameter() {
        String schema = intRecord("Normalized", "a");

        Reply first = assertOk(client.post(versionsOf("normalized-value") + "?normalize=true", schemaRequest(schema)));
        Reply again = assertOk(client.post(versionsOf("normalized-value") + "?normalize=true", schemaRequest(schema)));

        assertThat(first.json().path("id").isInt()).as("id in %s", first).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(assertOk(client.get(versionsOf("normalized-value"))).ints()).containsExactly(1);
    }

    @Test
    void shouldTreatAnOmittedSchemaTypeAsAvro() {
        String schema = intRecord("Typeless", "a");
        int id = client.register("typeless-value", schema);

        Reply explicit = assertOk(client.post(versionsOf("typeless-value"), schemaRequest(schema, "AVRO")));

        assertThat(explicit.id()).isEqualTo(id);
        Reply byId = assertOk(client.get("schemas/ids/" + id));
        assertThat(byId.json().path("schemaType").asText("AVRO"))
                .as("schemaType of %s", byId)
                .isEqualTo("AVRO");
    }

    @Test
    void shouldRefuseAnUnknownSchemaTypeAsAnInvalidSchema() {
        Reply reply = client.post(versionsOf("xml-value"), schemaRequest("<record/>", "XML"));

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldRefuseARecordWithoutANameAsAnInvalidSchema() {
        Reply reply = client.post(versionsOf("nameless-value"), schemaRequest("{\"type\":\"record\",\"fields\":[]}"));

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldRefuseARecordWithoutFieldsOrNameAsAnInvalidSchema() {
        Reply reply = client.post(versionsOf("bare-record-value"), schemaRequest("{\"type\":\"record\"}"));

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldRefuseAFieldOfAnUnknownTypeAsAnInvalidSchema() {
        Reply reply = client.post(
                versionsOf("unknown-type-value"), schemaRequest(record("Unknown", field("a", "com.example.Nowhere"))));

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldRefuseASchemaThatIsNotJsonAsAnInvalidSchema() {
        Reply reply = client.post(versionsOf("not-json-value"), schemaRequest("{this is not json"));

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldRefuseARequestWithoutSchemaAsAnInvalidSchema() {
        Reply reply = client.post(versionsOf("schemaless-value"), "{\"schemaType\":\"AVRO\"}");

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldRefuseAnEmptyJsonObjectAsAnInvalidSchema() {
        Reply reply = client.post(versionsOf("empty-object-value"), "{}");

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldAnswer400ToAMalformedJsonBody() {
        Reply reply = client.post(versionsOf("malformed-value"), "{\"schema\": ");

        assertError(reply, 400, 400);
    }

    @Test
    void shouldAnswerAClientErrorNotAServerErrorToAnEmptyBody() {
        Reply reply = client.post(versionsOf("empty-body-value"), "");

        assertThat(reply.status()).as("status of %s", reply).isIn(400, 422);
        assertErrorBody(reply);
    }

    @Test
    void shouldIgnoreUnknownFieldsInTheRequest() {
        String body = "{\"schema\":" + quote(intRecord("Extra", "a")) + ",\"somethingNew\":{\"x\":1}}";

        Reply reply = client.post(versionsOf("extra-field-value"), body);

        assertOk(reply);
        assertThat(reply.json().path("id").isInt()).isTrue();
    }

    @Test
    void shouldRefuseAnOversizedBodyWithAClientErrorAndKeepServing() {
        String body = "{\"schema\":\"" + "a".repeat(8 * 1024 * 1024) + "\"}";

        Reply reply = client.post(versionsOf("oversized-value"), body);

        assertThat(reply.status())
                .as("status of an 8 MiB request (413 preferred)")
                .isBetween(400, 499);
        assertOk(client.get("subjects"));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(
            strings = {
                "application/vnd.schemaregistry.v1+json",
                "application/vnd.schemaregistry+json",
                "application/json",
                "application/octet-stream"
            })
    void shouldAcceptEveryRequestContentTypeClientsSend(String contentType) {
        String subject = "content-type-" + contentType.replaceAll("[^a-z0-9]", "-") + "-value";

        Reply reply = client.send("POST", versionsOf(subject), schemaRequest(intRecord("Typed", "a")), contentType);

        assertOk(reply);
        assertThat(reply.json().path("id").isInt()).as("id in %s", reply).isTrue();
    }

    @Test
    void shouldTreatASchemaDifferingOnlyInItsDocAsADifferentSchema() {
        String plain = intRecord("Documented", "a");
        String documented = "{\"type\":\"record\",\"name\":\"Documented\",\"namespace\":\"com.example\","
                + "\"doc\":\"One documented record.\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
        int plainId = client.register("documented-value", plain);

        int documentedId = client.register("documented-value", documented);

        assertThat(documentedId).isNotEqualTo(plainId);
        assertThat(assertOk(client.get(versionsOf("documented-value"))).ints()).containsExactly(1, 2);
    }

    @Test
    void shouldTreatASchemaDifferingOnlyInACustomPropertyAsADifferentSchema() {
        String plain = intRecord("Propertied", "a");
        String propertied = "{\"type\":\"record\",\"name\":\"Propertied\",\"namespace\":\"com.example\","
                + "\"owner\":\"team-sales\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
        int plainId = client.register("propertied-value", plain);

        int propertiedId = client.register("propertied-value", propertied);

        assertThat(propertiedId).isNotEqualTo(plainId);
    }

    @Test
    void shouldStoreAndReturnMetadataAndRuleSetFaithfully() {
        ObjectNode request = MAPPER.createObjectNode().put("schema", intRecord("Governed", "a"));
        request.putObject("metadata").putObject("properties").put("owner", "team-sales");
        request.putObject("ruleSet")
                .putArray("domainRules")
                .addObject()
                .put("name", "checkA")
                .put("kind", "CONDITION")
                .put("type", "CEL")
                .put("mode", "WRITE")
                .put("expr", "message.a > 0");

        Reply registered = assertOk(client.post(versionsOf("governed-value"), request.toString()));

        JsonNode version =
                assertOk(client.get("subjects/governed-value/versions/1")).json();
        assertThat(version.path("id").asInt()).isEqualTo(registered.id());
        assertThat(version.path("metadata")).isEqualTo(request.path("metadata"));
        assertThat(version.path("ruleSet")).isEqualTo(request.path("ruleSet"));
    }

    @Test
    void shouldTreatMetadataAsPartOfASchemasIdentity() {
        ObjectNode first = MAPPER.createObjectNode().put("schema", intRecord("Owned", "a"));
        first.putObject("metadata").putObject("properties").put("owner", "team-a");
        ObjectNode second = MAPPER.createObjectNode().put("schema", intRecord("Owned", "a"));
        second.putObject("metadata").putObject("properties").put("owner", "team-b");
        int firstId = assertOk(client.post(versionsOf("owned-value"), first.toString()))
                .id();

        int secondId = assertOk(client.post(versionsOf("owned-value"), second.toString()))
                .id();

        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(assertOk(client.get(versionsOf("owned-value"))).ints()).containsExactly(1, 2);
    }

    @Test
    void shouldGiveOneIdAndOneVersionToTheSameSchemaRegisteredConcurrently() throws Exception {
        String schema = intRecord("Raced", "a");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                replies.add(pool.submit(() -> client.post(versionsOf("raced-value"), schemaRequest(schema))));
            }
            Set<Integer> ids = new HashSet<>();
            for (Future<Reply> reply : replies) {
                ids.add(assertOk(reply.get(30, TimeUnit.SECONDS)).id());
            }

            assertThat(ids).hasSize(1);
            assertThat(assertOk(client.get(versionsOf("raced-value"))).ints()).containsExactly(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldGiveDistinctIdsToDifferentSchemasRegisteredConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "Concurrent" + i;
                replies.add(pool.submit(() -> client.post(
                        versionsOf(name.toLowerCase(Locale.ROOT) + "-value"), schemaRequest(intRecord(name, "a")))));
            }
            Set<Integer> ids = new HashSet<>();
            for (Future<Reply> reply : replies) {
                ids.add(assertOk(reply.get(30, TimeUnit.SECONDS)).id());
            }

            assertThat(ids).hasSize(16);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String quote(String text) {
        return RegistryClient.parse(schemaRequest(text)).path("schema").toString();
    }
}
