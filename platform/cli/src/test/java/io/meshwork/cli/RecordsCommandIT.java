package io.meshwork.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.DeadLetterHeaders;
import io.meshwork.cli.kafka.DeadLetters;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.sdk.serde.MeshAvroSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tail} and {@code dlq list|replay} on real records: products declared and published through the platform,
 * Avro records written with the SDK's serializer to the product topics, dead letters written to {@code <topic>.dlq}
 * with the headers the SDK and the catalog write. A replay puts each dead letter back exactly once, also when it
 * runs twice.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RecordsCommandIT {
    private static final Schema ORDER = new Schema.Parser().parse(MeshUnderTest.ORDER_V1);

    private static MeshUnderTest mesh;
    private static String tailed;
    private static KafkaProducer<String, GenericRecord> orders;
    private static KafkaProducer<byte[], byte[]> raw;
    private static MeshAvroSerializer<GenericRecord> serializer;

    @BeforeAll
    static void startMesh(EmbeddedKafkaBroker broker) {
        mesh = new MeshUnderTest(broker);
        tailed = mesh.publishOrders(MeshUnderTest.uniqueDomain("tail"), "internal");
        Map<String, Object> avro = Map.of("schema.registry.url", mesh.uri().toString(), "auto.register.schemas", false);
        Map<String, Object> config = new HashMap<>(avro);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, MeshAvroSerializer.class);
        orders = new KafkaProducer<>(config);
        raw = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        serializer = new MeshAvroSerializer<>();
        serializer.configure(avro, false);
        for (int i = 1; i <= 6; i++) {
            orders.send(new ProducerRecord<>(tailed + ".v1", "o-" + i, order("o-" + i, 10.0 * i)));
        }
        orders.flush();
    }

    @AfterAll
    static void stopMesh() {
        orders.close();
        raw.close();
        serializer.close();
        mesh.close();
    }

    private static GenericRecord order(String id, double amount) {
        GenericRecord order = new GenericData.Record(ORDER);
        order.put("orderId", id);
        order.put("amount", amount);
        order.put("currency", "EUR");
        return order;
    }

    /** Writes a dead letter of {@code source} as the SDK would: original key and value, the four headers. */
    private static void deadLetter(String source, String id, long offset, Map<String, String> extraHeaders) {
        deadLetter(source + ".dlq", source, id, offset, extraHeaders);
    }

    /** Writes a dead letter to {@code dlqTopic}; {@code source} null leaves the source topic header out. */
    private static void deadLetter(
            String dlqTopic, String source, String id, long offset, Map<String, String> extraHeaders) {
        RecordHeaders headers = new RecordHeaders();
        if (source != null) {
            headers.add(DeadLetterHeaders.TOPIC, source.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(DeadLetterHeaders.CAUSE, "quality rule positive-amount failed".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        headers.add("trace-id", ("t-" + id).getBytes(StandardCharsets.UTF_8));
        extraHeaders.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        String topic = dlqTopic.substring(0, dlqTopic.length() - ".dlq".length());
        byte[] value = serializer.serialize(topic, order(id, -1.0));
        raw.send(new ProducerRecord<>(dlqTopic, null, null, id.getBytes(StandardCharsets.UTF_8), value, headers));
    }

    /** Every committed record of a topic, read to its end. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                mesh.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldTailTheProductTopicAsDecodedJsonLines() throws Exception {
        Run run = mesh.run("tail", tailed);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(6);
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = Run.JSON.readTree(line);
            assertThat(record.path("topic").asText()).isEqualTo(tailed + ".v1");
            assertThat(record.path("key").asText())
                    .isEqualTo(record.at("/value/orderId").asText());
            assertThat(record.at("/value/currency").asText()).isEqualTo("EUR");
            assertThat(record.has("partition") && record.has("offset") && record.has("timestamp"))
                    .isTrue();
            ids.add(record.at("/value/orderId").asText());
        }
        assertThat(ids).containsExactlyInAnyOrder("o-1", "o-2", "o-3", "o-4", "o-5", "o-6");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldStopTailingAfterTheLimit() {
        Run run = mesh.run("tail", tailed, "--major", "1", "--limit", "2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().split("\n")).hasSize(2);
    }

    @Test
    void shouldPrintTailedRecordsAsYamlDocuments() {
        Run run = mesh.run("tail", tailed, "--limit", "1", "--output", "yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("---\n").contains("orderId: o-").contains("currency: EUR");
    }

    @Test
    void shouldWaitForNewRecordsWhenTailingFromTheEnd() throws Exception {
        String followed = mesh.publishOrders(MeshUnderTest.uniqueDomain("follow"), "internal");
        orders.send(new ProducerRecord<>(followed + ".v1", "early", order("early", 1.0)));
        orders.flush();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> Meshctl.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                mesh.env(),
                "tail",
                followed,
                "--from",
                "end",
                "--limit",
                "2",
                "--wait",
                "60s"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> err.toString().contains("waiting for new records on " + followed + ".v1"));
        assertThat(out.toString()).isEmpty();

        orders.send(new ProducerRecord<>(followed + ".v1", "late-1", order("late-1", 1.0)));
        orders.send(new ProducerRecord<>(followed + ".v1", "late-2", order("late-2", 2.0)));
        orders.flush();

        assertThat(tail.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.toString().split("\n")).hasSize(2);
        assertThat(out.toString()).contains("\"orderId\":\"late-1\"").contains("\"orderId\":\"late-2\"");
    }

    @Test
    void shouldExitWithCode4WhenTheProductsTopicDoesNotExistYet() {
        String domain = MeshUnderTest.uniqueDomain("draft");
        mesh.declare(domain, "1.0.0", MeshUnderTest.ORDER_V1, "internal", "");

        Run run = mesh.run("tail", domain + ".orders");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err())
                .isEqualTo("error: topic " + domain + ".orders.v1 does not exist\n"
                        + "  fix: v1 is DRAFT; the platform creates the topic when the version is published\n");
    }

    @Test
    void shouldExitWithCode4WhenTailingAnUnknownProduct() {
        Run run = mesh.run("tail", "nowhere.nothing");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).contains("meshctl products search");
    }

    @Test
    void shouldExitWithCode3WhenKafkaIsUnreachable() {
        String kafka = "127.0.0.1:" + MeshUnderTest.deadPort();

        for (String[] command :
                List.of(new String[] {"tail", tailed}, new String[] {"dlq", "list", tailed}, new String[] {
                    "dlq", "replay", tailed
                })) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--bootstrap-servers", kafka, "--timeout", "2s"));
            Run run = mesh.run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(run.out()).isEmpty();
            String[] lines = run.err().split("\n");
            assertThat(lines).as(run.toString()).hasSize(2);
            assertThat(lines[0])
                    .startsWith("error: Kafka not reachable at " + kafka + ": no broker answered within 2s");
            assertThat(lines[1])
                    .isEqualTo("  fix: start the mesh with ./meshctl dev, or pass --bootstrap-servers"
                            + " HOST:PORT (or set MESHWORK_BOOTSTRAP_SERVERS)");
        }
    }

    @Test
    void shouldListDeadLettersWithTheirCauseAndSource() {
        String product = mesh.publishOrders(MeshUnderTest.uniqueDomain("dlqlist"), "internal");
        deadLetter(product + ".v1", "bad-1", 41, Map.of());
        deadLetter(product + ".v1", "bad-2", 42, Map.of(DeadLetterHeaders.PARTITION, "2"));
        raw.flush();

        Run run = mesh.run("dlq", "list", product);
        Run json = mesh.run("dlq", "list", product, "-o", "json", "--limit", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("PARTITION").contains("OFFSET", "TIME", "SOURCE", "REPLAYED", "CAUSE");
        assertThat(lines[1]).contains(product + ".v1/0@41").contains("quality rule positive-amount failed");
        assertThat(lines).hasSize(3);
        JsonNode first = json.json().path("records").get(0);
        assertThat(json.json().path("records")).hasSize(1);
        assertThat(json.json().path("more").asBoolean()).isTrue();
        assertThat(first.path("sourceTopic").asText()).isEqualTo(product + ".v1");
        assertThat(first.path("sourceOffset").asLong()).isEqualTo(41);
        assertThat(first.path("key").asText()).isEqualTo("bad-1");
        assertThat(first.at("/value/orderId").asText()).isEqualTo("bad-1");
        assertThat(first.at("/headers/trace-id").asText()).isEqualTo("t-bad-1");
        assertThat(first.at("/deadLetterHeaders/meshwork.dlq.cause").asText())
                .isEqualTo("quality rule positive-amount failed");
    }

    @Test
    void shouldReplayEveryDeadLetterExactlyOnceEvenWhenTheReplayRunsTwice() {
        String product = mesh.publishOrders(MeshUnderTest.uniqueDomain("replay"), "internal");
        String topic = product + ".v1";
        for (int i = 0; i < 120; i++) {
            deadLetter(topic, "r-" + i, i, Map.of());
        }
        raw.flush();

        Run dryRun = mesh.run("dlq", "replay", product, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out())
                .startsWith("would replay 120 dead letters of " + topic + ".dlq: 120 to " + topic)
                .contains("dry run: nothing was written or committed");
        assertThat(readAll(topic)).isEmpty();

        Run first = mesh.run("dlq", "replay", product);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).isEqualTo("replayed 120 dead letters of " + topic + ".dlq: 120 to " + topic + "\n");
        assertThat(first.err())
                .contains("[------------------------------] 0/120")
                .contains("[##############################] 120/120");

        Run second = mesh.run("dlq", "replay", product);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out())
                .startsWith("nothing to replay: every dead letter of " + topic + ".dlq was replayed before");

        List<ConsumerRecord<byte[], byte[]>> replayed = readAll(topic);
        assertThat(replayed).hasSize(120);
        assertThat(replayed).allSatisfy(r -> {
            assertThat(header(r, "meshwork.dlq.replayed")).isEqualTo("1");
            assertThat(header(r, DeadLetterHeaders.TOPIC)).isNull();
            assertThat(header(r, DeadLetterHeaders.CAUSE)).isNull();
            assertThat(header(r, "trace-id")).isEqualTo("t-" + new String(r.key(), StandardCharsets.UTF_8));
        });
        assertThat(replayed.stream()
                        .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .distinct())
                .hasSize(120);

        deadLetter(topic, "again", 7, Map.of("meshwork.dlq.replayed", "1"));
        raw.flush();
        Run third = mesh.run("dlq", "replay", product, "-o", "json");
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(third.json().path("replayed").asLong()).isEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> all = readAll(topic);
        assertThat(all).hasSize(121);
        assertThat(all.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("again")))
                .singleElement()
                .satisfies(r -> assertThat(header(r, "meshwork.dlq.replayed")).isEqualTo("2"));

        Run tail = mesh.run("tail", product);
        assertThat(tail.out().split("\n")).hasSize(121);
        assertThat(tail.out()).contains("\"meshwork.dlq.replayed\":\"1\"");
    }

    @Test
    void shouldSkipADeadLetterWithoutASourceTopicAndSayIt() {
        String product = mesh.publishOrders(MeshUnderTest.uniqueDomain("nosource"), "internal");
        deadLetter(product + ".v1.dlq", null, "orphan", 2, Map.of());
        deadLetter(product + ".v1.dlq", product + ".v1.dlq", "loop", 3, Map.of());
        deadLetter(product + ".v1", "internal", 4, Map.of(DeadLetters.REPLAYABLE, "false"));
        deadLetter(product + ".v1", "fine", 1, Map.of());
        raw.flush();

        Run run = mesh.run("dlq", "replay", product);
        Run again = mesh.run("dlq", "replay", product);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .startsWith("replayed 1 dead letter of " + product + ".v1.dlq: 1 to " + product + ".v1\n")
                .contains("skipped 3 without a source topic they can be replayed to, or not replayable")
                .contains("offset 0: it has no meshwork.dlq.topic header, so its source is unknown")
                .contains("offset 1: its source topic is the dead-letter topic itself; replaying it would loop")
                .contains("offset 2: it failed after a repartition");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith("nothing to replay");
        assertThat(readAll(product + ".v1")).hasSize(1);
    }

    @Test
    void shouldStopBeforeADeadLetterWhoseSourceTopicDoesNotExist() {
        String product = mesh.publishOrders(MeshUnderTest.uniqueDomain("gone"), "internal");
        String missing = product + ".v9";
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.TOPIC, missing.getBytes(StandardCharsets.UTF_8));
        raw.send(new ProducerRecord<>(
                product + ".v1.dlq",
                null,
                null,
                "k".getBytes(StandardCharsets.UTF_8),
                "v".getBytes(StandardCharsets.UTF_8),
                headers));
        raw.flush();

        Run run = mesh.run("dlq", "replay", product);
        Run again = mesh.run("dlq", "replay", product, "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("its source topic " + missing + " does not exist");
        assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(again.out()).contains("would replay 0 dead letters").contains(missing);
    }
}
