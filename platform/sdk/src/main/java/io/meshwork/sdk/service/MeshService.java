package io.meshwork.sdk.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.service.internal.HealthServer;
import io.meshwork.sdk.service.internal.HeartbeatEmitter;
import io.meshwork.sdk.service.internal.InputSubscriptions;
import io.meshwork.sdk.service.internal.PlatformClient;
import io.meshwork.sdk.service.internal.ReleasePublisher;
import io.meshwork.sdk.service.internal.ServiceMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data product service: its releases ({@code dataproduct.yaml} and schemas) and one topology method, run on the
 * mesh. {@link #start()} does, in order:
 *
 * <ol>
 *   <li>reads and validates every release (descriptor problems with file, line and fix);
 *   <li>waits for the platform, then brings the catalog up to the releases: dry run, declare, publish (the platform
 *       registers the schemas and creates the product topics and their dead-letter topics from the descriptor), and
 *       deprecates a major whose newest release says so;
 *   <li>resolves the upstream products of the input ports through the catalog and records the service as their
 *       consumer (lineage), waiting for them to be active;
 *   <li>builds the topology, creates missing raw source topics, and starts Kafka Streams with exactly-once v2, the
 *       registry's Avro serdes and dead-letter handling;
 *   <li>sends heartbeats (state, records in and out, dead letters, newest record time, lag) and serves
 *       {@code /health} and {@code /metrics}.
 * </ol>
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     MeshService.run(MeshService.builder("sales.order-pipeline")
 *             .release("products/sales.orders/1.0.0/dataproduct.yaml")
 *             .release("products/sales.orders/1.1.0/dataproduct.yaml")
 *             .topology(OrderPipeline::build));
 * }
 * }</pre>
 */
public final class MeshService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshService.class);
    private static final Pattern APPLICATION_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}\\.[a-z][a-z0-9-]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String applicationId;
    private final List<ProductRelease> releases;
    private final ProductTopology topology;
    private final MeshServiceConfig config;
    private final ServiceMetrics metrics;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile KafkaStreams streams;
    private volatile List<ProductRelease> live = List.of();
    private HeartbeatEmitter heartbeats;
    private HealthServer health;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile boolean closed;

    private MeshService(Builder b) {
        this.applicationId = b.applicationId;
        this.releases = List.copyOf(b.releases);
        this.topology = b.topology;
        this.config = b.config;
        this.metrics = new ServiceMetrics(applicationId);
    }

    /**
     * Starts describing a service.
     *
     * @param applicationId the Kafka Streams application id, {@code <domain>.<service>}, e.g. {@code
     *     sales.order-pipeline}
     * @return a builder
     */
    public static Builder builder(String applicationId) {
        return new Builder(applicationId);
    }

    /**
     * Starts a service from a {@code main}: prints where it serves, stops it cleanly on Ctrl-C or SIGTERM, and exits
     * with status 1 and the full report when it cannot start or fails later.
     *
     * @param builder the service
     */
    public static void run(Builder builder) {
        MeshService service;
        try {
            service = builder.build().start();
        } catch (MeshServiceException e) {
            System.err.println(builder.applicationId + ": " + e.report());
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(builder.applicationId + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        builder.applicationId + "-shutdown"));
        System.out.println(builder.applicationId + " is running: " + service.summary());
        while (!service.closed) {
            try {
                if (stopped.await(1, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (service.failure.get() != null) {
                System.err.println(builder.applicationId + " stopped after an error: " + service.failure.get());
                service.close();
                System.exit(1);
            }
        }
    }

    /**
     * Runs every start step (see the class comment) and returns once Kafka Streams is started.
     *
     * @return this service
     * @throws MeshServiceException with what failed and the fix; nothing keeps running then
     */
    public synchronized MeshService start() {
        if (streams != null) {
            throw new IllegalStateException(applicationId + " is started already");
        }
        String principal = config.principal() != null ? config.principal() : "service:" + applicationId;
        PlatformClient platform = new PlatformClient(config.platformUrl(), principal, Duration.ofSeconds(60));
        try {
            platform.awaitReachable(config.startupTimeout());
            live = new ReleasePublisher(platform, config.startupTimeout()).publish(releases);
            Map<String, String> inputs =
                    new InputSubscriptions(platform, applicationId, config.startupTimeout()).resolve(live);
            SchemaRegistryClient registry = SchemaRegistryClient.builder(
                            config.platformUrl().toString())
                    .build();
            String deadLetters = DeadLetters.topicFor(
                    live.get(live.size() - 1).descriptor().outputPorts().get(0).topic());
            Properties properties = MeshStreamsConfig.properties(
                    applicationId,
                    config.with(Map.of(
                            "meshwork.state.dir",
                            config.stateDir().resolve(applicationId).toString())),
                    deadLetters,
                    metrics);
            MeshTopology mesh = new MeshTopology(applicationId, live, inputs, registry, metrics, properties);
            topology.build(mesh);
            List<String> forgotten = mesh.unwrittenPorts();
            if (!forgotten.isEmpty()) {
                LOG.warn("{}: the topology writes nothing to {}", applicationId, forgotten);
            }
            Topology built = mesh.build();
            createSourceTopics(mesh.rawSourceTopics());
            KafkaStreams ks = new KafkaStreams(built, properties);
            ks.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                LOG.error("{} stops after an error: {}", applicationId, e.toString(), e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streamsMetrics = new KafkaStreamsMetrics(ks);
            streamsMetrics.bindTo(metrics.registry());
            streams = ks;
            heartbeats = new HeartbeatEmitter(
                    config.bootstrapServers(),
                    registry,
                    config.lifecycleTopic(),
                    applicationId,
                    config.instanceId(),
                    principal,
                    config.heartbeatInterval(),
                    live,
                    metrics,
                    () -> streams);
            if (config.httpPort() >= 0) {
                health = new HealthServer(config.httpPort(), this::healthDocument, metrics);
            }
            ks.start();
            heartbeats.start();
            LOG.info("{} started: {}", applicationId, summary());
            return this;
        } catch (IOException e) {
            close();
            throw new MeshServiceException(
                    applicationId + " cannot serve health and metrics on port " + config.httpPort() + ": " + e
                            + ". Fix: set meshwork.http.port to a free port (0 picks one, -1 turns it off)",
                    e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** @return the Streams state, or {@code CREATED} before {@link #start()} */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    /** @return true while Kafka Streams runs or rebalances without error */
    public boolean isHealthy() {
        KafkaStreams.State s = state();
        return failure.get() == null && (s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING);
    }

    /** @return the releases the service writes (the newest of each major), once started */
    public List<ProductRelease> liveReleases() {
        return live;
    }

    /** @return the base URI of {@code /health} and {@code /metrics}, or null when they are off */
    public URI healthUri() {
        return health == null ? null : health.uri();
    }

    /** @return the application id */
    public String applicationId() {
        return applicationId;
    }

    /** @return the error that stopped the service, or null */
    public Throwable failure() {
        return failure.get();
    }

    /** @return one line: products, topics and the health endpoint */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (ProductRelease r : live) {
            parts.add(r.productId() + " " + r.version() + " → "
                    + String.join(
                            ", ",
                            r.descriptor().outputPorts().stream()
                                    .map(p -> p.topic())
                                    .toList()));
        }
        return String.join("; ", parts) + (health == null ? "" : "; health " + health.uri() + "health");
    }

    /** Stops heartbeats (after a last one), Kafka Streams (committing its work) and the endpoint; safe to repeat. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KafkaStreams s = streams;
        if (s != null) {
            // leave the consumer group: a restarted instance is assigned at once instead of after the session timeout
            s.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
        if (heartbeats != null) {
            heartbeats.close();
        }
        if (health != null) {
            health.close();
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        metrics.close();
        LOG.info("{} stopped", applicationId);
    }

    private ObjectNode healthDocument() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("status", isHealthy() ? "UP" : "DOWN");
        doc.put("application", applicationId);
        doc.put("instance", config.instanceId());
        doc.put("streams", state().name());
        Throwable f = failure.get();
        if (f != null) {
            doc.put("error", String.valueOf(f.getMessage()));
        }
        doc.put("recordsIn", metrics.recordsIn());
        ArrayNode products = doc.putArray("products");
        for (ProductRelease r : live) {
            for (var port : r.descriptor().outputPorts()) {
                ObjectNode p = products.addObject();
                p.put("product", r.productId());
                p.put("version", r.version());
                p.put("topic", port.topic());
                p.put("recordsOut", metrics.recordsOut(port.topic()));
                p.put("deadLettered", metrics.deadLettered(port.topic()));
                p.put("dropped", metrics.droppedCount(port.topic()));
                Long newest = metrics.newestRecordTime(port.topic());
                if (newest != null) {
                    p.put(
                            "newestRecordTime",
                            java.time.Instant.ofEpochMilli(newest).toString());
                }
            }
        }
        return doc;
    }

    private void createSourceTopics(Set<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) config.startupTimeout().toMillis()))) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<String> missing =
                    topics.stream().filter(t -> !existing.contains(t)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (!config.createSourceTopics()) {
                throw new MeshServiceException("The source topics " + missing + " of " + applicationId + " do not"
                        + " exist. Fix: create them, or set meshwork.sources.create=true");
            }
            List<NewTopic> create = missing.stream()
                    .map(t -> new NewTopic(t, config.sourcePartitions(), (short) config.replicationFactor()))
                    .toList();
            try {
                admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created source topics {}", missing);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new MeshServiceException(
                    "Kafka at " + config.bootstrapServers() + " did not list or create the source topics " + topics
                            + ": " + (e.getCause() == null ? e : e.getCause())
                            + ". Fix: check meshwork.bootstrap.servers and that the broker runs",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshServiceException("interrupted while creating source topics", e);
        }
    }

    /** Describes a {@link MeshService}. */
    public static final class Builder {
        private final String applicationId;
        private final List<ProductRelease> releases = new ArrayList<>();
        private ProductTopology topology;
        private MeshServiceConfig config;

        private Builder(String applicationId) {
            if (applicationId == null || !APPLICATION_ID.matcher(applicationId).matches()) {
                throw new IllegalArgumentException("The application id '" + applicationId + "' is not"
                        + " <domain>.<service> in lowercase letters, digits and dashes, e.g. sales.order-pipeline");
            }
            this.applicationId = applicationId;
        }

        /**
         * Adds a release from the classpath, after the ones added before (list them oldest first).
         *
         * @param resource the descriptor resource, e.g. {@code products/sales.orders/1.1.0/dataproduct.yaml}
         * @return this builder
         * @throws MeshServiceException when the descriptor or a schema is invalid
         */
        public Builder release(String resource) {
            return release(ProductRelease.fromClasspath(
                    resource, Thread.currentThread().getContextClassLoader()));
        }

        /**
         * Adds a release from a file.
         *
         * @param descriptor the {@code dataproduct.yaml}
         * @return this builder
         * @throws MeshServiceException when the descriptor or a schema is invalid
         */
        public Builder release(Path descriptor) {
            return release(ProductRelease.fromFile(descriptor));
        }

        /**
         * Adds a release.
         *
         * @param release the release
         * @return this builder
         */
        public Builder release(ProductRelease release) {
            releases.add(Objects.requireNonNull(release, "release"));
            return this;
        }

        /**
         * Sets the processing.
         *
         * @param topology one method over a {@link MeshTopology}
         * @return this builder
         */
        public Builder topology(ProductTopology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        /**
         * Sets where the mesh is (default: {@link MeshServiceConfig#fromEnvironment()}).
         *
         * @param config the settings
         * @return this builder
         */
        public Builder config(MeshServiceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @return the service, not started
         * @throws IllegalArgumentException when no release or no topology is given
         */
        public MeshService build() {
            if (releases.isEmpty()) {
                throw new IllegalArgumentException(applicationId + " has no release. Fix: add"
                        + " .release(\"products/<id>/<version>/dataproduct.yaml\")");
            }
            if (topology == null) {
                throw new IllegalArgumentException(
                        applicationId + " has no topology. Fix: add .topology(MyPipeline::build)");
            }
            if (config == null) {
                config = MeshServiceConfig.fromEnvironment();
            }
            return new MeshService(this);
        }
    }
}
