package io.meshwork.registry;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedSubschemasTest {
    /** Schemas of every kind, several versions of the same records among them, so that pairs are both ways. */
    private static final List<String> CORPUS = List.of(
            "\"string\"",
            "\"long\"",
            "[\"null\",\"long\"]",
            "[\"null\",\"string\",\"long\"]",
            "{\"type\":\"array\",\"items\":[\"null\",\"long\"]}",
            "{\"type\":\"map\",\"values\":\"int\",\"x-owner\":\"sales\"}",
            "{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"NEW\",\"PAID\"]}",
            "{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"NEW\",\"PAID\",\"SHIPPED\"],\"default\":\"NEW\"}",
            "{\"type\":\"fixed\",\"name\":\"Hash\",\"size\":16}",
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"sales\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"amount\",\"type\":[\"null\",\"long\"],\"default\":null},"
                    + "{\"name\":\"note\",\"type\":[\"null\",\"long\"],\"default\":null}]}",
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"sales\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"amount\",\"type\":[\"null\",\"string\"],\"default\":null},"
                    + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}",
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"sales\",\"aliases\":[\"Purchase\"],"
                    + "\"x-classification\":\"internal\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\",\"doc\":\"the id\",\"order\":\"descending\"},"
                    + "{\"name\":\"placedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
                    + "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"Status\","
                    + "\"symbols\":[\"NEW\",\"PAID\"]},\"default\":\"NEW\"},"
                    + "{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Line\","
                    + "\"fields\":[{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\"}]}},"
                    + "\"default\":[]},"
                    + "{\"name\":\"firstLine\",\"type\":[\"null\",\"Line\"],\"default\":null},"
                    + "{\"name\":\"price\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,"
                    + "\"scale\":2},\"aliases\":[\"cost\"],\"default\":\"\\u0000\"}]}",
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"sales\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"Status\","
                    + "\"symbols\":[\"NEW\",\"PAID\",\"SHIPPED\"],\"default\":\"NEW\"},\"default\":\"NEW\"},"
                    + "{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Line\","
                    + "\"fields\":[{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"long\"}]}},"
                    + "\"default\":[]}]}",
            "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"value\",\"type\":\"int\"},"
                    + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"],\"default\":null}]}",
            "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"value\",\"type\":\"long\"},"
                    + "{\"name\":\"children\",\"type\":{\"type\":\"array\",\"items\":\"Node\"},\"default\":[]},"
                    + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"],\"default\":null}]}");

    @Test
    void shouldRebuildEverySchemaEqualToTheParsedOneAndPrintingTheSameJson() {
        for (String text : CORPUS) {
            Schema parsed = parse(text);
            Schema shared = SharedSubschemas.share(parsed);

            assertThat(shared).as(text).isEqualTo(parsed);
            assertThat(shared.toString()).as(text).isEqualTo(parsed.toString());
        }
    }

    @Test
    void shouldShareEqualFieldTypesWithinASchemaAndAcrossSchemas() {
        Schema first = SharedSubschemas.share(parse(CORPUS.get(9)));
        Schema second = SharedSubschemas.share(parse(CORPUS.get(9)));

        assertThat(first.getField("amount").schema())
                .isSameAs(first.getField("note").schema());
        assertThat(first.getField("amount").schema())
                .isSameAs(second.getField("amount").schema());
        assertThat(first).isNotSameAs(second);
    }

    @Test
    void shouldKeepOneInstanceForANamedRecordReferencedTwiceAndForRecursion() {
        Schema order = SharedSubschemas.share(parse(CORPUS.get(11)));
        Schema line = order.getField("lines").schema().getElementType();
        assertThat(order.getField("firstLine").schema().getTypes().get(1)).isSameAs(line);

        Schema node = SharedSubschemas.share(parse(CORPUS.get(14)));
        assertThat(node.getField("next").schema().getTypes().get(1)).isSameAs(node);
        assertThat(node.getField("children").schema().getElementType()).isSameAs(node);
    }

    @Test
    void shouldGiveAvroTheSameVerdictAsTheParsedSchemasForEveryPairOfTheCorpus() {
        List<Schema> parsed = new ArrayList<>();
        CORPUS.forEach(text -> parsed.add(parse(text)));
        List<Schema> shared = parsed.stream().map(SharedSubschemas::share).toList();

        for (int reader = 0; reader < parsed.size(); reader++) {
            for (int writer = 0; writer < parsed.size(); writer++) {
                SchemaCompatibility.SchemaCompatibilityType expected =
                        SchemaCompatibility.checkReaderWriterCompatibility(parsed.get(reader), parsed.get(writer))
                                .getType();
                SchemaCompatibility.SchemaCompatibilityType actual = SchemaCompatibility.checkReaderWriterCompatibility(
                                shared.get(reader), shared.get(writer))
                        .getType();
                assertThat(actual)
                        .as("reader %s, writer %s", CORPUS.get(reader), CORPUS.get(writer))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldStillNameEveryFieldThatBrokeWhenTheyShareOneType() {
        // Both fields change from ["null","long"] to ["null","string"]: Avro remembers the shared pair once, but the
        // checker explains with the parsed schemas, so both fields are named.
        List<String> messages = CompatibilityChecker.check(
                CompatibilityLevel.BACKWARD,
                parse(CORPUS.get(10)),
                List.of(new CompatibilityChecker.Prior(1, parse(CORPUS.get(9)))));

        assertThat(String.join("\n", messages)).contains("field: 'amount'").contains("field: 'note'");
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
