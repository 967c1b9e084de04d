package io.meshwork.sdk.serde;

import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * How the serializer names the registry subject a schema is registered or looked up under. Chosen with
 * {@code key.subject.name.strategy} / {@code value.subject.name.strategy}; see {@link #forName(String)} for the
 * accepted names.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} or {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC_NAME("TopicNameStrategy"),
    /** The record's full name, e.g. {@code io.shop.Order}: one lineage per record type, across topics. */
    RECORD_NAME("RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: one lineage per record type per topic. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String simpleName;

    SubjectNameStrategy(String simpleName) {
        this.simpleName = simpleName;
    }

    /** @return the strategy's Confluent-style name, e.g. {@code TopicNameStrategy} */
    public String simpleName() {
        return simpleName;
    }

    /**
     * The subject for a key or value of {@code topic} written with {@code schema}.
     *
     * @param topic the topic
     * @param isKey whether the schema is the key's
     * @param schema the schema of the data
     * @return the subject name
     * @throws SerializationException when a record-name strategy meets a schema without a name (a primitive, array,
     *     map or union)
     */
    public String subject(String topic, boolean isKey, Schema schema) {
        switch (this) {
            case TOPIC_NAME:
                return topic + (isKey ? "-key" : "-value");
            case RECORD_NAME:
                return recordName(schema);
            case TOPIC_RECORD_NAME:
                return topic + "-" + recordName(schema);
            default:
                throw new IllegalStateException("Unknown strategy " + this);
        }
    }

    private String recordName(Schema schema) {
        Schema.Type type = schema.getType();
        if (type != Schema.Type.RECORD && type != Schema.Type.ENUM && type != Schema.Type.FIXED) {
            throw new SerializationException(
                    simpleName + " needs a named Avro type (record, enum or fixed) but the data" + " has schema type "
                            + type.getName() + ". Fix: use TopicNameStrategy for this key or value.");
        }
        return schema.getFullName();
    }

    /**
     * Finds a strategy by name. Accepted, case-insensitively for the first three forms: the simple name
     * ({@code TopicNameStrategy}, {@code RecordNameStrategy}, {@code TopicRecordNameStrategy}), the constant name
     * ({@code TOPIC_NAME}…), and Confluent's class names ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}
     * …), which map to the same behaviour.
     *
     * @param name the configured name
     * @return the strategy
     * @throws IllegalArgumentException when the name is none of these
     */
    public static SubjectNameStrategy forName(String name) {
        String trimmed = name == null ? "" : name.trim();
        String simple = trimmed.startsWith(CONFLUENT_PACKAGE) ? trimmed.substring(CONFLUENT_PACKAGE.length()) : trimmed;
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.simpleName.equalsIgnoreCase(simple) || strategy.name().equalsIgnoreCase(simple)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("Unknown subject name strategy '" + trimmed + "'. Use one of"
                + " TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy (Confluent's class names "
                + CONFLUENT_PACKAGE.toLowerCase(Locale.ROOT) + "* are accepted too).");
    }
}
