package io.meshwork.platform.server.conformance;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the registry's answers that print the whole exchange when they fail. */
final class RegistryAssertions {
    private RegistryAssertions() {}

    /** Asserts a successful answer with the protocol's content type. */
    static Reply assertOk(Reply reply) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(200);
        assertThat(reply.contentType()).as("content type of %s", reply).startsWith(RegistryClient.V1_JSON);
        return reply;
    }

    /** Asserts an error answer with exactly this status and {@code error_code}, and a message. */
    static Reply assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertErrorBody(reply);
        assertThat(reply.errorCode()).as("error_code of %s", reply).isEqualTo(errorCode);
        return reply;
    }

    /** Asserts an error answer with this status and one of the given {@code error_code}s. */
    static Reply assertErrorOneOf(Reply reply, int status, int... errorCodes) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertErrorBody(reply);
        assertThat(reply.errorCode())
                .as("error_code of %s, expected one of %s", reply, Arrays.toString(errorCodes))
                .isIn(Arrays.stream(errorCodes).boxed().toArray());
        return reply;
    }

    /** Asserts a client error (4xx) with the protocol's error body. */
    static Reply assertClientError(Reply reply) {
        assertThat(reply.status()).as("status of %s", reply).isBetween(400, 499);
        assertErrorBody(reply);
        return reply;
    }

    /** Asserts {@code {"error_code": int, "message": "non-empty"}}. */
    static void assertErrorBody(Reply reply) {
        assertThat(reply.isJson()).as("error body of %s is JSON", reply).isTrue();
        JsonNode json = reply.json();
        assertThat(json.path("error_code").isInt())
                .as("error_code is an int in %s", reply)
                .isTrue();
        assertThat(json.path("message").isTextual())
                .as("message is text in %s", reply)
                .isTrue();
        assertThat(json.path("message").asText()).as("message of %s", reply).isNotBlank();
    }
}
