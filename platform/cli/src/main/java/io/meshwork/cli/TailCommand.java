package io.meshwork.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.kafka.KafkaSettings;
import io.meshwork.cli.kafka.RecordDecoder;
import io.meshwork.cli.kafka.TopicReader;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.output.OutputFormat;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meshctl tail <product>}: a product topic's records, decoded from Avro, one JSON object per line. Reads by
 * manual assignment with {@code read_committed} and no consumer group, so it never moves anyone's offsets.
 */
@Command(
        name = "tail",
        description = {
            "Print a product's records as JSON lines (Avro decoded with the platform's registry).",
            "From the beginning it stops at the end of the topic (unless --follow); from the end it waits for new"
                    + " records until --limit or Ctrl-C. Nothing is committed: no consumer group is used."
        })
final class TailCommand extends MeshctlCommand {
    private static final Duration POLL = Duration.ofMillis(200);

    @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
    String product;

    @Option(
            names = "--major",
            paramLabel = "N",
            description = "The major version (topic <id>.v<N>; default: the newest that is not retired).")
    Integer major;

    @Option(
            names = "--from",
            paramLabel = "beginning|end",
            converter = FromConverter.class,
            completionCandidates = FromCandidates.class,
            description = "Where to start (default: beginning).")
    From from = From.BEGINNING;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N records.")
    Long limit;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep waiting for new records after the end (always so with --from end).")
    boolean follow;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            converter = Meshctl.DurationConverter.class,
            description = "While following, stop after this long without a new record (default: wait until Ctrl-C).")
    Duration idle;

    /** Where reading starts. */
    enum From {
        BEGINNING,
        END
    }

    @Override
    int execute(Session session) {
        if (limit != null && limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        JsonNode detail = Products.detail(session, product);
        JsonNode line = Products.line(detail, major);
        String topic = line.path("topic").asText();
        boolean following = follow || from == From.END;
        KafkaSettings kafka = session.kafka();
        SchemaRegistryClient registry = kafka.registry();
        try (TopicReader reader = new TopicReader(kafka, topic, notProvisioned(line));
                RecordDecoder decoder = new RecordDecoder(registry, Text.of(line, "keySubject") != null)) {
            if (from == From.END) {
                reader.fromEnd();
            } else {
                reader.fromBeginning();
            }
            Map<TopicPartition, Long> ends = following ? null : reader.endOffsets();
            if (following) {
                session.err()
                        .println("tail: waiting for new records on " + topic + " ("
                                + (limit == null ? "Ctrl-C to stop" : "until " + limit + " arrived") + ")");
                session.err().flush();
            }
            long printed = 0;
            long lastRecord = System.currentTimeMillis();
            while (limit == null || printed < limit) {
                if (ends != null && reader.reached(ends)) {
                    break;
                }
                List<ConsumerRecord<byte[], byte[]>> records = reader.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (ends != null && r.offset() >= ends.getOrDefault(new TopicPartition(topic, r.partition()), 0L)) {
                        continue;
                    }
                    print(session, decoder.decode(r));
                    printed++;
                    if (limit != null && printed >= limit) {
                        break;
                    }
                }
                if (!records.isEmpty()) {
                    lastRecord = System.currentTimeMillis();
                } else if (idle != null && following && System.currentTimeMillis() - lastRecord >= idle.toMillis()) {
                    break;
                }
            }
            if (printed == 0 && !following) {
                session.err().println("tail: no records in " + topic);
            }
        }
        return ExitCode.OK;
    }

    private static String notProvisioned(JsonNode line) {
        return "v" + line.path("major").asInt() + " is " + line.path("status").asText()
                + "; the platform creates the topic when the version is published";
    }

    private static void print(Session session, ObjectNode record) {
        if (session.output() == OutputFormat.YAML) {
            session.out().print("---\n" + Documents.render(record, OutputFormat.YAML));
        } else {
            session.out().println(Documents.line(record));
        }
        session.out().flush();
    }

    /** {@code beginning|end} in any case. */
    static final class FromConverter implements CommandLine.ITypeConverter<From> {
        @Override
        public From convert(String value) {
            try {
                return From.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a start; use beginning or end");
            }
        }
    }

    /** What completion offers for {@code --from}. */
    static final class FromCandidates extends ArrayList<String> {
        FromCandidates() {
            super(List.of("beginning", "end"));
        }
    }
}
