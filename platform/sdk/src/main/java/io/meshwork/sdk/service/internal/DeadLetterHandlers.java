package io.meshwork.sdk.service.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.QualityRuleViolation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' exception handlers, set by the SDK: a record that does not decode, makes the topology throw, fails a
 * quality rule or cannot be written becomes a dead letter — its original key, value and headers, with the headers of
 * {@link DeadLetters} added — sent through the task's own producer (inside its transaction under exactly-once), and
 * the stream goes on. A quality rule with action {@code fail} stops the service instead. Not part of the public API.
 */
public final class DeadLetterHandlers {
    /** Config key: the dead-letter topic for failures not tied to one product port. */
    public static final String DEFAULT_TOPIC_CONFIG = "meshwork.dlq.default.topic";
    /** Config key: the application id written in {@link DeadLetters#APPLICATION}. */
    public static final String APPLICATION_CONFIG = "meshwork.dlq.application";
    /** Config key: the {@link ServiceMetrics} object that counts dead letters. */
    public static final String METRICS_CONFIG = "meshwork.dlq.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);
    private static final int MAX_CAUSE = 2_000;

    private DeadLetterHandlers() {}

    /** Where dead letters go and who counts them, read from the Streams configuration. */
    private static final class Target {
        private String defaultTopic;
        private String application;
        private ServiceMetrics metrics;

        void configure(Map<String, ?> configs) {
            defaultTopic = (String) configs.get(DEFAULT_TOPIC_CONFIG);
            application = (String) configs.get(APPLICATION_CONFIG);
            Object m = configs.get(METRICS_CONFIG);
            metrics = m instanceof ServiceMetrics sm ? sm : null;
            if (defaultTopic == null) {
                throw new IllegalStateException(DEFAULT_TOPIC_CONFIG + " is not set: the SDK's exception handlers need"
                        + " the service's dead-letter topic");
            }
        }

        ProducerRecord<byte[], byte[]> deadLetter(
                String topic,
                String sourceTopic,
                int partition,
                long offset,
                long timestamp,
                byte[] key,
                byte[] value,
                Headers original,
                String stage,
                String processor,
                Exception cause) {
            Headers headers = new RecordHeaders();
            if (original != null) {
                original.forEach(h -> {
                    if (!h.key().startsWith("meshwork.dlq.") || h.key().equals(DeadLetters.REPLAYED)) {
                        headers.add(h);
                    }
                });
            }
            put(headers, DeadLetters.CAUSE, cause(cause));
            if (!(cause instanceof QualityRuleViolation)) {
                put(headers, DeadLetters.EXCEPTION, rootOf(cause).getClass().getName());
            }
            put(headers, DeadLetters.TOPIC, sourceTopic);
            put(headers, DeadLetters.PARTITION, String.valueOf(partition));
            put(headers, DeadLetters.OFFSET, String.valueOf(offset));
            put(headers, DeadLetters.STAGE, stage);
            boolean internal = application != null && sourceTopic != null && sourceTopic.startsWith(application + "-");
            put(headers, DeadLetters.REPLAYABLE, String.valueOf(!internal));
            if (cause instanceof QualityRuleViolation v) {
                put(
                        headers,
                        DeadLetters.RULES,
                        String.join(
                                ",",
                                v.verdict().failures().stream()
                                        .map(f -> f.rule())
                                        .toList()));
            }
            if (application != null) {
                put(headers, DeadLetters.APPLICATION, application);
            }
            if (processor != null) {
                put(headers, DeadLetters.PROCESSOR, processor);
            }
            put(headers, DeadLetters.TIME, String.valueOf(System.currentTimeMillis()));
            if (metrics != null) {
                metrics.deadLettered(topic, stage);
            }
            LOG.debug("Dead letter to {} from {}-{}@{} ({}): {}", topic, sourceTopic, partition, offset, stage, cause);
            return new ProducerRecord<>(topic, null, timestamp < 0 ? null : timestamp, key, value, headers);
        }

        private static void put(Headers headers, String key, String value) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A record whose key or value does not decode (e.g. not Avro, unknown schema id): a dead letter. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private final Target target = new Target();

        @Override
        public void configure(Map<String, ?> configs) {
            target.configure(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            return Response.resume(List.of(target.deadLetter(
                    target.defaultTopic,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.timestamp(),
                    record.key(),
                    record.value(),
                    record.headers(),
                    "deserialization",
                    context == null ? null : context.processorNodeId(),
                    exception)));
        }
    }

    /**
     * An exception thrown by the topology for one record (a parse error, a rule violation): a dead letter with the
     * record as it was read by the task; a quality rule with action {@code fail} stops the service.
     */
    public static final class Processing implements ProcessingExceptionHandler {
        private final Target target = new Target();

        @Override
        public void configure(Map<String, ?> configs) {
            target.configure(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            QualityRuleViolation violation = violation(exception);
            if (violation != null && violation.fatal()) {
                LOG.error("Stopping: {}", violation.getMessage());
                return Response.fail();
            }
            String topic = violation == null ? target.defaultTopic : violation.deadLetterTopic();
            return Response.resume(List.of(target.deadLetter(
                    topic,
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    context.timestamp(),
                    context.sourceRawKey(),
                    context.sourceRawValue(),
                    context.headers(),
                    violation == null ? "processing" : "quality",
                    context.processorNodeId(),
                    violation == null ? exception : violation)));
        }
    }

    /** A product record that cannot be serialized (e.g. a required field left null): a dead letter. */
    public static final class Production implements ProductionExceptionHandler {
        private final Target target = new Target();

        @Override
        public void configure(Map<String, ?> configs) {
            target.configure(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            // a failure to write is not the record's fault: retry what may pass, otherwise stop rather than lose it
            return exception instanceof org.apache.kafka.common.errors.RetriableException
                    ? Response.retry()
                    : Response.fail();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(
                ErrorHandlerContext context,
                ProducerRecord record,
                Exception exception,
                SerializationExceptionOrigin origin) {
            String topic = record.topic() != null && !record.topic().endsWith(DeadLetters.SUFFIX)
                    ? DeadLetters.topicFor(record.topic())
                    : target.defaultTopic;
            return Response.resume(List.of(target.deadLetter(
                    topic,
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    context.timestamp(),
                    context.sourceRawKey(),
                    context.sourceRawValue(),
                    context.headers(),
                    "serialization",
                    context.processorNodeId(),
                    exception)));
        }
    }

    private static QualityRuleViolation violation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QualityRuleViolation v) {
                return v;
            }
        }
        return null;
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String cause(Exception e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && s.indexOf(m) < 0) {
                if (s.length() > 0) {
                    s.append(": ");
                }
                s.append(m);
            }
        }
        String text = s.length() == 0 ? e.getClass().getSimpleName() : s.toString();
        return text.length() <= MAX_CAUSE ? text : text.substring(0, MAX_CAUSE) + "…";
    }
}
