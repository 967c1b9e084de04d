package io.meshwork.descriptor;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.meshwork.descriptor.Descriptors.FULL;
import static io.meshwork.descriptor.Descriptors.MINIMAL;
import static io.meshwork.descriptor.Descriptors.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CanonicalJsonTest {

    @Test
    void shouldWriteTheFullDescriptorCanonically() throws DescriptorException {
        String json = CanonicalJson.write(parse(FULL).descriptor());

        assertThat(json)
                .isEqualTo("{\"classification\":\"internal\","
                        + "\"deprecation\":{\"reason\":\"Amounts become decimals in v2.\",\"successor\":\"sales.orders.v2\","
                        + "\"sunset\":\"2027-01-31\"},"
                        + "\"description\":\"Every order placed in the web shop, one record per order.\\nCancelled orders"
                        + " are included, with status CANCELLED.\\n\","
                        + "\"domain\":\"sales\",\"id\":\"sales.orders\","
                        + "\"inputPorts\":[{\"major\":1,\"product\":\"sales.carts\"},{\"topic\":\"sales.raw-orders\"}],"
                        + "\"outputPorts\":[{\"compatibility\":\"FULL_TRANSITIVE\","
                        + "\"fieldTags\":{\"customer.phone\":[\"pii\",\"contact\"],\"customerEmail\":[\"pii\"]},"
                        + "\"keySchema\":{\"class\":\"io.example.sales.OrderKey\"},\"partitions\":6,\"retention\":\"7d\","
                        + "\"schema\":{\"path\":\"schemas/order.avsc\"},\"topic\":\"sales.orders.v1\"}],"
                        + "\"owner\":{\"email\":\"sales-core@example.com\",\"team\":\"sales-core\"},"
                        + "\"policies\":{\"docs.every-field\":\"blocker\"},"
                        + "\"quality\":[{\"action\":\"dlq\",\"expression\":\"record.amount > 0\",\"name\":\"positive-amount\"},"
                        + "{\"action\":\"drop\",\"expression\":\"record.customerId != \\\"\\\"\",\"name\":\"has-customer\"}],"
                        + "\"slos\":{\"availability\":99.9,\"freshness\":\"5m\",\"throughputPerSecond\":100.0},"
                        + "\"support\":{\"channel\":\"#sales-data\",\"url\":\"https://wiki.example.com/sales\"},"
                        + "\"tags\":[\"orders\",\"revenue\"],"
                        + "\"terms\":{\"limitations\":\"No orders before 2024.\",\"usage\":\"Reporting and forecasting.\"},"
                        + "\"title\":\"Orders\",\"version\":\"1.2.0\"}");
    }

    @Test
    void shouldReadBackWhatItWrites() throws DescriptorException {
        ProductDescriptor d = parse(FULL).descriptor();

        assertThat(CanonicalJson.read(CanonicalJson.write(d))).isEqualTo(d);
    }

    @Test
    void shouldOmitAbsentOptionalFieldsAndEmptyCollections() throws DescriptorException {
        String json =
                CanonicalJson.write(parse(MINIMAL + "tags: []\npolicies: {}\n").descriptor());

        assertThat(json)
                .isEqualTo("{\"domain\":\"sales\",\"id\":\"sales.orders\",\"outputPorts\":[{\"schema\":{\"path\":"
                        + "\"schemas/order.avsc\"},\"topic\":\"sales.orders.v1\"}],\"title\":\"sales.orders\","
                        + "\"version\":\"1.0.0\"}");
    }

    @Test
    void shouldSortKeysAtEveryLevel() throws Exception {
        JsonNode tree =
                new ObjectMapper().readTree(CanonicalJson.write(parse(FULL).descriptor()));

        assertSorted(tree, "$");
    }

    private static void assertSorted(JsonNode node, String path) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                names.add(e.getKey());
                assertSorted(e.getValue(), path + "." + e.getKey());
            }
            assertThat(names).as("keys of %s", path).isSorted();
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSorted(node.get(i), path + "[" + i + "]");
            }
        }
    }

    @Test
    void shouldWriteTheSameBytesWhateverTheMapOrder() throws DescriptorException {
        ProductDescriptor d = parse(FULL).descriptor();
        Map<String, PolicySeverity> forward = new LinkedHashMap<>();
        Map<String, PolicySeverity> backward = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            forward.put("policy." + i, PolicySeverity.WARNING);
        }
        for (int i = 49; i >= 0; i--) {
            backward.put("policy." + i, PolicySeverity.WARNING);
        }

        String a = CanonicalJson.write(withPolicies(d, forward));
        String b = CanonicalJson.write(withPolicies(d, backward));

        assertThat(a).isEqualTo(b);
        assertThat(CanonicalJson.write(d))
                .isEqualTo(CanonicalJson.write(parse(FULL).descriptor()));
    }

    @Test
    void shouldWriteNoWhitespaceOutsideStrings() throws DescriptorException {
        String json = CanonicalJson.write(parse(MINIMAL).descriptor());

        assertThat(json).doesNotContain("\n", "\t", ": ", ", ");
    }

    @ParameterizedTest
    @CsvSource({
        "PT168H, 7d",
        "PT336H, 14d",
        "PT12H, 12h",
        "PT36H, 36h",
        "PT90M, 90m",
        "PT1S, 1s",
        "PT1.5S, 1500ms",
        "PT0.001S, 1ms",
        "PT0.0005S, PT0.0005S",
        "PT1.000000001S, PT1.000000001S",
    })
    void shouldWriteDurationsInTheLargestExactUnit(String duration, String written) {
        Duration value = Duration.parse(duration);

        assertThat(DurationText.format(value, true)).isEqualTo(written);
        assertThat(DurationText.parse(written, "retention", true).value()).isEqualTo(value);
    }

    @Test
    void shouldWriteInfiniteRetentionAsInfiniteButNeverFreshness() {
        assertThat(DurationText.format(OutputPort.INFINITE_RETENTION, true)).isEqualTo("infinite");
        assertThat(DurationText.format(OutputPort.INFINITE_RETENTION, false)).isEqualTo("9223372036854775807ms");
        assertThat(DurationText.parse("9223372036854775807ms", "freshness", false)
                        .value())
                .isEqualTo(OutputPort.INFINITE_RETENTION);
    }

    @Test
    void shouldReportBadJsonWithTheJsonFileName() {
        DescriptorException e = catchThrowableOfType(
                DescriptorException.class, () -> CanonicalJson.read("{\"id\":\"a\",\"version\":\"1.0\"}"));

        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("<json>"));
        assertThat(e.problems())
                .extracting(DescriptorProblem::field)
                .containsExactly("domain", "outputPorts", "version");
        assertThat(e.problems().get(2).column()).isEqualTo(21);
    }

    @Test
    void shouldReportJsonSyntaxErrorsWithColumn() {
        DescriptorException e = catchThrowableOfType(
                DescriptorException.class, () -> CanonicalJson.read("{\"id\":\"a\" \"version\":\"1.0.0\"}"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("<json>");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).startsWith("YAML syntax error");
        });
    }

    @Test
    void shouldRoundTripRandomValidDescriptors() throws DescriptorException {
        Random random = new Random(2024);
        for (int i = 0; i < 500; i++) {
            ProductDescriptor d = randomDescriptor(random);

            String json = CanonicalJson.write(d);
            ProductDescriptor read = CanonicalJson.read(json);

            assertThat(read).as("round trip of %s", json).isEqualTo(d);
            assertThat(CanonicalJson.write(read)).as("stable").isEqualTo(json);
        }
    }

    private static ProductDescriptor withPolicies(ProductDescriptor d, Map<String, PolicySeverity> policies) {
        return new ProductDescriptor(
                d.id(),
                d.version(),
                d.domain(),
                d.title(),
                d.description(),
                d.owner(),
                d.support(),
                d.tags(),
                d.classification(),
                d.outputPorts(),
                d.inputPorts(),
                d.slos(),
                d.quality(),
                d.terms(),
                d.deprecation(),
                policies);
    }

    // ---- a generator of valid descriptors, with the values most likely to break quoting

    private static final String[] AWKWARD = {
        "yes",
        "no",
        "null",
        "~",
        "true",
        "1.0",
        "017",
        "0x1F",
        "2027-01-31",
        "- item",
        "a: b",
        "#hash",
        "*star",
        "&amp",
        "!bang",
        "@at",
        "`tick",
        "%pct",
        "'single'",
        "\"double\"",
        "back\\slash",
        " leading",
        "trailing ",
        "{brace}",
        "[bracket]",
        "ü ö ä",
        "注文",
        "😀",
        "a\u200Db",
        "x/y",
        "<json>",
        ".inf",
        "1e5"
    };

    private static String text(Random random, boolean multiLine) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            s.append(random.nextBoolean() ? AWKWARD[random.nextInt(AWKWARD.length)] : "w" + random.nextInt(1000));
            if (multiLine && random.nextInt(4) == 0) {
                s.append(random.nextBoolean() ? "\n" : "\t");
            }
        }
        return s.toString().isBlank() ? "x" : s.toString();
    }

    private static String tag(Random random) {
        return text(random, false).toLowerCase(Locale.ROOT);
    }

    private static <T> T maybe(Random random, T value) {
        return random.nextBoolean() ? value : null;
    }

    private static Duration duration(Random random, boolean allowInfinite) {
        return switch (random.nextInt(6)) {
            case 0 -> allowInfinite ? OutputPort.INFINITE_RETENTION : Duration.ofDays(1 + random.nextInt(3650));
            case 1 -> Duration.ofMillis(1 + (random.nextLong() & Long.MAX_VALUE));
            case 2 -> Duration.ofNanos(1 + random.nextInt(999_999_999));
            case 3 -> Duration.ofHours(1 + random.nextInt(10_000));
            case 4 -> Duration.ofSeconds(1 + random.nextInt(100_000), random.nextInt(1_000_000_000));
            default -> Duration.ofMinutes(1 + random.nextInt(100_000));
        };
    }

    private static double percentage(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> 100.0;
            case 1 -> Math.max(Double.MIN_VALUE, random.nextDouble() * 100);
            default -> 90 + random.nextInt(100) / 10.0;
        };
    }

    private static SchemaSource schema(Random random) {
        return random.nextBoolean()
                ? SchemaSource.ofPath(text(random, false))
                : SchemaSource.ofClass("io.example.C" + random.nextInt(100) + (random.nextBoolean() ? "$Inner" : ""));
    }

    static ProductDescriptor randomDescriptor(Random random) {
        List<OutputPort> outputs = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            Map<String, List<String>> fieldTags = new LinkedHashMap<>();
            for (int k = 0, m = random.nextInt(4); k < m; k++) {
                fieldTags.put(
                        (random.nextBoolean() ? "customer." : "") + "f" + random.nextInt(100),
                        List.of(tag(random), tag(random)));
            }
            outputs.add(new OutputPort(
                    text(random, false),
                    schema(random),
                    maybe(random, schema(random)),
                    maybe(random, 1 + random.nextInt(10_000)),
                    maybe(random, duration(random, true)),
                    maybe(random, DescriptorReader.COMPATIBILITY_LEVELS.get(random.nextInt(7))),
                    fieldTags));
        }
        List<InputPort> inputs = new ArrayList<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            inputs.add(
                    random.nextBoolean()
                            ? new InputPort(text(random, false), random.nextInt(1_000_000_000), null)
                            : new InputPort(null, null, text(random, false)));
        }
        List<QualityRule> rules = new ArrayList<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            rules.add(new QualityRule(
                    "rule-" + i + text(random, false),
                    text(random, true),
                    QualityRule.Action.values()[random.nextInt(3)]));
        }
        Map<String, PolicySeverity> policies = new LinkedHashMap<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            policies.put(text(random, false), PolicySeverity.values()[random.nextInt(4)]);
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            tags.add(tag(random));
        }
        String id = text(random, false);
        boolean successor = random.nextBoolean();
        return new ProductDescriptor(
                id,
                random.nextInt(1000) + "." + random.nextInt(1000) + "." + random.nextInt(1000),
                text(random, false),
                random.nextBoolean() ? id : text(random, false),
                maybe(random, text(random, true)),
                maybe(
                        random,
                        new ProductDescriptor.Owner(text(random, false), "team" + random.nextInt(9) + "@example.com")),
                maybe(
                        random,
                        new ProductDescriptor.Support(
                                text(random, false), maybe(random, "https://example.com/" + random.nextInt(99)))),
                tags,
                maybe(random, Classification.values()[random.nextInt(4)]),
                outputs,
                inputs,
                maybe(
                        random,
                        new Slos(
                                duration(random, false),
                                maybe(random, percentage(random)),
                                maybe(
                                        random,
                                        random.nextBoolean()
                                                ? 1e300 * random.nextDouble() + 1
                                                : random.nextInt(10_000) + 0.25))),
                rules,
                maybe(random, new ProductDescriptor.Terms(text(random, true), maybe(random, text(random, true)))),
                maybe(
                        random,
                        new Deprecation(
                                successor ? text(random, false) : null,
                                successor ? random.nextInt(1_000_000_000) : null,
                                LocalDate.of(1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                                maybe(random, text(random, true)))),
                policies);
    }
}
