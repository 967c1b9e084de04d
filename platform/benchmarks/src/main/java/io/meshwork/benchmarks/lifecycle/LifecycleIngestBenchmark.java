package io.meshwork.benchmarks.lifecycle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.meshwork.catalog.CatalogConfig;
import io.meshwork.catalog.CatalogLog;
import io.meshwork.catalog.CatalogProjection;
import io.meshwork.catalog.CatalogSearch;
import io.meshwork.catalog.PlatformEventCodec;
import io.meshwork.descriptor.CanonicalJson;
import io.meshwork.descriptor.Classification;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.descriptor.SchemaSource;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.Heartbeat;
import io.meshwork.schemas.lifecycle.InstanceState;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.meshwork.schemas.lifecycle.ProductDeclared;
import io.meshwork.schemas.lifecycle.ProductDeprecated;
import io.meshwork.schemas.lifecycle.ProductPublished;
import io.meshwork.schemas.lifecycle.PublicationRequested;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SchemaRole;
import io.meshwork.schemas.lifecycle.SubscriptionGranted;
import io.meshwork.schemas.lifecycle.SubscriptionRequested;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures the catalog's fold of {@code mesh.lifecycle.v1} on a real broker:
 *
 * <ol>
 *   <li><b>ingest</b>: a catalog is running and caught up; {@code --ingest-events} events are produced as fast as
 *       possible; the rate is events divided by the time from the first send to the catalog having applied the last
 *       one;
 *   <li><b>rebuild</b>: {@code --rebuild-events} events (1,000 products declared, published, subscribed and
 *       deprecated; the rest heartbeats, as in a running mesh) are written first; then a new catalog starts empty and
 *       the time until it has folded everything is measured, and the state hash checked against the live one.
 * </ol>
 *
 * <p>The catalog runs as in the platform: the full-text index is updated after every folded batch for the products it
 * changed.
 *
 * <p>Give {@code --bootstrap} to use a broker in another JVM (recommended: {@code KafkaDevServer}); without it a broker
 * is started in this JVM.
 */
public final class LifecycleIngestBenchmark {
    private static final Map<Integer, Schema> SCHEMAS =
            Map.of(1, LifecycleEvent.getClassSchema(), 2, GovernanceDecision.getClassSchema());
    private static final PlatformEventCodec CODEC = new PlatformEventCodec(SCHEMAS::get, 1, 2);
    private static final int PRODUCTS = 1_000;

    private LifecycleIngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int ingestEvents = Integer.parseInt(options.getOrDefault("ingest-events", "500000"));
        int rebuildEvents = Integer.parseInt(options.getOrDefault("rebuild-events", "1000000"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "3"));
        String bootstrap = options.get("bootstrap");
        EmbeddedKafkaBroker broker = null;
        if (bootstrap == null) {
            Path folder = Files.createTempDirectory("lifecycle-benchmark");
            broker = EmbeddedKafkaBroker.builder().dataFolder(folder).build();
            broker.start();
            bootstrap = broker.bootstrapServers();
            System.out.println("broker: in this JVM (give --bootstrap for a broker in another JVM)");
        } else {
            System.out.println("broker: " + bootstrap);
        }
        System.out.printf(
                "machine: %d cores, JVM %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        try {
            ingest(bootstrap, partitions, ingestEvents);
            rebuild(bootstrap, partitions, rebuildEvents);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static CatalogConfig config(String bootstrap, int partitions) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return CatalogConfig.of(bootstrap)
                .withPartitions(partitions)
                .withTopics("bench.lifecycle." + run, "bench.governance." + run);
    }

    private static void ingest(String bootstrap, int partitions, int events) throws Exception {
        CatalogConfig config = config(bootstrap, partitions);
        CatalogProjection projection = new CatalogProjection();
        try (CatalogSearch search = new CatalogSearch(projection);
                CatalogLog log = CatalogLog.start(config, projection, CODEC, search);
                KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long start = System.nanoTime();
            long sent = produce(producer, config.lifecycleTopic(), events, new Random(1));
            producer.flush();
            long produced = System.nanoTime();
            log.awaitCaughtUp(Duration.ofMinutes(10));
            long applied = System.nanoTime();
            double seconds = (applied - start) / 1e9;
            System.out.printf(
                    "ingest: %,d events produced in %.2f s, all applied after %.2f s: %,.0f events/s end to end"
                            + " (applied %,d, refused %,d)%n",
                    sent,
                    (produced - start) / 1e9,
                    seconds,
                    sent / seconds,
                    projection.counters().applied(),
                    projection.counters().refused());
        }
    }

    private static void rebuild(String bootstrap, int partitions, int events) throws Exception {
        CatalogConfig config = config(bootstrap, partitions);
        CatalogProjection live = new CatalogProjection();
        try (CatalogSearch search = new CatalogSearch(live);
                CatalogLog log = CatalogLog.start(config, live, CODEC, search);
                KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long sent = produce(producer, config.lifecycleTopic(), events, new Random(2));
            producer.flush();
            log.awaitCaughtUp(Duration.ofMinutes(10));
            System.out.printf("rebuild: %,d events written (%d products)%n", sent, PRODUCTS);
        }
        String liveHash = live.stateHash();
        for (int run = 1; run <= 3; run++) {
            CatalogProjection rebuilt = new CatalogProjection();
            long start = System.nanoTime();
            try (CatalogSearch search = new CatalogSearch(rebuilt);
                    CatalogLog log = CatalogLog.start(config, rebuilt, CODEC, search)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "rebuild run %d: %,d events folded in %.2f s (%,.0f events/s), state hash %s the live"
                                + " catalog's%n",
                        run,
                        events,
                        seconds,
                        events / seconds,
                        rebuilt.stateHash().equals(liveHash) ? "equal to" : "DIFFERENT FROM");
            }
        }
    }

    /** Declares, publishes, subscribes and deprecates {@link #PRODUCTS} products, then fills up with heartbeats. */
    private static long produce(KafkaProducer<byte[], byte[]> producer, String topic, int events, Random random)
            throws Exception {
        long sent = 0;
        long time = 1_700_000_000_000L;
        String prefix = "p" + random.nextInt(1_000_000);
        for (int p = 0; p < PRODUCTS && sent < events; p++) {
            String id = "domain" + (p % 20) + "." + prefix + "-" + p;
            for (LifecycleEvent e : productHistory(id, time + p)) {
                send(producer, topic, e);
                sent++;
            }
        }
        while (sent < events) {
            int p = random.nextInt(PRODUCTS);
            String id = "domain" + (p % 20) + "." + prefix + "-" + p;
            time += 1;
            send(producer, topic, event(id, time, heartbeat(p % 4, sent)));
            sent++;
        }
        return sent;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, LifecycleEvent e) {
        producer.send(new ProducerRecord<>(topic, e.getProductId().getBytes(StandardCharsets.UTF_8), CODEC.encode(e)));
    }

    private static List<LifecycleEvent> productHistory(String id, long time) {
        ProductDescriptor d = new ProductDescriptor(
                id,
                "1.0.0",
                id.substring(0, id.indexOf('.')),
                "Product " + id,
                "A benchmark product with a realistic descriptor and a small schema.",
                new ProductDescriptor.Owner("team", "team@example.com"),
                null,
                List.of("bench"),
                Classification.INTERNAL,
                List.of(new OutputPort(id + ".v1", SchemaSource.ofPath("x.avsc"), null, 3, null, null, null)),
                List.of(),
                null,
                List.of(),
                null,
                null,
                null);
        String json = CanonicalJson.write(d);
        List<SchemaDocument> schemas = List.of(SchemaDocument.newBuilder()
                .setRole(SchemaRole.VALUE)
                .setTopic(id + ".v1")
                .setSubject(id + ".v1-value")
                .setSchemaText("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}")
                .build());
        String subscription = UUID.randomUUID().toString();
        return List.of(
                event(
                        id,
                        time,
                        ProductDeclared.newBuilder()
                                .setVersion("1.0.0")
                                .setDescriptor(json)
                                .setSchemas(schemas)
                                .build()),
                event(
                        id,
                        time + 1,
                        PublicationRequested.newBuilder()
                                .setVersion("1.0.0")
                                .setDescriptor(json)
                                .setSchemas(schemas)
                                .build()),
                event(
                        id,
                        time + 2,
                        ProductPublished.newBuilder()
                                .setVersion("1.0.0")
                                .setMajor(1)
                                .setTopic(id + ".v1")
                                .setValueSubject(id + ".v1-value")
                                .setValueSchemaId(1)
                                .setPartitions(3)
                                .build()),
                event(
                        id,
                        time + 3,
                        SubscriptionRequested.newBuilder()
                                .setSubscriptionId(subscription)
                                .setConsumer("User:reader")
                                .setMajor(1)
                                .setPurpose("benchmark reading")
                                .build()),
                event(
                        id,
                        time + 4,
                        SubscriptionGranted.newBuilder()
                                .setSubscriptionId(subscription)
                                .setApprovedBy("platform")
                                .setAutomatic(true)
                                .build()),
                event(
                        id,
                        time + 5,
                        ProductDeprecated.newBuilder()
                                .setMajor(1)
                                .setSunsetDate(LocalDate.of(2030, 1, 1))
                                .setReason("benchmark")
                                .build()));
    }

    private static Heartbeat heartbeat(int instance, long n) {
        return Heartbeat.newBuilder()
                .setInstanceId("instance-" + instance)
                .setApplicationId("bench.pipeline")
                .setMajor(1)
                .setState(InstanceState.RUNNING)
                .setRecordsIn(n)
                .setRecordsOut(n)
                .setRecordsDeadLettered(0)
                .setNewestRecordTime(Instant.ofEpochMilli(1_700_000_000_000L + n))
                .setConsumerLag(3)
                .setIntervalMillis(5_000)
                .build();
    }

    private static LifecycleEvent event(String id, long time, Object payload) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTime(Instant.ofEpochMilli(time))
                .setActor(new Actor("User:bench", ActorKind.DOMAIN))
                .setProductId(id)
                .setPayload(payload)
                .build();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.MINUTES.toMillis(5));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--bootstrap host:port] [--ingest-events N]"
                        + " [--rebuild-events N] [--partitions N]; got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
