package io.meshwork.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.meshwork.cli.output.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;

/** How meshctl reads its command line and environment, and what it says about wrong arguments; no service needed. */
class MeshctlArgumentsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    /** Parses without running and returns the session of the command that would run. */
    private static Session session(Map<String, String> env, String... args) {
        CommandLine cli = Meshctl.commandLine(env);
        ParseResult result = cli.parseArgs(args);
        List<CommandLine> parsed = result.asCommandLineList();
        return new Session(parsed.get(parsed.size() - 1).getCommandSpec());
    }

    @Test
    void shouldUseTheDefaultsWhenNothingIsSet() {
        Session s = session(NO_ENV, "products", "list");

        assertThat(s.platformUrl()).isEqualTo("http://localhost:8080");
        assertThat(s.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(s.output()).isEqualTo(OutputFormat.TABLE);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.principal()).isNull();
    }

    @Test
    void shouldReadTheDefaultsFromTheEnvironment() {
        Session s = session(
                Map.of(
                        "MESHWORK_PLATFORM", "http://platform:8081",
                        "MESHWORK_BOOTSTRAP_SERVERS", "kafka:9093",
                        "MESHWORK_PRINCIPAL", "User:ops"),
                "policies",
                "list");

        assertThat(s.platformUrl()).isEqualTo("http://platform:8081");
        assertThat(s.bootstrapServers()).isEqualTo("kafka:9093");
        assertThat(s.principal()).isEqualTo("User:ops");
    }

    @Test
    void shouldLetOptionsWinOverTheEnvironmentWhereverTheyAreGiven() {
        Map<String, String> env = Map.of("MESHWORK_PLATFORM", "http://env:1", "MESHWORK_BOOTSTRAP_SERVERS", "env:2");

        Session before = session(env, "--platform", "http://before:1", "--bootstrap-servers", "b:1", "tail", "a.b");
        Session middle = session(env, "dlq", "--platform=http://middle:1", "list", "a.b");
        Session after = session(env, "tail", "a.b", "--platform", "http://after:1", "-o", "YAML", "--timeout", "2m");

        assertThat(before.platformUrl()).isEqualTo("http://before:1");
        assertThat(before.bootstrapServers()).isEqualTo("b:1");
        assertThat(middle.platformUrl()).isEqualTo("http://middle:1");
        assertThat(after.platformUrl()).isEqualTo("http://after:1");
        assertThat(after.bootstrapServers()).isEqualTo("env:2");
        assertThat(after.output()).isEqualTo(OutputFormat.YAML);
        assertThat(after.timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "10s, 10000", "2m, 120000", "1h, 3600000", "7, 7000", "PT5S, 5000", "pt1m, 60000"})
    void shouldReadDurations(String text, long millis) {
        assertThat(Meshctl.DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void shouldExitWithCode2ForAnOutputFormatItDoesNotKnow() {
        Run run = Run.of(NO_ENV, "policies", "list", "--output", "xml");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .startsWith("error: Invalid value for option '--output': 'xml' is not an output format; use table, json"
                        + " or yaml")
                .endsWith("  fix: see 'meshctl policies list --help'\n");
    }

    @Test
    void shouldExitWithCode2ForATimeoutThatIsNotAPositiveDuration() {
        assertThat(Run.of(NO_ENV, "doctor", "--timeout", "soon").exitCode()).isEqualTo(ExitCode.USAGE);
        Run zero = Run.of(NO_ENV, "doctor", "--timeout", "0s");
        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.err()).contains("'0s' is not a positive duration");
    }

    @Test
    void shouldNameAnUnknownCommandAndSuggestTheClosestOne() {
        Run run = Run.of(NO_ENV, "prodcuts", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("error: 'prodcuts' is not a meshctl command\n  did you mean: products")
                .endsWith("  fix: see 'meshctl --help'\n");
    }

    @Test
    void shouldExitWithCode2WhenAGroupIsGivenWithoutItsSubcommand() {
        Run run = Run.of(NO_ENV, "products");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .isEqualTo("error: 'meshctl products' needs a subcommand: one of list, show, search\n"
                        + "  fix: see 'meshctl products --help'\n");
    }

    @Test
    void shouldPrintTheUsageAndExitWithCode2WithoutACommand() {
        Run run = Run.of(NO_ENV);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("Usage: meshctl");
    }

    @Test
    void shouldListEveryCommandExitCodeAndVariableInTheHelp() {
        Run run = Run.of(NO_ENV, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("products", "schemas", "check", "compat", "deprecate", "retire", "subscriptions")
                .contains("lineage", "tail", "dlq", "policies", "audit", "doctor", "completion")
                .contains("--platform=URL", "--bootstrap-servers=HOST:PORT", "--output=FORMAT", "--principal")
                .contains("Exit codes:")
                .contains("MESHWORK_PLATFORM", "MESHWORK_BOOTSTRAP_SERVERS", "MESHWORK_PRINCIPAL");
        for (int code = ExitCode.OK; code <= ExitCode.ERROR; code++) {
            assertThat(run.out()).containsPattern("(?m)^  " + code + "   \\S");
        }
    }

    @Test
    void shouldShowTheGlobalOptionsAndExitCodesInEverySubcommandsHelp() {
        Run run = Run.of(NO_ENV, "dlq", "replay", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: meshctl dlq replay")
                .contains("--dry-run")
                .contains("--platform=URL")
                .contains("--bootstrap-servers")
                .contains("Exit codes:");
    }

    @Test
    void shouldPrintItsVersionTheJavaRuntimeAndTheKafkaClients() {
        Run run = Run.of(NO_ENV, "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("meshctl " + Meshctl.version() + "\nJava " + System.getProperty("java.version"))
                .contains("kafka-clients 4.3.1");
        assertThat(Meshctl.version()).isNotEqualTo("unknown").doesNotContain("${");
    }

    @Test
    void shouldExitWithCode2AndNameEveryMissingRequiredOption() {
        Run run = Run.of(NO_ENV, "deprecate", "sales.orders");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .startsWith("error: Missing required options: '--major=N', '--sunset=YYYY-MM-DD', '--reason=TEXT'");
    }

    @Test
    void shouldRefuseAMalformedProductIdBeforeAskingThePlatform() {
        Run run = Run.of(Map.of("MESHWORK_PLATFORM", "http://127.0.0.1:1"), "audit", "Sales_Orders");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("error: 'Sales_Orders' is not a product id");
    }

    @Test
    void shouldRefuseANonNumericMajor() {
        Run run = Run.of(NO_ENV, "retire", "sales.orders", "--major", "one", "--reason", "r");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Invalid value for option '--major': 'one' is not an int");
    }

    @Test
    void shouldRefuseATailLimitBelowOne() {
        Run run = Run.of(Map.of("MESHWORK_PLATFORM", "http://127.0.0.1:1"), "tail", "sales.orders", "--limit", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("error: --limit must be at least 1, got 0");
    }

    @Test
    void shouldRefuseAnUnknownTailStart() {
        Run run = Run.of(NO_ENV, "tail", "sales.orders", "--from", "middle");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'middle' is not a start; use beginning or end");
    }

    @Test
    void shouldExitWithCode4WhenTheFileToCheckIsMissing() {
        Run run = Run.of(NO_ENV, "check", "no/such/dataproduct.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).startsWith("error: file not found: no/such/dataproduct.yaml\n  fix: check the path");
    }
}
