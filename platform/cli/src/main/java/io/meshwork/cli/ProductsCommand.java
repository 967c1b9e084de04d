package io.meshwork.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.cli.output.Table;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code meshctl products list|show|search}: find products and read their contract. */
@Command(
        name = "products",
        description = "Find data products and read their contract.",
        subcommands = {ProductsCommand.ListCommand.class, ProductsCommand.Show.class, ProductsCommand.Search.class})
final class ProductsCommand extends CommandGroup {

    /** The filters {@code list} and {@code search} share. */
    static final class Filters {
        @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only products of this domain.")
        String domain;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only products with this tag.")
        String tag;

        @Option(
                names = "--owner",
                paramLabel = "TEAM|EMAIL",
                description = "Only products of this owner (team or email).")
        String owner;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                completionCandidates = StatusCandidates.class,
                description = "Only products with a major version in this status: ${COMPLETION-CANDIDATES}.")
        String status;

        @Option(
                names = "--classification",
                paramLabel = "CLASS",
                completionCandidates = ClassificationCandidates.class,
                description = "Only products of this classification: ${COMPLETION-CANDIDATES}.")
        String classification;

        @Option(names = "--limit", paramLabel = "N", description = "At most N products (1-500, default 50).")
        Integer limit;

        @Option(names = "--offset", paramLabel = "N", description = "Skip the first N (paging).")
        Integer offset;

        Map<String, Object> query(Session session) {
            if (limit != null && (limit < 1 || limit > 500)) {
                throw new ParameterException(
                        session.spec().commandLine(), "--limit must be between 1 and 500, got " + limit);
            }
            if (offset != null && offset < 0) {
                throw new ParameterException(session.spec().commandLine(), "--offset must be 0 or more, got " + offset);
            }
            Map<String, Object> q = PlatformClient.query();
            q.put("domain", domain);
            q.put("tag", tag);
            q.put("owner", owner);
            q.put("status", status);
            q.put("classification", classification);
            q.put("limit", limit);
            q.put("offset", offset);
            return q;
        }
    }

    /** Product statuses, for completion. */
    static final class StatusCandidates extends ArrayList<String> {
        StatusCandidates() {
            super(List.of("draft", "pending", "active", "deprecated", "retired", "rejected"));
        }
    }

    /** Classifications, for completion. */
    static final class ClassificationCandidates extends ArrayList<String> {
        ClassificationCandidates() {
            super(List.of("public", "internal", "confidential", "restricted"));
        }
    }

    @Command(name = "list", description = "List products, filtered by domain, tag, owner, status or classification.")
    static final class ListCommand extends MeshctlCommand {
        @ArgGroup(exclusive = false, heading = "Filters:%n")
        Filters filters = new Filters();

        @Override
        int execute(Session session) {
            JsonNode page = session.platform().get(PlatformClient.withQuery("api/v1/products", filters.query(session)));
            session.print(page, out -> {
                Table table = Table.of("id", "version", "status", "majors", "class", "owner", "title")
                        .maxWidth(6, 40);
                for (JsonNode p : page.path("items")) {
                    table.row(row(p));
                }
                printPage(out, page, table, "products");
            });
            return ExitCode.OK;
        }
    }

    static Object[] row(JsonNode p) {
        return new Object[] {
            p.path("id").asText(),
            Text.of(p, "latestVersion"),
            Text.of(p, "status"),
            majors(p.path("majors")),
            Text.of(p, "classification"),
            Text.of(p.path("owner"), "team"),
            Text.of(p, "title")
        };
    }

    static String majors(JsonNode majors) {
        List<String> parts = new ArrayList<>();
        majors.forEach(m ->
                parts.add("v" + m.path("major").asInt() + " " + m.path("status").asText()));
        return String.join(", ", parts);
    }

    static void printPage(PrintWriter out, JsonNode page, Table table, String what) {
        if (table.isEmpty()) {
            out.println("(no " + what + " match)");
            return;
        }
        table.print(out);
        long total = page.path("total").asLong(table.size());
        int offset = page.path("offset").asInt(0);
        if (total > table.size()) {
            out.println();
            out.println("showing " + (offset + 1) + "-" + (offset + table.size()) + " of " + total + " " + what
                    + "; page with --limit and --offset");
        }
    }

    @Command(
            name = "show",
            description = "Show a product in full: contract, major versions, versions, consumers, SLOs.")
    static final class Show extends MeshctlCommand {
        @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
        String product;

        @Override
        int execute(Session session) {
            JsonNode detail = Products.detail(session, product);
            session.print(detail, out -> printDetail(out, detail));
            return ExitCode.OK;
        }
    }

    static void printDetail(PrintWriter out, JsonNode detail) {
        JsonNode s = detail.path("summary");
        out.println(s.path("id").asText() + " — " + s.path("title").asText(""));
        String description = Text.of(s, "description");
        if (description != null) {
            for (String line : description.strip().split("\n")) {
                out.println("  " + line.strip());
            }
        }
        out.println();
        JsonNode owner = s.path("owner");
        Table facts = Table.of("field", "value");
        facts.row("domain", Text.of(s, "domain"));
        facts.row(
                "owner",
                owner.isMissingNode() || owner.isNull()
                        ? null
                        : owner.path("team").asText() + " <"
                                + owner.path("email").asText() + ">");
        facts.row("classification", Text.of(s, "classification"));
        facts.row("tags", Text.list(s.path("tags")));
        facts.row("status", Text.of(s, "status"));
        facts.row("latest version", Text.of(s, "latestVersion"));
        JsonNode descriptor = detail.path("descriptor");
        if (descriptor.has("support")) {
            JsonNode support = descriptor.path("support");
            facts.row(
                    "support",
                    String.join(
                            " ",
                            List.of(
                                            support.path("channel").asText(""),
                                            support.path("url").asText(""))
                                    .stream()
                                    .filter(x -> !x.isEmpty())
                                    .toList()));
        }
        if (descriptor.has("terms")) {
            facts.row("terms", descriptor.path("terms").path("usage").asText(null));
        }
        printFacts(out, facts);

        out.println();
        out.println("Major versions");
        Table lines = Table.of(
                "major", "topic", "status", "active", "proposed", "subject", "schema-id", "partitions", "notes");
        for (JsonNode l : detail.path("lines")) {
            lines.row(
                    "v" + l.path("major").asInt(),
                    Text.of(l, "topic"),
                    Text.of(l, "status"),
                    Text.of(l, "activeVersion"),
                    Text.of(l, "proposedVersion"),
                    Text.of(l, "valueSubject"),
                    Text.of(l, "valueSchemaId"),
                    Text.of(l, "partitions"),
                    notes(l));
        }
        indent(out, lines);

        out.println();
        out.println("Versions");
        Table versions = Table.of("version", "status", "declared", "published", "schema-id");
        for (JsonNode v : detail.path("versions")) {
            versions.row(
                    Text.of(v, "version"),
                    Text.of(v, "status"),
                    Text.time(Text.of(v, "declaredAt")),
                    Text.time(Text.of(v, "publishedAt")),
                    Text.of(v, "valueSchemaId"));
        }
        indent(out, versions);

        out.println();
        out.println("Consumers");
        Table consumers = Table.of("subscription", "consumer", "major", "status", "purpose")
                .maxWidth(4, 50);
        for (JsonNode c : detail.path("consumers")) {
            consumers.row(
                    Text.of(c, "subscriptionId"),
                    Text.of(c, "consumerProductId") != null
                            ? Text.of(c, "consumer") + " (" + Text.of(c, "consumerProductId") + ")"
                            : Text.of(c, "consumer"),
                    "v" + c.path("major").asInt(),
                    Text.of(c, "status"),
                    Text.of(c, "purpose"));
        }
        if (consumers.isEmpty()) {
            out.println("  (none yet)");
        } else {
            indent(out, consumers);
        }

        JsonNode slo = detail.path("slo");
        if (!slo.isMissingNode()) {
            out.println();
            out.println("SLOs");
            Table slos = Table.of("objective", "value");
            slos.row(
                    "freshness",
                    Text.duration(Text.of(slo, "freshnessObjective")) + " → "
                            + slo.path("freshness").asText()
                            + (slo.hasNonNull("freshnessAgeSeconds")
                                    ? " (newest record "
                                            + slo.path("freshnessAgeSeconds").asLong() + "s old)"
                                    : ""));
            slos.row("newest record", Text.time(Text.of(slo, "newestRecordTime")));
            if (slo.hasNonNull("availabilityObjective")) {
                slos.row("availability", slo.path("availabilityObjective").asText() + " %");
            }
            if (slo.hasNonNull("throughputObjectivePerSecond")) {
                slos.row("throughput", slo.path("throughputObjectivePerSecond").asText() + " records/s");
            }
            slos.row(
                    "instances",
                    slo.path("instancesUp").asInt() + " up, "
                            + slo.path("instancesDown").asInt() + " down");
            for (String line : slos.render().split("\n")) {
                if (!line.startsWith("OBJECTIVE")) {
                    out.println("  " + line);
                }
            }
        }
    }

    private static String notes(JsonNode l) {
        List<String> notes = new ArrayList<>();
        if (l.path("paused").asBoolean()) {
            notes.add("paused: " + l.path("pauseReason").asText(""));
        }
        JsonNode dep = l.path("deprecation");
        if (dep.isObject()) {
            notes.add("sunset " + dep.path("sunsetDate").asText()
                    + (dep.hasNonNull("successor")
                            ? ", successor " + dep.path("successor").asText()
                            : ""));
        }
        if (l.hasNonNull("retiredReason")) {
            notes.add("retired: " + l.path("retiredReason").asText());
        }
        return String.join("; ", notes);
    }

    /** A two-column table without its header: {@code field  value}. */
    static void printFacts(PrintWriter out, Table facts) {
        String[] lines = facts.render().split("\n");
        for (int i = 1; i < lines.length; i++) {
            out.println(lines[i]);
        }
    }

    static void indent(PrintWriter out, Table table) {
        for (String line : table.render().split("\n")) {
            out.println("  " + line);
        }
    }

    @Command(
            name = "search",
            description = "Search products by words in their id, title, description, tags and schema fields.")
    static final class Search extends MeshctlCommand {
        @Parameters(paramLabel = "WORDS", arity = "1..*", description = "What to look for, e.g. customer email.")
        List<String> words;

        @ArgGroup(exclusive = false, heading = "Filters:%n")
        Filters filters = new Filters();

        @Override
        int execute(Session session) {
            Map<String, Object> q = PlatformClient.query();
            q.put("q", String.join(" ", words));
            q.putAll(filters.query(session));
            JsonNode page = session.platform().get(PlatformClient.withQuery("api/v1/search", q));
            session.print(page, out -> {
                Table table = Table.of("id", "score", "status", "matched", "title")
                        .maxWidth(3, 40)
                        .maxWidth(4, 40);
                for (JsonNode hit : page.path("items")) {
                    JsonNode p = hit.path("product");
                    table.row(
                            p.path("id").asText(),
                            String.format(Locale.ROOT, "%.2f", hit.path("score").asDouble()),
                            Text.of(p, "status"),
                            Text.list(hit.path("matchedFields")),
                            Text.of(p, "title"));
                }
                printPage(out, page, table, "products");
            });
            return ExitCode.OK;
        }
    }
}
