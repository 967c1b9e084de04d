package io.meshwork.catalog;

/** Header names on every dead-lettered record: why it was set aside and where it came from. */
public final class DeadLetterHeaders {
    /** Why the record was set aside, one sentence. */
    public static final String CAUSE = "meshwork.dlq.cause";
    /** The topic it was read from. */
    public static final String TOPIC = "meshwork.dlq.topic";
    /** Its partition there, as decimal text. */
    public static final String PARTITION = "meshwork.dlq.partition";
    /** Its offset there, as decimal text. */
    public static final String OFFSET = "meshwork.dlq.offset";

    private DeadLetterHeaders() {}
}
