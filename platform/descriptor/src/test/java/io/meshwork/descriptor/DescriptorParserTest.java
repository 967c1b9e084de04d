package io.meshwork.descriptor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.meshwork.descriptor.Descriptors.FILE;
import static io.meshwork.descriptor.Descriptors.FULL;
import static io.meshwork.descriptor.Descriptors.MINIMAL;
import static io.meshwork.descriptor.Descriptors.parse;
import static io.meshwork.descriptor.Descriptors.withFields;
import static io.meshwork.descriptor.Descriptors.withPortFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class DescriptorParserTest {

    @Test
    void shouldReadEveryFieldOfAFullDescriptor() throws DescriptorException {
        ParsedDescriptor parsed = parse(FULL);
        ProductDescriptor d = parsed.descriptor();

        assertThat(parsed.file()).isEqualTo(FILE);
        assertThat(d.id()).isEqualTo("sales.orders");
        assertThat(d.version()).isEqualTo("1.2.0");
        assertThat(d.major()).isEqualTo(1);
        assertThat(d.domain()).isEqualTo("sales");
        assertThat(d.title()).isEqualTo("Orders");
        assertThat(d.description())
                .isEqualTo("Every order placed in the web shop, one record per order.\n"
                        + "Cancelled orders are included, with status CANCELLED.\n");
        assertThat(d.owner()).isEqualTo(new ProductDescriptor.Owner("sales-core", "sales-core@example.com"));
        assertThat(d.support())
                .isEqualTo(new ProductDescriptor.Support("#sales-data", "https://wiki.example.com/sales"));
        assertThat(d.tags()).containsExactly("orders", "revenue");
        assertThat(d.classification()).isEqualTo(Classification.INTERNAL);

        assertThat(d.outputPorts()).hasSize(1);
        OutputPort port = d.outputPorts().get(0);
        assertThat(port.topic()).isEqualTo("sales.orders.v1");
        assertThat(port.schema()).isEqualTo(SchemaSource.ofPath("schemas/order.avsc"));
        assertThat(port.keySchema()).isEqualTo(SchemaSource.ofClass("io.example.sales.OrderKey"));
        assertThat(port.partitions()).isEqualTo(6);
        assertThat(port.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(port.compatibility()).isEqualTo("FULL_TRANSITIVE");
        assertThat(port.fieldTags())
                .containsOnly(
                        entry("customerEmail", List.of("pii")), entry("customer.phone", List.of("pii", "contact")));
        assertThat(port.fieldsTagged("pii")).containsExactly("customer.phone", "customerEmail");

        assertThat(d.inputPorts())
                .containsExactly(new InputPort("sales.carts", 1, null), new InputPort(null, null, "sales.raw-orders"));
        assertThat(d.slos()).isEqualTo(new Slos(Duration.ofMinutes(5), 99.9, 100.0));
        assertThat(d.quality())
                .containsExactly(
                        new QualityRule("positive-amount", "record.amount > 0", QualityRule.Action.DLQ),
                        new QualityRule("has-customer", "record.customerId != \"\"", QualityRule.Action.DROP));
        assertThat(d.terms())
                .isEqualTo(new ProductDescriptor.Terms("Reporting and forecasting.", "No orders before 2024."));
        assertThat(d.deprecation())
                .isEqualTo(new Deprecation(
                        "sales.orders", 2, LocalDate.of(2027, 1, 31), "Amounts become decimals in v2."));
        assertThat(d.policies()).containsOnly(entry("docs.every-field", PolicySeverity.BLOCKER));
    }

    @Test
    void shouldRecordTheLineOfEveryFieldPresent() throws DescriptorException {
        ParsedDescriptor parsed = parse(FULL);

        assertThat(parsed.lines())
                .contains(
                        entry("id", 1),
                        entry("version", 2),
                        entry("description", 5),
                        entry("owner", 8),
                        entry("owner.email", 8),
                        entry("tags", 10),
                        entry("tags[1]", 10),
                        entry("outputPorts", 12),
                        entry("outputPorts[0]", 13),
                        entry("outputPorts[0].topic", 13),
                        entry("outputPorts[0].schema", 14),
                        entry("outputPorts[0].keySchema.class", 15),
                        entry("outputPorts[0].partitions", 16),
                        entry("outputPorts[0].fieldTags", 19),
                        entry("outputPorts[0].fieldTags.customerEmail", 20),
                        entry("outputPorts[0].fieldTags.customer.phone", 21),
                        entry("inputPorts[1].topic", 25),
                        entry("slos.availability", 26),
                        entry("quality[1].action", 32),
                        entry("terms.limitations", 35),
                        entry("deprecation.sunset", 36),
                        entry("policies.docs.every-field", 37));
        assertThat(parsed.locate("outputPorts[0].partitions")).isEqualTo(FILE + ":16#outputPorts[0].partitions");
        assertThat(parsed.locate("outputPorts[0].retention.unit"))
                .isEqualTo(FILE + ":17#outputPorts[0].retention.unit");
    }

    @Test
    void shouldReadAMinimalDescriptorWithDefaults() throws DescriptorException {
        ProductDescriptor d = parse(MINIMAL).descriptor();

        assertThat(d.title()).as("title defaults to the id").isEqualTo("sales.orders");
        assertThat(d.description()).isNull();
        assertThat(d.owner()).isNull();
        assertThat(d.support()).isNull();
        assertThat(d.tags()).isEmpty();
        assertThat(d.classification()).isNull();
        assertThat(d.inputPorts()).isEmpty();
        assertThat(d.slos()).isNull();
        assertThat(d.quality()).isEmpty();
        assertThat(d.terms()).isNull();
        assertThat(d.deprecation()).isNull();
        assertThat(d.policies()).isEmpty();
        OutputPort port = d.outputPorts().get(0);
        assertThat(port.keySchema()).isNull();
        assertThat(port.partitions()).isNull();
        assertThat(port.retention()).isNull();
        assertThat(port.compatibility()).isNull();
        assertThat(port.effectiveCompatibility()).isEqualTo(OutputPort.DEFAULT_COMPATIBILITY);
        assertThat(port.fieldTags()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "schema: schemas/order.avsc            | schemas/order.avsc |",
                "schema: Order.AVSC                    | Order.AVSC         |",
                "schema: io.example.sales.Order        |                    | io.example.sales.Order",
                "schema: io.example.Outer$Inner        |                    | io.example.Outer$Inner",
                "schema: {path: schemas/order.json}    | schemas/order.json |",
                "schema: {class: io.example.Order}     |                    | io.example.Order",
            })
    void shouldReadEachFormOfSchemaSource(String line, String path, String className) throws DescriptorException {
        String text = MINIMAL.replace("schema: schemas/order.avsc", line);

        SchemaSource schema = parse(text).descriptor().outputPorts().get(0).schema();

        assertThat(schema).isEqualTo(new SchemaSource(path, className));
    }

    @ParameterizedTest
    @CsvSource({
        "7d, PT168H",
        "2w, PT336H",
        "12h, PT12H",
        "30m, PT30M",
        "45s, PT45S",
        "1500ms, PT1.5S",
        "P7D, PT168H",
        "PT12H, PT12H",
        "p1dt2h, PT26H",
        "PT0.0005S, PT0.0005S",
    })
    void shouldReadEachFormOfRetention(String written, String expected) throws DescriptorException {
        OutputPort port = parse(withPortFields("retention: " + written))
                .descriptor()
                .outputPorts()
                .get(0);

        assertThat(port.retention()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void shouldReadInfiniteRetentionInAnyCase() throws DescriptorException {
        assertThat(parse(withPortFields("retention: infinite"))
                        .descriptor()
                        .outputPorts()
                        .get(0)
                        .retention())
                .isEqualTo(OutputPort.INFINITE_RETENTION);
        assertThat(parse(withPortFields("retention: Infinite"))
                        .descriptor()
                        .outputPorts()
                        .get(0)
                        .retention())
                .isEqualTo(OutputPort.INFINITE_RETENTION);
    }

    @ParameterizedTest
    @CsvSource({"none, NONE", "BACKWARD, BACKWARD", "Forward_Transitive, FORWARD_TRANSITIVE", "full, FULL"})
    void shouldReadCompatibilityInAnyCaseAndStoreItUppercase(String written, String stored) throws DescriptorException {
        OutputPort port = parse(withPortFields("compatibility: " + written))
                .descriptor()
                .outputPorts()
                .get(0);

        assertThat(port.compatibility()).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource({"public, PUBLIC", "INTERNAL, INTERNAL", "Confidential, CONFIDENTIAL", "restricted, RESTRICTED"})
    void shouldReadClassificationInAnyCase(String written, Classification expected) throws DescriptorException {
        assertThat(parse(withFields("classification: " + written)).descriptor().classification())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"off, OFF", "info, INFO", "Warning, WARNING", "BLOCKER, BLOCKER"})
    void shouldReadEachPolicySeverity(String written, PolicySeverity expected) throws DescriptorException {
        assertThat(parse(withFields("policies: {docs.every-field: " + written + "}"))
                        .descriptor()
                        .policies())
                .containsOnly(entry("docs.every-field", expected));
    }

    @ParameterizedTest
    @CsvSource({"dlq, DLQ", "drop, DROP", "FAIL, FAIL"})
    void shouldReadEachQualityAction(String written, QualityRule.Action expected) throws DescriptorException {
        String text = withFields("quality: [{name: r, expression: x > 0, action: " + written + "}]");

        assertThat(parse(text).descriptor().quality().get(0).action()).isEqualTo(expected);
    }

    @Test
    void shouldDefaultQualityActionToDeadLetterTopic() throws DescriptorException {
        String text = withFields("quality: [{name: r, expression: x > 0}]");

        assertThat(parse(text).descriptor().quality().get(0).action()).isEqualTo(QualityRule.Action.DLQ);
    }

    @Test
    void shouldReadSlosWrittenAsWholeNumbersAndIsoDurations() throws DescriptorException {
        Slos slos = parse(withFields("slos: {freshness: PT30S, availability: 100, throughputPerSecond: 0.5}"))
                .descriptor()
                .slos();

        assertThat(slos).isEqualTo(new Slos(Duration.ofSeconds(30), 100.0, 0.5));
    }

    @Test
    void shouldReadPartialSlosSupportAndTerms() throws DescriptorException {
        ProductDescriptor d = parse(
                        withFields(
                                """
                        slos: {availability: 99.5}
                        support: {channel: "#help"}
                        terms: {limitations: Sampled.}
                        """))
                .descriptor();

        assertThat(d.slos()).isEqualTo(new Slos(null, 99.5, null));
        assertThat(d.support()).isEqualTo(new ProductDescriptor.Support("#help", null));
        assertThat(d.terms()).isEqualTo(new ProductDescriptor.Terms(null, "Sampled."));
    }

    @Test
    void shouldReadDeprecationWithoutSuccessor() throws DescriptorException {
        Deprecation deprecation = parse(withFields("deprecation: {sunset: 2026-12-31}"))
                .descriptor()
                .deprecation();

        assertThat(deprecation).isEqualTo(new Deprecation(null, null, LocalDate.of(2026, 12, 31), null));
    }

    @Test
    void shouldReadSuccessorWhoseProductIdContainsAVersionLikePart() throws DescriptorException {
        Deprecation deprecation = parse(withFields("deprecation: {successor: sales.v1.orders.v12, sunset: 2026-12-31}"))
                .descriptor()
                .deprecation();

        assertThat(deprecation.successorProduct()).isEqualTo("sales.v1.orders");
        assertThat(deprecation.successorMajor()).isEqualTo(12);
    }

    @Test
    void shouldReadScalarsAsTheTextWritten() throws DescriptorException {
        // YAML 1.1 would read these as a boolean, a float, an octal number and a timestamp.
        ProductDescriptor d = parse(
                        """
                        id: "1.0"
                        version: '0.1.0'
                        domain: yes
                        title: 017
                        tags: [on, "null", 2027-01-31]
                        outputPorts: [{topic: off, schema: a.avsc}]
                        deprecation: {sunset: "2027-01-31"}
                        """)
                .descriptor();

        assertThat(d.id()).isEqualTo("1.0");
        assertThat(d.version()).isEqualTo("0.1.0");
        assertThat(d.domain()).isEqualTo("yes");
        assertThat(d.title()).isEqualTo("017");
        assertThat(d.tags()).containsExactly("on", "null", "2027-01-31");
        assertThat(d.outputPorts().get(0).topic()).isEqualTo("off");
        assertThat(d.deprecation().sunset()).isEqualTo(LocalDate.of(2027, 1, 31));
    }

    @Test
    void shouldReadSeveralOutputPorts() throws DescriptorException {
        String text = MINIMAL
                + """
                  - topic: sales.orders-by-day.v1
                    schema: {class: io.example.sales.DailyOrders}
                    partitions: 1
                """;

        ParsedDescriptor parsed = parse(text);

        assertThat(parsed.descriptor().outputPorts())
                .extracting(OutputPort::topic)
                .containsExactly("sales.orders.v1", "sales.orders-by-day.v1");
        assertThat(parsed.lines()).contains(entry("outputPorts[1]", 7), entry("outputPorts[1].partitions", 9));
    }

    @Test
    void shouldReadCanonicalJson() throws DescriptorException {
        String json = "{\"domain\":\"sales\",\"id\":\"sales.orders\",\"outputPorts\":[{\"partitions\":3,"
                + "\"retention\":\"infinite\",\"schema\":{\"path\":\"o.avsc\"},\"topic\":\"sales.orders.v1\"}],"
                + "\"slos\":{\"availability\":99.9},\"version\":\"1.0.0\"}";

        ProductDescriptor d = parse(json).descriptor();

        assertThat(d.outputPorts().get(0).partitions()).isEqualTo(3);
        assertThat(d.outputPorts().get(0).retention()).isEqualTo(OutputPort.INFINITE_RETENTION);
        assertThat(d.slos().availability()).isEqualTo(99.9);
    }

    @Test
    void shouldReadPrettyPrintedJsonIndentedWithTabs() throws DescriptorException {
        String json = "{\n\t\"id\": \"sales.orders\",\n\t\"version\": \"1.0.0\",\n\t\"domain\": \"sales\",\n"
                + "\t\"description\": \"Tab\\there\",\n"
                + "\t\"outputPorts\": [\n\t\t{\"topic\": \"t\", \"schema\": \"a.avsc\"}\n\t]\n}\n";

        ParsedDescriptor parsed = parse(json);

        assertThat(parsed.descriptor().description()).isEqualTo("Tab\there");
        assertThat(parsed.lines()).contains(entry("domain", 4), entry("outputPorts[0].topic", 7));
    }

    @Test
    void shouldReadBytesWithByteOrderMarkAndWindowsLineEnds() throws DescriptorException {
        byte[] bytes = ("\uFEFF" + FULL.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);

        ParsedDescriptor parsed = DescriptorParser.parse(FILE, bytes);

        assertThat(parsed.descriptor()).isEqualTo(parse(FULL).descriptor());
        assertThat(parsed.lines()).contains(entry("policies", 37));
    }

    @Test
    void shouldAcceptNonAsciiTextAndEmojiInFreeText() throws DescriptorException {
        ProductDescriptor d = parse(
                        withFields(
                                """
                        title: Bestellungen – Übersicht 注文
                        description: "Orders 👩‍💻 with\\ttabs\\nand lines"
                        """))
                .descriptor();

        assertThat(d.title()).isEqualTo("Bestellungen – Übersicht 注文");
        assertThat(d.description()).isEqualTo("Orders 👩‍💻 with\ttabs\nand lines");
    }

    @Test
    void shouldAcceptEmptyOptionalLists() throws DescriptorException {
        ProductDescriptor d = parse(withFields("tags: []\ninputPorts: []\nquality: []\npolicies: {}\n"))
                .descriptor();

        assertThat(d.tags()).isEmpty();
        assertThat(d.inputPorts()).isEmpty();
        assertThat(d.quality()).isEmpty();
        assertThat(d.policies()).isEqualTo(Map.of());
    }

    @Test
    void shouldAcceptAnchorsAndAliasesForRepeatedValues() throws DescriptorException {
        String text = MINIMAL.replace(
                "schema: schemas/order.avsc", "schema: schemas/order.avsc\n    fieldTags: {a: &pii [pii], b: *pii}");

        OutputPort port = parse(text).descriptor().outputPorts().get(0);

        assertThat(port.fieldTags()).containsOnly(entry("a", List.of("pii")), entry("b", List.of("pii")));
    }
}
