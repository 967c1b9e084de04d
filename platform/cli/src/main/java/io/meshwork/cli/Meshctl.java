package io.meshwork.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.meshwork.cli.output.OutputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code meshctl}: the command line of the Meshwork mesh for operators, domain teams and consumers. It talks to the
 * platform's HTTP API (catalog, governance, registry) and, for reading topics and dead letters, to Kafka directly.
 *
 * <p>Run it with {@code ./meshctl} at the repository root, or in code with {@link #commandLine(Map)} (environment
 * defaults injectable) and {@link CommandLine#setOut}/{@link CommandLine#setErr} for the output streams.
 */
@Command(
        name = "meshctl",
        mixinStandardHelpOptions = true,
        versionProvider = Meshctl.Version.class,
        scope = ScopeType.INHERIT,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Find, check, evolve, subscribe to and read the data products of a Meshwork mesh.",
        subcommands = {
            ProductsCommand.class,
            SchemasCommand.class,
            CheckCommand.class,
            CompatCommand.class,
            DeprecateCommand.class,
            RetireCommand.class,
            SubscriptionsCommand.class,
            LineageCommand.class,
            TailCommand.class,
            DlqCommand.class,
            PoliciesCommand.class,
            AuditCommand.class,
            DoctorCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok (a check's verdict is ALLOWED or ALLOWED_WITH_WARNINGS)",
            "1:the answer is no: a DENIED check, an incompatible schema, a problem found by doctor,"
                    + " dead letters left unreplayed",
            "2:wrong usage: unknown command or option, missing or malformed argument",
            "3:the platform or Kafka is unreachable or did not answer in time",
            "4:not found: product, major version, subscription or file",
            "5:refused by the platform (HTTP 4xx): a policy denied it, an illegal transition, bad input",
            "6:the platform failed (HTTP 5xx) or answered something unreadable, or meshctl failed"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  MESHWORK_PLATFORM           default of --platform",
            "  MESHWORK_BOOTSTRAP_SERVERS  default of --bootstrap-servers",
            "  MESHWORK_PRINCIPAL          default of --principal",
            "%nDocumentation: docs/meshctl.md"
        })
public final class Meshctl implements Callable<Integer> {
    /** The platform's URL when neither {@code --platform} nor {@code MESHWORK_PLATFORM} says otherwise. */
    public static final String DEFAULT_PLATFORM = "http://localhost:8080";
    /** Kafka's address when neither {@code --bootstrap-servers} nor {@code MESHWORK_BOOTSTRAP_SERVERS} says otherwise. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    /** How long meshctl waits for the platform and Kafka unless {@code --timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Option(
            names = "--platform",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            order = 100,
            description = "The platform's base URL (default: $MESHWORK_PLATFORM, else " + DEFAULT_PLATFORM + ").")
    String platform;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            scope = ScopeType.INHERIT,
            order = 101,
            description = "Kafka, for tail, dlq and doctor (default: $MESHWORK_BOOTSTRAP_SERVERS, else "
                    + DEFAULT_BOOTSTRAP_SERVERS + ").")
    String bootstrapServers;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            scope = ScopeType.INHERIT,
            order = 102,
            converter = OutputConverter.class,
            completionCandidates = OutputCandidates.class,
            description = "table (default), json or yaml.")
    OutputFormat output;

    @Option(
            names = "--principal",
            paramLabel = "PRINCIPAL",
            scope = ScopeType.INHERIT,
            order = 103,
            description = "Who acts, sent as X-Meshwork-Principal, e.g. User:sales-team (default: $MESHWORK_PRINCIPAL;"
                    + " without one the platform records anonymous).")
    String principal;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            scope = ScopeType.INHERIT,
            order = 104,
            converter = DurationConverter.class,
            description = "How long to wait for the platform and Kafka, e.g. 500ms, 10s, 2m (default: 10s).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final boolean terminal;

    /** A meshctl reading its defaults from the process environment. */
    public Meshctl() {
        this(System.getenv());
    }

    /** @param env where {@code MESHWORK_PLATFORM}, {@code MESHWORK_BOOTSTRAP_SERVERS}, … are read from */
    public Meshctl(Map<String, String> env) {
        this(env, false);
    }

    /**
     * @param env where {@code MESHWORK_PLATFORM}, {@code MESHWORK_BOOTSTRAP_SERVERS}, … are read from
     * @param terminal whether stderr is a terminal (progress bars redraw in place) rather than a log
     */
    public Meshctl(Map<String, String> env, boolean terminal) {
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    /** Runs meshctl and exits with its exit code. */
    public static void main(String[] args) {
        CommandLine cli = commandLine(System.getenv(), System.console() != null);
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }

    /**
     * A command line ready to {@link CommandLine#execute}: meshctl's usage-error messages, lower-case enum values.
     *
     * @param env the environment defaults are read from
     * @return a new command line (commands keep option values, so use one per execution)
     */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, false);
    }

    /**
     * A command line ready to {@link CommandLine#execute}.
     *
     * @param env the environment defaults are read from
     * @param terminal whether stderr is a terminal
     * @return a new command line (commands keep option values, so use one per execution)
     */
    public static CommandLine commandLine(Map<String, String> env, boolean terminal) {
        CommandLine cli = new CommandLine(new Meshctl(env, terminal));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Meshctl::usageError);
        return cli;
    }

    /**
     * Runs one command line in this JVM.
     *
     * @param out where the answer goes
     * @param err where errors and progress go
     * @param env the environment defaults are read from
     * @param args the arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        CommandLine cli = commandLine(env);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a command: the usage on stderr, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    Map<String, String> env() {
        return env;
    }

    boolean terminal() {
        return terminal;
    }

    /** A wrong argument: picocli's message, its suggestions, and where to read more; never the whole usage. */
    static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.isUnknownOption()
                && !cli.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()) {
            message = "'" + unmatched.getUnmatched().get(0) + "' is not a "
                    + cli.getCommandSpec().qualifiedName() + " command";
        }
        err.println("error: " + message);
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("  did you mean: " + String.join(", ", suggestions) + "?");
            }
        }
        err.println("  fix: see '" + cli.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCode.USAGE;
    }

    /** Prints {@code meshctl <version>}, the Java runtime and the Kafka client library. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "meshctl " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")",
                "kafka-clients " + kafkaClientsVersion()
            };
        }
    }

    /** @return meshctl's own version, from the build */
    static String version() {
        return resource("/io/meshwork/cli/meshctl.properties", "version");
    }

    /** @return the Kafka client library's version, read without starting Kafka's logging */
    static String kafkaClientsVersion() {
        return resource("/kafka/kafka-version.properties", "version");
    }

    private static String resource(String name, String key) {
        try (InputStream in = Meshctl.class.getResourceAsStream(name)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code table|json|yaml} in any case. */
    static final class OutputConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an output format; use table, json or yaml");
            }
        }
    }

    /** What completion offers for {@code --output}. */
    static final class OutputCandidates extends ArrayList<String> {
        OutputCandidates() {
            super(List.of("table", "json", "yaml"));
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a number of seconds, or ISO-8601 ({@code PT10S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Duration d = parse(value);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a positive duration; write e.g. 500ms, 10s, 2m or 1h");
            }
            return d;
        }

        static Duration parse(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            try {
                return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
