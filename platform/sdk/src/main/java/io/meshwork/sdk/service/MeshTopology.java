package io.meshwork.sdk.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.meshwork.descriptor.InputPort;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.sdk.quality.QualityRules;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.MeshAvroSerde;
import io.meshwork.sdk.serde.MeshAvroSerdeConfig;
import io.meshwork.sdk.serde.internal.JavaProperties;
import io.meshwork.sdk.service.internal.PortWriter;
import io.meshwork.sdk.service.internal.ServiceMetrics;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * What a {@link ProductTopology} builds with: the Streams builder, the service's raw sources and upstream products (as
 * declared in the descriptors' {@code inputPorts}), and typed handles on its output ports. Every read is counted as a
 * record in, every write as a record out; {@link #to} applies the port's quality rules. Reading or writing a topic the
 * descriptors do not declare is refused, so that lineage is always true.
 */
public final class MeshTopology {
    private final String applicationId;
    private final StreamsBuilder builder;
    private final Map<String, ProductRelease> livePorts = new LinkedHashMap<>();
    private final Map<String, String> inputProducts;
    private final Set<String> rawInputs = new LinkedHashSet<>();
    private final SchemaRegistryClient registry;
    private final ServiceMetrics metrics;
    private final Set<String> sourceTopics = new LinkedHashSet<>();
    private final Map<String, ProductPort<?, ?>> ports = new LinkedHashMap<>();

    /**
     * @param applicationId the Streams application id
     * @param live the releases the service writes (the newest of each major)
     * @param inputProducts {@code <product id>.v<major>} to the topic it resolved to
     * @param registry the registry client every serde shares
     * @param metrics where reads and writes are counted
     * @param streamsProperties the Streams configuration the topology runs with (its topology-level settings apply)
     */
    MeshTopology(
            String applicationId,
            List<ProductRelease> live,
            Map<String, String> inputProducts,
            SchemaRegistryClient registry,
            ServiceMetrics metrics,
            Properties streamsProperties) {
        this.applicationId = applicationId;
        this.builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        this.inputProducts = Map.copyOf(inputProducts);
        this.registry = registry;
        this.metrics = metrics;
        for (ProductRelease release : live) {
            for (OutputPort port : release.descriptor().outputPorts()) {
                livePorts.put(port.topic(), release);
            }
            for (InputPort input : release.descriptor().inputPorts()) {
                if (!input.isProduct()) {
                    rawInputs.add(input.topic());
                }
            }
        }
    }

    /** @return the Kafka Streams builder, for what the helpers here do not cover (stores, tables, joins) */
    public StreamsBuilder builder() {
        return builder;
    }

    /** @return the service's Streams application id, e.g. {@code sales.order-pipeline} */
    public String applicationId() {
        return applicationId;
    }

    /**
     * Reads a raw source topic (outside the mesh) as text: keys and values are UTF-8 strings.
     *
     * @param topic a topic listed as {@code - topic: ...} under a live release's {@code inputPorts}
     * @return the stream; every record is counted as a record in
     * @throws MeshServiceException when no live release declares the topic as an input port
     */
    public KStream<String, String> source(String topic) {
        if (!rawInputs.contains(topic)) {
            throw new MeshServiceException("The topology reads '" + topic + "', which no release of " + applicationId
                    + " declares as an input port. Fix: add '- topic: " + topic + "' under inputPorts in the"
                    + " dataproduct.yaml, so lineage shows it" + known("raw input ports", rawInputs));
        }
        sourceTopics.add(topic);
        return counted(builder.stream(
                topic, Consumed.with(Serdes.String(), Serdes.String()).withName("meshwork-source-" + topic)));
    }

    /**
     * Reads an upstream data product by id and major version, as a consumer of it: the topic was resolved through the
     * catalog and the subscription recorded (lineage) when the service started.
     *
     * @param productId the upstream product, e.g. {@code sales.orders}
     * @param major its major version
     * @param type the generated Avro class to read into (reader schema), or {@code GenericRecord.class}
     * @param <V> the value type
     * @return the stream, keyed by the product's string keys; every record is counted as a record in
     * @throws MeshServiceException when no live release declares the product as an input port
     */
    public <V> KStream<String, V> product(String productId, int major, Class<V> type) {
        String key = productId + ".v" + major;
        String topic = inputProducts.get(key);
        if (topic == null) {
            throw new MeshServiceException("The topology reads product " + productId + " v" + major + ", which no"
                    + " release of " + applicationId + " declares as an input port. Fix: add '- product: " + productId
                    + "' with 'major: " + major + "' under inputPorts in the dataproduct.yaml"
                    + known("product input ports", inputProducts.keySet()));
        }
        sourceTopics.add(topic);
        Serde<V> serde = avroSerde(type, false, false);
        return counted(
                builder.stream(topic, Consumed.with(Serdes.String(), serde).withName("meshwork-product-" + topic)));
    }

    /**
     * The handle on one output port with string keys.
     *
     * @param topic the port's topic, e.g. {@code sales.orders.v2}
     * @param type the generated Avro class of the values, whose schema must be the one the descriptor names, or
     *     {@code GenericRecord.class}
     * @param <V> the value type
     * @return the port (the same object on every call)
     * @throws MeshServiceException when the topic is not a live output port, has a key schema, or the class's schema
     *     differs from the descriptor's
     */
    public <V> ProductPort<String, V> port(String topic, Class<V> type) {
        ProductRelease release = release(topic);
        if (release.keySchema(topic).isPresent()) {
            throw new MeshServiceException("Port " + topic + " declares a keySchema, so its keys are Avro. Fix: call"
                    + " port(\"" + topic + "\", KeyClass.class, " + type.getSimpleName() + ".class)");
        }
        return port(topic, release, Serdes.String(), type);
    }

    /**
     * The handle on one output port with Avro keys ({@code keySchema} in the descriptor).
     *
     * @param topic the port's topic
     * @param keyType the generated Avro class of the keys
     * @param type the generated Avro class of the values
     * @param <K> the key type
     * @param <V> the value type
     * @return the port
     * @throws MeshServiceException when the topic is not a live output port or a class's schema differs
     */
    public <K, V> ProductPort<K, V> port(String topic, Class<K> keyType, Class<V> type) {
        ProductRelease release = release(topic);
        Schema keySchema = release.keySchema(topic)
                .orElseThrow(() -> new MeshServiceException("Port " + topic + " declares no keySchema: its keys are"
                        + " strings. Fix: call port(\"" + topic + "\", " + type.getSimpleName() + ".class), or add a"
                        + " keySchema to the port"));
        requireSameSchema(keyType, keySchema, topic + "-key", release);
        return port(topic, release, avroSerde(keyType, true, true), type);
    }

    /**
     * Writes a stream to a product port: each record is checked against the port's quality rules first. A record that
     * fails a rule with action {@code dlq} goes to the port's dead-letter topic (as read from the source, with the
     * failed rules in its headers), {@code drop} drops and counts it, {@code fail} stops the service.
     *
     * @param stream the product records
     * @param port the port, from {@link #port}
     * @param <K> the key type
     * @param <V> the value type
     */
    public <K, V> void to(KStream<K, V> stream, ProductPort<K, V> port) {
        Objects.requireNonNull(port, "port");
        if (ports.get(port.topic()) != port) {
            throw new MeshServiceException("The port for " + port.topic() + " was not made by this topology. Fix: get"
                    + " it from mesh.port(\"" + port.topic() + "\", ...)");
        }
        stream.processValues(() -> new PortWriter<K, V>(port, metrics), Named.as("meshwork-quality-" + port.topic()))
                .to(
                        port.topic(),
                        Produced.with(port.keySerde(), port.valueSerde()).withName("meshwork-sink-" + port.topic()));
    }

    /**
     * An Avro serde for the service's own intermediate data (repartition topics, state stores), registering its schema
     * under the internal topic's subject.
     *
     * @param type a generated Avro class, or {@code GenericRecord.class}
     * @param <V> the type
     * @return a value serde
     */
    public <V> Serde<V> serde(Class<V> type) {
        return avroSerde(type, false, true);
    }

    /** @return the topology built so far */
    public Topology build() {
        return builder.build();
    }

    /** @return every raw source and upstream product topic the topology reads */
    public Set<String> sourceTopics() {
        return Collections.unmodifiableSet(sourceTopics);
    }

    /** @return the raw source topics the topology reads (outside the mesh) */
    public Set<String> rawSourceTopics() {
        Set<String> raw = new LinkedHashSet<>(sourceTopics);
        raw.retainAll(rawInputs);
        return raw;
    }

    /** @return the ports asked for so far, by topic */
    public Map<String, ProductPort<?, ?>> ports() {
        return Collections.unmodifiableMap(ports);
    }

    /** @return the live output topics that no {@link #to} writes: a topology that forgets a port */
    List<String> unwrittenPorts() {
        List<String> missing = new ArrayList<>();
        for (String topic : livePorts.keySet()) {
            if (!ports.containsKey(topic)) {
                missing.add(topic);
            }
        }
        return missing;
    }

    private <K, V> ProductPort<K, V> port(String topic, ProductRelease release, Serde<K> keySerde, Class<V> type) {
        Optional<ProductPort<?, ?>> existing = Optional.ofNullable(ports.get(topic));
        if (existing.isPresent()) {
            @SuppressWarnings("unchecked")
            ProductPort<K, V> same = (ProductPort<K, V>) existing.get();
            return same;
        }
        Schema valueSchema = release.valueSchema(topic);
        requireSameSchema(type, valueSchema, topic + "-value", release);
        QualityRules rules =
                QualityRules.compile(release.file(), release.descriptor().quality(), valueSchema);
        ProductPort<K, V> port = new ProductPort<>(
                release.productId(),
                release.version(),
                topic,
                valueSchema,
                keySerde,
                avroSerde(type, false, false),
                rules);
        ports.put(topic, port);
        return port;
    }

    private ProductRelease release(String topic) {
        ProductRelease release = livePorts.get(topic);
        if (release == null) {
            throw new MeshServiceException("'" + topic + "' is not an output port of a live release of " + applicationId
                    + ". Fix: use one of " + livePorts.keySet() + ", or add the release that declares it");
        }
        return release;
    }

    private static void requireSameSchema(Class<?> type, Schema declared, String subject, ProductRelease release) {
        if (GenericRecord.class.equals(type)) {
            return;
        }
        Schema own;
        try {
            own = SpecificData.get().getSchema(type);
        } catch (RuntimeException e) {
            throw new MeshServiceException(type.getName() + " is not an Avro class: " + e.getMessage()
                    + ". Fix: use a class generated by avro-maven-plugin, or GenericRecord.class");
        }
        if (!new Schema.Parser()
                .parse(JavaProperties.removedFrom(own))
                .toString()
                .equals(declared.toString())) {
            throw new MeshServiceException("The schema of " + type.getName() + " differs from the one " + release.file()
                    + " names for " + subject + ". Fix: generate the class from that schema file (or name the class"
                    + " in the descriptor), so that what the service writes is what governance checked");
        }
    }

    private <V> Serde<V> avroSerde(Class<V> type, boolean isKey, boolean autoRegister) {
        MeshAvroSerde<V> serde = new MeshAvroSerde<>(registry);
        boolean specific = !GenericRecord.class.equals(type);
        serde.configure(
                Map.of(
                        MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                        autoRegister,
                        MeshAvroSerdeConfig.SPECIFIC_AVRO_READER,
                        specific,
                        MeshAvroSerdeConfig.REMOVE_JAVA_PROPERTIES,
                        true),
                isKey);
        return serde;
    }

    private <K, V> KStream<K, V> counted(KStream<K, V> stream) {
        return stream.peek((k, v) -> metrics.recordIn());
    }

    private static String known(String what, Set<String> names) {
        return names.isEmpty() ? "" : " (" + what + " now: " + String.join(", ", names) + ")";
    }
}
