package io.meshwork.platform.server.conformance;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertErrorBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Never a 5xx for bad input: Confluent's serializers retry 408/500/503/504, so a validation failure answered with
 * one would turn a client's mistake into a retry storm.
 */
class MalformedRequestsIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private final RegistryClient client = registry.client();

    /** One bad request: method, path, body (null for none) and content type (null for none). */
    record BadRequest(String method, String path, String body, String contentType) {
        static BadRequest of(String method, String path, String body) {
            return new BadRequest(method, path, body, RegistryClient.V1_JSON);
        }
    }

    @Test
    void shouldNeverAnswerAServerErrorToMalformedRequests() {
        client.register("malformed-known-value", intRecord("MalformedKnown", "a"));
        String v1 = RegistryClient.V1_JSON;
        List<BadRequest> requests = List.of(
                BadRequest.of("POST", "subjects/m-value/versions", "{"),
                BadRequest.of("POST", "subjects/m-value/versions", "[]"),
                BadRequest.of("POST", "subjects/m-value/versions", "null"),
                BadRequest.of("POST", "subjects/m-value/versions", "42"),
                BadRequest.of("POST", "subjects/m-value/versions", "\"schema\""),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":42}"),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":{\"type\":\"int\"}}"),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":null}"),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":\"\"}"),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"enum\\\"}\"}"),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":\"\\\"int\\\"\",\"references\":42}"),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":\"\\\"int\\\"\",\"references\":[{}]}"),
                BadRequest.of("POST", "subjects/m-value/versions", "{\"schema\":\"\\\"int\\\"\",\"schemaType\":42}"),
                BadRequest.of("POST", "subjects/m-value/versions?normalize=maybe", "{\"schema\":\"\\\"int\\\"\"}"),
                new BadRequest("POST", "subjects/m-value/versions", "\u00ff\u00fe\u0000garbage", "text/plain"),
                new BadRequest("POST", "subjects/m-value/versions", "<xml/>", "application/xml"),
                new BadRequest("POST", "subjects/m-value/versions", null, null),
                BadRequest.of("POST", "subjects/malformed-known-value", "{"),
                BadRequest.of(
                        "POST", "subjects/malformed-known-value", "{\"schema\":\"{\\\"type\\\":\\\"record\\\"}\"}"),
                BadRequest.of("POST", "subjects/malformed-known-value?deleted=sometimes", "{}"),
                BadRequest.of("GET", "subjects/malformed-known-value/versions/latest%00", null),
                BadRequest.of("GET", "subjects/malformed-known-value/versions/%20", null),
                BadRequest.of("GET", "subjects/malformed-known-value/versions/1e3", null),
                BadRequest.of("GET", "subjects/malformed-known-value/versions/0x10", null),
                BadRequest.of("GET", "subjects/malformed-known-value/versions/1/referencedby/extra", null),
                BadRequest.of("GET", "subjects/malformed-known-value/versions/abc/referencedby", null),
                BadRequest.of("GET", "subjects?deleted=notaboolean", null),
                BadRequest.of("GET", "schemas/ids/-1", null),
                BadRequest.of("GET", "schemas/ids/0", null),
                BadRequest.of("GET", "schemas/ids/99999999999999999999", null),
                BadRequest.of("GET", "schemas/ids/1.5/schema", null),
                BadRequest.of("GET", "schemas/ids/%00/versions", null),
                BadRequest.of("DELETE", "subjects/malformed-known-value/versions/-5", null),
                BadRequest.of("DELETE", "subjects/malformed-known-value/versions/abc?permanent=true", null),
                BadRequest.of("DELETE", "subjects/malformed-known-value?permanent=perhaps", null),
                BadRequest.of("PUT", "config", "[]"),
                BadRequest.of("PUT", "config", "{\"compatibility\":42}"),
                BadRequest.of("PUT", "config", "{\"compatibility\":null}"),
                BadRequest.of("PUT", "config/malformed-known-value", "{\"compatibility\":[\"FULL\"]}"),
                BadRequest.of("PUT", "mode", "{\"mode\":{}}"),
                BadRequest.of("PUT", "mode/malformed-known-value", ""),
                new BadRequest("PUT", "config", "{\"compatibility\":\"FULL\"", v1),
                BadRequest.of("POST", "compatibility/subjects/malformed-known-value/versions/latest", "{"),
                BadRequest.of("POST", "compatibility/subjects/malformed-known-value/versions/latest", "{}"),
                BadRequest.of(
                        "POST",
                        "compatibility/subjects/malformed-known-value/versions/-7",
                        "{\"schema\":\"\\\"int\\\"\"}"),
                BadRequest.of(
                        "POST",
                        "compatibility/subjects/malformed-known-value/versions/latest?verbose=loud",
                        "{\"schema\":\"{\\\"type\\\":\\\"record\\\"}\"}"),
                BadRequest.of(
                        "POST",
                        "compatibility/subjects/malformed-unknown-value/versions/3",
                        "{\"schema\":\"\\\"int\\\"\"}"));

        SoftAssertions softly = new SoftAssertions();
        for (BadRequest request : requests) {
            Reply reply = client.send(request.method(), request.path(), request.body(), request.contentType());
            softly.assertThat(reply.status()).as("status of %s", reply).isLessThan(500);
            if (reply.status() >= 400) {
                softly.check(() -> assertErrorBody(reply));
            }
        }
        softly.assertAll();
        assertThat(client.get("subjects").status()).isEqualTo(200);
    }
}
