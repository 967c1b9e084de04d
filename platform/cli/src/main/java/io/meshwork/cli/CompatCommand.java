package io.meshwork.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code meshctl compat get|set}: a subject's compatibility level in the registry. */
@Command(
        name = "compat",
        description = "Read or set a subject's compatibility level in the registry (a product id maps to"
                + " <id>.v<major>-value).",
        subcommands = {CompatCommand.Get.class, CompatCommand.Set.class})
final class CompatCommand extends CommandGroup {
    /** The registry's compatibility levels. */
    static final List<String> LEVELS = List.of(
            "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    /** The levels, for completion. */
    static final class LevelCandidates extends ArrayList<String> {
        LevelCandidates() {
            super(LEVELS);
        }
    }

    /** What names the subject: a subject, or a product id with an optional major and key flag. */
    static final class Target {
        @Parameters(
                index = "0",
                paramLabel = "SUBJECT|PRODUCT",
                description = "A subject (sales.orders.v1-value) or a product id (sales.orders).")
        String target;

        @Option(
                names = "--major",
                paramLabel = "N",
                description = "With a product id: the major version (default: the newest that is not retired).")
        Integer major;

        @Option(names = "--key", description = "With a product id: the key subject <topic>-key.")
        boolean key;

        String subject(Session session) {
            if (!Products.PRODUCT_ID.matcher(target).matches()) {
                if (major != null || key) {
                    throw new ParameterException(
                            session.spec().commandLine(),
                            "--major and --key go with a product id, not with the subject " + target);
                }
                return target;
            }
            int m = major != null
                    ? major
                    : Products.line(Products.detail(session, target), null)
                            .path("major")
                            .asInt();
            return target + ".v" + m + (key ? "-key" : "-value");
        }
    }

    @Command(
            name = "get",
            description = "Show a subject's compatibility level, and whether it is its own or the global default.")
    static final class Get extends MeshctlCommand {
        @CommandLine.Mixin
        Target target;

        @Override
        int execute(Session session) {
            String subject = target.subject(session);
            String path = "config/" + PlatformClient.segment(subject);
            JsonNode effective =
                    session.platform().get(PlatformClient.withQuery(path, Map.of("defaultToGlobal", "true")));
            boolean own;
            try {
                session.platform().get(path);
                own = true;
            } catch (MeshctlException e) {
                if (e.exitCode() != ExitCode.NOT_FOUND) {
                    throw e;
                }
                own = false;
            }
            ObjectNode doc = Documents.object()
                    .put("subject", subject)
                    .put(
                            "compatibilityLevel",
                            effective.path("compatibilityLevel").asText())
                    .put("source", own ? "subject" : "global");
            boolean subjectLevel = own;
            session.print(
                    doc,
                    out -> out.println(
                            subject + ": " + doc.path("compatibilityLevel").asText() + " ("
                                    + (subjectLevel ? "set on the subject" : "the registry's global default") + ")"));
            return ExitCode.OK;
        }
    }

    @Command(name = "set", description = "Set a subject's compatibility level.")
    static final class Set extends MeshctlCommand {
        @CommandLine.Mixin
        Target target;

        @Parameters(
                index = "1",
                paramLabel = "LEVEL",
                completionCandidates = LevelCandidates.class,
                description = "One of ${COMPLETION-CANDIDATES}.")
        String level;

        @Override
        int execute(Session session) {
            String wanted = level.strip().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(wanted)) {
                throw new ParameterException(
                        session.spec().commandLine(),
                        "'" + level + "' is not a compatibility level; use one of " + String.join(", ", LEVELS));
            }
            String subject = target.subject(session);
            JsonNode answer = session.platform()
                    .put(
                            "config/" + PlatformClient.segment(subject),
                            Documents.object().put("compatibility", wanted));
            ObjectNode doc = Documents.object()
                    .put("subject", subject)
                    .put("compatibilityLevel", answer.path("compatibility").asText(wanted));
            session.print(
                    doc,
                    out -> out.println(subject + ": compatibility set to "
                            + doc.path("compatibilityLevel").asText()));
            return ExitCode.OK;
        }
    }
}
