package io.meshwork.registry;

/**
 * A refusal the registry answers with: an HTTP status, the protocol's {@code error_code} and a message that says what
 * was wrong and how to fix it. Never used for a server fault when the client's input was the problem.
 */
public final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    /**
     * @param status the HTTP status
     * @param errorCode the protocol's error code (e.g. 40401)
     * @param message what was wrong and how to fix it
     */
    public RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the protocol's error code */
    public int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, Object version) {
        return new RegistryException(404, 40402, "Version " + version + " not found under subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(String detail) {
        return new RegistryException(404, 40403, detail);
    }

    static RegistryException invalidSchema(String detail) {
        return new RegistryException(422, 42201, detail);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(
                422,
                42202,
                "The specified version '" + version
                        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
                        + " \"latest\" (or -1).");
    }

    static RegistryException invalidCompatibility(String level) {
        return new RegistryException(
                422,
                42203,
                "Invalid compatibility level '" + level + "'. Valid values are " + CompatibilityLevel.names() + ".");
    }

    static RegistryException invalidMode(String mode) {
        return new RegistryException(
                422, 42204, "Invalid mode '" + mode + "'. Valid values are " + RegistryMode.names() + ".");
    }

    static RegistryException notPermitted(String detail) {
        return new RegistryException(422, 42205, detail);
    }

    static RegistryException invalidSubject(String detail) {
        return new RegistryException(422, 42208, detail);
    }
}
