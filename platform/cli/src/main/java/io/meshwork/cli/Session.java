package io.meshwork.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.cli.kafka.KafkaSettings;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.output.OutputFormat;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What one command execution works with: the global options resolved against the environment, the output streams,
 * and the clients for the platform and Kafka.
 */
final class Session {
    private final CommandSpec spec;
    private final Meshctl root;
    private PlatformClient platform;

    Session(CommandSpec spec) {
        this.spec = spec;
        this.root = (Meshctl) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    CommandSpec spec() {
        return spec;
    }

    /** @return {@code meshctl products list}: the command as typed, for hints */
    String commandName() {
        return spec.qualifiedName();
    }

    String platformUrl() {
        return first(root.platform, root.env().get("MESHWORK_PLATFORM"), Meshctl.DEFAULT_PLATFORM);
    }

    String bootstrapServers() {
        return first(
                root.bootstrapServers, root.env().get("MESHWORK_BOOTSTRAP_SERVERS"), Meshctl.DEFAULT_BOOTSTRAP_SERVERS);
    }

    String principal() {
        return first(root.principal, root.env().get("MESHWORK_PRINCIPAL"), null);
    }

    OutputFormat output() {
        return root.output == null ? OutputFormat.TABLE : root.output;
    }

    Duration timeout() {
        return root.timeout == null ? Meshctl.DEFAULT_TIMEOUT : root.timeout;
    }

    /** @return the platform client; a malformed {@code --platform} is a usage error */
    PlatformClient platform() {
        if (platform == null) {
            try {
                platform = new PlatformClient(platformUrl(), principal(), timeout());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--platform " + e.getMessage());
            }
        }
        return platform;
    }

    /** @return the settings Kafka clients are built from */
    KafkaSettings kafka() {
        String servers = bootstrapServers();
        if (servers.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--bootstrap-servers is empty; give HOST:PORT");
        }
        return new KafkaSettings(servers, timeout(), platform().base().toString());
    }

    /**
     * Prints a command's answer: the table form, or the document as JSON or YAML.
     *
     * @param document the answer as a document
     * @param table prints the table form
     */
    void print(JsonNode document, Consumer<PrintWriter> table) {
        if (output() == OutputFormat.TABLE) {
            table.accept(out());
        } else {
            out().print(Documents.render(document, output()));
        }
        out().flush();
    }

    /** Prints a failure as {@code error: <message>}, the failed policies it carries, and {@code   fix: <fix>}. */
    void report(MeshctlException e) {
        PrintWriter err = err();
        err.println("error: " + e.getMessage());
        JsonNode details = e.details();
        boolean listed = false;
        if (details != null && details.path("results").isArray()) {
            for (JsonNode r : details.path("results")) {
                if ("FAILED".equals(r.path("outcome").asText())) {
                    listed = true;
                    err.println("  " + r.path("severity").asText().toLowerCase(Locale.ROOT) + " "
                            + r.path("policyId").asText() + ": "
                            + r.path("message").asText());
                    if (r.hasNonNull("fix")) {
                        err.println("    fix: " + r.path("fix").asText());
                    }
                }
            }
        }
        if (e.fix() != null && !e.fix().isBlank()) {
            // the platform's fix points at the JSON "details", which meshctl has just printed as the lines above
            err.println("  fix: "
                    + (listed && e.fix().contains("\"details\"")
                            ? "fix what each failed policy above says, then try again"
                            : e.fix()));
        }
        err.flush();
    }

    private static String first(String option, String env, String fallback) {
        if (option != null) {
            return option;
        }
        if (env != null && !env.isBlank()) {
            return env;
        }
        return fallback;
    }
}
