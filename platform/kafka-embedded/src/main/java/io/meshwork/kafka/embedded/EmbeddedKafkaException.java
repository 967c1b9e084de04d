package io.meshwork.kafka.embedded;

/**
 * A failure to start or stop the in-process broker, with a message that says what went wrong, where, and how to fix
 * it. The message is meant to be shown to a person as it is, without the stack trace.
 */
public final class EmbeddedKafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public EmbeddedKafkaException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure, kept for logs
     */
    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
