package io.meshwork.descriptor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.meshwork.descriptor.Descriptors.FILE;
import static io.meshwork.descriptor.Descriptors.MINIMAL;
import static io.meshwork.descriptor.Descriptors.assertProblem;
import static io.meshwork.descriptor.Descriptors.onlyProblem;
import static io.meshwork.descriptor.Descriptors.problems;
import static io.meshwork.descriptor.Descriptors.withFields;
import static io.meshwork.descriptor.Descriptors.withPortFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each kind of mistake a team makes in a descriptor, and what the parser tells them. */
class DescriptorProblemsTest {

    @Test
    void shouldReportUnknownFieldWithSuggestion() {
        DescriptorProblem p = onlyProblem(withPortFields("partition: 6"));

        assertProblem(p, 7, "outputPorts[0].partition", "unknown field 'partition'", "did you mean 'partitions'?");
        assertThat(p.column()).isEqualTo(5);
        assertThat(p.toString())
                .isEqualTo(FILE + ":7:5: outputPorts[0].partition: unknown field 'partition'."
                        + " Fix: did you mean 'partitions'?");
    }

    @ParameterizedTest
    @CsvSource({
        "output_ports, outputPorts",
        "OutputPorts, outputPorts",
        "desc, description",
        "clasification, classification",
        "dprecation, deprecation",
        "polices, policies",
    })
    void shouldSuggestTheClosestRootField(String written, String suggested) {
        DescriptorProblem p = problems(withFields(written + ": x")).get(0);

        assertProblem(p, 7, written, "unknown field '" + written + "'", "did you mean '" + suggested + "'?");
    }

    @Test
    void shouldListAllowedFieldsWhenNothingIsClose() {
        DescriptorProblem p = onlyProblem(withFields("owner: {team: t, email: t@example.com, slack: x}"));

        assertProblem(p, 7, "owner.slack", "unknown field 'slack'", "the fields allowed here are team, email");
    }

    @Test
    void shouldReportMissingRequiredFieldsAtTheirMapping() {
        List<DescriptorProblem> problems = problems("title: Orders\n");

        assertThat(problems)
                .extracting(DescriptorProblem::field)
                .containsExactly("id", "version", "domain", "outputPorts");
        assertProblem(problems.get(0), 1, "id", "required field 'id' is missing", "add it, e.g. id: sales.orders");
        assertProblem(problems.get(3), 1, "outputPorts", "required field 'outputPorts' is missing", "outputPorts: [{");
    }

    @Test
    void shouldReportMissingPortFields() {
        List<DescriptorProblem> problems = problems(MINIMAL + "  - partitions: 3\n");

        assertThat(problems)
                .extracting(DescriptorProblem::field)
                .containsExactly("outputPorts[1].topic", "outputPorts[1].schema");
        assertProblem(
                problems.get(1),
                7,
                "outputPorts[1].schema",
                "required field 'schema' is missing",
                "schema: schemas/order.avsc");
    }

    @Test
    void shouldReportEmptyOutputPorts() {
        String text = MINIMAL.replace(
                "outputPorts:\n  - topic: sales.orders.v1\n    schema: schemas/order.avsc\n", "outputPorts: []\n");

        assertProblem(
                onlyProblem(text), 4, "outputPorts", "at least one output port", "list the topic the product writes");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "owner: sales-core                 | owner        | expected a mapping, got 'sales-core' | owner: {team: sales-core, email:",
                "tags: orders                      | tags         | expected a list of tags, got 'orders' | tags: [orders, revenue]",
                "title: [a, b]                     | title        | expected text, got a list             | title: Orders",
                "description: {a: b}               | description  | expected text, got a mapping          | description:",
                "inputPorts: {topic: x}            | inputPorts   | expected a list of input ports, got a mapping | inputPorts: [{product",
                "quality: [positive-amount]        | quality[0]   | expected a quality rule, got 'positive-amount' | quality: [{name",
                "slos: 5m                          | slos         | expected a mapping, got '5m'         | slos: {freshness: 5m",
                "policies: [docs.every-field]      | policies     | expected a mapping of policy ids to severities, got a list | policies: {docs.every-field: blocker}",
                "title:                            | title        | has no value                          | or remove the field",
                "title: ~                          | title        | has no value                          | title: Orders",
                "title: '  '                       | title        | must not be blank                     | title: Orders",
            })
    void shouldReportWrongTypes(String line, String field, String message, String fix) {
        assertProblem(onlyProblem(withFields(line)), 7, field, message, fix);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "partitions: six     | expected a whole number between 1 and 10000, got 'six' | e.g. partitions: 6",
                "partitions: '6'     | got the quoted text '6'                                 | remove the quotes: partitions: 6",
                "partitions: 6.0     | got '6.0'                                               | plain decimal digits",
                "partitions: 0x10    | got '0x10'                                              | plain decimal digits",
                "partitions: 1_000   | got '1_000'                                             | plain decimal digits",
                "partitions: 0       | expected a whole number between 1 and 10000, got 0      | use a value from 1 to 10000",
                "partitions: 10001   | got 10001                                               | use a value from 1 to 10000",
                "partitions: -3      | got -3                                                  | use a value from 1 to 10000",
                "partitions: 99999999999999999999999 | got 99999999999999999999999     | use a value from 1 to 10000",
                "partitions: [6]     | got a list                                              | partitions: 6",
            })
    void shouldReportBadPartitions(String line, String message, String fix) {
        assertProblem(onlyProblem(withPortFields(line)), 7, "outputPorts[0].partitions", message, fix);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "version: 1.2           | got '1.2'     | version: 1.2.0 (YAML reads 1.2 as a number",
                "version: 2             | got '2'       | version: 2.0.0",
                "version: v1.2.0        | got 'v1.2.0'  | drop the 'v': version: 1.2.0",
                "version: 1.02.0        | got '1.02.0'  | no leading zeros",
                "version: 1.2.0-beta    | got '1.2.0-beta' | MAJOR.MINOR.PATCH",
            })
    void shouldReportBadSemanticVersion(String line, String message, String fix) {
        String text = MINIMAL.replace("version: 1.0.0", line);

        assertProblem(onlyProblem(text), 2, "version", "expected a version MAJOR.MINOR.PATCH, " + message, fix);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"sales-core", "sales core@example.com", "a@b", "@example.com", "a@@example.com"})
    void shouldReportBadEmail(String email) {
        DescriptorProblem p = onlyProblem(withFields("owner: {team: sales-core, email: '" + email + "'}"));

        assertProblem(p, 7, "owner.email", "does not look like an email address", "email: sales-core@example.com");
    }

    @Test
    void shouldReportOwnerWithoutEmail() {
        assertProblem(
                onlyProblem(withFields("owner: {team: sales-core}")),
                7,
                "owner.email",
                "required field 'email' is missing",
                "email: sales-core@example.com");
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://example.com/x",
        "wiki.example.com/sales",
        "https://",
        "mailto:a@example.com",
        "http://exa mple.com"
    })
    void shouldReportBadUrl(String url) {
        DescriptorProblem p = onlyProblem(withFields("support: {url: '" + url + "'}"));

        assertProblem(p, 7, "support.url", "is not an http(s) address", "starting with https://");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "retention: 7 days   | got '7 days'                          | e.g. retention: 7d",
                "retention: 7D       | got '7D'                              | units are lowercase: write retention: 7d",
                "retention: 1.5h     | got '1.5h'                            | a whole number and a unit",
                "retention: 604800000 | needs a unit, got the bare number '604800000' | retention: 604800000ms",
                "retention: -1       | got '-1'                              | write retention: infinite",
                "retention: 0d       | must be longer than zero              | retention: infinite",
                "retention: PT0S     | must be longer than zero              | positive duration",
                "retention: -PT1H    | must be longer than zero              | positive duration",
                "retention: P1M      | (not ISO-8601)                        | months and years vary",
                "retention: P1W      | (not ISO-8601)                        | write e.g. P30D",
                "retention: PTXH     | (not ISO-8601)                        | retention: P7D",
                "retention: 9999999999999999999w | is too long                 | retention: infinite",
                "retention: 106751991167301d | is too long                     | retention: infinite",
                "retention: ''       | must not be blank                     | retention: 7d",
            })
    void shouldReportBadRetention(String line, String message, String fix) {
        assertProblem(onlyProblem(withPortFields(line)), 7, "outputPorts[0].retention", message, fix);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "freshness: infinite | freshness cannot be infinite | freshness: 5m",
                "freshness: 5        | needs a unit                 | freshness: 5ms",
                "freshness: soon     | expected a duration such as 5m | freshness: 7d",
                "availability: 0     | above 0 and at most 100, got 0 | availability: 99.9",
                "availability: 100.1 | got 100.1                      | availability: 99.9",
                "availability: '99.9' | got the quoted text '99.9'   | remove the quotes: availability: 99.9",
                "availability: .inf  | got '.inf'                     | plain decimal number",
                "availability: high  | got 'high'                     | plain decimal number",
                "throughputPerSecond: -5 | a number of records above 0, got -5 | throughputPerSecond: 100",
                "throughputPerSecond: 1e999 | got 1e999                 | throughputPerSecond: 100",
            })
    void shouldReportBadSlos(String line, String message, String fix) {
        String field = "slos." + line.substring(0, line.indexOf(':'));

        assertProblem(onlyProblem(withFields("slos:\n  " + line)), 8, field, message, fix);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "classification: secret      | classification | unknown classification 'secret' | use one of public, internal, confidential, restricted",
                "classification: interal     | classification | unknown classification 'interal' | did you mean 'internal'?",
                "policies: {a.b: blockr}     | policies.a.b   | unknown severity 'blockr'       | did you mean 'blocker'?",
                "policies: {a.b: error}      | policies.a.b   | unknown severity 'error'        | use one of off, info, warning, blocker",
                "quality: [{name: r, expression: x, action: retry}] | quality[0].action | unknown action 'retry' | use one of dlq, drop, fail",
            })
    void shouldReportBadEnumValue(String line, String field, String message, String fix) {
        assertProblem(onlyProblem(withFields(line)), 7, field, message, fix);
    }

    @Test
    void shouldReportBadCompatibilityWithSuggestion() {
        DescriptorProblem p = onlyProblem(withPortFields("compatibility: full-transitiv"));

        assertProblem(
                p,
                7,
                "outputPorts[0].compatibility",
                "unknown compatibility level 'full-transitiv'",
                "did you mean 'FULL_TRANSITIVE'? The levels are NONE, BACKWARD");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "schema: schemas/order.json      | outputPorts[0].schema       | neither an .avsc path nor a generated class name | {path: ...}",
                "schema: {path: a.avsc, class: a.B} | outputPorts[0].schema    | either a path or a class, not both | schema: {path: schemas/order.avsc}",
                "schema: {}                      | outputPorts[0].schema       | needs either a path or a class    | schema: {class: io.example.sales.Order}",
                "schema: {class: 'io.example.Not A Class'} | outputPorts[0].schema.class | is not a Java class name | e.g. class: io.example.sales.Order",
                "schema: {file: a.avsc}          | outputPorts[0].schema.file  | unknown field 'file'              | the fields allowed here are path, class",
                "schema: [a.avsc]                | outputPorts[0].schema       | expected an .avsc path or a generated class name, got a list | schema: schemas/order.avsc",
            })
    void shouldReportBadSchemaSource(String line, String field, String message, String fix) {
        String text = MINIMAL.replace("schema: schemas/order.avsc", line);

        assertThat(problems(text)).anySatisfy(p -> assertProblem(p, 6, field, message, fix));
    }

    @Test
    void shouldReportBadFieldTags() {
        List<DescriptorProblem> problems = problems(
                withPortFields(
                        """
                fieldTags:
                  customerEmail: pii
                  "customer email": [pii]
                  phone: []
                  address: [pii, {a: b}]
                """));

        assertThat(problems).hasSize(4);
        assertProblem(
                problems.get(0),
                8,
                "outputPorts[0].fieldTags.customerEmail",
                "expected a list of tags, got 'pii'",
                "fieldTags: {customerEmail: [pii]}");
        assertProblem(
                problems.get(1),
                9,
                "outputPorts[0].fieldTags.customer email",
                "'customer email' is not a field path",
                "dotted from the root record");
        assertProblem(
                problems.get(2),
                10,
                "outputPorts[0].fieldTags.phone",
                "no tags given for field 'phone'",
                "list at least one tag");
        assertProblem(
                problems.get(3),
                11,
                "outputPorts[0].fieldTags.address[1]",
                "expected a tag, got a mapping",
                "fieldTags:");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{product: sales.carts, major: 1, topic: sales.raw} | inputPorts[0]       | either a product or a topic, not both | {topic: sales.raw-orders}",
                "{}                                                  | inputPorts[0]       | needs a product or a topic         | {product: sales.orders, major: 1}",
                "{major: 1}                                          | inputPorts[0]       | with a major version needs its product | {product: sales.orders",
                "{product: sales.carts}                              | inputPorts[0].major | needs its major version          | {product: sales.carts, major: 1}",
                "{topic: sales.raw, major: 1}                        | inputPorts[0].major | a raw topic input has no major version | remove major",
                "{product: sales.carts, major: one}                  | inputPorts[0].major | expected a whole number between 0 and 999999999, got 'one' | major: 1",
                "{product: sales.carts, major: -1}                   | inputPorts[0].major | got -1                           | use a value from 0 to 999999999",
            })
    void shouldReportBadInputPort(String port, String field, String message, String fix) {
        assertProblem(onlyProblem(withFields("inputPorts:\n  - " + port)), 8, field, message, fix);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{successor: sales.orders, sunset: 2027-01-31} | deprecation.successor | as <product id>.v<major>, got 'sales.orders' | successor: sales.orders.v2",
                "{successor: sales.orders.v2}                   | deprecation.sunset    | required field 'sunset' is missing | sunset: 2027-01-31",
                "{sunset: 2027-02-30}                           | deprecation.sunset    | '2027-02-30' is not a day of the calendar | YYYY-MM-DD",
                "{sunset: 31.01.2027}                           | deprecation.sunset    | expected a date YYYY-MM-DD, got '31.01.2027' | sunset: 2027-01-31",
                "{sunset: 2027-01-31T00:00:00Z}                 | deprecation.sunset    | got '2027-01-31T00:00:00Z'         | the day only",
                "{sunset: 2027-01-31, reason: [a]}              | deprecation.reason    | expected text, got a list          | reason:",
            })
    void shouldReportBadDeprecation(String value, String field, String message, String fix) {
        assertProblem(onlyProblem(withFields("deprecation: " + value)), 7, field, message, fix);
    }

    @Test
    void shouldReportBadQualityRules() {
        List<DescriptorProblem> problems = problems(
                withFields(
                        """
                quality:
                  - name: positive-amount
                    expression: record.amount > 0
                  - name: positive-amount
                    expression: record.amount >= 0
                  - name: blank
                    expression: "   "
                  - expression: x
                """));

        assertThat(problems).hasSize(3);
        assertProblem(
                problems.get(0), 10, "quality[1].name", "'positive-amount' is already defined on line 8", "own name");
        assertProblem(
                problems.get(1), 13, "quality[2].expression", "must not be blank", "expression: \"record.amount > 0\"");
        assertProblem(
                problems.get(2), 14, "quality[3].name", "required field 'name' is missing", "name: positive-amount");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "support: {}   | support | is empty | give channel or url",
                "slos: {}      | slos    | is empty | give freshness, availability or throughputPerSecond",
                "terms: {}     | terms   | is empty | give usage or limitations",
            })
    void shouldReportEmptyOptionalObjects(String line, String field, String message, String fix) {
        assertProblem(onlyProblem(withFields(line)), 7, field, message, fix);
    }

    @Test
    void shouldReportDuplicateKeyWithBothLines() {
        DescriptorProblem p = onlyProblem(withFields("domain: marketing"));

        assertProblem(p, 7, "domain", "field 'domain' is given twice (first on line 3)", "remove the other");
    }

    @Test
    void shouldReportDuplicateKeysInNestedAndFreeMaps() {
        List<DescriptorProblem> problems = problems(
                withPortFields(
                        """
                partitions: 3
                partitions: 4
                fieldTags: {a: [pii], a: [x]}
                """));

        assertThat(problems)
                .extracting(DescriptorProblem::field)
                .containsExactly("outputPorts[0].partitions", "outputPorts[0].fieldTags.a");
        assertThat(problems).extracting(DescriptorProblem::line).containsExactly(8, 9);
    }

    @Test
    void shouldReportSyntaxErrorWithLineAndColumn() {
        DescriptorProblem p = onlyProblem(withFields("title: Orders: all of them"));

        assertProblem(
                p, 7, "", "YAML syntax error: mapping values are not allowed here", "quote a value that contains ': '");
        assertThat(p.column()).isEqualTo(14);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'title: \"Orders'                | 8 | close the quoted value",
                "'tags: [a, b'                    | 8 | close every [ with ]",
                "'owner:\n\tteam: x'              | 8 | indent with spaces, not tabs",
                "'title: *nothing'                | 7 | define the anchor (&name) before using *name",
                "'description: \"C:\\\\path\\q\"' | 7 | write \\\\ for a backslash",
                "'title: @home'                   | 7 | quote a value that starts with a special character",
                "'  indented: wrong'              | 7 | check the indentation",
            })
    void shouldExplainCommonSyntaxErrors(String line, int expectedLine, String fix) {
        DescriptorProblem p = onlyProblem(withFields(line + "\n"));

        assertProblem(p, expectedLine, "", "YAML syntax error", fix);
        assertThat(p.column()).isPositive();
    }

    @Test
    void shouldReportMultipleDocuments() {
        DescriptorProblem p = onlyProblem(MINIMAL + "---\n" + MINIMAL);

        assertProblem(p, 7, "", "more than one YAML document", "keep one descriptor per file");
    }

    @Test
    void shouldReportEmptyFile() {
        for (String empty : new String[] {"", "   \n\n", "# only a comment\n", "---\n", "~\n"}) {
            assertProblem(
                    onlyProblem(empty), 1, "", "the descriptor is empty", "write the required fields id, version");
        }
    }

    @Test
    void shouldReportListAtTheRoot() {
        assertProblem(
                onlyProblem("- id: sales.orders\n- version: 1.0.0\n"),
                1,
                "",
                "must be a mapping of fields (id: ..., version: ...), but it is a list",
                "remove the leading '- '");
    }

    @Test
    void shouldReportSingleValueAtTheRoot() {
        assertProblem(onlyProblem("sales.orders\n"), 1, "", "but it is a single value", "one per line");
    }

    @Test
    void shouldReportEveryProblemAtOnceInDocumentOrder() {
        List<DescriptorProblem> problems = problems(
                """
                id: sales.orders
                version: 1.2
                domian: sales
                owner: {team: sales-core, email: nobody}
                outputPorts:
                  - topic: sales.orders.v1
                    schema: schemas/order.avsc
                    partition: 6
                    retention: forever
                slos: {availability: 120}
                deprecation: {sunset: someday}
                """);

        assertThat(problems)
                .extracting(DescriptorProblem::field)
                .containsExactly(
                        "domain",
                        "version",
                        "domian",
                        "owner.email",
                        "outputPorts[0].partition",
                        "outputPorts[0].retention",
                        "slos.availability",
                        "deprecation.sunset");
        assertThat(problems).extracting(DescriptorProblem::line).containsExactly(1, 2, 3, 4, 8, 9, 10, 11);
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(FILE));
    }

    @Test
    void shouldSummariseBeyondAHundredProblems() {
        StringBuilder text = new StringBuilder(MINIMAL);
        for (int i = 0; i < 150; i++) {
            text.append("extra").append(i).append(": x\n");
        }

        List<DescriptorProblem> problems = problems(text.toString());

        assertThat(problems).hasSize(ProblemList.MAX_REPORTED + 1);
        assertThat(problems.get(ProblemList.MAX_REPORTED).message()).isEqualTo("and 50 more problems not shown");
    }

    @Test
    void shouldNameTheFileInTheExceptionMessage() {
        DescriptorException e = catchThrowableOfType(
                DescriptorException.class, () -> DescriptorParser.parse("x/dataproduct.yaml", "id: a\n"));

        assertThat(e.getMessage()).startsWith("x/dataproduct.yaml:1:1: version: required field 'version' is missing");
        assertThat(e.getMessage().lines()).hasSize(3);
    }
}
