package io.meshwork.sdk.service;

import java.util.List;

/**
 * A data product service cannot start or go on: its descriptor is invalid, governance refused it, the platform or Kafka
 * cannot be reached, a topic is missing. The message says what, where and how to fix it; {@link #details()} holds
 * every line of a longer report (each policy result, each descriptor problem).
 */
public class MeshServiceException extends RuntimeException {
    private final List<String> details;

    /**
     * @param message what went wrong and the fix
     * @param details the lines of the full report, possibly empty
     */
    public MeshServiceException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /**
     * @param message what went wrong and the fix
     * @param cause the underlying error
     */
    public MeshServiceException(String message, Throwable cause) {
        super(message, cause);
        this.details = List.of();
    }

    /** @param message what went wrong and the fix */
    public MeshServiceException(String message) {
        this(message, List.of());
    }

    /** @return the lines of the full report */
    public List<String> details() {
        return details;
    }

    /** @return the message followed by every detail line, indented */
    public String report() {
        StringBuilder s = new StringBuilder(getMessage());
        for (String d : details) {
            s.append(System.lineSeparator()).append("  ").append(d);
        }
        return s.toString();
    }
}
