package io.meshwork.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.output.Table;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code meshctl subscriptions list|request|approve|deny|revoke}: who reads which product, and with what right. */
@Command(
        name = "subscriptions",
        description = "Consumers' subscriptions to products: list, request, approve, deny, revoke.",
        subcommands = {
            SubscriptionsCommand.ListCommand.class,
            SubscriptionsCommand.Request.class,
            SubscriptionsCommand.Approve.class,
            SubscriptionsCommand.Deny.class,
            SubscriptionsCommand.Revoke.class
        })
final class SubscriptionsCommand extends CommandGroup {
    static final String LIST_FIX = "list subscriptions with meshctl subscriptions list";

    /** Subscription statuses, for completion. */
    static final class StatusCandidates extends ArrayList<String> {
        StatusCandidates() {
            super(List.of("requested", "granted", "denied", "revoked"));
        }
    }

    @Command(name = "list", description = "List subscriptions, by product, consumer or status.")
    static final class ListCommand extends MeshctlCommand {
        @Option(names = "--product", paramLabel = "PRODUCT", description = "Only subscriptions to this product.")
        String product;

        @Option(
                names = "--consumer",
                paramLabel = "NAME",
                description = "Only this consumer (principal or consumer product id).")
        String consumer;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                completionCandidates = StatusCandidates.class,
                description = "Only this status: ${COMPLETION-CANDIDATES}.")
        String status;

        @Option(names = "--limit", paramLabel = "N", description = "At most N (1-500, default 50).")
        Integer limit;

        @Override
        int execute(Session session) {
            if (product != null) {
                Products.checkId(session, product);
            }
            if (limit != null && (limit < 1 || limit > 500)) {
                throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 500, got " + limit);
            }
            Map<String, Object> q = PlatformClient.query();
            q.put("product", product);
            q.put("consumer", consumer);
            q.put("status", status);
            q.put("limit", limit);
            JsonNode page = session.platform().get(PlatformClient.withQuery("api/v1/subscriptions", q));
            session.print(page, out -> {
                Table table = Table.of("id", "product", "major", "consumer", "status", "requested", "purpose")
                        .maxWidth(6, 50);
                for (JsonNode s : page.path("items")) {
                    table.row(
                            Text.of(s, "subscriptionId"),
                            Text.of(s, "productId"),
                            "v" + s.path("major").asInt(),
                            consumerOf(s),
                            Text.of(s, "status"),
                            Text.time(Text.of(s, "requestedAt")),
                            Text.of(s, "purpose"));
                }
                ProductsCommand.printPage(out, page, table, "subscriptions");
            });
            return ExitCode.OK;
        }
    }

    static String consumerOf(JsonNode s) {
        String product = Text.of(s, "consumerProductId");
        return Text.of(s, "consumer") + (product == null ? "" : " (" + product + ")");
    }

    @Command(
            name = "request",
            description = "Ask to read a product's major version: granted at once for public and internal products,"
                    + " otherwise it waits for an owner's or operator's approval.")
    static final class Request extends MeshctlCommand {
        @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
        String product;

        @Option(names = "--major", required = true, paramLabel = "N", description = "The major version to read.")
        int major;

        @Option(
                names = "--consumer",
                required = true,
                paramLabel = "NAME",
                description = "Who reads, e.g. User:finance-revenue (the principal its Kafka client uses).")
        String consumer;

        @Option(
                names = "--consumer-product",
                paramLabel = "ID",
                description = "The product the consumer builds from it, for lineage, e.g. finance.revenue.")
        String consumerProduct;

        @Option(
                names = "--purpose",
                required = true,
                paramLabel = "TEXT",
                description = "What the data will be used for (at least 10 characters).")
        String purpose;

        @Override
        int execute(Session session) {
            Products.checkId(session, product);
            if (consumerProduct != null) {
                Products.checkId(session, consumerProduct);
            }
            ObjectNode body = Documents.object()
                    .put("product", product)
                    .put("major", major)
                    .put("consumer", consumer)
                    .put("purpose", purpose);
            if (consumerProduct != null) {
                body.put("consumerProduct", consumerProduct);
            }
            JsonNode s = session.platform().post("api/v1/subscriptions", body);
            session.print(s, out -> printDecision(out, s));
            return ExitCode.OK;
        }
    }

    static void printDecision(PrintWriter out, JsonNode s) {
        String status = s.path("status").asText();
        String id = s.path("subscriptionId").asText();
        out.println("subscription " + id + ": " + status + " — " + consumerOf(s) + " → "
                + s.path("productId").asText() + " v" + s.path("major").asInt() + " (topic "
                + s.path("topic").asText() + ")");
        switch (status) {
            case "REQUESTED" ->
                out.println("  waiting for approval by the owner or an operator: meshctl subscriptions approve " + id);
            case "GRANTED" ->
                out.println(
                        s.path("automatic").asBoolean()
                                ? "  granted at once (the product is public or internal)"
                                : "  granted by " + s.path("decidedBy").asText());
            default -> {
                if (s.hasNonNull("reason")) {
                    out.println("  reason: " + s.path("reason").asText());
                }
            }
        }
    }

    /** Approve, deny and revoke: a decision on one subscription. */
    abstract static class Decision extends MeshctlCommand {
        @Parameters(paramLabel = "SUBSCRIPTION-ID", description = "The subscription's id (meshctl subscriptions list).")
        String id;

        abstract String route();

        abstract String reason();

        @Override
        int execute(Session session) {
            ObjectNode body = Documents.object();
            if (reason() != null) {
                body.put("reason", reason());
            }
            JsonNode s;
            try {
                s = session.platform().post("api/v1/subscriptions/" + PlatformClient.segment(id) + "/" + route(), body);
            } catch (MeshctlException e) {
                throw e.exitCode() == ExitCode.NOT_FOUND ? e.withFix(LIST_FIX) : e;
            }
            session.print(s, out -> printDecision(out, s));
            return ExitCode.OK;
        }
    }

    @Command(name = "approve", description = "Approve a requested subscription (owner or operator).")
    static final class Approve extends Decision {
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail.")
        String reason;

        @Override
        String route() {
            return "approval";
        }

        @Override
        String reason() {
            return reason;
        }
    }

    @Command(name = "deny", description = "Deny a requested subscription.")
    static final class Deny extends Decision {
        @Option(
                names = "--reason",
                required = true,
                paramLabel = "TEXT",
                description = "Why, for the consumer and the audit trail.")
        String reason;

        @Override
        String route() {
            return "denial";
        }

        @Override
        String reason() {
            return reason;
        }
    }

    @Command(name = "revoke", description = "Revoke a requested or granted subscription.")
    static final class Revoke extends Decision {
        @Option(
                names = "--reason",
                required = true,
                paramLabel = "TEXT",
                description = "Why, for the consumer and the audit trail (the platform requires one).")
        String reason;

        @Override
        String route() {
            return "revocation";
        }

        @Override
        String reason() {
            return reason;
        }
    }
}
