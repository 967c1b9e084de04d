package io.meshwork.cli.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentsTest {
    private static ObjectNode document() {
        ObjectNode doc = Documents.object()
                .put("id", "sales.orders")
                .put("version", "1.0")
                .put("partitions", 3);
        doc.putArray("tags").add("orders").add("revenue");
        doc.putNull("successor");
        return doc;
    }

    @Test
    void shouldPrintJsonPrettyWithALineBreakAtTheEnd() {
        String json = Documents.render(document(), OutputFormat.JSON);

        assertThat(json)
                .startsWith("{\n  \"id\" : \"sales.orders\",")
                .contains("\"partitions\" : 3")
                .endsWith("}" + System.lineSeparator());
    }

    @Test
    void shouldPrintYamlWithoutADocumentMarkerAndKeepTextThatLooksLikeANumberText() {
        String yaml = Documents.render(document(), OutputFormat.YAML);

        assertThat(yaml)
                .startsWith("id: sales.orders\n")
                .contains("version: \"1.0\"\n")
                .contains("partitions: 3\n")
                .contains("tags:\n- orders\n- revenue\n")
                .contains("successor: null\n");
    }

    @Test
    void shouldWriteOneLineOfJsonForJsonLines() {
        assertThat(Documents.line(document())).doesNotContain("\n").startsWith("{\"id\":\"sales.orders\"");
    }
}
