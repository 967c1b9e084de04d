package io.meshwork.platform.server.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertClientError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.encode;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** Subject names and paths an attacker or a careless tool might send. */
class HostileInputIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private final RegistryClient client = registry.client();

    @Test
    void shouldHandleAnEncodedSlashInASubjectNameWithoutAServerError(TestReporter reporter) {
        Reply reply = client.post("subjects/team%2Forders-value/versions", schemaRequest(intRecord("Slashed", "a")));

        reporter.publishEntry("encoded slash", reply.toString());
        if (reply.status() == 200) {
            assertThat(assertOk(client.get("subjects")).strings()).contains("team/orders-value");
            assertThat(assertOk(client.get("subjects/team%2Forders-value/versions"))
                            .ints())
                    .containsExactly(1);
        } else {
            assertClientError(reply);
        }
    }

    @Test
    void shouldHandleAVeryLongSubjectNameWithoutAServerError(TestReporter reporter) {
        String name = "s".repeat(10_000);

        Reply reply = client.post("subjects/" + name + "/versions", schemaRequest(intRecord("Long", "a")));

        reporter.publishEntry("10 000-char subject", reply.status() + " " + reply.errorCode());
        if (reply.status() == 200) {
            assertThat(assertOk(client.get("subjects")).strings()).contains(name);
        } else {
            assertClientError(reply);
        }
        assertOk(client.get("subjects"));
    }

    @ParameterizedTest(name = "subject {0}")
    @ValueSource(strings = {"%00orders", "orders%0A", "orders%0D%0Ainjected:%20header", "or%07ders", "%7F"})
    void shouldRefuseSubjectNamesWithControlCharactersAsInvalidSubjects(String encodedName) {
        Reply reply = client.post("subjects/" + encodedName + "/versions", schemaRequest(intRecord("Control", "a")));

        assertError(reply, 422, 42208);
    }

    @ParameterizedTest(name = "GET /{0}")
    @ValueSource(
            strings = {
                "subjects/%ZZ/versions",
                "subjects/orders%/versions",
                "schemas/ids/%G1",
                "subjects?subjectPrefix=%",
                "%"
            })
    void shouldAnswer400NotAServerErrorToBrokenPercentEncoding(String rawPath) {
        // java.net.http only builds valid URIs; this request line goes over a plain socket, as sent.
        Reply reply = client.rawGet(rawPath);

        assertError(reply, 400, 400);
        assertThat(reply.contentType()).startsWith(RegistryClient.V1_JSON);
        assertOk(client.get("subjects"));
    }

    @Test
    void shouldRegisterAndListAUnicodeSubjectName() {
        String name = "ventes-commandes-été-订单-📦-value";

        client.register(name, intRecord("Unicode", "a"));

        assertThat(assertOk(client.get("subjects")).strings()).contains(name);
        assertThat(assertOk(client.get("subjects/" + encode(name) + "/versions"))
                        .ints())
                .containsExactly(1);
    }

    @Test
    void shouldRegisterAndListASubjectNameWithSpacesAndPunctuation() {
        String name = "orders value:v1 (draft)";

        client.register(name, intRecord("Punctuated", "a"));

        assertThat(assertOk(client.get("subjects")).strings()).contains(name);
    }

    @ParameterizedTest(name = "GET /{0}")
    @ValueSource(
            strings = {
                "../../../../etc/passwd",
                "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "..%2f..%2f..%2fetc%2fpasswd",
                "subjects/..%2f..%2f..%2fetc%2fpasswd/versions",
                "static/..%252f..%252fetc%252fpasswd",
                "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"
            })
    void shouldAnswer404ToPathTraversalAttempts(String path) {
        Reply reply = client.get(path);

        assertThat(reply.status()).as("status of %s", reply).isEqualTo(404);
        assertThat(reply.body()).doesNotContain("root:");
    }
}
