package io.meshwork.cli;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deprecate}, {@code retire}, {@code subscriptions list|request|approve|deny|revoke} and {@code lineage}
 * against the real platform: a confidential product whose subscriptions wait for approval, a consumer product that
 * reads it, a v2 that succeeds a deprecated and then retired v1.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class LifecycleAndSubscriptionsCommandIT {
    private static MeshUnderTest mesh;
    private static String hrDomain;
    private static String hr;
    private static String finance;

    @BeforeAll
    static void startMesh(EmbeddedKafkaBroker broker) {
        mesh = new MeshUnderTest(broker);
        hrDomain = MeshUnderTest.uniqueDomain("hr");
        hr = mesh.publishOrders(hrDomain, "confidential");
        finance = mesh.publishOrders(MeshUnderTest.uniqueDomain("finance"), "internal");
    }

    @AfterAll
    static void stopMesh() {
        mesh.close();
    }

    private static String sunset() {
        return LocalDate.now().plusDays(90).toString();
    }

    @Test
    void shouldRequestASubscriptionThatWaitsForApprovalThenApproveAndRevokeIt() {
        Run requested = mesh.run(
                "subscriptions",
                "request",
                hr,
                "--major",
                "1",
                "--consumer",
                "User:finance-app",
                "--consumer-product",
                finance,
                "--purpose",
                "reconcile orders with invoices",
                "--principal",
                "User:finance-team");
        assertThat(requested.exitCode()).as(requested.toString()).isZero();
        assertThat(requested.out())
                .startsWith("subscription ")
                .contains(": REQUESTED — User:finance-app (" + finance + ") → " + hr + " v1")
                .contains("meshctl subscriptions approve ");
        String id = requested
                .out()
                .substring("subscription ".length(), requested.out().indexOf(':'));

        Run waiting = mesh.run("subscriptions", "list", "--product", hr, "--status", "requested");
        assertThat(waiting.exitCode()).as(waiting.toString()).isZero();
        assertThat(waiting.out()).contains(id).contains("REQUESTED").contains("reconcile orders");

        Run approved = mesh.run("subscriptions", "approve", id, "--reason", "INC-7", "--principal", "User:hr-owner");
        assertThat(approved.exitCode()).as(approved.toString()).isZero();
        assertThat(approved.out()).contains(": GRANTED").contains("granted by User:hr-owner");

        Run tree = mesh.run("lineage", finance);
        assertThat(tree.exitCode()).as(tree.toString()).isZero();
        assertThat(tree.out())
                .contains("topic " + hrDomain + ".raw-orders")
                .contains("└── " + hr + ".v1  ACTIVE")
                .contains(finance + ".v1  ACTIVE  (subscription)");

        Run revoked = mesh.run("subscriptions", "revoke", id, "--reason", "contract ended", "-o", "json");
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("reason").asText()).isEqualTo("contract ended");
    }

    @Test
    void shouldDenyARequestedSubscription() {
        Run requested = mesh.run(
                "subscriptions",
                "request",
                hr,
                "--major=1",
                "--consumer=User:adhoc",
                "--purpose=ad-hoc analysis of orders",
                "-o",
                "json");
        String id = requested.json().path("subscriptionId").asText();

        Run denied = mesh.run("subscriptions", "deny", id, "--reason", "purpose not covered by the terms");

        assertThat(denied.exitCode()).as(denied.toString()).isZero();
        assertThat(denied.out()).contains(": DENIED").contains("reason: purpose not covered by the terms");
        Run list = mesh.run("subscriptions", "list", "--consumer", "User:adhoc", "-o", "json");
        assertThat(list.json().path("items").findValuesAsText("status")).containsExactly("DENIED");
    }

    @Test
    void shouldGrantASubscriptionToAnInternalProductAtOnce() {
        Run run = mesh.run(
                "subscriptions",
                "request",
                finance,
                "--major",
                "1",
                "--consumer",
                "User:reporting",
                "--purpose",
                "monthly revenue report");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(": GRANTED").contains("granted at once");
    }

    @Test
    void shouldExitWithCode5AndPrintTheFailedPolicyWhenASubscriptionIsDenied() {
        Run run = mesh.run(
                "subscriptions", "request", finance, "--major", "1", "--consumer", "User:x", "--purpose", "data");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err())
                .startsWith("error: ")
                .contains("subscription.purpose")
                .contains("  blocker subscription.purpose: ")
                .contains("    fix: ")
                .contains("  fix: fix what each failed policy above says, then try again");
    }

    @Test
    void shouldExitWithCode2WhenARequiredOptionIsMissing() {
        Run run = mesh.run("subscriptions", "request", finance, "--major", "1", "--purpose", "monthly revenue report");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .isEqualTo("error: Missing required option: '--consumer=NAME'\n"
                        + "  fix: see 'meshctl subscriptions request --help'\n");
    }

    @Test
    void shouldExitWithCode4ForAnUnknownSubscription() {
        Run run = mesh.run("subscriptions", "approve", "00000000-0000-0000-0000-000000000000");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).contains("fix: list subscriptions with meshctl subscriptions list");
    }

    @Test
    void shouldDeprecateV1InFavourOfV2ThenRetireIt() {
        String domain = MeshUnderTest.uniqueDomain("sales");
        String id = mesh.publishOrders(domain, "internal");
        mesh.declare(domain, "2.0.0", MeshUnderTest.ORDER_BREAKING, "internal", "");
        mesh.publish(domain, "2.0.0");

        Run deprecated = mesh.run(
                "deprecate",
                id,
                "--major",
                "1",
                "--sunset",
                sunset(),
                "--successor",
                id + ".v2",
                "--reason",
                "amount is now a decimal string",
                "--principal",
                "User:operator");
        assertThat(deprecated.exitCode()).as(deprecated.toString()).isZero();
        assertThat(deprecated.out())
                .isEqualTo(id + " v1 is DEPRECATED: sunset " + sunset() + ", successor " + id + ".v2\n");

        Run retired = mesh.run("retire", id, "--major", "1", "--reason", "everyone moved to v2");
        assertThat(retired.exitCode()).as(retired.toString()).isZero();
        assertThat(retired.out()).isEqualTo(id + " v1 is RETIRED (0 subscriptions revoked)\n");

        Run show = mesh.run("products", "show", id, "-o", "json");
        List<String> statuses = show.json().path("lines").findValuesAsText("status");
        assertThat(statuses).containsExactly("RETIRED", "ACTIVE");
        Run audit = mesh.run("audit", id);
        assertThat(audit.out())
                .contains("ProductDeprecated")
                .contains("ProductRetired")
                .contains("User:operator");
    }

    @Test
    void shouldExitWithCode5WhenTheTransitionIsIllegal() {
        Run run = mesh.run("retire", finance, "--major", "1", "--reason", "not deprecated yet");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).startsWith("error: ").contains("  fix: ");
    }

    @Test
    void shouldExitWithCode2ForASunsetThatIsNotADateOrAMalformedSuccessor() {
        Run date = mesh.run("deprecate", finance, "--major", "1", "--sunset", "next year", "--reason", "r");
        Run successor = mesh.run(
                "deprecate", finance, "--major", "1", "--sunset", sunset(), "--successor", "v2", "--reason", "r");

        assertThat(date.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(date.err()).contains("'next year' is not a date; write YYYY-MM-DD");
        assertThat(successor.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(successor.err()).contains("--successor 'v2' is not <product id>.v<major>");
    }

    @Test
    void shouldExitWithCode4WhenDeprecatingAnUnknownProduct() {
        Run run = mesh.run("deprecate", "nowhere.nothing", "--major", "1", "--sunset", sunset(), "--reason", "gone");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).contains("meshctl products search");
    }

    @Test
    void shouldRenderTheLineageAsDotAndMermaidAndJson() {
        Run dot = mesh.run("lineage", hr, "--format", "dot");
        Run mermaid = mesh.run("lineage", "--format", "mermaid");
        Run json = mesh.run("lineage", hr, "-o", "json");

        assertThat(dot.exitCode()).as(dot.toString()).isZero();
        assertThat(dot.out())
                .startsWith("digraph lineage {\n")
                .contains("\"topic:" + hrDomain + ".raw-orders\" -> \"" + hr + ".v1\" [label=\"input\"];")
                .endsWith("}\n");
        assertThat(mermaid.exitCode()).isZero();
        assertThat(mermaid.out())
                .startsWith("flowchart LR\n")
                .contains(hr + ".v1<br/>ACTIVE")
                .contains(" -->|input| ");
        JsonNode graph = json.json();
        assertThat(graph.path("nodes").findValuesAsText("id"))
                .contains(hr + ".v1", "topic:" + hrDomain + ".raw-orders");
    }

    @Test
    void shouldExitWithCode2ForAnUnknownLineageFormat() {
        Run run = mesh.run("lineage", "--format", "svg");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'svg' is not a lineage format; use tree, dot or mermaid");
    }

    @Test
    void shouldExitWithCode4ForTheLineageOfAnUnknownProduct() {
        Run run = mesh.run("lineage", "nowhere.nothing");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }
}
