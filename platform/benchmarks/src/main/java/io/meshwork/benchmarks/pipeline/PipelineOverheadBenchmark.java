package io.meshwork.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.platform.server.PlatformServer;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.MeshAvroSerde;
import io.meshwork.sdk.serde.MeshAvroSerdeConfig;
import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.MeshServiceConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Records per second of one stateless domain pipeline (raw JSON orders parsed into an Avro product record), built
 * with the SDK ({@link MeshService}: its topology helpers, quality rule, counting, dead-letter handlers, heartbeats)
 * and as the same topology in plain Kafka Streams with the same serde and settings (exactly-once v2, one stream
 * thread); and the SDK pipeline once more on a product without quality rules, to tell the rule's cost from the rest. The broker runs in another JVM; the platform (needed by the SDK to publish the product and for the
 * registry) runs in this one and is idle while a pipeline runs. A run is timed from the moment the Streams instance is
 * RUNNING until its consumer group has committed the end of every input partition. Runs alternate between the two.
 *
 * <p>Options: {@code --bootstrap HOST:PORT} (required), {@code --records N} (500000), {@code --runs N} (3 of each).
 */
public final class PipelineOverheadBenchmark {
    static final String RAW = "bench.raw-orders";
    static final String PLAIN_OUT = "bench.plain-orders";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineOverheadBenchmark() {}

    /** Parses one raw order; the same code in both pipelines. */
    static BenchOrder parse(String text) {
        JsonNode j;
        try {
            j = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return BenchOrder.newBuilder()
                .setOrderId(j.path("orderId").asText())
                .setCustomerId(j.path("customerId").asText())
                .setAmount(j.path("amount").asDouble())
                .setCurrency(j.path("currency").asText())
                .setPlacedAt(j.path("placedAt").asLong())
                .build();
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception when the broker cannot be reached
     */
    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        long records = 500_000;
        int runs = 3;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[i + 1];
                case "--records" -> records = Long.parseLong(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap HOST:PORT is required (a broker in another JVM)");
        }
        Path state = Files.createTempDirectory("pipeline-bench");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                PlatformServer platform = PlatformServer.start(Map.of(
                        "meshwork.kafka.bootstrap-servers", bootstrap, "meshwork.registry.replication-factor", 1))) {
            prepare(admin, bootstrap, records);
            System.out.printf(
                    Locale.ROOT,
                    "Pipeline overhead: %d records, %d runs each; %d cores, Java %s%n",
                    records,
                    runs,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            List<Double> plain = new ArrayList<>();
            List<Double> sdk = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            // a first round warms up the JVM, the registry and the topics; it is not counted
            runPlain(admin, bootstrap, platform, state, records);
            runSdk(admin, bootstrap, platform, state, records, RULED);
            runSdk(admin, bootstrap, platform, state, records, UNRULED);
            for (int r = 1; r <= runs; r++) {
                plain.add(runPlain(admin, bootstrap, platform, state, records));
                sdk.add(runSdk(admin, bootstrap, platform, state, records, RULED));
                bare.add(runSdk(admin, bootstrap, platform, state, records, UNRULED));
                System.out.printf(
                        Locale.ROOT,
                        "  run %d: plain Kafka Streams %,.0f records/s, SDK %,.0f records/s, SDK without quality"
                                + " rules %,.0f records/s%n",
                        r,
                        plain.get(plain.size() - 1),
                        sdk.get(sdk.size() - 1),
                        bare.get(bare.size() - 1));
            }
            double p = median(plain);
            double s = median(sdk);
            double b = median(bare);
            System.out.printf(
                    Locale.ROOT,
                    "Median: plain %,.0f records/s; SDK %,.0f records/s (overhead %.1f%%); SDK without quality rules"
                            + " %,.0f records/s (overhead %.1f%%)%n",
                    p,
                    s,
                    (p - s) / p * 100,
                    b,
                    (p - b) / p * 100);
        }
        System.exit(0);
    }

    private static double runPlain(Admin admin, String bootstrap, PlatformServer platform, Path state, long records)
            throws Exception {
        String app = "bench.plain-" + UUID.randomUUID().toString().substring(0, 8);
        MeshAvroSerde<BenchOrder> serde = new MeshAvroSerde<>(
                SchemaRegistryClient.builder(platform.uri().toString()).build());
        serde.configure(
                Map.of(
                        MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true,
                        MeshAvroSerdeConfig.REMOVE_JAVA_PROPERTIES, true),
                false);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(RAW, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(PipelineOverheadBenchmark::parse)
                .to(PLAIN_OUT, Produced.with(Serdes.String(), serde));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.resolve(app).toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), p)) {
            streams.start();
            return time(admin, app, records, streams::state);
        }
    }

    /** A product the SDK pipeline writes: its descriptor and topic. */
    private record Product(String release, String topic) {}

    /** With one CEL quality rule ({@code record.amount > 0}). */
    private static final Product RULED = new Product("products/bench.orders/1.0.0/dataproduct.yaml", "bench.orders.v1");
    /** The same product without quality rules. */
    private static final Product UNRULED =
            new Product("products/bench.unruled/1.0.0/dataproduct.yaml", "bench.unruled.v1");

    private static double runSdk(
            Admin admin, String bootstrap, PlatformServer platform, Path state, long records, Product product)
            throws Exception {
        String app = "bench.sdk-" + UUID.randomUUID().toString().substring(0, 8);
        MeshServiceConfig config = MeshServiceConfig.from(Map.of(
                "meshwork.platform.url",
                platform.uri().toString(),
                "meshwork.bootstrap.servers",
                bootstrap,
                "meshwork.state.dir",
                state.toString(),
                "meshwork.http.port",
                "-1",
                "meshwork.stream.threads",
                "1"));
        try (MeshService service = MeshService.builder(app)
                .release(product.release())
                .topology(mesh -> mesh.to(
                        mesh.source(RAW).mapValues(PipelineOverheadBenchmark::parse),
                        mesh.port(product.topic(), BenchOrder.class)))
                .config(config)
                .build()
                .start()) {
            return time(admin, app, records, service::state);
        }
    }

    /** @return records per second from RUNNING until the group committed every input partition's end */
    private static double time(
            Admin admin, String group, long records, java.util.function.Supplier<KafkaStreams.State> state)
            throws Exception {
        while (state.get() != KafkaStreams.State.RUNNING) {
            if (state.get() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException(group + " failed");
            }
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        Map<TopicPartition, Long> end = endOffsets(admin);
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                behind += e.getValue() - (c == null ? 0 : c.offset());
            }
            if (behind <= 0) {
                break;
            }
            Thread.sleep(20);
        }
        return records / (Duration.ofNanos(System.nanoTime() - start).toNanos() / 1e9);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
        admin.describeTopics(List.of(RAW))
                .allTopicNames()
                .get()
                .get(RAW)
                .partitions()
                .forEach(p -> specs.put(new TopicPartition(RAW, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new java.util.HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                admin.listOffsets(specs).all().get().entrySet()) {
            end.put(e.getKey(), e.getValue().offset());
        }
        return end;
    }

    private static void prepare(Admin admin, String bootstrap, long records) throws Exception {
        Set<String> topics = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (String t : List.of(RAW, PLAIN_OUT)) {
            if (!topics.contains(t)) {
                missing.add(new NewTopic(t, 3, (short) 1));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        long have =
                endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
        if (have >= records) {
            if (have > records) {
                throw new IllegalStateException(RAW + " holds " + have + " records, not " + records
                        + ": run with --records " + have + " or on a fresh broker");
            }
            return;
        }
        Random random = new Random(1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new StringSerializer())) {
            for (long i = have; i < records; i++) {
                String id = "o-" + i;
                String value = String.format(
                        Locale.ROOT,
                        "{\"orderId\":\"%s\",\"customerId\":\"c-%05d\",\"amount\":%.2f,\"currency\":\"EUR\","
                                + "\"placedAt\":%d}",
                        id,
                        random.nextInt(50_000),
                        1 + random.nextDouble() * 500,
                        1_764_000_000_000L + i);
                producer.send(new ProducerRecord<>(RAW, id, value));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
