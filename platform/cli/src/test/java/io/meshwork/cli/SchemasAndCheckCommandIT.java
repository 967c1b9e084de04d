package io.meshwork.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schemas history|diff|check}, {@code compat get|set} and the dry run {@code check dataproduct.yaml} against the
 * real platform: a product at 1.0.0 and 1.1.0, a compatible and a breaking proposal, descriptor problems.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SchemasAndCheckCommandIT {
    private static final String ORDER_V1_2 = MeshUnderTest.ORDER_V1_1.replace(
            "\"doc\": \"Voucher used, if any.\"}]}",
            "\"doc\": \"Voucher used, if any.\"},\n   {\"name\": \"channel\", \"type\": [\"null\", \"string\"],"
                    + " \"default\": null, \"doc\": \"Sales channel, if known.\"}]}");

    private static MeshUnderTest mesh;
    private static String domain;
    private static String product;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMesh(EmbeddedKafkaBroker broker) {
        mesh = new MeshUnderTest(broker);
        domain = MeshUnderTest.uniqueDomain("sales");
        product = mesh.publishOrders(domain, "internal");
        mesh.declare(domain, "1.1.0", MeshUnderTest.ORDER_V1_1, "internal", "");
        mesh.publish(domain, "1.1.0");
    }

    @AfterAll
    static void stopMesh() {
        mesh.close();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path descriptor(String version, String schema) throws IOException {
        write("order.avsc", schema);
        return write("dataproduct.yaml", MeshUnderTest.descriptor(domain, version, "internal", ""));
    }

    @Test
    void shouldListEverySchemaVersionWithItsIdAndProductVersion() {
        Run run = mesh.run("schemas", "history", product);
        Run json = mesh.run("schemas", "history", product, "--major", "1", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("SUBJECT").contains("VERSION", "ID", "PRODUCT-VERSION", "FIELDS");
        assertThat(lines[1]).startsWith(product + ".v1-value").contains("1.0.0").endsWith("3");
        assertThat(lines[2]).startsWith(product + ".v1-value").contains("1.1.0").endsWith("4");
        JsonNode versions = json.json().at("/subjects/0/versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).path("id").asInt())
                .isGreaterThan(versions.get(0).path("id").asInt());
        assertThat(versions.get(1).path("schema").asText()).contains("discountCode");
    }

    @Test
    void shouldExitWithCode4ForAMajorVersionTheProductDoesNotHave() {
        Run run = mesh.run("schemas", "history", product, "--major", "7");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).contains("has no major version 7").contains("v1 ACTIVE");
    }

    @Test
    void shouldPrintTheFieldByFieldChangelog() {
        Run run = mesh.run("schemas", "diff", product);
        Run explicit = mesh.run("schemas", "diff", product, "--from", "1.0.0", "--to", "1.1.0", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .startsWith(product + " 1.0.0 → 1.1.0 (FULL_TRANSITIVE): no breaking change")
                .contains("FIELD_ADDED")
                .contains("discountCode");
        assertThat(explicit.json().path("changes").findValuesAsText("path")).contains("discountCode");
    }

    @Test
    void shouldExitWithCode4ForAnUnknownVersionInTheDiff() {
        Run run = mesh.run("schemas", "diff", product, "--from", "0.9.0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).contains("has no version 0.9.0");
    }

    @Test
    void shouldAcceptACompatibleSchema() throws IOException {
        Path file = write("next.avsc", ORDER_V1_2);

        Run run = mesh.run("schemas", "check", product, file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("compatible: " + file + " against " + product + ".v1-value (FULL_TRANSITIVE)");
    }

    @Test
    void shouldExitWithCode1ForAnIncompatibleSchemaAndSayWhy() throws IOException {
        Path file = write("breaking.avsc", MeshUnderTest.ORDER_BREAKING);

        Run run = mesh.run("schemas", "check", product, file.toString(), "--major", "1");
        Run json = mesh.run("schemas", "check", product, file.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .startsWith("INCOMPATIBLE: ")
                .contains("  - ")
                .contains("amount")
                .contains(product + ".v2");
        assertThat(json.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(json.json().path("compatible").asBoolean()).isFalse();
        assertThat(json.json().path("messages")).isNotEmpty();
    }

    @Test
    void shouldExitWithCode4WhenTheSchemaFileIsMissing() {
        Run run = mesh.run("schemas", "check", product, dir.resolve("nope.avsc").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).startsWith("error: file not found: ");
    }

    @Test
    void shouldExitWithCode5WhenTheRegistryRefusesAnInvalidSchema() throws IOException {
        Path file = write("invalid.avsc", "{\"type\": \"record\", \"name\": \"X\"}");

        Run run = mesh.run("schemas", "check", product, file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).startsWith("error: ");
    }

    @Test
    void shouldReadAndSetTheCompatibilityLevelOfAProductsSubject() {
        String other = mesh.publishOrders(MeshUnderTest.uniqueDomain("compat"), "internal");

        Run before = mesh.run("compat", "get", other);
        Run set = mesh.run("compat", "set", other, "full", "--major", "1");
        Run after = mesh.run("compat", "get", other + ".v1-value", "-o", "json");

        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.out()).isEqualTo(other + ".v1-value: FULL_TRANSITIVE (set on the subject)\n");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out()).isEqualTo(other + ".v1-value: compatibility set to FULL\n");
        assertThat(after.json().path("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(after.json().path("source").asText()).isEqualTo("subject");
    }

    @Test
    void shouldSayWhenASubjectFollowsTheGlobalDefault() {
        Run run = mesh.run("compat", "get", "nothing.here.v1-value");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("the registry's global default");
    }

    @Test
    void shouldExitWithCode2ForAnUnknownLevelOrAMajorWithASubject() {
        Run level = mesh.run("compat", "set", product, "SOMETIMES");
        Run major = mesh.run("compat", "get", product + ".v1-value", "--major", "1");

        assertThat(level.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(level.err())
                .contains("'SOMETIMES' is not a compatibility level")
                .contains("FULL_TRANSITIVE");
        assertThat(major.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(major.err()).contains("--major and --key go with a product id");
    }

    @Test
    void shouldAllowACompatibleEvolutionInTheDryRun() throws IOException {
        Path file = descriptor("1.2.0", ORDER_V1_2);

        Run run = mesh.run("check", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .startsWith("meshctl check " + file + ": " + product + " 1.2.0")
                .contains("Policies (")
                .contains("PASSED   blocker  naming.product-id")
                .contains("Changelog against the registered schemas")
                .contains("channel")
                .contains("Compatibility\n  " + product + ".v1-value  FULL_TRANSITIVE  compatible");
        String[] lines = run.out().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("Verdict: ALLOWED");
    }

    @Test
    void shouldExitWithCode1AndPrintEveryFailedPolicyWithItsFixForABreakingChange() throws IOException {
        Path file = descriptor("1.2.0", MeshUnderTest.ORDER_BREAKING);

        Run run = mesh.run("check", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains("FAILED   blocker  schema.breaking-change")
                .contains("           fix: ")
                .contains("           at:  " + product + ".v1-value#amount")
                .contains("BREAKING")
                .contains("INCOMPATIBLE");
        String[] lines = run.out().split("\n");
        assertThat(lines[lines.length - 1])
                .startsWith("Verdict: DENIED — ")
                .contains("blockers failed")
                .contains("schema.breaking-change");
    }

    @Test
    void shouldPrintDescriptorProblemsWithFileLineAndFix() throws IOException {
        write("order.avsc", ORDER_V1_2);
        Path file = write(
                "dataproduct.yaml",
                MeshUnderTest.descriptor(domain, "1.2.0", "internal", "").replace("version: 1.2.0", "version: 1.2"));

        Run run = mesh.run("check", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains("Descriptor problems (1)")
                .contains("  " + file + ":2:10: version: expected a version MAJOR.MINOR.PATCH, got '1.2'. Fix: ")
                .endsWith("Verdict: DENIED — 1 descriptor problem\n");
    }

    @Test
    void shouldReportASchemaFileTheDescriptorNamesButThatIsMissing() throws IOException {
        Path file = write("dataproduct.yaml", MeshUnderTest.descriptor(domain, "1.2.0", "internal", ""));

        Run run = mesh.run("check", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains(file + ":13: outputPorts[0].schema: schema file not found: ")
                .contains("Verdict: DENIED");
    }

    @Test
    void shouldPrintTheDryRunAsJsonAndStillExitWithItsVerdict() throws IOException {
        Path file = descriptor("1.2.0", MeshUnderTest.ORDER_BREAKING);

        Run run = mesh.run("check", file.toString(), "--output", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.json().path("verdict").asText()).isEqualTo("DENIED");
        assertThat(run.json().path("results").findValuesAsText("policyId")).contains("schema.compatibility");
    }

    @Test
    void shouldExitWithCode4WhenTheDescriptorDoesNotExist() {
        Run run = mesh.run("check", dir.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).startsWith("error: file not found: ").contains("fix: check the path");
    }
}
