package io.meshwork.benchmarks.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.platform.server.PlatformServer;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.MeshAvroDeserializer;
import io.meshwork.sdk.serde.MeshAvroSerdeConfig;
import io.meshwork.sdk.serde.MeshAvroSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the SDK's Avro serde ({@link MeshAvroSerializer} + {@link MeshAvroDeserializer}, Confluent wire format,
 * registry-backed) against plain Avro binary encoding and decoding of the same {@link GenericRecord}.
 *
 * <p>The {@code raw*} methods are the baseline a hand-written codec would reach: a cached {@code GenericDatumWriter}
 * and {@code GenericDatumReader}, a reused {@code BinaryEncoder} and {@code BinaryDecoder}, one output array and one
 * decoded record per call, which is what the serde does too (plus the 5-byte prefix, the schema-id lookup in its
 * caches and the registry round trip once per schema).
 *
 * <p>The state starts the real in-process broker and the real platform server (the registry) for every fork, also
 * for the raw methods, so both sides run next to the same idle broker and server threads. The setup registers the
 * schema once (warm-up); the teardown checks through {@link SchemaRegistryClient#requestCount()} that no registry
 * request was sent afterwards and fails the trial otherwise.
 */
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {
    static final String TOPIC = "sales.orders.jmh";

    static final Schema ORDER_SCHEMA = new Schema.Parser()
            .parse(
                    """
            {
              "type": "record",
              "name": "BenchOrder",
              "namespace": "io.meshwork.benchmarks.serde",
              "fields": [
                {"name": "orderId", "type": "string"},
                {"name": "customerId", "type": "string"},
                {"name": "sku", "type": "string"},
                {"name": "quantity", "type": "int"},
                {"name": "unitPriceCents", "type": "long"},
                {"name": "totalAmount", "type": "double"},
                {"name": "currency", "type": "string"},
                {"name": "status", "type": {"type": "enum", "name": "BenchOrderStatus",
                  "symbols": ["PLACED", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"]}},
                {"name": "createdAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "shippingCountry", "type": "string"},
                {"name": "couponCode", "type": ["null", "string"], "default": null}
              ]
            }
            """);

    private EmbeddedKafkaBroker broker;
    private PlatformServer server;
    private SchemaRegistryClient client;
    private MeshAvroSerializer<GenericRecord> serializer;
    private MeshAvroDeserializer<GenericRecord> deserializer;
    private long requestsAfterWarmUp;

    private GenericRecord order;
    private GenericDatumWriter<GenericRecord> rawWriter;
    private GenericDatumReader<GenericRecord> rawReader;
    private ByteArrayOutputStream rawOut;
    private BinaryEncoder rawEncoder;
    private BinaryDecoder rawDecoder;

    private byte[] serdeBytes;
    private byte[] rawBytes;

    @Setup(Level.Trial)
    public void setUp() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        server = PlatformServer.start(Map.of(
                "meshwork.kafka.bootstrap-servers",
                broker.bootstrapServers(),
                "meshwork.registry.topic",
                "_mesh.registry.jmh",
                "meshwork.registry.replication-factor",
                1));
        URI registry = server.uri();

        Map<String, Object> config = new HashMap<>();
        config.put(MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.toString());
        // The client the serde would build from schema.registry.url, built here so its request counter is visible.
        client = MeshAvroSerdeConfig.parse(config).newClient("SerdeBenchmark");
        serializer = new MeshAvroSerializer<>(client);
        serializer.configure(config, false);
        deserializer = new MeshAvroDeserializer<>(client);
        deserializer.configure(config, false);

        order = order();
        rawWriter = new GenericDatumWriter<>(ORDER_SCHEMA, GenericData.get());
        rawReader = new GenericDatumReader<>(ORDER_SCHEMA, ORDER_SCHEMA, GenericData.get());
        rawOut = new ByteArrayOutputStream(256);

        long beforeWarmUp = client.requestCount();
        serdeBytes = serializer.serialize(TOPIC, order);
        GenericRecord serdeBack = deserializer.deserialize(TOPIC, serdeBytes);
        requestsAfterWarmUp = client.requestCount();
        rawBytes = rawEncode();
        GenericRecord rawBack = rawDecode(rawBytes);

        check(order.equals(serdeBack), "the serde round trip changed the record: " + serdeBack);
        check(order.equals(rawBack), "the raw round trip changed the record: " + rawBack);
        check(serdeBytes.length == rawBytes.length + 5, "expected the serde payload to be the raw datum + 5 bytes");
        check(requestsAfterWarmUp > beforeWarmUp, "the warm-up sent no registry request; the counter is not counting");
        System.out.printf(
                "%n[serde-bench] registry %s, requests after warm-up: %d (raw datum %d bytes, serde payload %d bytes)%n",
                registry, requestsAfterWarmUp, rawBytes.length, serdeBytes.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long requestsAtEnd = client.requestCount();
        System.out.printf(
                "%n[serde-bench] registry requests after warm-up: %d, at teardown: %d (%d during the measured run)%n",
                requestsAfterWarmUp, requestsAtEnd, requestsAtEnd - requestsAfterWarmUp);
        try {
            serializer.close();
            deserializer.close();
            server.close();
        } finally {
            broker.close();
        }
        check(
                requestsAtEnd == requestsAfterWarmUp,
                (requestsAtEnd - requestsAfterWarmUp) + " registry requests were sent after warm-up");
    }

    /** Serializer + deserializer of the SDK, Confluent wire format. */
    @Benchmark
    public void serdeRoundTrip(Blackhole blackhole) {
        blackhole.consume(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, order)));
    }

    /** Plain Avro binary encoding + decoding of the same record. */
    @Benchmark
    public void rawRoundTrip(Blackhole blackhole) {
        blackhole.consume(rawDecode(rawEncode()));
    }

    @Benchmark
    public void serdeSerialize(Blackhole blackhole) {
        blackhole.consume(serializer.serialize(TOPIC, order));
    }

    @Benchmark
    public void rawSerialize(Blackhole blackhole) {
        blackhole.consume(rawEncode());
    }

    @Benchmark
    public void serdeDeserialize(Blackhole blackhole) {
        blackhole.consume(deserializer.deserialize(TOPIC, serdeBytes));
    }

    @Benchmark
    public void rawDeserialize(Blackhole blackhole) {
        blackhole.consume(rawDecode(rawBytes));
    }

    private byte[] rawEncode() {
        rawOut.reset();
        rawEncoder = EncoderFactory.get().binaryEncoder(rawOut, rawEncoder);
        try {
            rawWriter.write(order, rawEncoder);
            rawEncoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rawOut.toByteArray();
    }

    private GenericRecord rawDecode(byte[] bytes) {
        rawDecoder = DecoderFactory.get().binaryDecoder(bytes, 0, bytes.length, rawDecoder);
        try {
            return rawReader.read(null, rawDecoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GenericRecord order() {
        Schema status = ORDER_SCHEMA.getField("status").schema();
        GenericRecord order = new GenericData.Record(ORDER_SCHEMA);
        order.put("orderId", "ord-2026-11-22-000042917");
        order.put("customerId", "cust-7f3c9a1e-5b2d-4e8f-9a10-2c6d8e4b1f07");
        order.put("sku", "SKU-HOME-KETTLE-1.7L-STEEL");
        order.put("quantity", 3);
        order.put("unitPriceCents", 4_999L);
        order.put("totalAmount", 149.97d);
        order.put("currency", "EUR");
        order.put("status", new GenericData.EnumSymbol(status, "PAID"));
        order.put("createdAt", 1_795_334_400_000L);
        order.put("updatedAt", 1_795_334_461_250L);
        order.put("shippingCountry", "DE");
        order.put("couponCode", "WINTER26");
        return order;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("[serde-bench] " + message);
        }
    }
}
