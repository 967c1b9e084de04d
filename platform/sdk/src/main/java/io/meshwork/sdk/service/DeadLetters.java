package io.meshwork.sdk.service;

/**
 * The dead-letter contract. A record a service cannot turn into a product record goes, unchanged (same key and value
 * bytes, same headers), to the product's dead-letter topic {@code <domain>.<name>.v<major>.dlq} with these headers
 * added; the stream keeps running. {@code meshctl dlq list} shows them, {@code meshctl dlq replay} sends the records
 * back to {@link #TOPIC} once their cause is fixed.
 */
public final class DeadLetters {
    /** Why the record was set aside, one sentence (the exception message, or the failed quality rules). */
    public static final String CAUSE = "meshwork.dlq.cause";
    /** The class of the exception, when one was thrown. */
    public static final String EXCEPTION = "meshwork.dlq.exception";
    /** The topic the record was read from. */
    public static final String TOPIC = "meshwork.dlq.topic";
    /** Its partition there, as decimal text. */
    public static final String PARTITION = "meshwork.dlq.partition";
    /** Its offset there, as decimal text. */
    public static final String OFFSET = "meshwork.dlq.offset";
    /**
     * Where it failed: {@code deserialization} (the bytes did not decode), {@code processing} (the topology threw),
     * {@code quality} (a quality rule with action {@code dlq} failed), {@code serialization} (the product record could
     * not be written).
     */
    public static final String STAGE = "meshwork.dlq.stage";
    /** For {@code quality}: the names of the failed rules, comma-separated. */
    public static final String RULES = "meshwork.dlq.rules";
    /** The Kafka Streams application id of the service. */
    public static final String APPLICATION = "meshwork.dlq.application";
    /** The processor node that failed, when known. */
    public static final String PROCESSOR = "meshwork.dlq.processor";
    /** When it was dead-lettered, epoch milliseconds as decimal text. */
    public static final String TIME = "meshwork.dlq.time";
    /**
     * {@code true} when the record is the one read from {@link #TOPIC}, a raw source or upstream product topic, so that
     * sending it back there replays it; {@code false} when it failed after a repartition: {@link #TOPIC} is then the
     * service's internal topic and the value its intermediate record, for diagnosis only.
     */
    public static final String REPLAYABLE = "meshwork.dlq.replayable";
    /** Set by a replay: how many times the record was replayed, as decimal text. */
    public static final String REPLAYED = "meshwork.dlq.replayed";

    /** The suffix of a dead-letter topic. */
    public static final String SUFFIX = ".dlq";

    private DeadLetters() {}

    /**
     * @param productTopic a product topic, e.g. {@code sales.orders.v1}
     * @return its dead-letter topic, e.g. {@code sales.orders.v1.dlq}
     */
    public static String topicFor(String productTopic) {
        return productTopic + SUFFIX;
    }
}
