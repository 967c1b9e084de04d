package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.cli.output.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl retire}: the end of a deprecated major version; its subscriptions are revoked. */
@Command(
        name = "retire",
        description = "Retire a deprecated major version of a product: final; its subscriptions are revoked and its"
                + " subject takes no new schema.")
final class RetireCommand extends MeshctlCommand {
    @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
    String product;

    @Option(names = "--major", required = true, paramLabel = "N", description = "The major version to retire.")
    int major;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit trail.")
    String reason;

    @Override
    int execute(Session session) {
        Products.checkId(session, product);
        JsonNode detail = DeprecateCommand.lifecycle(
                session,
                product,
                "retirements",
                Documents.object().put("major", major).put("reason", reason));
        JsonNode line = Products.line(detail, major);
        long revoked = 0;
        for (JsonNode c : detail.path("consumers")) {
            if (c.path("major").asInt() == major
                    && "REVOKED".equals(c.path("status").asText())) {
                revoked++;
            }
        }
        long revokedCount = revoked;
        session.print(
                detail,
                out -> out.println(
                        product + " v" + major + " is " + line.path("status").asText() + " ("
                                + Text.count(revokedCount, "subscription revoked", "subscriptions revoked") + ")"));
        return ExitCode.OK;
    }
}
