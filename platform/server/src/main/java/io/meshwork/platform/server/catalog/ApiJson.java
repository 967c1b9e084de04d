package io.meshwork.platform.server.catalog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** JSON in and out for the catalog API: strict request reading with precise errors, responses from records. */
final class ApiJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a field sent twice would otherwise lose one of its values without a word
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(2 * 1024 * 1024)
                        .build());
    }

    private ApiJson() {}

    static MutableHttpResponse<String> ok(Object body) {
        return respond(HttpStatus.OK, body);
    }

    static MutableHttpResponse<String> respond(HttpStatus status, Object body) {
        try {
            return HttpResponse.<String>status(status)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a catalog response", e);
        }
    }

    /**
     * Parses a request body into a JSON object whose fields are all among {@code allowed}.
     *
     * @param example a valid body, shown in the error
     */
    static JsonNode object(String body, Set<String> allowed, String example) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request body is empty", "send a JSON object such as " + example);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw ApiException.badRequest(
                    "the request body is not valid JSON" + where + ": " + e.getOriginalMessage(),
                    "send a JSON object such as " + example);
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(
                    "the request body must be a JSON object", "send a JSON object such as " + example);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(
                    "unknown field(s) " + unknown + " in the request body",
                    "send only " + allowed.stream().sorted().toList() + ", e.g. " + example);
        }
        return node;
    }

    /**
     * @return the free-text field (a reason, a purpose), or null when absent and not required; control characters
     *     other than tab and line breaks are refused
     */
    static String text(JsonNode body, String field, boolean required, int maxLength) {
        return withoutControls(field, document(body, field, required, maxLength), "\t\n\r");
    }

    /** @return the one-line field (a name, a principal), or null when absent and not required; no control characters */
    static String line(JsonNode body, String field, boolean required, int maxLength) {
        return withoutControls(field, document(body, field, required, maxLength), "");
    }

    /**
     * @return the field holding a whole document (a descriptor), unchecked for control characters: its parser reports
     *     them with their line and field; or null when absent and not required
     */
    static String document(JsonNode body, String field, boolean required, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(
                        "the request body has no \"" + field + "\"", "add \"" + field + "\" (a string)");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(
                    "\"" + field + "\" must be a string, not "
                            + value.getNodeType().name().toLowerCase(),
                    "send \"" + field + "\" as a JSON string");
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            throw ApiException.badRequest("\"" + field + "\" is empty", "give \"" + field + "\" a value");
        }
        if (text.length() > maxLength) {
            throw ApiException.badRequest(
                    "\"" + field + "\" is " + text.length() + " characters long; at most " + maxLength
                            + " are accepted",
                    "shorten \"" + field + "\"");
        }
        return text;
    }

    private static String withoutControls(String field, String text, String allowed) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && allowed.indexOf(c) < 0) {
                throw ApiException.badRequest(
                        String.format(
                                Locale.ROOT,
                                "\"%s\" contains the control character U+%04X at position %d",
                                field,
                                (int) c,
                                i + 1),
                        "remove control characters from \"" + field + "\""
                                + (allowed.isEmpty() ? "" : "; only tab and line breaks are allowed"));
            }
        }
        return text;
    }

    /** @return the whole-number field, or null when absent and not required */
    static Integer integer(JsonNode body, String field, boolean required, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(
                        "the request body has no \"" + field + "\"", "add \"" + field + "\" (a whole number)");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw ApiException.badRequest(
                    "\"" + field + "\" must be a whole number from " + min + " to " + max + ", not " + value,
                    "send \"" + field + "\" as a number such as " + min);
        }
        return value.asInt();
    }
}
