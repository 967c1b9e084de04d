package io.meshwork.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.kafka.AvroJson;
import io.meshwork.cli.kafka.DeadLetterReplay;
import io.meshwork.cli.kafka.DeadLetters;
import io.meshwork.cli.kafka.KafkaSettings;
import io.meshwork.cli.kafka.RecordDecoder;
import io.meshwork.cli.kafka.TopicReader;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.output.Table;
import io.meshwork.sdk.serde.MeshAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl dlq list|replay <product>}: a product's dead letters, and putting them back. */
@Command(
        name = "dlq",
        description = "A product's dead-letter topic (<topic>.dlq): list the records set aside, replay them.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.Replay.class})
final class DlqCommand extends CommandGroup {

    /** The product and major version whose dead letters are meant. */
    static final class Target {
        @Parameters(paramLabel = "PRODUCT", description = "The product id, e.g. sales.orders.")
        String product;

        @Option(
                names = "--major",
                paramLabel = "N",
                description = "The major version (default: the newest that is not retired).")
        Integer major;

        /** @return the dead-letter topic, from the catalog */
        String dlqTopic(Session session) {
            JsonNode line = Products.line(Products.detail(session, product), major);
            String dlq = Text.of(line, "deadLetterTopic");
            return dlq != null ? dlq : line.path("topic").asText() + DeadLetters.TOPIC_SUFFIX;
        }
    }

    @Command(
            name = "list",
            description = "List the dead letters with why they were set aside and where they came from"
                    + " (cause, source topic, partition, offset).")
    static final class ListCommand extends MeshctlCommand {
        @CommandLine.Mixin
        Target target;

        @Option(names = "--limit", paramLabel = "N", description = "At most N records (default: 100).")
        int limit = 100;

        @Override
        int execute(Session session) {
            if (limit < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--limit must be at least 1, got " + limit);
            }
            String dlq = target.dlqTopic(session);
            KafkaSettings kafka = session.kafka();
            ObjectNode doc = Documents.object().put("topic", dlq);
            ArrayNode records = doc.putArray("records");
            boolean more = false;
            MeshAvroDeserializer<Object> values = new MeshAvroDeserializer<>(kafka.registry());
            values.configure(Map.of("schema.registry.url", kafka.registryUrl()), false);
            try (TopicReader reader = new TopicReader(
                    kafka, dlq, "the platform creates it when the product's major version is published")) {
                reader.fromBeginning();
                Map<TopicPartition, Long> ends = reader.endOffsets();
                while (!reader.reached(ends)) {
                    for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                        if (r.offset() >= ends.getOrDefault(new TopicPartition(dlq, r.partition()), 0L)) {
                            continue;
                        }
                        if (records.size() >= limit) {
                            more = true;
                            break;
                        }
                        records.add(entry(r, values));
                    }
                    if (more) {
                        break;
                    }
                }
            } finally {
                values.close();
            }
            doc.put("more", more);
            boolean truncated = more;
            session.print(doc, out -> {
                Table table = Table.of("partition", "offset", "time", "source", "replayed", "cause")
                        .maxWidth(5, 80);
                for (JsonNode e : doc.path("records")) {
                    table.row(
                            e.path("partition").asInt(),
                            e.path("offset").asLong(),
                            Text.time(Text.of(e, "timestamp")),
                            e.hasNonNull("sourceTopic")
                                    ? e.path("sourceTopic").asText() + "/"
                                            + e.path("sourcePartition").asText("?") + "@"
                                            + e.path("sourceOffset").asText("?")
                                    : null,
                            e.path("replayed").asInt(),
                            Text.of(e, "cause"));
                }
                if (table.isEmpty()) {
                    out.println("(no dead letters in " + dlq + ")");
                    return;
                }
                table.print(out);
                if (truncated) {
                    out.println();
                    out.println("showing the first " + limit + "; there are more: raise --limit");
                }
            });
            return ExitCode.OK;
        }

        private static ObjectNode entry(ConsumerRecord<byte[], byte[]> r, MeshAvroDeserializer<Object> values) {
            ObjectNode e = Documents.object()
                    .put("partition", r.partition())
                    .put("offset", r.offset())
                    .put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString())
                    .put("cause", DeadLetters.text(r.headers(), DeadLetters.CAUSE))
                    .put("sourceTopic", DeadLetters.text(r.headers(), DeadLetters.TOPIC));
            putNumber(e, "sourcePartition", DeadLetters.text(r.headers(), DeadLetters.PARTITION));
            putNumber(e, "sourceOffset", DeadLetters.text(r.headers(), DeadLetters.OFFSET));
            e.put("replayed", DeadLetters.replayCount(r.headers()));
            e.set("key", r.key() == null ? e.nullNode() : RecordDecoder.bytes(r.key()));
            if (r.value() == null) {
                e.putNull("value");
            } else {
                try {
                    e.set("value", AvroJson.toJson(values.deserialize(r.topic(), r.headers(), r.value())));
                } catch (SerializationException | IllegalStateException notAvro) {
                    e.put("valueBase64", Base64.getEncoder().encodeToString(r.value()));
                }
                e.put("valueSize", r.value().length);
            }
            ObjectNode other = Documents.object();
            ObjectNode deadLetter = Documents.object();
            for (Header h : r.headers()) {
                ObjectNode into = h.key().startsWith(DeadLetters.PREFIX) ? deadLetter : other;
                into.set(h.key(), h.value() == null ? into.nullNode() : RecordDecoder.bytes(h.value()));
            }
            // every meshwork.dlq.* header as written, also those the SDK adds (exception, stage, time, ...)
            e.set("deadLetterHeaders", deadLetter);
            if (!other.isEmpty()) {
                e.set("headers", other);
            }
            return e;
        }

        private static void putNumber(ObjectNode e, String field, String text) {
            if (text == null) {
                e.putNull(field);
                return;
            }
            try {
                e.put(field, Long.parseLong(text.strip()));
            } catch (NumberFormatException notNumber) {
                e.put(field, text);
            }
        }
    }

    @Command(
            name = "replay",
            description = {
                "Put each dead letter back on the topic named in its meshwork.dlq.topic header (key, value and"
                        + " headers as they were, plus meshwork.dlq.replayed), with a progress bar on stderr.",
                "Exactly once across runs: progress is committed with each batch (consumer group and transactional id"
                        + " meshctl.dlq-replay.<dlq topic>), so running it again replays only what is new."
            })
    static final class Replay extends MeshctlCommand {
        @CommandLine.Mixin
        Target target;

        @Option(names = "--dry-run", description = "Count what would be replayed, where to; write and commit nothing.")
        boolean dryRun;

        @Override
        int execute(Session session) {
            String dlq = target.dlqTopic(session);
            KafkaSettings kafka = session.kafka();
            DeadLetterReplay.Outcome outcome = new DeadLetterReplay(kafka, dlq)
                    .run(dryRun, session.err(), ((Meshctl) spec.root().userObject()).terminal());
            ObjectNode doc = Documents.object()
                    .put("topic", dlq)
                    .put("group", DeadLetterReplay.groupId(dlq))
                    .put("dryRun", outcome.dryRun())
                    .put("waiting", outcome.total())
                    .put("replayed", outcome.replayed())
                    .put("skipped", outcome.skipped())
                    .put("stopped", outcome.stopped());
            ObjectNode byTopic = doc.putObject("byTopic");
            outcome.byTopic().forEach(byTopic::put);
            ArrayNode problems = doc.putArray("problems");
            outcome.problems().forEach(problems::add);
            session.print(doc, out -> {
                if (outcome.total() == 0) {
                    out.println("nothing to replay: every dead letter of " + dlq + " was replayed before (group "
                            + DeadLetterReplay.groupId(dlq) + ")");
                    return;
                }
                String verb = outcome.dryRun() ? "would replay " : "replayed ";
                List<String> targets = new ArrayList<>();
                outcome.byTopic().forEach((topic, n) -> targets.add(n + " to " + topic));
                out.println(verb + Text.count(outcome.replayed(), "dead letter", "dead letters") + " of " + dlq
                        + (targets.isEmpty() ? "" : ": " + String.join(", ", targets)));
                if (outcome.skipped() > 0) {
                    out.println("skipped " + outcome.skipped()
                            + " without a source topic they can be replayed to, or not replayable");
                }
                outcome.problems().forEach(p -> out.println("  " + p));
                if (outcome.dryRun()) {
                    out.println("dry run: nothing was written or committed");
                }
            });
            return outcome.stopped() || outcome.skipped() > 0 ? ExitCode.FAILED : ExitCode.OK;
        }
    }
}
