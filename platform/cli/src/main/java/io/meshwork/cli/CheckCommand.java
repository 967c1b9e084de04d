package io.meshwork.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.output.Documents;
import io.meshwork.descriptor.DescriptorException;
import io.meshwork.descriptor.DescriptorParser;
import io.meshwork.descriptor.DescriptorProblem;
import io.meshwork.descriptor.DescriptorSchemas;
import io.meshwork.descriptor.ParsedDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code meshctl check dataproduct.yaml}: the dry run a domain team runs in CI. The descriptor is read and its
 * schemas loaded here (problems are reported at once, with file, line and fix); then the platform judges it with
 * every publication policy, the changelog against the registered schemas and the compatibility verdict per subject,
 * changing nothing. Exit code 1 on a DENIED verdict.
 */
@Command(
        name = "check",
        description = "Dry run of a dataproduct.yaml and its schemas: every policy, the changelog and the"
                + " compatibility verdict; changes nothing. Exit code 1 when the verdict is DENIED.")
final class CheckCommand extends MeshctlCommand {
    @Parameters(paramLabel = "DATAPRODUCT.yaml", description = "The descriptor; its .avsc paths are relative to it.")
    Path file;

    @Override
    int execute(Session session) {
        byte[] bytes = read(file);
        String name = file.toString();
        ObjectNode request = Documents.object().put("file", name);
        ParsedDescriptor parsed;
        List<DescriptorSchemas.PortSchemas> schemas;
        try {
            parsed = DescriptorParser.parse(name, bytes);
            Path base = file.toAbsolutePath().getParent();
            schemas = DescriptorSchemas.load(parsed, base, CheckCommand.class.getClassLoader());
        } catch (DescriptorException e) {
            return printResult(session, localProblems(e.problems()));
        }
        request.put("descriptor", new String(bytes, StandardCharsets.UTF_8));
        ObjectNode subjects = request.putObject("schemas");
        for (DescriptorSchemas.PortSchemas port : schemas) {
            subjects.put(port.topic() + "-value", port.valueSchema());
            if (port.keySchema() != null) {
                subjects.put(port.topic() + "-key", port.keySchema());
            }
        }
        JsonNode result = session.platform().post("api/v1/checks", request);
        return printResult(session, result);
    }

    private static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new MeshctlException(
                        ExitCode.USAGE,
                        file + " is a directory",
                        "name the descriptor itself, e.g. " + file.resolve("dataproduct.yaml"));
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MeshctlException(
                    ExitCode.NOT_FOUND,
                    "file not found: " + file,
                    "check the path; it is relative to " + Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw new MeshctlException(
                    ExitCode.NOT_FOUND, "cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
        }
    }

    /** The result of a check that never reached the platform: the descriptor's own problems, DENIED. */
    private static ObjectNode localProblems(List<DescriptorProblem> problems) {
        ObjectNode result = Documents.object();
        result.putNull("productId");
        result.putNull("version");
        result.put("verdict", "DENIED");
        ArrayNode list = result.putArray("problems");
        for (DescriptorProblem p : problems) {
            list.addObject()
                    .put("file", p.file())
                    .put("line", p.line())
                    .put("column", p.column())
                    .put("field", p.field())
                    .put("message", p.message())
                    .put("fix", p.fix());
        }
        result.putArray("results");
        result.putArray("changes");
        result.putArray("compatibility");
        return result;
    }

    private int printResult(Session session, JsonNode result) {
        session.print(result, out -> printReport(out, file.toString(), result));
        return "DENIED".equals(result.path("verdict").asText()) ? ExitCode.FAILED : ExitCode.OK;
    }

    /** The CI-log form: problems, every policy, the changelog, compatibility per subject, and the verdict last. */
    static void printReport(PrintWriter out, String file, JsonNode result) {
        String product = Text.of(result, "productId");
        out.println("meshctl check " + file
                + (product == null
                        ? ""
                        : ": " + product + " " + result.path("version").asText()));

        JsonNode problems = result.path("problems");
        if (!problems.isEmpty()) {
            out.println();
            out.println("Descriptor problems (" + problems.size() + ")");
            for (JsonNode p : problems) {
                out.println("  " + problem(p));
            }
        }

        JsonNode results = result.path("results");
        int failedBlockers = 0;
        int failedWarnings = 0;
        Set<String> blockers = new LinkedHashSet<>();
        if (!results.isEmpty()) {
            out.println();
            out.println("Policies (" + results.size() + ")");
            for (JsonNode r : results) {
                String outcome = r.path("outcome").asText();
                String severity = r.path("severity").asText().toLowerCase(Locale.ROOT);
                out.println(String.format(
                        Locale.ROOT,
                        "  %-7s  %-7s  %s",
                        outcome,
                        severity,
                        r.path("policyId").asText()));
                boolean failed = "FAILED".equals(outcome);
                if (failed && "blocker".equals(severity)) {
                    failedBlockers++;
                    blockers.add(r.path("policyId").asText());
                } else if (failed && "warning".equals(severity)) {
                    failedWarnings++;
                }
                if (r.hasNonNull("message") && (failed || "SKIPPED".equals(outcome))) {
                    out.println("           " + r.path("message").asText());
                }
                if (failed && r.hasNonNull("fix")) {
                    out.println("           fix: " + r.path("fix").asText());
                }
                if (failed && r.hasNonNull("location")) {
                    out.println("           at:  " + r.path("location").asText());
                }
            }
        }

        JsonNode changes = result.path("changes");
        if (product != null) {
            out.println();
            out.println("Changelog against the registered schemas (" + changes.size() + ")");
            SchemasCommand.printChanges(out, changes, "  ");
        }

        JsonNode compatibility = result.path("compatibility");
        if (!compatibility.isEmpty()) {
            out.println();
            out.println("Compatibility");
            for (JsonNode c : compatibility) {
                out.println("  " + c.path("subject").asText() + "  "
                        + c.path("level").asText() + "  "
                        + (c.path("compatible").asBoolean() ? "compatible" : "INCOMPATIBLE"));
                for (JsonNode m : c.path("messages")) {
                    out.println("    - " + m.asText());
                }
            }
        }

        out.println();
        String verdict = result.path("verdict").asText();
        StringBuilder line = new StringBuilder("Verdict: ").append(verdict);
        if (!problems.isEmpty()) {
            line.append(" — ").append(Text.count(problems.size(), "descriptor problem", "descriptor problems"));
        } else if ("DENIED".equals(verdict)) {
            line.append(" — ")
                    .append(Text.count(failedBlockers, "blocker failed", "blockers failed"))
                    .append(" (")
                    .append(String.join(", ", blockers))
                    .append(")");
        } else if (failedWarnings > 0) {
            line.append(" — ").append(Text.count(failedWarnings, "warning", "warnings"));
        }
        out.println(line);
    }

    /** {@code file:line:column: field: message. Fix: fix}, as the descriptor parser prints problems. */
    static String problem(JsonNode p) {
        return new DescriptorProblem(
                        p.path("file").asText(),
                        p.path("line").asInt(),
                        p.path("column").asInt(),
                        p.path("field").asText(""),
                        p.path("message").asText(),
                        Text.of(p, "fix"))
                .toString();
    }
}
