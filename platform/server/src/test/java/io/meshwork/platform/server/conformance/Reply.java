package io.meshwork.platform.server.conformance;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One HTTP exchange with the registry: what was asked and what came back, printable in assertion messages. */
record Reply(String method, String path, int status, String contentType, String body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** @return the body parsed as JSON */
    JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the body of " + this + " is not JSON", e);
        }
    }

    /** @return whether the body parses as JSON */
    boolean isJson() {
        try {
            MAPPER.readTree(body);
            return !body.isBlank();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** @return the {@code id} of a registration answer */
    int id() {
        return json().path("id").asInt(-1);
    }

    /** @return the {@code error_code} of an error answer, or -1 */
    int errorCode() {
        if (!isJson()) {
            return -1;
        }
        JsonNode code = json().path("error_code");
        return code.isInt() ? code.asInt() : -1;
    }

    /** @return the {@code message} of an error answer, or null */
    String message() {
        return isJson() && json().path("message").isTextual()
                ? json().path("message").asText()
                : null;
    }

    /** @return the body as a list of ints, e.g. the versions of a subject */
    List<Integer> ints() {
        List<Integer> result = new ArrayList<>();
        json().forEach(node -> result.add(node.asInt()));
        return result;
    }

    /** @return the body as a list of strings, e.g. subject names */
    List<String> strings() {
        List<String> result = new ArrayList<>();
        json().forEach(node -> result.add(node.asText()));
        return result;
    }

    @Override
    public String toString() {
        String shown = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
        String shownPath = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return method + " /" + shownPath + " -> " + status + " [" + contentType + "] " + shown;
    }
}
