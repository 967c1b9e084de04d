package io.meshwork.sdk.source;

/**
 * A source record that cannot be read: the message names the field (as a path, e.g. {@code items[0].quantity}), what
 * is wrong, and what was expected. Thrown inside a topology, it sends the record to the dead-letter topic with that
 * message as its cause.
 */
public class MalformedRecordException extends IllegalArgumentException {
    /** @param message what is wrong, naming the field */
    public MalformedRecordException(String message) {
        super(message);
    }
}
