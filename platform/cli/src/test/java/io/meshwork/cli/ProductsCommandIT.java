package io.meshwork.cli;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code products list|show|search}, {@code policies list} and {@code audit} against the real platform on the
 * embedded broker: what they print in each format, the filters, and the answers to unknown or malformed products.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ProductsCommandIT {
    private static MeshUnderTest mesh;
    private static String sales;
    private static String hr;

    @BeforeAll
    static void startMesh(EmbeddedKafkaBroker broker) {
        mesh = new MeshUnderTest(broker);
        String salesDomain = MeshUnderTest.uniqueDomain("sales");
        sales = mesh.publishOrders(salesDomain, "internal");
        mesh.declare(salesDomain, "1.1.0", MeshUnderTest.ORDER_V1_1, "internal", "");
        mesh.publish(salesDomain, "1.1.0");
        hr = mesh.publishOrders(MeshUnderTest.uniqueDomain("hr"), "confidential");
    }

    @AfterAll
    static void stopMesh() {
        mesh.close();
    }

    @Test
    void shouldListProductsAsATableWithTheirMajorVersions() {
        Run run = mesh.run("products", "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("ID").contains("VERSION", "STATUS", "MAJORS", "CLASS", "OWNER", "TITLE");
        assertThat(run.out())
                .contains(sales)
                .contains("1.1.0")
                .contains("v1 ACTIVE")
                .contains("Web shop orders");
        assertThat(run.out()).contains(hr).contains("confidential");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldFilterTheListByDomainAndClassification() {
        String domain = sales.substring(0, sales.indexOf('.'));

        Run byDomain = mesh.run("products", "list", "--domain", domain, "--output", "json");
        Run byClass = mesh.run("products", "list", "--classification", "confidential", "-o", "json");

        assertThat(byDomain.exitCode()).as(byDomain.toString()).isZero();
        assertThat(byDomain.json().path("items").findValuesAsText("id")).containsExactly(sales);
        assertThat(byClass.json().path("items").findValuesAsText("id"))
                .contains(hr)
                .doesNotContain(sales);
    }

    @Test
    void shouldPrintTheListAsYaml() {
        Run run = mesh.run("products", "list", "--tag", "orders", "--output", "yaml", "--limit", "500");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("items:").contains("- id: " + sales).contains("latestVersion: 1.1.0");
    }

    @Test
    void shouldShowAProductWithItsMajorVersionsVersionsConsumersAndSlos() {
        Run run = mesh.run("products", "show", sales);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .startsWith(sales + " — Web shop orders")
                .contains("Every order placed in the web shop")
                .contains("Major versions")
                .contains(sales + ".v1")
                .contains(sales + ".v1-value")
                .contains("Versions")
                .contains("1.0.0")
                .contains("PUBLISHED")
                .contains("Consumers")
                .contains("SLOs")
                .contains("freshness");
    }

    @Test
    void shouldShowAProductAsTheCatalogsJson() {
        Run run = mesh.run("products", "show", sales, "--output=json");

        JsonNode json = run.json();
        assertThat(json.at("/summary/id").asText()).isEqualTo(sales);
        assertThat(json.at("/lines/0/activeVersion").asText()).isEqualTo("1.1.0");
    }

    @Test
    void shouldFindAProductBySchemaFieldWords() {
        await().untilAsserted(() -> {
            Run run = mesh.run("products", "search", "discount", "voucher");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains(sales).contains("SCORE");
        });
        Run json = mesh.run("products", "search", "voucher", "-o", "json");
        assertThat(json.json().path("items").findValuesAsText("id")).contains(sales);
    }

    @Test
    void shouldSayWhenNothingMatches() {
        Run run = mesh.run("products", "search", "zzqxjv");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("(no products match)\n");
    }

    @Test
    void shouldExitWithCode4AndSuggestASearchForAnUnknownProduct() {
        Run run = mesh.run("products", "show", "nowhere.nothing");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo(
                        "error: no product has id nowhere.nothing\n"
                                + "  fix: find it with meshctl products search <words>, or list them with meshctl products list\n");
    }

    @Test
    void shouldExitWithCode2ForAMalformedProductId() {
        Run run = mesh.run("products", "show", "Sales Orders");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .startsWith("error: 'Sales Orders' is not a product id: use <domain>.<name>")
                .contains("fix: see 'meshctl products show --help'");
    }

    @Test
    void shouldExitWithCode2ForAnUnknownOptionOrALimitOutOfRange() {
        Run unknown = mesh.run("products", "list", "--domian", "sales");
        Run limit = mesh.run("products", "list", "--limit", "0");

        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err())
                .contains("Unknown options: '--domian', 'sales'")
                .contains("did you mean: --domain?");
        assertThat(limit.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(limit.err()).contains("--limit must be between 1 and 500, got 0");
    }

    @Test
    void shouldRelayThePlatformsRefusalOfABadFilter() {
        Run run = mesh.run("products", "list", "--status", "sleeping");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).startsWith("error: ").contains("sleeping").contains("  fix: ");
    }

    @Test
    void shouldListThePoliciesInForce() {
        Run run = mesh.run("policies", "list");
        Run json = mesh.run("policies", "list", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("naming.product-id")
                .contains("schema.breaking-change")
                .contains("blocker")
                .contains("PUBLISH");
        assertThat(json.json().findValuesAsText("id")).contains("docs.every-field", "pii.not-public");
    }

    @Test
    void shouldPrintTheAuditTrailNewestLast() {
        await().untilAsserted(() -> {
            Run run = mesh.run("audit", sales);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("DECLARE").contains("PUBLISH 1.1.0").contains("ProductPublished");
        });
        Run json = mesh.run("audit", sales, "-o", "json");
        JsonNode entries = json.json().path("entries");
        assertThat(entries.findValuesAsText("type")).contains("decision", "event");
        for (int i = 1; i < entries.size(); i++) {
            assertThat(Instant.parse(entries.get(i).path("time").asText()))
                    .isAfterOrEqualTo(
                            Instant.parse(entries.get(i - 1).path("time").asText()));
        }
    }

    @Test
    void shouldExitWithCode4ForTheAuditOfAnUnknownProduct() {
        Run run = mesh.run("audit", "nowhere.nothing");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).contains("meshctl products search");
    }
}
