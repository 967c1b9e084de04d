package io.meshwork.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code meshctl check} prints a dry run's result for a CI log. */
class CheckReportTest {
    private static String report(String json) throws IOException {
        JsonNode result = Run.JSON.readTree(json);
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        CheckCommand.printReport(out, "domains/sales/dataproduct.yaml", result);
        out.flush();
        return text.toString();
    }

    @Test
    void shouldPrintEveryPolicyTheChangelogTheCompatibilityAndTheVerdictLast() throws IOException {
        String text = report(
                """
                {"productId": "sales.orders", "version": "1.2.0", "verdict": "DENIED", "problems": [],
                 "results": [
                   {"policyId": "naming.product-id", "severity": "BLOCKER", "outcome": "PASSED"},
                   {"policyId": "schema.breaking-change", "severity": "BLOCKER", "outcome": "FAILED",
                    "message": "amount changed from double to string", "fix": "publish it as version 2.0.0",
                    "location": "sales.orders.v1-value#amount"},
                   {"policyId": "docs.every-field", "severity": "WARNING", "outcome": "FAILED",
                    "message": "field 'x' has no doc", "fix": "add a doc"},
                   {"policyId": "lifecycle.version-order", "severity": "BLOCKER", "outcome": "SKIPPED",
                    "message": "no active version"}],
                 "changes": [{"path": "amount", "kind": "TYPE_CHANGED", "classification": "BREAKING",
                              "description": "double → string"}],
                 "compatibility": [{"subject": "sales.orders.v1-value", "level": "FULL_TRANSITIVE",
                                    "compatible": false, "messages": ["reader type string not compatible"]}]}""");

        assertThat(text)
                .isEqualTo(
                        """
                        meshctl check domains/sales/dataproduct.yaml: sales.orders 1.2.0

                        Policies (4)
                          PASSED   blocker  naming.product-id
                          FAILED   blocker  schema.breaking-change
                                   amount changed from double to string
                                   fix: publish it as version 2.0.0
                                   at:  sales.orders.v1-value#amount
                          FAILED   warning  docs.every-field
                                   field 'x' has no doc
                                   fix: add a doc
                          SKIPPED  blocker  lifecycle.version-order
                                   no active version

                        Changelog against the registered schemas (1)
                          CLASS     KIND          PATH    DESCRIPTION
                          BREAKING  TYPE_CHANGED  amount  double → string

                        Compatibility
                          sales.orders.v1-value  FULL_TRANSITIVE  INCOMPATIBLE
                            - reader type string not compatible

                        Verdict: DENIED — 1 blocker failed (schema.breaking-change)
                        """);
    }

    @Test
    void shouldPrintDescriptorProblemsAsFileLineColumnFieldMessageAndFix() throws IOException {
        String text = report(
                """
                {"productId": null, "verdict": "DENIED", "results": [], "changes": [], "compatibility": [],
                 "problems": [{"file": "domains/sales/dataproduct.yaml", "line": 3, "column": 1, "field": "domian",
                               "message": "unknown field 'domian'", "fix": "did you mean 'domain'?"}]}""");

        assertThat(text)
                .isEqualTo(
                        """
                        meshctl check domains/sales/dataproduct.yaml

                        Descriptor problems (1)
                          domains/sales/dataproduct.yaml:3:1: domian: unknown field 'domian'. Fix: did you mean 'domain'?

                        Verdict: DENIED — 1 descriptor problem
                        """);
    }

    @Test
    void shouldCountWarningsInAnAllowedVerdict() throws IOException {
        String text = report(
                """
                {"productId": "sales.orders", "version": "1.1.0", "verdict": "ALLOWED_WITH_WARNINGS", "problems": [],
                 "results": [{"policyId": "pii.tagged", "severity": "WARNING", "outcome": "FAILED",
                              "message": "email looks personal", "fix": "tag it pii"}],
                 "changes": [], "compatibility": []}""");

        assertThat(text).contains("  (no change)\n").endsWith("Verdict: ALLOWED_WITH_WARNINGS — 1 warning\n");
    }
}
