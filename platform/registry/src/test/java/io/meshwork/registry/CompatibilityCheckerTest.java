package io.meshwork.registry;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityCheckerTest {
    private static final Schema V1 =
            parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
    private static final Schema V2_OPTIONAL_B = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}]}");
    private static final Schema V3_REQUIRED_C_NO_A = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"},{\"name\":\"c\",\"type\":\"long\"}]}");

    @Test
    void shouldAcceptAnOptionalFieldUnderFullTransitive() {
        assertThat(CompatibilityChecker.check(
                        CompatibilityLevel.FULL_TRANSITIVE,
                        V2_OPTIONAL_B,
                        List.of(new CompatibilityChecker.Prior(1, V1))))
                .isEmpty();
    }

    @Test
    void shouldNameTheFieldTheDirectionTheVersionAndTheFixOfABreakingChange() {
        List<String> messages = CompatibilityChecker.check(
                CompatibilityLevel.BACKWARD,
                V3_REQUIRED_C_NO_A,
                List.of(new CompatibilityChecker.Prior(2, V2_OPTIONAL_B)));

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0))
                .contains("BACKWARD")
                .contains("oldSchemaVersion: 2")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("field 'c'")
                .contains("give it a default");
    }

    @Test
    void shouldNameTheNestedFieldWhoseTypeChanged() {
        Schema before = parse("{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"customer\",\"type\":{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
                + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"}]}}]}");
        Schema after = parse("{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"customer\",\"type\":{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
                + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"string\"}]}}]}");

        List<String> messages = CompatibilityChecker.check(
                CompatibilityLevel.BACKWARD, after, List.of(new CompatibilityChecker.Prior(1, before)));

        assertThat(messages)
                .singleElement()
                .asString()
                .contains("TYPE_MISMATCH")
                .contains("field: 'customer.age'")
                .contains("at field 'customer.age'");
    }

    @Test
    void shouldResolveLocationsThroughArraysMapsAndUnions() {
        Schema schema = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\","
                + "\"name\":\"Line\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"}]}}},"
                + "{\"name\":\"extra\",\"type\":[\"null\",{\"type\":\"map\",\"values\":{\"type\":\"record\","
                + "\"name\":\"Extra\",\"fields\":[{\"name\":\"note\",\"type\":\"string\"}]}}],\"default\":null}]}");

        assertThat(CompatibilityChecker.fieldAt(schema, "/fields/0/type/items/fields/0/type"))
                .isEqualTo("lines.sku");
        assertThat(CompatibilityChecker.fieldAt(schema, "/fields/1/type/1/values/fields/0/type"))
                .isEqualTo("extra.note");
        assertThat(CompatibilityChecker.fieldAt(schema, "/")).isEmpty();
        assertThat(CompatibilityChecker.fieldAt(schema, "/fields/9/type")).isEmpty();
        assertThat(CompatibilityChecker.fieldAt(schema, "/fields/99999999999/type"))
                .isEmpty();
    }

    @Test
    void shouldCheckOnlyTheLatestUnlessTransitive() {
        Schema v2WithoutA = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}]}");
        Schema candidate = parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                        + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"},{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"}]}");
        List<CompatibilityChecker.Prior> history =
                List.of(new CompatibilityChecker.Prior(1, V1), new CompatibilityChecker.Prior(2, v2WithoutA));

        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, candidate, history))
                .isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD_TRANSITIVE, candidate, history))
                .singleElement()
                .asString()
                .contains("oldSchemaVersion: 1")
                .contains("TYPE_MISMATCH");
    }

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void shouldAcceptAnythingAsTheFirstVersion(CompatibilityLevel level) {
        assertThat(CompatibilityChecker.check(level, V3_REQUIRED_C_NO_A, List.of()))
                .isEmpty();
    }

    @Test
    void shouldKeepMessagesInVersionOrderWhenCheckingALongHistoryInParallel() {
        Schema incompatible =
                parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        List<CompatibilityChecker.Prior> history = new java.util.ArrayList<>();
        for (int version = 1; version <= 40; version++) {
            history.add(new CompatibilityChecker.Prior(version, V1));
        }

        List<String> messages =
                CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, incompatible, history);

        assertThat(messages).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(messages.get(i)).contains("oldSchemaVersion: " + (i + 1) + ",");
        }
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
