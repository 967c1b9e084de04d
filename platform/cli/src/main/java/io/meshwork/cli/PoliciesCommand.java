package io.meshwork.cli;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code meshctl policies list}: the governance policies in force. */
@Command(
        name = "policies",
        description = "The mesh's governance policies.",
        subcommands = {PoliciesCommand.ListCommand.class})
final class PoliciesCommand extends CommandGroup {

    @Command(
            name = "list",
            description = "Every policy in force: its id, effective and default severity, the actions it judges.")
    static final class ListCommand extends MeshctlCommand {
        @Override
        int execute(Session session) {
            JsonNode policies = session.platform().get("api/v1/policies");
            session.print(policies, out -> {
                Table table = Table.of("id", "severity", "default", "title", "actions")
                        .maxWidth(3, 70);
                for (JsonNode p : policies) {
                    table.row(
                            Text.of(p, "id"),
                            lower(Text.of(p, "severity")),
                            lower(Text.of(p, "defaultSeverity")),
                            Text.of(p, "title"),
                            Text.list(p.path("actions")));
                }
                table.print(out);
            });
            return ExitCode.OK;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
