package io.meshwork.descriptor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Descriptor texts and assertions shared by the tests. */
final class Descriptors {
    static final String FILE = "domains/sales/dataproduct.yaml";

    /** Every field, in the forms a team would write them. Line numbers matter to the tests. */
    static final String FULL =
            """
            id: sales.orders
            version: 1.2.0
            domain: sales
            title: Orders
            description: |
              Every order placed in the web shop, one record per order.
              Cancelled orders are included, with status CANCELLED.
            owner: {team: sales-core, email: sales-core@example.com}
            support: {channel: "#sales-data", url: https://wiki.example.com/sales}
            tags: [orders, Revenue]
            classification: Internal
            outputPorts:
              - topic: sales.orders.v1
                schema: schemas/order.avsc
                keySchema: {class: io.example.sales.OrderKey}
                partitions: 6
                retention: 7d
                compatibility: full_transitive
                fieldTags:
                  customerEmail: [pii]
                  "customer.phone": [pii, contact]
            inputPorts:
              - product: sales.carts
                major: 1
              - topic: sales.raw-orders
            slos: {freshness: 5m, availability: 99.9, throughputPerSecond: 100}
            quality:
              - name: positive-amount
                expression: "record.amount > 0"
              - name: has-customer
                expression: record.customerId != ""
                action: drop
            terms:
              usage: Reporting and forecasting.
              limitations: No orders before 2024.
            deprecation: {successor: sales.orders.v2, sunset: 2027-01-31, reason: Amounts become decimals in v2.}
            policies: {docs.every-field: blocker}
            """;

    /** The required fields only; lines 1 to 6. Tests append fields at line 7 onwards. */
    static final String MINIMAL =
            """
            id: sales.orders
            version: 1.0.0
            domain: sales
            outputPorts:
              - topic: sales.orders.v1
                schema: schemas/order.avsc
            """;

    private Descriptors() {}

    /** @return {@link #MINIMAL} with {@code lines} added to its output port, from line 7 on */
    static String withPortFields(String lines) {
        return MINIMAL + lines.indent(4);
    }

    /** @return {@link #MINIMAL} with {@code lines} added at the root, from line 7 on */
    static String withFields(String lines) {
        return MINIMAL + lines;
    }

    static ParsedDescriptor parse(String text) throws DescriptorException {
        return DescriptorParser.parse(FILE, text);
    }

    /** @return the problems reading {@code text} reports; fails when it reads without any */
    static List<DescriptorProblem> problems(String text) {
        DescriptorException e = catchThrowableOfType(DescriptorException.class, () -> parse(text));
        assertThat(e).as("problems expected for:%n%s", text).isNotNull();
        assertThat(e.problems()).isNotEmpty().allSatisfy(Descriptors::assertWellFormed);
        return e.problems();
    }

    /** @return the one problem reading {@code text} reports */
    static DescriptorProblem onlyProblem(String text) {
        List<DescriptorProblem> problems = problems(text);
        assertThat(problems).as("one problem expected").hasSize(1);
        return problems.get(0);
    }

    /** Asserts a problem's place, and that its message and fix say what is expected. */
    static void assertProblem(DescriptorProblem p, int line, String field, String message, String fix) {
        assertThat(p.file()).isEqualTo(FILE);
        assertThat(p.line()).as("line of %s", p).isEqualTo(line);
        assertThat(p.field()).as("field of %s", p).isEqualTo(field);
        assertThat(p.message()).as("message of %s", p).contains(message);
        assertThat(p.fix()).as("fix of %s", p).contains(fix);
    }

    /** Every problem names its file and says what is wrong and how to fix it, in visible text on one line. */
    static void assertWellFormed(DescriptorProblem p) {
        assertThat(p.file()).isNotBlank();
        assertThat(p.message()).isNotBlank();
        assertThat(p.fix()).isNotBlank();
        assertThat(p.toString()).doesNotContain("\n", "\r", "\u001b", "\u202e", "\u0000");
        assertThat(p.line()).isNotNegative();
        assertThat(p.column()).isNotNegative();
    }
}
