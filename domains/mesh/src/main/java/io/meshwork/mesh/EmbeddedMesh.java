package io.meshwork.mesh;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.domains.finance.FinanceService;
import io.meshwork.domains.finance.PaymentSimulator;
import io.meshwork.domains.finance.RevenuePipeline;
import io.meshwork.domains.marketing.MarketingService;
import io.meshwork.domains.marketing.SegmentationPipeline;
import io.meshwork.domains.marketing.WebEventSimulator;
import io.meshwork.domains.product.ProductService;
import io.meshwork.domains.product.UsageEventSimulator;
import io.meshwork.domains.product.UsagePipeline;
import io.meshwork.domains.sales.OrderPipeline;
import io.meshwork.domains.sales.OrderSimulator;
import io.meshwork.domains.sales.SalesService;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaException;
import io.meshwork.platform.server.PlatformServer;
import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.MeshServiceConfig;
import io.meshwork.sdk.service.MeshServiceException;
import io.meshwork.sdk.simulation.SourceSimulator;

/**
 * The whole mesh in one process, the embedded default ({@code ./meshctl dev}): the in-process Kafka broker with its
 * data in a folder, the platform (registry, catalog, governance, API), and every example domain service, each fed by
 * its source simulator. Stopping it (Ctrl-C) stops everything cleanly; starting it again on the same folder resumes:
 * the broker keeps its topics, the platform rebuilds its state from them, the services go on from their committed
 * offsets and publish nothing twice.
 */
public final class EmbeddedMesh implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One example domain: its service and the simulated traffic on its raw source. */
    record Domain(
            String name,
            Function<MeshServiceConfig, MeshService.Builder> service,
            String sourceTopic,
            Supplier<SourceSimulator.Generator> traffic,
            double ratePerSecond) {}

    /** The example domains, in start order (a service waits for the upstream products it reads). */
    static final List<Domain> DOMAINS = List.of(
            new Domain("sales", SalesService::service, OrderPipeline.RAW_ORDERS, OrderSimulator::withDefaults, 5),
            new Domain(
                    "marketing",
                    MarketingService::service,
                    SegmentationPipeline.WEB_EVENTS,
                    WebEventSimulator::withDefaults,
                    20),
            new Domain(
                    "finance",
                    FinanceService::service,
                    RevenuePipeline.RAW_PAYMENTS,
                    PaymentSimulator::withDefaults,
                    5),
            new Domain(
                    "product",
                    ProductService::service,
                    UsagePipeline.RAW_USAGE_EVENTS,
                    UsageEventSimulator::withDefaults,
                    20));

    private final MeshOptions options;
    private final List<MeshService> services = new ArrayList<>();
    private final Map<String, SourceSimulator> simulators = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private EmbeddedKafkaBroker broker;
    private PlatformServer platform;
    private Duration startup;

    private EmbeddedMesh(MeshOptions options) {
        this.options = options;
    }

    /**
     * Starts the broker, the platform and every domain service, and waits until every example product is active.
     *
     * @param options where and how
     * @return the running mesh
     * @throws MeshStartException naming what could not start and the fix; nothing keeps running then
     */
    public static EmbeddedMesh start(MeshOptions options) {
        EmbeddedMesh mesh = new EmbeddedMesh(options);
        try {
            mesh.startAll();
            return mesh;
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    private void startAll() {
        long began = System.nanoTime();
        try {
            broker = EmbeddedKafkaBroker.builder()
                    .dataFolder(options.dataDir().resolve("kafka"))
                    .host(options.host())
                    .port(options.kafkaPort())
                    .controllerPort(options.controllerPort())
                    .build()
                    .start();
        } catch (EmbeddedKafkaException e) {
            throw new MeshStartException("Kafka did not start: " + e.getMessage());
        }
        try {
            platform = PlatformServer.start(Map.of(
                    "meshwork.kafka.bootstrap-servers", broker.bootstrapServers(),
                    "meshwork.registry.replication-factor", 1,
                    "micronaut.server.port", options.platformPort()));
        } catch (RuntimeException e) {
            throw new MeshStartException("the platform did not start on port " + options.platformPort() + ": "
                    + PlatformServer.rootCause(e) + ". Fix: free the port or pass --platform-port");
        }
        startServices();
        awaitActive(Duration.ofSeconds(60));
        startup = Duration.ofNanos(System.nanoTime() - began);
        if (options.simulate()) {
            for (Domain d : DOMAINS) {
                SourceSimulator s = SourceSimulator.builder(
                                d.sourceTopic(), d.traffic().get())
                        .bootstrapServers(broker.bootstrapServers())
                        .ratePerSecond(d.ratePerSecond() * options.rateFactor())
                        .seed(options.seed())
                        .build();
                simulators.put(d.name(), s);
                s.start();
            }
        }
    }

    private void startServices() {
        ExecutorService starters = Executors.newFixedThreadPool(DOMAINS.size());
        try {
            List<Future<MeshService>> started = new ArrayList<>();
            for (int i = 0; i < DOMAINS.size(); i++) {
                Domain d = DOMAINS.get(i);
                MeshServiceConfig config = serviceConfig(d, i);
                started.add(
                        starters.submit(() -> d.service().apply(config).build().start()));
            }
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < started.size(); i++) {
                try {
                    services.add(started.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failures.add(DOMAINS.get(i).name() + ": "
                            + (cause instanceof MeshServiceException m ? m.report() : String.valueOf(cause)));
                }
            }
            if (!failures.isEmpty()) {
                throw new MeshStartException("a domain service did not start:\n  " + String.join("\n  ", failures));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshStartException("interrupted while starting the domain services");
        } finally {
            starters.shutdownNow();
        }
    }

    private MeshServiceConfig serviceConfig(Domain d, int index) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("meshwork.platform.url", platform.uri().toString());
        settings.put("meshwork.bootstrap.servers", broker.bootstrapServers());
        settings.put("meshwork.state.dir", options.dataDir().resolve("streams").toString());
        settings.put(
                "meshwork.http.port",
                String.valueOf(options.firstServicePort() == 0 ? 0 : options.firstServicePort() + index));
        settings.put("meshwork.heartbeat.interval", options.heartbeatInterval().toMillis() + "ms");
        // the same instance id at every start, so that a restarted mesh shows one instance per service
        settings.put("meshwork.instance.id", "embedded-" + d.name());
        settings.put("meshwork.replication.factor", "1");
        settings.put("meshwork.startup.timeout", "60s");
        return MeshServiceConfig.from(settings);
    }

    /** Waits until the catalog shows every product of every service with its newest major version ACTIVE. */
    private void awaitActive(Duration within) {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<String> pending = new ArrayList<>();
            for (MeshService s : services) {
                s.liveReleases().forEach(r -> {
                    String state = status(http, r.productId(), r.major());
                    boolean newest = s.liveReleases().stream()
                            .noneMatch(o -> o.productId().equals(r.productId()) && o.major() > r.major());
                    if (newest ? !state.equals("ACTIVE") : state.equals("UNKNOWN")) {
                        pending.add(r.productId() + " v" + r.major() + " (" + state + ")");
                    }
                });
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new MeshStartException("not every product became active: " + pending);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeshStartException("interrupted while waiting for the products");
            }
        }
    }

    private String status(HttpClient http, String productId, int major) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(platform.uri().resolve("api/v1/products/" + productId))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "UNKNOWN";
            }
            for (JsonNode l : JSON.readTree(r.body()).path("lines")) {
                if (l.path("major").asInt() == major) {
                    return l.path("status").asText();
                }
            }
            return "UNKNOWN";
        } catch (IOException e) {
            return "UNKNOWN";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNKNOWN";
        }
    }

    /** @return the platform's base URL */
    public URI platformUri() {
        return platform.uri();
    }

    /** @return Kafka's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** @return the running domain services */
    public List<MeshService> services() {
        return List.copyOf(services);
    }

    /** @return what each simulator sent so far, by domain */
    public Map<String, SourceSimulator.Counts> traffic() {
        Map<String, SourceSimulator.Counts> counts = new LinkedHashMap<>();
        simulators.forEach((name, s) -> counts.put(name, s.counts()));
        return counts;
    }

    /** @return how long the start took, from nothing to every product active */
    public Duration startupTime() {
        return startup;
    }

    /** @return the options it runs with */
    public MeshOptions options() {
        return options;
    }

    /** Stops the simulators, the services, the platform and the broker, in that order; the data is kept. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        simulators.values().forEach(SourceSimulator::close);
        List<MeshService> reversed = new ArrayList<>(services);
        java.util.Collections.reverse(reversed);
        reversed.forEach(MeshService::close);
        if (platform != null) {
            platform.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    /**
     * Runs the mesh until Ctrl-C.
     *
     * @param args see {@link MeshOptions#USAGE}
     */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "meshwork-embedded-logback.xml");
        }
        MeshOptions options;
        try {
            options = MeshOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("meshctl dev: " + e.getMessage());
            System.err.println(MeshOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(MeshOptions.USAGE);
            return;
        }
        System.out.println(
                "Starting the embedded mesh (data in " + options.dataDir().toAbsolutePath() + ") ...");
        EmbeddedMesh mesh;
        try {
            mesh = start(options);
        } catch (MeshStartException e) {
            System.err.println("meshctl dev: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping the embedded mesh ...");
                            mesh.close();
                            System.out.println("Meshwork stopped; data kept in "
                                    + options.dataDir().toAbsolutePath() + ".");
                            stopped.countDown();
                        },
                        "meshwork-embedded-shutdown"));
        System.out.println(Banner.of(mesh));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The mesh could not start; the message says what and how to fix it. */
    public static final class MeshStartException extends RuntimeException {
        MeshStartException(String message) {
            super(message);
        }
    }
}
