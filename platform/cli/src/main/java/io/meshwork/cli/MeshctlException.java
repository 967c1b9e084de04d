package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A failure meshctl reports to its user: what is wrong, how to fix it, and the exit code ({@link ExitCode}). Printed
 * as {@code error: <message>} and {@code   fix: <fix>}, never as a stack trace.
 */
public class MeshctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String fix;
    private final transient JsonNode details;

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message what is wrong, one sentence
     * @param fix what the user can do about it, or null
     */
    public MeshctlException(int exitCode, String message, String fix) {
        this(exitCode, message, fix, null, null);
    }

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message what is wrong, one sentence
     * @param fix what the user can do about it, or null
     * @param details a JSON document the platform sent with its refusal (e.g. the governance decision), or null
     * @param cause the underlying failure, or null
     */
    public MeshctlException(int exitCode, String message, String fix, JsonNode details, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.fix = fix;
        this.details = details;
    }

    /** @return the exit code meshctl ends with */
    public int exitCode() {
        return exitCode;
    }

    /** @return how to fix it, or null */
    public String fix() {
        return fix;
    }

    /** @return what the platform sent with its refusal, or null */
    public JsonNode details() {
        return details;
    }

    /**
     * @return the same failure with another fix (e.g. a meshctl command instead of the platform's HTTP route)
     * @param otherFix the fix to show instead
     */
    public MeshctlException withFix(String otherFix) {
        return new MeshctlException(exitCode, getMessage(), otherFix, details, getCause());
    }
}
