package io.meshwork.sdk.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated traffic on a raw source topic, for the embedded mesh, demos and tests: a {@link Generator} makes each
 * record (valid, malformed, or readable but failing a quality rule), the simulator sends them at a steady rate and
 * counts each kind, so a test knows exactly how many dead letters to expect.
 */
public final class SourceSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceSimulator.class);

    /** What a simulated record is meant to be. */
    public enum Kind {
        /** Well formed, becomes a product record. */
        VALID,
        /** Cannot be read (bad JSON, missing or mistyped fields): a dead letter at the processing stage. */
        MALFORMED,
        /** Readable, but fails a quality rule with action {@code dlq}: a dead letter at the quality stage. */
        REJECTED
    }

    /**
     * One simulated record.
     *
     * @param key the record key
     * @param value the record value (text, usually JSON)
     * @param kind what it is meant to be
     */
    public record SimulatedRecord(String key, String value, Kind kind) {}

    /** Makes the records, one per call, from a seeded random source (the same seed gives the same records). */
    @FunctionalInterface
    public interface Generator {
        /**
         * @param random the simulator's random source
         * @param sequence the record's number, from 0
         * @return the next record
         */
        SimulatedRecord next(Random random, long sequence);
    }

    /**
     * How many records of each kind were sent (acknowledged by Kafka).
     *
     * @param valid well-formed records
     * @param malformed unreadable records
     * @param rejected readable records failing a quality rule
     */
    public record Counts(long valid, long malformed, long rejected) {
        /** @return every record sent */
        public long total() {
            return valid + malformed + rejected;
        }
    }

    private final String topic;
    private final Generator generator;
    private final String bootstrapServers;
    private final double ratePerSecond;
    private final long limit;
    private final long seed;
    private final int partitions;
    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean stopped;
    private Thread thread;

    private SourceSimulator(Builder b) {
        this.topic = b.topic;
        this.generator = b.generator;
        this.bootstrapServers = b.bootstrapServers;
        this.ratePerSecond = b.ratePerSecond;
        this.limit = b.limit;
        this.seed = b.seed;
        this.partitions = b.partitions;
    }

    /**
     * @param topic the raw source topic
     * @param generator makes the records
     * @return a builder: 10 records/s, no limit, seed 42, 3 partitions, Kafka on 127.0.0.1:9092
     */
    public static Builder builder(String topic, Generator generator) {
        return new Builder(topic, generator);
    }

    /**
     * The {@code main} of a domain's simulator: {@code [records per second] [count, -1 for no end]
     * [bootstrap.servers]}, each optional. Prints what was sent; a wrong argument ends with one line and exit code 2, an
     * unreachable Kafka with exit code 1.
     *
     * @param args the command line
     * @param topic the raw source topic
     * @param generator the domain's generator
     * @param defaultRate records per second when none is given
     */
    public static void main(String[] args, String topic, Generator generator, double defaultRate) {
        double rate;
        long count;
        try {
            if (args.length > 3) {
                throw new IllegalArgumentException("at most three arguments");
            }
            rate = args.length > 0 ? Double.parseDouble(args[0]) : defaultRate;
            count = args.length > 1 ? Long.parseLong(args[1]) : -1;
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("the rate must be 0 (as fast as possible) or more");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("simulator for " + topic + ": " + e.getMessage()
                    + ". Usage: [records per second, default " + defaultRate
                    + "] [count, -1 for no end] [bootstrap.servers, default 127.0.0.1:9092]");
            System.exit(2);
            return;
        }
        SourceSimulator simulator = builder(topic, generator)
                .bootstrapServers(args.length > 2 ? args[2] : "127.0.0.1:9092")
                .ratePerSecond(rate)
                .limit(count)
                .seed(System.nanoTime())
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-stop"));
        try {
            System.out.println("sent " + simulator.run() + " to " + topic);
        } catch (IllegalStateException e) {
            System.err.println("simulator for " + topic + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Sends records on this thread until the limit is reached or {@link #close()} is called; creates the topic first
     * when it does not exist.
     *
     * @return what was sent
     */
    public Counts run() {
        createTopic();
        Random random = new Random(seed);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.CLIENT_ID_CONFIG,
                "simulator-" + topic);
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (long n = 0; !stopped && (limit < 0 || n < limit); n++) {
                SimulatedRecord r = generator.next(random, n);
                producer.send(new ProducerRecord<>(topic, r.key(), r.value()), (meta, error) -> {
                    if (error == null) {
                        counter(r.kind()).incrementAndGet();
                    } else {
                        LOG.warn("Simulated record for {} not sent: {}", topic, error.toString());
                    }
                });
                pace(started, n + 1);
            }
            producer.flush();
        }
        return counts();
    }

    /** Runs {@link #run()} on a daemon thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the simulator of " + topic + " is started already");
        }
        thread = new Thread(
                () -> {
                    try {
                        run();
                    } catch (RuntimeException e) {
                        LOG.warn("The simulator of {} stopped: {}", topic, e.toString());
                    }
                },
                "simulator-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return what was sent so far */
    public Counts counts() {
        return new Counts(valid.get(), malformed.get(), rejected.get());
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** Stops sending (after the record in flight) and waits for the thread. */
    @Override
    public void close() {
        stopped = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private AtomicLong counter(Kind kind) {
        return switch (kind) {
            case VALID -> valid;
            case MALFORMED -> malformed;
            case REJECTED -> rejected;
        };
    }

    private void pace(long started, long sent) {
        if (ratePerSecond <= 0) {
            return;
        }
        long due = started + (long) (sent * 1_000_000_000L / ratePerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!names.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create " + topic + " on " + bootstrapServers + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Configures a {@link SourceSimulator}. */
    public static final class Builder {
        private final String topic;
        private final Generator generator;
        private String bootstrapServers = "127.0.0.1:9092";
        private double ratePerSecond = 10;
        private long limit = -1;
        private long seed = 42;
        private int partitions = 3;

        private Builder(String topic, Generator generator) {
            this.topic = Objects.requireNonNull(topic, "topic");
            this.generator = Objects.requireNonNull(generator, "generator");
        }

        /**
         * @param servers Kafka's {@code bootstrap.servers}
         * @return this builder
         */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "servers");
            return this;
        }

        /**
         * @param rate records per second; 0 or less for as fast as possible
         * @return this builder
         */
        public Builder ratePerSecond(double rate) {
            this.ratePerSecond = rate;
            return this;
        }

        /**
         * @param count how many records to send, then stop; negative for no limit
         * @return this builder
         */
        public Builder limit(long count) {
            this.limit = count;
            return this;
        }

        /**
         * @param seed the random seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param partitions partitions of the topic when the simulator creates it
         * @return this builder
         */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** @return the simulator */
        public SourceSimulator build() {
            return new SourceSimulator(this);
        }
    }
}
