package io.meshwork.sdk.registry;

/**
 * A registry call that failed: the registry refused it (HTTP 4xx, or a 5xx that outlived the retries), or it could not
 * be reached at all. The message names the call, what the registry said, and what to fix.
 */
public class SchemaRegistryException extends RuntimeException {
    /** {@link #status()} when no HTTP answer was received (connection refused, timeout). */
    public static final int NO_RESPONSE = -1;

    private final int status;
    private final int errorCode;
    private final String serverMessage;

    /**
     * Creates an exception.
     *
     * @param message the full, human-readable message
     * @param status the HTTP status, or {@link #NO_RESPONSE}
     * @param errorCode the registry's {@code error_code}, or 0 when the answer carried none
     * @param serverMessage the registry's {@code message}, or {@code null}
     * @param cause the underlying cause, or {@code null}
     */
    public SchemaRegistryException(String message, int status, int errorCode, String serverMessage, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** @return the HTTP status of the registry's answer, or {@link #NO_RESPONSE} when none came */
    public int status() {
        return status;
    }

    /** @return the registry's {@code error_code} (e.g. 40401), or 0 when the answer carried none */
    public int errorCode() {
        return errorCode;
    }

    /** @return the registry's own {@code message}, or {@code null} when there was no answer */
    public String serverMessage() {
        return serverMessage;
    }

    /** @return whether the registry answered that the subject, version or schema does not exist (HTTP 404) */
    public boolean isNotFound() {
        return status == 404;
    }
}
