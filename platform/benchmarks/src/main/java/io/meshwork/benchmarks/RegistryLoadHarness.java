package io.meshwork.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.platform.server.PlatformServer;

/**
 * Load harness for the registry figures in {@code docs/benchmarks.md}:
 *
 * <ol>
 *   <li>registration latency with FULL_TRANSITIVE, each registration timed over HTTP: over exactly 100 prior versions
 *       (the timed version deleted after each), then over a growing history from 100 prior versions on;
 *   <li>{@code GET /schemas/ids/{id}} requests/s and latency percentiles, driven by {@code wrk} in its own process
 *       when it is on the PATH, otherwise by a Java client in this JVM (which then shares the cores with the server).
 * </ol>
 *
 * <p>Options: {@code --bootstrap HOST:PORT} uses a running Kafka (e.g. the dev broker in another JVM) instead of
 * an in-process one; {@code --seconds N} (default 20) the GET run length; {@code --connections N} (default 8); {@code --load-threads N} wrk threads (default 2); {@code --registrations N} (default 100) timed registrations in each of the two registration runs; {@code --load-cpus LIST} runs wrk under {@code taskset -c LIST}.
 */
public final class RegistryLoadHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private RegistryLoadHarness() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "20"));
        int connections = Integer.parseInt(options.getOrDefault("--connections", "8"));
        int loadThreads = Integer.parseInt(options.getOrDefault("--load-threads", "2"));
        int registrations = Integer.parseInt(options.getOrDefault("--registrations", "100"));
        EmbeddedKafkaBroker broker = null;
        String bootstrap = options.get("--bootstrap");
        if (bootstrap == null) {
            broker = EmbeddedKafkaBroker.builder().build().start();
            bootstrap = broker.bootstrapServers();
        }
        try (PlatformServer server = PlatformServer.start(Map.of(
                "meshwork.kafka.bootstrap-servers",
                bootstrap,
                "meshwork.registry.topic",
                "_mesh.registry.bench." + System.currentTimeMillis(),
                "meshwork.registry.replication-factor",
                1))) {
            URI base = server.uri();
            System.out.printf("Registry under test: %s (Kafka %s)%n", base, bootstrap);
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            registrationBenchmark(client, base, registrations);
            int id = register(client, base, "bench.lookup.v1-value", recordWithFields(3, null));
            lookupBenchmark(
                    client,
                    base.resolve("schemas/ids/" + id),
                    seconds,
                    connections,
                    loadThreads,
                    options.get("--load-cpus"));
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static void registrationBenchmark(HttpClient client, URI base, int registrations) throws Exception {
        String subject = "bench.orders.v1-value";
        send(client, put(base.resolve("config/" + subject), "{\"compatibility\":\"FULL_TRANSITIVE\"}"));
        for (int fields = 1; fields <= 100; fields++) {
            register(client, base, subject, recordWithFields(fields, null));
        }
        // Exactly 100 live priors each time: the timed version is deleted (soft, then permanently; not timed) before
        // the next one, and each candidate adds a field of its own, so every one is a new schema.
        long[] exact = new long[registrations];
        for (int i = 0; i < registrations; i++) {
            String schema = recordWithFields(100, "extra" + i);
            long start = System.nanoTime();
            int version = registerVersion(client, base, subject, schema);
            exact[i] = System.nanoTime() - start;
            URI versionUri = base.resolve("subjects/" + subject + "/versions/" + version);
            send(client, HttpRequest.newBuilder(versionUri).DELETE().build());
            send(
                    client,
                    HttpRequest.newBuilder(URI.create(versionUri + "?permanent=true"))
                            .DELETE()
                            .build());
        }
        report(exact, "over exactly 100 prior versions");
        // A growing history: each registration stays, so the next one is checked against one version more.
        long[] growing = new long[registrations];
        for (int i = 0; i < registrations; i++) {
            String schema = recordWithFields(101 + i, null);
            long start = System.nanoTime();
            register(client, base, subject, schema);
            growing[i] = System.nanoTime() - start;
        }
        report(growing, "over 100.." + (100 + registrations - 1) + " prior versions");
    }

    private static void report(long[] nanos, String over) {
        Arrays.sort(nanos);
        System.out.printf(
                "Registration, FULL_TRANSITIVE, %d registrations %s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n",
                nanos.length,
                over,
                millis(percentile(nanos, 50)),
                millis(percentile(nanos, 90)),
                millis(percentile(nanos, 99)),
                millis(nanos[nanos.length - 1]));
    }

    private static void lookupBenchmark(
            HttpClient client, URI url, int seconds, int connections, int threads, String loadCpus) throws Exception {
        if (onPath("wrk")) {
            System.out.printf(
                    "GET %s with wrk (-t%d -c%d -d%ds --latency), a separate process:%n",
                    url, threads, connections, seconds);
            List<String> command = new ArrayList<>();
            if (loadCpus != null) {
                // Keep the load generator off the server's cores (the server's JVM is pinned by whoever starts it).
                command.addAll(List.of("taskset", "-c", loadCpus));
            }
            command.addAll(List.of(
                    "wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", url.toString()));
            Process wrk = new ProcessBuilder(command).inheritIO().start();
            wrk.waitFor();
            return;
        }
        System.out.printf(
                "wrk not found; GET %s with %d Java client threads for %d s in this JVM:%n", url, connections, seconds);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            results.add(pool.submit(() -> {
                long[] samples = new long[1 << 20];
                int count = 0;
                HttpRequest request = HttpRequest.newBuilder(url).GET().build();
                while (System.nanoTime() < deadline && count < samples.length) {
                    long start = System.nanoTime();
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                    samples[count++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(samples, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            all.add(result.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                "  %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms%n",
                merged.length,
                merged.length / (double) seconds,
                millis(percentile(merged, 50)),
                millis(percentile(merged, 99)));
    }

    private static int register(HttpClient client, URI base, String subject, String schema) throws Exception {
        return JSON.readTree(post(client, base, subject, schema).body())
                .path("id")
                .asInt();
    }

    /** Registers and @return the version the registry gave (looked up when the answer has none). */
    private static int registerVersion(HttpClient client, URI base, String subject, String schema) throws Exception {
        var answer = JSON.readTree(post(client, base, subject, schema).body());
        if (answer.has("version")) {
            return answer.path("version").asInt();
        }
        String body = JSON.writeValueAsString(Map.of("schema", schema));
        return JSON.readTree(send(
                                client,
                                HttpRequest.newBuilder(base.resolve("subjects/" + subject))
                                        .header("Content-Type", CONTENT_TYPE)
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build())
                        .body())
                .path("version")
                .asInt();
    }

    private static HttpResponse<String> post(HttpClient client, URI base, String subject, String schema)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("schema", schema));
        return send(
                client,
                HttpRequest.newBuilder(base.resolve("subjects/" + subject + "/versions"))
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static HttpRequest put(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /**
     * A record whose every field after the first is optional, so each one is a FULL_TRANSITIVE evolution; {@code
     * extra}, when given, names one more optional field at the end.
     */
    static String recordWithFields(int fields, String extra) {
        StringBuilder json = new StringBuilder(
                "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"bench\",\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"doc\":\"order id\"}");
        for (int i = 1; i < fields; i++) {
            json.append(",{\"name\":\"f")
                    .append(i)
                    .append("\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"field ")
                    .append(i)
                    .append("\"}");
        }
        if (extra != null) {
            json.append(",{\"name\":\"").append(extra).append("\",\"type\":[\"null\",\"long\"],\"default\":null}");
        }
        return json.append("]}").toString();
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> options(String[] args) throws IOException {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
