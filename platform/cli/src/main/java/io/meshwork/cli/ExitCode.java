package io.meshwork.cli;

/**
 * The exit codes of {@code meshctl}, the same for every command (listed by {@code meshctl --help} and in
 * {@code docs/meshctl.md}).
 */
public final class ExitCode {
    /** Everything worked; for a check, the verdict is ALLOWED or ALLOWED_WITH_WARNINGS. */
    public static final int OK = 0;

    /**
     * The command ran and its answer is "no": a DENIED dry run, an incompatible schema, a problem found by
     * {@code doctor}, dead letters that could not be replayed.
     */
    public static final int FAILED = 1;

    /** Wrong usage: an unknown command or option, a missing or malformed argument. */
    public static final int USAGE = 2;

    /** The platform or Kafka could not be reached, or did not answer in time. */
    public static final int UNREACHABLE = 3;

    /** What was named does not exist: a product, a major version, a subscription, a file. */
    public static final int NOT_FOUND = 4;

    /** The platform refused the request (HTTP 4xx other than 404), e.g. a policy denied it or the transition is illegal. */
    public static final int REFUSED = 5;

    /** The platform failed (HTTP 5xx) or answered something meshctl cannot read, or meshctl itself failed. */
    public static final int ERROR = 6;

    private ExitCode() {}
}
