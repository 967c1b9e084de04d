package io.meshwork.platform.server.catalog;

/**
 * A refusal of the catalog API: HTTP status, a Meshwork error code, what is wrong and how to fix it. Answered as
 * {@code {"error_code", "message", "fix"}} (the registry's error shape, plus the fix), never as a stack trace.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;
    private final String fix;
    private final transient Object details;

    public ApiException(int status, int errorCode, String message, String fix) {
        this(status, errorCode, message, fix, null);
    }

    public ApiException(int status, int errorCode, String message, String fix, Object details) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fix = fix;
        this.details = details;
    }

    static ApiException badRequest(String message, String fix) {
        return new ApiException(400, 40001, message, fix);
    }

    static ApiException notFound(int code, String message, String fix) {
        return new ApiException(404, code, message, fix);
    }

    static ApiException conflict(String message, String fix) {
        return new ApiException(409, 40901, message, fix);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the Meshwork error code */
    public int errorCode() {
        return errorCode;
    }

    /** @return how to fix it, or null */
    public String fix() {
        return fix;
    }

    /** @return a JSON-renderable detail (e.g. the governance decision), or null */
    public Object details() {
        return details;
    }
}
