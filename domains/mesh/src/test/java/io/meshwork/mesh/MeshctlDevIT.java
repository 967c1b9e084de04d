package io.meshwork.mesh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./meshctl dev} as a newcomer runs it: a process started from the repository root prints that every example
 * product is active, stops cleanly on SIGINT, and a second start on the same data folder finds the same catalog, the
 * same schemas and the records of the first run.
 */
class MeshctlDevIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STARTED = Pattern.compile("every example product is active \\(([0-9.]+) s\\)");
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    @Test
    void shouldStartTheWholeMeshStopOnSigintAndResumeWithTheSameData() throws Exception {
        int kafka = freePort();
        int controller = freePort();
        int platform = freePort();
        URI api = URI.create("http://localhost:" + platform + "/");

        Started first = start(kafka, controller, platform);
        Map<String, String> versions;
        Map<String, Integer> schemaIds;
        long ordersBefore;
        try {
            versions = versions(api);
            assertThat(versions)
                    .containsEntry("sales.orders", "[1.0.0, 1.1.0, 2.0.0]")
                    .containsKeys("marketing.customer-segments", "finance.daily-revenue", "product.feature-usage");
            schemaIds = schemaIds(api);
            await().atMost(Duration.ofSeconds(60)).until(() -> committedRecords(kafka, "sales.orders.v2") > 20);
            ordersBefore = committedRecords(kafka, "sales.orders.v2");
        } finally {
            stop(first);
        }
        assertThat(first.output()).anyMatch(l -> l.contains("Meshwork stopped; data kept in"));

        Started second = start(kafka, controller, platform);
        try {
            assertThat(versions(api)).isEqualTo(versions);
            // every schema of the first run, under the same id (internal subjects may have been added since)
            assertThat(schemaIds(api)).containsAllEntriesOf(schemaIds);
            assertThat(committedRecords(kafka, "sales.orders.v2")).isGreaterThanOrEqualTo(ordersBefore);
            assertThat(second.output())
                    .anyMatch(l -> l.contains("sales.orders 2.0.0 is published already"))
                    .noneMatch(l -> l.contains("Published sales.orders"));
        } finally {
            stop(second);
        }
    }

    @Test
    void shouldRefuseAWrongArgumentWithUsageAndExitCode2() throws Exception {
        Process p = command("--platform-port", "eighty").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err).contains("--platform-port 'eighty' is not a port").contains("Usage: meshctl dev");
    }

    @Test
    void shouldSayWhichPortIsTakenAndExitWithCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process p = command(
                            "--data-dir", data.resolve("taken").toString(),
                            "--kafka-port", String.valueOf(taken.getLocalPort()),
                            "--controller-port", String.valueOf(freePort()),
                            "--platform-port", String.valueOf(freePort()),
                            "--service-port", "0")
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(err).contains("Kafka did not start").contains(String.valueOf(taken.getLocalPort()));
            assertThat(err).doesNotContain("\tat ");
        }
    }

    /** A running {@code ./meshctl dev}: the process and every line it printed so far. */
    private record Started(Process process, List<String> output, double seconds) {}

    private Started start(int kafka, int controller, int platform) throws IOException {
        Process p = command(
                        "--data-dir", data.resolve("mesh").toString(),
                        "--kafka-port", String.valueOf(kafka),
                        "--controller-port", String.valueOf(controller),
                        "--platform-port", String.valueOf(platform),
                        "--service-port", "0",
                        "--rate-factor", "4")
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            output.add(line);
                        }
                    } catch (IOException e) {
                        output.add("(output closed: " + e + ")");
                    }
                },
                "meshctl-dev-output");
        reader.setDaemon(true);
        reader.start();
        double[] seconds = new double[1];
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(p.isAlive())
                            .as("meshctl dev is running; it printed:%n%s", String.join("\n", output))
                            .isTrue();
                    Matcher m = output.stream()
                            .map(STARTED::matcher)
                            .filter(Matcher::find)
                            .findFirst()
                            .orElse(null);
                    assertThat(m)
                            .as("the started line; so far:%n%s", String.join("\n", output))
                            .isNotNull();
                    seconds[0] = Double.parseDouble(m.group(1));
                });
        return new Started(p, output, seconds[0]);
    }

    private static void stop(Started s) throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-INT", String.valueOf(s.process().pid()))
                .start()
                .waitFor();
        assertThat(s.process().waitFor(90, TimeUnit.SECONDS))
                .as("stopped after SIGINT; it printed:%n%s", String.join("\n", s.output()))
                .isTrue();
        assertThat(s.process().exitValue()).as("exit code after Ctrl-C").isEqualTo(130);
    }

    private static ProcessBuilder command(String... args) throws IOException {
        // this module was packaged just before its integration tests: its build is current, whatever the file times
        // of sources edited since the dependency plugin last (re)wrote the classpath file
        Path classpath = ROOT.resolve("domains/mesh/target/classpath.txt");
        Files.setLastModifiedTime(classpath, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("meshctl").toString());
        command.add("dev");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        // the module is packaged before its integration tests run: never build from inside the build
        pb.environment().put("MESHCTL_NO_BUILD", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }

    /** @return product id to its versions, e.g. {@code sales.orders=[1.0.0, 1.1.0, 2.0.0]} */
    private static Map<String, String> versions(URI api) throws Exception {
        Map<String, String> versions = new TreeMap<>();
        for (JsonNode p : get(api, "api/v1/products").path("items")) {
            String id = p.path("id").asText();
            List<String> v = new ArrayList<>();
            get(api, "api/v1/products/" + id)
                    .path("versions")
                    .forEach(x -> v.add(x.path("version").asText()));
            v.sort(String::compareTo);
            versions.put(id, v.toString());
        }
        return versions;
    }

    /** @return every subject's latest schema id */
    private static Map<String, Integer> schemaIds(URI api) throws Exception {
        Map<String, Integer> ids = new TreeMap<>();
        for (JsonNode subject : get(api, "subjects")) {
            ids.put(
                    subject.asText(),
                    get(api, "subjects/" + subject.asText() + "/versions/latest")
                            .path("id")
                            .asInt());
        }
        return ids;
    }

    private static JsonNode get(URI api, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(api.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** @return how many records a read_committed consumer sees in the topic now */
    private static long committedRecords(int kafka, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end :
                    consumer.endOffsets(partitions).entrySet()) {
                total += end.getValue();
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            for (Long b : begin.values()) {
                total -= b;
            }
            return total;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
