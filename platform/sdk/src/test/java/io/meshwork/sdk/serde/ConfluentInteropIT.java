package io.meshwork.sdk.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import io.meshwork.sdk.fixtures.Order;
import io.meshwork.sdk.fixtures.OrderStatus;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.internal.WireFormat;
import io.meshwork.sdk.testing.RunningPlatform;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confluent's own JavaScript serdes ({@code @confluentinc/schemaregistry}, pinned in {@code src/test/node/package.json})
 * against the Meshwork registry and the SDK's serde, both ways and in both schema-id forms (the id in the payload
 * prefix, the GUID in the {@code __value_schema_id} header). Skipped, with a visible message, where node or npm is
 * missing.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConfluentInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NPM_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(30);

    private static RunningPlatform platform;
    private static Path workDir;

    @BeforeAll
    static void prepare(EmbeddedKafkaBroker broker) throws IOException, InterruptedException {
        String missing = missingTool();
        if (missing != null) {
            String message = "ConfluentInteropIT skipped: '" + missing + "' is not on the PATH. Install Node.js 18+"
                    + " with npm to run Confluent's JavaScript serdes against the registry.";
            System.out.println(message);
            Assumptions.abort(message);
        }
        workDir = moduleDir().resolve("target/confluent-interop");
        Files.createDirectories(workDir);
        Path source = moduleDir().resolve("src/test/node");
        for (String file : List.of("package.json", "interop.js")) {
            Files.copy(source.resolve(file), workDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("ConfluentInteropIT: installing Confluent's JavaScript serdes in " + workDir);
        int exit = run(List.of("npm", "install", "--no-audit", "--no-fund"), NPM_TIMEOUT, null);
        assertThat(exit).as("npm install exit code (see its output above)").isZero();
        platform = RunningPlatform.start(broker);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldLetConfluentsDeserializerReadWhatOurSerializerWrote(TestTopics topics)
            throws IOException, InterruptedException {
        String topic = topics.uniqueName("interop-orders");
        MeshAvroSerializer<Order> serializer = new MeshAvroSerializer<>();
        serializer.configure(Map.of(MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL, platform.url()), false);
        Order order = Order.newBuilder()
                .setOrderId("o-5")
                .setQuantity(5)
                .setPrice(47.5)
                .setStatus(OrderStatus.SHIPPED)
                .setNote("gift")
                .setCreatedAtMillis(1_700_000_000_005L)
                .build();
        Path hex = workDir.resolve(topic + ".hex");
        Files.writeString(hex, HexFormat.of().formatHex(serializer.serialize(topic, order)));

        StringBuilder out = new StringBuilder();
        int exit =
                run(List.of("node", "interop.js", "deserialize", nodeUrl(), topic, hex.toString()), NODE_TIMEOUT, out);

        assertThat(exit).as("node exit code; output: %s", out).isZero();
        JsonNode decoded = JSON.readTree(lastLine(out));
        assertThat(decoded)
                .isEqualTo(JSON.readTree("{\"orderId\":\"o-5\",\"quantity\":5,\"price\":47.5,\"status\":\"SHIPPED\","
                        + "\"note\":\"gift\",\"createdAtMillis\":1700000000005}"));
    }

    @Test
    void shouldReadWhatConfluentsSerializerWroteAndRegistered(TestTopics topics)
            throws IOException, InterruptedException {
        String topic = topics.uniqueName("interop-customers");
        Path json = workDir.resolve(topic + ".json");
        Path hex = workDir.resolve(topic + ".out.hex");
        Files.writeString(json, "{\"id\":\"c-9\",\"name\":\"Ada\",\"visits\":3,\"score\":4.5,\"active\":true}");

        StringBuilder out = new StringBuilder();
        int exit = run(
                List.of("node", "interop.js", "serialize", nodeUrl(), topic, json.toString(), hex.toString()),
                NODE_TIMEOUT,
                out);

        assertThat(exit).as("node exit code; output: %s", out).isZero();
        byte[] bytes = HexFormat.of().parseHex(Files.readString(hex).trim());
        MeshAvroDeserializer<GenericRecord> deserializer = new MeshAvroDeserializer<>();
        deserializer.configure(Map.of(MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL, platform.url()), false);
        GenericRecord record = deserializer.deserialize(topic, bytes);
        assertThat(record.get("id").toString()).isEqualTo("c-9");
        assertThat(record.get("name").toString()).isEqualTo("Ada");
        assertThat(record.get("visits")).isEqualTo(3);
        // Confluent's serializer derives the schema from the message (avsc): 4.5 becomes an Avro float.
        assertThat(((Number) record.get("score")).doubleValue()).isEqualTo(4.5);
        assertThat(record.get("active")).isEqualTo(true);
        SchemaRegistryClient registry =
                SchemaRegistryClient.builder(platform.url()).build();
        Schema registered =
                new Schema.Parser().parse(registry.getLatest(topic + "-value").schema());
        assertThat(registered).isEqualTo(record.getSchema());
    }

    @Test
    void shouldLetConfluentsDualDeserializerReadOurSchemaGuidHeader(TestTopics topics)
            throws IOException, InterruptedException {
        String topic = topics.uniqueName("interop-header-orders");
        MeshAvroSerializer<Order> serializer = new MeshAvroSerializer<>();
        serializer.configure(
                Map.of(
                        MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        platform.url(),
                        MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER,
                        "header"),
                false);
        Order order = Order.newBuilder()
                .setOrderId("o-6")
                .setQuantity(6)
                .setPrice(12.25)
                .setStatus(OrderStatus.PAID)
                .setNote(null)
                .setCreatedAtMillis(1_700_000_000_006L)
                .build();
        RecordHeaders headers = new RecordHeaders();
        byte[] bare = serializer.serialize(topic, headers, order);
        Path hex = workDir.resolve(topic + ".hex");
        Path header = workDir.resolve(topic + ".header.hex");
        Files.writeString(hex, HexFormat.of().formatHex(bare));
        Files.writeString(
                header,
                HexFormat.of()
                        .formatHex(headers.lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER)
                                .value()));

        StringBuilder out = new StringBuilder();
        int exit = run(
                List.of("node", "interop.js", "deserialize", nodeUrl(), topic, hex.toString(), header.toString()),
                NODE_TIMEOUT,
                out);

        assertThat(exit).as("node exit code; output: %s", out).isZero();
        assertThat(JSON.readTree(lastLine(out)))
                .isEqualTo(JSON.readTree("{\"orderId\":\"o-6\",\"quantity\":6,\"price\":12.25,\"status\":\"PAID\","
                        + "\"note\":null,\"createdAtMillis\":1700000000006}"));
    }

    @Test
    void shouldReadWhatConfluentsHeaderSerializerWroteWhenRegisteringAndWhenLookingUp(TestTopics topics)
            throws IOException, InterruptedException {
        String topic = topics.uniqueName("interop-header-customers");
        MeshAvroDeserializer<GenericRecord> deserializer = new MeshAvroDeserializer<>();
        deserializer.configure(Map.of(MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL, platform.url()), false);
        SchemaRegistryClient registry =
                SchemaRegistryClient.builder(platform.url()).build();

        List<GenericRecord> read = new ArrayList<>();
        List<String> modes = List.of("register", "lookup");
        for (int i = 0; i < modes.size(); i++) {
            Path json = workDir.resolve(topic + "-" + i + ".json");
            Path hex = workDir.resolve(topic + "-" + i + ".out.hex");
            Path headerHex = workDir.resolve(topic + "-" + i + ".header.hex");
            Files.writeString(json, "{\"id\":\"c-" + i + "\",\"name\":\"Ada\",\"visits\":" + (i + 1) + "}");
            StringBuilder out = new StringBuilder();
            int exit = run(
                    List.of(
                            "node",
                            "interop.js",
                            "serialize-header",
                            nodeUrl(),
                            topic,
                            json.toString(),
                            hex.toString(),
                            headerHex.toString(),
                            modes.get(i)),
                    NODE_TIMEOUT,
                    out);
            assertThat(exit)
                    .as("node exit code (%s); output: %s", modes.get(i), out)
                    .isZero();

            byte[] header = HexFormat.of().parseHex(Files.readString(headerHex).trim());
            int id = registry.getLatest(topic + "-value").id();
            assertThat(header)
                    .as("header written by Confluent's HeaderSchemaIdSerializer (%s)", modes.get(i))
                    .isEqualTo(WireFormat.guidForm(registry.getGuidById(id)));
            RecordHeaders headers = new RecordHeaders();
            headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, header);
            read.add(deserializer.deserialize(
                    topic,
                    headers,
                    HexFormat.of().parseHex(Files.readString(hex).trim())));
        }

        assertThat(read).extracting(r -> r.get("id").toString()).containsExactly("c-0", "c-1");
        assertThat(read).extracting(r -> r.get("visits")).containsExactly(1, 2);
        assertThat(registry.getLatest(topic + "-value").version())
                .as("the lookup found the registered schema")
                .isEqualTo(1);
    }

    private static String nodeUrl() {
        String url = platform.url();
        // Confluent's client appends "/schemas/..." itself.
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String lastLine(CharSequence output) {
        String[] lines = output.toString().trim().split("\\R");
        return lines[lines.length - 1];
    }

    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return basedir != null ? Paths.get(basedir) : Paths.get("").toAbsolutePath();
    }

    private static String missingTool() {
        for (String tool : List.of("node", "npm")) {
            try {
                Process process = new ProcessBuilder(tool, "--version")
                        .redirectErrorStream(true)
                        .start();
                process.getInputStream().readAllBytes();
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    return tool;
                }
            } catch (IOException e) {
                return tool;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return tool;
            }
        }
        return null;
    }

    /**
     * Runs a command in the work folder and copies its output (stdout and stderr) to the test output; returns the exit
     * code. The output is also appended to {@code captured} when given.
     */
    private static int run(List<String> command, Duration timeout, StringBuilder captured)
            throws IOException, InterruptedException {
        System.out.println("ConfluentInteropIT$ " + String.join(" ", command));
        Path log = Files.createTempFile(workDir, "process-", ".log");
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.print(output);
        if (captured != null) {
            captured.append(output);
        }
        if (!finished) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
        }
        return process.exitValue();
    }
}
