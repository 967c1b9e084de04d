package io.meshwork.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.output.Table;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl schemas history|diff|check}: a product's schema versions, their changelog, a proposed change. */
@Command(
        name = "schemas",
        description = "A product's registered schemas: history, field-by-field changelog, compatibility of a change.",
        subcommands = {SchemasCommand.History.class, SchemasCommand.Diff.class, SchemasCommand.Check.class})
final class SchemasCommand extends CommandGroup {

    @Command(name = "history", description = "Every registered version of a product's schemas, with its id.")
    static final class History extends MeshctlCommand {
        @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
        String product;

        @Option(names = "--major", paramLabel = "N", description = "Only this major version (default: all).")
        Integer major;

        @Override
        int execute(Session session) {
            JsonNode detail = Products.detail(session, product);
            List<JsonNode> lines = new ArrayList<>();
            if (major != null) {
                lines.add(Products.line(detail, major));
            } else {
                detail.path("lines").forEach(lines::add);
            }
            ObjectNode doc = Documents.object().put("productId", product);
            ArrayNode subjects = doc.putArray("subjects");
            for (JsonNode line : lines) {
                List<String> names = new ArrayList<>(List.of(Products.valueSubject(line)));
                if (Text.of(line, "keySubject") != null) {
                    names.add(Text.of(line, "keySubject"));
                }
                for (String subject : names) {
                    subjects.add(subjectHistory(session, detail, line, subject));
                }
            }
            session.print(doc, out -> {
                Table table = Table.of("subject", "version", "id", "product-version", "fields");
                List<String> empty = new ArrayList<>();
                for (JsonNode s : doc.path("subjects")) {
                    if (s.path("versions").isEmpty()) {
                        empty.add(s.path("subject").asText() + " (v"
                                + s.path("major").asInt() + " "
                                + s.path("status").asText() + "): no schema registered yet");
                    }
                    for (JsonNode v : s.path("versions")) {
                        table.row(
                                s.path("subject").asText(),
                                v.path("version").asInt(),
                                v.path("id").asInt(),
                                Text.list(v.path("productVersions")),
                                v.path("fields").asInt());
                    }
                }
                if (!table.isEmpty()) {
                    table.print(out);
                }
                empty.forEach(out::println);
            });
            return ExitCode.OK;
        }

        private static ObjectNode subjectHistory(Session session, JsonNode detail, JsonNode line, String subject) {
            ObjectNode s = Documents.object()
                    .put("subject", subject)
                    .put("major", line.path("major").asInt())
                    .put("status", line.path("status").asText());
            ArrayNode versions = s.putArray("versions");
            JsonNode numbers;
            try {
                numbers = session.platform().get("subjects/" + PlatformClient.segment(subject) + "/versions");
            } catch (MeshctlException e) {
                if (e.exitCode() == ExitCode.NOT_FOUND) {
                    return s;
                }
                throw e;
            }
            for (JsonNode n : numbers) {
                JsonNode v = session.platform()
                        .get("subjects/" + PlatformClient.segment(subject) + "/versions/" + n.asInt());
                int id = v.path("id").asInt();
                ObjectNode entry = versions.addObject()
                        .put("version", v.path("version").asInt())
                        .put("id", id);
                ArrayNode productVersions = entry.putArray("productVersions");
                for (JsonNode pv : detail.path("versions")) {
                    if (pv.path("major").asInt() == line.path("major").asInt()
                            && pv.path("valueSchemaId").asInt(-1) == id
                            && subject.endsWith("-value")) {
                        productVersions.add(pv.path("version").asText());
                    }
                }
                entry.put("fields", fieldCount(v.path("schema").asText()));
                entry.put("schema", v.path("schema").asText());
            }
            return s;
        }

        private static int fieldCount(String schema) {
            try {
                return Documents.parse(schema).path("fields").size();
            } catch (IOException e) {
                return 0;
            }
        }
    }

    @Command(
            name = "diff",
            description = "The field-by-field changelog of a product's value schema between two versions"
                    + " (default: the newest against the one before).")
    static final class Diff extends MeshctlCommand {
        @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
        String product;

        @Option(names = "--from", paramLabel = "VERSION", description = "The older version, e.g. 1.0.0.")
        String from;

        @Option(names = "--to", paramLabel = "VERSION", description = "The newer version, e.g. 1.1.0.")
        String to;

        @Override
        int execute(Session session) {
            Products.checkId(session, product);
            Map<String, Object> q = PlatformClient.query();
            q.put("from", from);
            q.put("to", to);
            JsonNode changelog;
            try {
                changelog = session.platform()
                        .get(PlatformClient.withQuery(
                                "api/v1/products/" + PlatformClient.segment(product) + "/changelog", q));
            } catch (MeshctlException e) {
                throw e.exitCode() == ExitCode.NOT_FOUND && e.getMessage().startsWith("no product")
                        ? e.withFix(Products.SEARCH_FIX)
                        : e;
            }
            session.print(changelog, out -> {
                out.println(changelog.path("productId").asText() + " "
                        + changelog.path("from").asText() + " → "
                        + changelog.path("to").asText() + " ("
                        + changelog.path("compatibility").asText() + "): "
                        + (changelog.path("breaking").asBoolean() ? "BREAKING" : "no breaking change"));
                printChanges(out, changelog.path("changes"), "  ");
            });
            return ExitCode.OK;
        }
    }

    static void printChanges(PrintWriter out, JsonNode changes, String indent) {
        if (changes.isEmpty()) {
            out.println(indent + "(no change)");
            return;
        }
        Table table = Table.of("class", "kind", "path", "description");
        for (JsonNode c : changes) {
            table.row(Text.of(c, "classification"), Text.of(c, "kind"), Text.of(c, "path"), Text.of(c, "description"));
        }
        for (String line : table.render().split("\n")) {
            out.println(indent + line);
        }
    }

    @Command(
            name = "check",
            description = "Would the registry accept this schema for the product? Checks it against the subject's"
                    + " history at the subject's compatibility level; exit code 1 when it is incompatible.")
    static final class Check extends MeshctlCommand {
        @Parameters(index = "0", paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
        String product;

        @Parameters(index = "1", paramLabel = "FILE.avsc", description = "The proposed Avro schema.")
        Path file;

        @Option(
                names = "--major",
                paramLabel = "N",
                description = "The major version to check against (default: the newest that is not retired).")
        Integer major;

        @Option(names = "--key", description = "Check the key schema (subject <topic>-key) instead of the value's.")
        boolean key;

        @Option(
                names = "--against",
                paramLabel = "VERSION",
                description = "Only against this registered version number or latest (default: every version the"
                        + " level covers, as registration would).")
        String against;

        @Override
        int execute(Session session) {
            String schema = readSchema(file);
            JsonNode detail = Products.detail(session, product);
            JsonNode line = Products.line(detail, major);
            String subject = key
                    ? (Text.of(line, "keySubject") != null
                            ? Text.of(line, "keySubject")
                            : line.path("topic").asText() + "-key")
                    : Products.valueSubject(line);
            String path = "compatibility/subjects/" + PlatformClient.segment(subject) + "/versions"
                    + (against == null ? "" : "/" + PlatformClient.segment(against));
            ObjectNode body = Documents.object().put("schema", schema);
            JsonNode answer = session.platform().post(PlatformClient.withQuery(path, Map.of("verbose", "true")), body);
            JsonNode level = session.platform()
                    .get(PlatformClient.withQuery(
                            "config/" + PlatformClient.segment(subject), Map.of("defaultToGlobal", "true")));
            boolean compatible = answer.path("is_compatible").asBoolean();
            ObjectNode doc = Documents.object()
                    .put("productId", product)
                    .put("major", line.path("major").asInt())
                    .put("subject", subject)
                    .put("file", file.toString())
                    .put("level", level.path("compatibilityLevel").asText())
                    .put("compatible", compatible);
            doc.set("messages", answer.path("messages").isArray() ? answer.get("messages") : doc.arrayNode());
            session.print(doc, out -> {
                out.println((compatible ? "compatible: " : "INCOMPATIBLE: ") + file + " against " + subject + " ("
                        + doc.path("level").asText() + (against == null ? "" : ", version " + against) + ")");
                for (JsonNode m : doc.path("messages")) {
                    out.println("  - " + m.asText());
                }
                if (!compatible) {
                    out.println("  fix: make the change compatible (e.g. give new fields a default), or ship it as the"
                            + " next major version (a new topic " + product + ".v"
                            + (line.path("major").asInt() + 1)
                            + ")");
                }
            });
            return compatible ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    /** @return the file's text; a missing file is exit code 4 */
    static String readSchema(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new MeshctlException(
                        ExitCode.USAGE,
                        file + " is a directory",
                        "name the .avsc file itself, e.g. schemas/order.avsc");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MeshctlException(
                    ExitCode.NOT_FOUND,
                    "file not found: " + file,
                    "check the path; it is relative to " + Path.of("").toAbsolutePath());
        } catch (IOException | UncheckedIOException e) {
            throw new MeshctlException(
                    ExitCode.NOT_FOUND, "cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
        }
    }
}
