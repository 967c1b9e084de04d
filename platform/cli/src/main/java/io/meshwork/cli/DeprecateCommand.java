package io.meshwork.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code meshctl deprecate}: a major version gets a sunset date, and optionally a successor. */
@Command(
        name = "deprecate",
        description = "Deprecate a major version of a product: consumers are told the sunset date and the successor.")
final class DeprecateCommand extends MeshctlCommand {
    private static final Pattern SUCCESSOR = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v(0|[1-9][0-9]*)");

    @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
    String product;

    @Option(names = "--major", required = true, paramLabel = "N", description = "The major version to deprecate.")
    int major;

    @Option(
            names = "--sunset",
            required = true,
            paramLabel = "YYYY-MM-DD",
            converter = DateConverter.class,
            description = "The date after which it may be retired.")
    LocalDate sunset;

    @Option(
            names = "--successor",
            paramLabel = "ID.vN",
            description = "What consumers should move to, e.g. sales.orders.v2.")
    String successor;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why, for consumers and the audit trail.")
    String reason;

    @Override
    int execute(Session session) {
        Products.checkId(session, product);
        if (successor != null && !SUCCESSOR.matcher(successor).matches()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--successor '" + successor + "' is not <product id>.v<major>, e.g. " + product + ".v"
                            + (major + 1));
        }
        ObjectNode body = Documents.object().put("major", major).put("sunsetDate", sunset.toString());
        if (successor != null) {
            body.put("successor", successor);
        }
        body.put("reason", reason);
        JsonNode detail = lifecycle(session, product, "deprecations", body);
        JsonNode line = Products.line(detail, major);
        session.print(detail, out -> {
            JsonNode dep = line.path("deprecation");
            out.println(product + " v" + major + " is " + line.path("status").asText() + ": sunset "
                    + dep.path("sunsetDate").asText(sunset.toString())
                    + (dep.hasNonNull("successor")
                            ? ", successor " + dep.path("successor").asText()
                            : ""));
        });
        return ExitCode.OK;
    }

    /** POSTs a lifecycle request about a product; an unknown product gets the search hint. */
    static JsonNode lifecycle(Session session, String product, String route, JsonNode body) {
        try {
            return session.platform().post("api/v1/products/" + PlatformClient.segment(product) + "/" + route, body);
        } catch (MeshctlException e) {
            throw e.exitCode() == ExitCode.NOT_FOUND ? e.withFix(Products.SEARCH_FIX) : e;
        }
    }

    /** {@code YYYY-MM-DD}. */
    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
                }
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a date; write YYYY-MM-DD, e.g. 2027-06-30");
            }
        }
    }
}
