package io.meshwork.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.output.Table;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshctl audit <product>}: every governance decision and lifecycle event about a product, newest last. */
@Command(
        name = "audit",
        description = "A product's audit trail: every governance decision and every lifecycle event (applied or"
                + " refused), oldest first, newest last.")
final class AuditCommand extends MeshctlCommand {
    @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
    String product;

    @Override
    int execute(Session session) {
        Products.checkId(session, product);
        JsonNode audit;
        try {
            audit = session.platform().get("api/v1/products/" + PlatformClient.segment(product) + "/audit");
        } catch (MeshctlException e) {
            throw e.exitCode() == ExitCode.NOT_FOUND ? e.withFix(Products.SEARCH_FIX) : e;
        }
        ObjectNode doc = timeline(audit);
        session.print(doc, out -> {
            Table table = Table.of("time", "type", "what", "actor", "outcome", "detail")
                    .maxWidth(5, 80);
            for (JsonNode e : doc.path("entries")) {
                boolean decision = "decision".equals(e.path("type").asText());
                table.row(
                        Text.time(Text.of(e, "time")),
                        e.path("type").asText(),
                        decision
                                ? e.path("action").asText()
                                        + (e.hasNonNull("version")
                                                ? " " + e.path("version").asText()
                                                : "")
                                : e.path("kind").asText(),
                        Text.of(e, "actor"),
                        decision
                                ? e.path("verdict").asText()
                                : (e.path("refused").asBoolean() ? "REFUSED" : "applied"),
                        decision ? failed(e) : detail(e));
            }
            if (table.isEmpty()) {
                out.println("(no decision or event yet)");
            } else {
                table.print(out);
            }
        });
        return ExitCode.OK;
    }

    /** Decisions and events in one list, ordered by time (stable: a decision before the events it caused). */
    static ObjectNode timeline(JsonNode audit) {
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode d : audit.path("decisions")) {
            ObjectNode e = Documents.object().put("type", "decision");
            e.setAll((ObjectNode) d);
            entries.add(e);
        }
        for (JsonNode ev : audit.path("events")) {
            ObjectNode e = Documents.object().put("type", "event");
            e.setAll((ObjectNode) ev);
            entries.add(e);
        }
        entries.sort(Comparator.comparing((ObjectNode e) -> Text.instant(Text.of(e, "time"))));
        ObjectNode doc =
                Documents.object().put("productId", audit.path("productId").asText());
        ArrayNode list = doc.putArray("entries");
        entries.forEach(list::add);
        return doc;
    }

    private static String failed(JsonNode decision) {
        List<String> failed = new ArrayList<>();
        for (JsonNode r : decision.path("results")) {
            if ("FAILED".equals(r.path("outcome").asText())) {
                failed.add(r.path("policyId").asText() + " ("
                        + r.path("severity").asText().toLowerCase(Locale.ROOT) + ")");
            }
        }
        return failed.isEmpty()
                ? (decision.hasNonNull("subject") ? decision.path("subject").asText() : "")
                : "failed: " + String.join(", ", failed);
    }

    private static String detail(JsonNode event) {
        String summary = event.path("summary").asText("");
        if (event.path("refused").asBoolean() && event.hasNonNull("refusal")) {
            return summary + " — refused: " + event.path("refusal").asText();
        }
        return summary;
    }
}
