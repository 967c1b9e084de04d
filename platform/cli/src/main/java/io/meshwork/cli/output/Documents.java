package io.meshwork.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** JSON and YAML renderings of the documents commands print with {@code --output json|yaml}. */
public final class Documents {
    /** The mapper meshctl reads the platform's answers with and writes JSON with. */
    public static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final ObjectMapper COMPACT = JsonMapper.builder().build();
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private Documents() {}

    /** @return a new empty JSON object */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * @param document what to print
     * @param format JSON or YAML
     * @return the document as text, ending with a line break
     */
    public static String render(JsonNode document, OutputFormat format) {
        try {
            return switch (format) {
                case YAML -> YAML.writeValueAsString(document);
                case JSON, TABLE -> JSON.writeValueAsString(document) + System.lineSeparator();
            };
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the document as one line of JSON (for JSON lines output) */
    public static String line(JsonNode document) {
        try {
            return COMPACT.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param text JSON text
     * @return the parsed document
     * @throws IOException when it is not JSON
     */
    public static JsonNode parse(String text) throws IOException {
        return JSON.readTree(text);
    }
}
