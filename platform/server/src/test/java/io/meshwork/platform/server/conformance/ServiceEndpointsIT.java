package io.meshwork.platform.server.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertErrorBody;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** The small endpoints clients probe, unknown routes and wrong methods, and the responses' content type. */
class ServiceEndpointsIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private final RegistryClient client = registry.client();

    @Test
    void shouldListAvroAmongTheSchemaTypes() {
        assertThat(assertOk(client.get("schemas/types")).strings()).contains("AVRO");
    }

    @Test
    void shouldListOnlyTheDefaultContext() {
        assertThat(assertOk(client.get("contexts")).json()).isEqualTo(parse("[\".\"]"));
    }

    @Test
    void shouldAnswerAnEmptyObjectAtTheRoot() {
        assertThat(assertOk(client.get("")).json()).isEqualTo(parse("{}"));
    }

    @ParameterizedTest(name = "GET /{0}")
    @ValueSource(
            strings = {
                "associations",
                "associations/subjects/orders-value",
                "associations/resources/lkc-123/topics/orders",
                "associations/resourceTypes/topic/resources/orders?resourceNamespace=lkc-1"
            })
    void shouldAnswerNotFoundOrAnEmptyListForAssociations(String path) {
        Reply reply = client.get(path);

        if (reply.status() == 200) {
            assertThat(reply.json()).as("%s", reply).isEqualTo(parse("[]"));
        } else {
            assertThat(reply.status()).as("status of %s", reply).isEqualTo(404);
        }
    }

    @ParameterizedTest(name = "GET /{0}")
    @ValueSource(strings = {"no-such-route", "subjects/x/versions/1/nothing/here", "schemas/ids/1/everything"})
    void shouldAnswer404WithErrorCode404ForAnUnknownRoute(String path) {
        assertError(client.get(path), 404, 404);
    }

    @ParameterizedTest(name = "{0} /{1}")
    @CsvSource({"PATCH, subjects", "DELETE, schemas/types", "PUT, contexts", "POST, schemas/ids/1", "DELETE, ''"})
    void shouldAnswerAWrongMethodOnAKnownRouteWithAClientError(String method, String path) {
        Reply reply = client.send(method, path, "{}", RegistryClient.V1_JSON);

        assertThat(reply.status()).as("status of %s", reply).isIn(404, 405);
        assertErrorBody(reply);
    }

    @Test
    void shouldAnswerWithTheProtocolContentTypeOnEveryEndpoint() {
        int id = client.register("content-type-value", intRecord("ContentType", "a"));

        for (String path : new String[] {
            "",
            "subjects",
            "subjects/content-type-value/versions",
            "subjects/content-type-value/versions/latest",
            "schemas/ids/" + id,
            "schemas/ids/" + id + "/subjects",
            "schemas/types",
            "config",
            "mode",
            "contexts"
        }) {
            assertOk(client.get(path));
        }
    }

    @Test
    void shouldAnswerErrorsWithJson() {
        Reply reply = client.get("subjects/no-such-value/versions");

        assertError(reply, 404, 40401);
        assertThat(reply.contentType()).as("%s", reply).contains("json");
    }

    @Test
    void shouldAnswerAClientThatOnlyAcceptsPlainJson() {
        Reply reply = client.sendTo(registry.uri().resolve("subjects"), "GET", null, null, "application/json");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().isArray()).isTrue();
    }
}
