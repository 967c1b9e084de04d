package io.meshwork.sdk.serde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import io.meshwork.sdk.fixtures.Customer;
import io.meshwork.sdk.fixtures.Order;
import io.meshwork.sdk.fixtures.OrderStatus;
import io.meshwork.sdk.registry.RegisteredSchema;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.internal.WireFormat;
import io.meshwork.sdk.testing.RunningPlatform;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedKafkaExtension.class)
class MeshAvroSerdeIT {
    private static RunningPlatform platform;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void startPlatform(EmbeddedKafkaBroker broker) {
        platform = RunningPlatform.start(broker);
        registry = SchemaRegistryClient.builder(platform.url()).build();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Map<String, Object> serdeConfig(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put(MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL, platform.url());
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static Schema customerV1(String name) {
        return SchemaBuilder.record(name)
                .namespace("io.meshwork.sdk.fixtures")
                .fields()
                .requiredString("id")
                .requiredString("name")
                .endRecord();
    }

    private static GenericRecord customer(Schema schema, String id, String name) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("id", id);
        record.put("name", name);
        return record;
    }

    private static Order order(int n) {
        return Order.newBuilder()
                .setOrderId("o-" + n)
                .setQuantity(n)
                .setPrice(9.5 * n)
                .setStatus(OrderStatus.PAID)
                .setNote(n % 2 == 0 ? null : "gift " + n)
                .setCreatedAtMillis(1_700_000_000_000L + n)
                .build();
    }

    private static <V> void produce(TestTopics topics, String topic, Map<String, Object> serde, List<V> values) {
        Map<String, Object> config = new HashMap<>(topics.producerConfig());
        config.putAll(serde);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, MeshAvroSerializer.class);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, values.get(i)));
            }
            producer.flush();
        }
    }

    private static <V> List<V> consume(TestTopics topics, String topic, Map<String, Object> serde, int count) {
        Map<String, Object> config = new HashMap<>(serde);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, MeshAvroDeserializer.class);
        List<V> values = new ArrayList<>();
        for (ConsumerRecord<String, V> record : TopicReads.<String, V>records(topics, topic, config, count)) {
            values.add(record.value());
        }
        return values;
    }

    /** Reads {@code count} records of a topic from the start; the config must name the value deserializer. */
    private static final class TopicReads {
        static <K, V> List<ConsumerRecord<K, V>> records(
                TestTopics topics, String topic, Map<String, Object> serde, int count) {
            Map<String, Object> config = new HashMap<>(topics.consumerConfig());
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.putAll(serde);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.size() < count && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
            assertThat(records).as("records read back from %s", topic).hasSize(count);
            return records;
        }
    }

    private static Map<String, Object> rawValues() {
        return Map.of(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    @Test
    void shouldRoundTripGenericRecordsThroughTheBroker(TestTopics topics) {
        String topic = topics.create("customers");
        Schema schema = customerV1("GenericCustomer");
        List<GenericRecord> sent = List.of(customer(schema, "c-1", "Ada"), customer(schema, "c-2", "Grace"));

        produce(topics, topic, serdeConfig(), sent);
        List<GenericRecord> read = consume(topics, topic, serdeConfig(), 2);

        assertThat(read).extracting(r -> r.get("id").toString()).containsExactly("c-1", "c-2");
        assertThat(read).extracting(r -> r.get("name").toString()).containsExactly("Ada", "Grace");
        assertThat(read.get(0).getSchema()).isEqualTo(schema);
        assertThat(registry.getLatest(topic + "-value").version()).isEqualTo(1);
    }

    @Test
    void shouldRoundTripSpecificRecordsThroughTheBroker(TestTopics topics) {
        String topic = topics.create("orders");
        List<Order> sent = List.of(order(1), order(2), order(3));

        produce(topics, topic, serdeConfig(), sent);
        List<Order> read = consume(topics, topic, serdeConfig(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), 3);

        assertThat(read).containsExactlyElementsOf(sent);
        assertThat(read.get(0)).isInstanceOf(Order.class);
    }

    @Test
    void shouldRoundTripPrimitivesAndKeepNullsNull(TestTopics topics) {
        String topic = topics.uniqueName("primitives");
        MeshAvroSerde<Object> serde = new MeshAvroSerde<>();
        serde.configure(serdeConfig(), true);

        List<Object> values = List.of("text", 42, 42L, 1.5, 2.5f, true);
        for (int i = 0; i < values.size(); i++) {
            // One topic per type: the registry rightly refuses an incompatible type change under one subject.
            byte[] bytes = serde.serializer().serialize(topic + "-" + i, values.get(i));
            assertThat(serde.deserializer().deserialize(topic + "-" + i, bytes)).isEqualTo(values.get(i));
        }
        byte[] raw = serde.serializer().serialize(topic, new byte[] {1, 2, 3});
        assertThat((byte[]) serde.deserializer().deserialize(topic, raw)).containsExactly(1, 2, 3);
        assertThat(serde.serializer().serialize(topic, null)).isNull();
        assertThat(serde.deserializer().deserialize(topic, null)).isNull();
        assertThatThrownBy(() -> serde.serializer().serialize(topic, new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot write a java.lang.Object");
    }

    @Test
    void shouldFailClearlyWhenAutoRegisterIsOffAndTheSchemaIsNotRegistered(TestTopics topics) {
        String topic = topics.uniqueName("unregistered");
        MeshAvroSerializer<GenericRecord> serializer = new MeshAvroSerializer<>();
        serializer.configure(serdeConfig(MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
        GenericRecord record = customer(customerV1("UnregisteredCustomer"), "c-1", "Ada");

        assertThatThrownBy(() -> serializer.serialize(topic, record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.meshwork.sdk.fixtures.UnregisteredCustomer")
                .hasMessageContaining("is not registered under subject '" + topic + "-value'")
                .hasMessageContaining("auto.register.schemas is false")
                .hasMessageContaining("Fix:");
    }

    @Test
    void shouldUseTheRegisteredIdWhenAutoRegisterIsOff(TestTopics topics) {
        String topic = topics.create("preregistered");
        Schema schema = customerV1("PreregisteredCustomer");
        int id = registry.register(topic + "-value", schema.toString(), false);
        MeshAvroSerializer<GenericRecord> serializer = new MeshAvroSerializer<>();
        serializer.configure(serdeConfig(MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        byte[] bytes = serializer.serialize(topic, customer(schema, "c-1", "Ada"));

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, id >>> 24, id >>> 16, id >>> 8, id);
        assertThat(registry.getLatest(topic + "-value").version()).isEqualTo(1);
        produce(
                topics,
                topic,
                serdeConfig(MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false),
                List.of(customer(schema, "c-2", "Grace")));
        List<GenericRecord> read = consume(topics, topic, serdeConfig(), 1);
        assertThat(read.get(0).get("name").toString()).isEqualTo("Grace");
    }

    @Test
    void shouldWriteWithTheLatestVersionWhenAsked(TestTopics topics) {
        String topic = topics.create("latest");
        String subject = topic + "-value";
        Schema v1 = customerV1("Customer");
        registry.register(subject, v1.toString(), false);
        int latestId = registry.register(subject, Customer.getClassSchema().toString(), false);
        MeshAvroSerializer<GenericRecord> serializer = new MeshAvroSerializer<>();
        serializer.configure(
                serdeConfig(
                        MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, MeshAvroSerdeConfig.USE_LATEST_VERSION, true),
                false);

        byte[] bytes = serializer.serialize(topic, customer(v1, "c-1", "Ada"));

        assertThat(Arrays.copyOfRange(bytes, 1, 5))
                .containsExactly(latestId >>> 24, latestId >>> 16, latestId >>> 8, latestId);
        MeshAvroDeserializer<Customer> deserializer = new MeshAvroDeserializer<>();
        deserializer.configure(serdeConfig(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        Customer read = deserializer.deserialize(topic, bytes);
        assertThat(read.getId()).isEqualTo("c-1");
        assertThat(read.getName()).isEqualTo("Ada");
        assertThat(read.getEmail()).isNull();
        assertThat(read.getTier()).isEqualTo("standard");
    }

    @ParameterizedTest
    @CsvSource({
        "TopicNameStrategy, {topic}-value",
        "RecordNameStrategy, io.meshwork.sdk.it.{record}",
        "TopicRecordNameStrategy, {topic}-io.meshwork.sdk.it.{record}",
        "io.confluent.kafka.serializers.subject.TopicNameStrategy, {topic}-value",
        "io.confluent.kafka.serializers.subject.RecordNameStrategy, io.meshwork.sdk.it.{record}",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, {topic}-io.meshwork.sdk.it.{record}"
    })
    void shouldRegisterUnderTheSubjectOfTheConfiguredStrategy(String strategy, String expected, TestTopics topics) {
        String topic = topics.uniqueName("strategy");
        String recordName = "R" + topic.replaceAll("[^A-Za-z0-9]", "_");
        Schema schema = SchemaBuilder.record(recordName)
                .namespace("io.meshwork.sdk.it")
                .fields()
                .requiredInt("n")
                .endRecord();
        GenericData.Record record = new GenericData.Record(schema);
        record.put("n", 1);
        MeshAvroSerializer<GenericRecord> serializer = new MeshAvroSerializer<>();
        serializer.configure(serdeConfig(MeshAvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, strategy), false);

        byte[] bytes = serializer.serialize(topic, record);

        String subject = expected.replace("{topic}", topic).replace("{record}", recordName);
        RegisteredSchema registered = registry.getLatest(subject);
        assertThat(registered.id())
                .isEqualTo(((bytes[1] & 0xff) << 24)
                        | ((bytes[2] & 0xff) << 16)
                        | ((bytes[3] & 0xff) << 8)
                        | (bytes[4] & 0xff));
        assertThat(new Schema.Parser().parse(registered.schema())).isEqualTo(schema);
    }

    @Test
    void shouldUseTheKeyStrategyForKeys(TestTopics topics) {
        String topic = topics.uniqueName("keys");
        MeshAvroSerializer<Object> serializer = new MeshAvroSerializer<>();
        serializer.configure(
                serdeConfig(
                        MeshAvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "TopicNameStrategy",
                        MeshAvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "RecordNameStrategy"),
                true);

        serializer.serialize(topic, "key-1");

        assertThat(registry.getLatest(topic + "-key").schema()).isEqualTo("\"string\"");
    }

    @Test
    void shouldReadRecordsWrittenWithTheOldSchemaIntoTheNewSpecificClass(TestTopics topics) {
        String topic = topics.create("evolution");
        Schema v1 = customerV1("Customer");
        produce(topics, topic, serdeConfig(), List.of(customer(v1, "c-1", "Ada"), customer(v1, "c-2", "Grace")));
        produce(
                topics,
                topic,
                serdeConfig(),
                List.of(Customer.newBuilder()
                        .setId("c-3")
                        .setName("Linus")
                        .setEmail("linus@example.org")
                        .setTier("gold")
                        .build()));

        List<Customer> read = consume(topics, topic, serdeConfig(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), 3);

        assertThat(read).extracting(Customer::getId).containsExactly("c-1", "c-2", "c-3");
        assertThat(read.get(0).getEmail()).isNull();
        assertThat(read.get(0).getTier()).isEqualTo("standard");
        assertThat(read.get(2).getEmail()).isEqualTo("linus@example.org");
        assertThat(read.get(2).getTier()).isEqualTo("gold");
        assertThat(registry.getLatest(topic + "-value").version()).isEqualTo(2);
    }

    @Test
    void shouldSayWhichGeneratedClassIsMissingForTheSpecificReader(TestTopics topics) {
        String topic = topics.uniqueName("nogenerated");
        Schema schema = customerV1("NotGenerated");
        MeshAvroSerializer<GenericRecord> serializer = new MeshAvroSerializer<>(registry);
        serializer.configure(Map.of(), false);
        byte[] bytes = serializer.serialize(topic, customer(schema, "c-1", "Ada"));
        MeshAvroDeserializer<Object> deserializer = new MeshAvroDeserializer<>(registry);
        deserializer.configure(Map.of(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

        assertThatThrownBy(() -> deserializer.deserialize(topic, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no generated class io.meshwork.sdk.fixtures.NotGenerated")
                .hasMessageContaining("specific.avro.reader=false");
    }

    @Test
    void shouldReadTheSchemaIdFromTheHeaderForm(TestTopics topics) {
        String topic = topics.uniqueName("header");
        MeshAvroSerializer<Order> serializer = new MeshAvroSerializer<>(registry);
        serializer.configure(Map.of(), false);
        byte[] prefixed = serializer.serialize(topic, order(7));
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, Arrays.copyOfRange(prefixed, 0, 5));
        byte[] bare = Arrays.copyOfRange(prefixed, 5, prefixed.length);
        MeshAvroDeserializer<Order> deserializer = new MeshAvroDeserializer<>(registry);
        deserializer.configure(Map.of(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

        assertThat(deserializer.deserialize(topic, headers, bare)).isEqualTo(order(7));
        assertThat(deserializer.deserialize(topic, new RecordHeaders(), prefixed))
                .isEqualTo(order(7));
    }

    @Test
    void shouldSendNoRegistryRequestAfterWarmUp(TestTopics topics) {
        String topic = topics.uniqueName("cached");
        SchemaRegistryClient counted =
                SchemaRegistryClient.builder(platform.url()).build();
        MeshAvroSerde<Order> specific = new MeshAvroSerde<>(counted);
        specific.configure(Map.of(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        MeshAvroSerde<GenericRecord> generic = new MeshAvroSerde<>(counted);
        generic.configure(Map.of(), false);
        Schema schema = customerV1("CachedCustomer");
        GenericRecord customer = customer(schema, "c-1", "Ada");
        specific.deserializer().deserialize(topic, specific.serializer().serialize(topic, order(0)));
        generic.deserializer().deserialize(topic + "-g", generic.serializer().serialize(topic + "-g", customer));
        long afterWarmUp = counted.requestCount();

        for (int i = 0; i < 10_000; i++) {
            Order read = specific.deserializer()
                    .deserialize(topic, specific.serializer().serialize(topic, order(i)));
            assertThat(read.getQuantity()).isEqualTo(i);
            GenericRecord back = generic.deserializer()
                    .deserialize(topic + "-g", generic.serializer().serialize(topic + "-g", customer));
            assertThat(back.get("name").toString()).isEqualTo("Ada");
        }

        assertThat(afterWarmUp).isPositive();
        assertThat(counted.requestCount()).isEqualTo(afterWarmUp);
    }

    @Test
    void shouldRoundTripSpecificRecordsWithTheSchemaGuidInTheHeaderThroughTheBroker(TestTopics topics) {
        String topic = topics.create("header-specific");
        List<Order> sent = List.of(order(1), order(2), order(3));

        produce(topics, topic, serdeConfig(MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER, "header"), sent);

        List<ConsumerRecord<String, byte[]>> raw = TopicReads.records(topics, topic, rawValues(), 3);
        int id = registry.getLatest(topic + "-value").id();
        UUID guid = registry.getGuidById(id);
        MeshAvroSerializer<Order> prefixWriter = new MeshAvroSerializer<>(registry);
        prefixWriter.configure(Map.of(), false);
        byte[] prefixed = prefixWriter.serialize(topic, order(1));
        Header header = raw.get(0).headers().lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER);
        assertThat(header).as("schema-id header of the first record").isNotNull();
        assertThat(header.value()).isEqualTo(WireFormat.guidForm(guid));
        assertThat(raw.get(0).value())
                .as("the payload is the bare datum")
                .isEqualTo(Arrays.copyOfRange(prefixed, 5, prefixed.length));
        List<Order> read = consume(topics, topic, serdeConfig(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), 3);
        assertThat(read).containsExactlyElementsOf(sent);
    }

    @Test
    void shouldRoundTripGenericRecordsWithConfluentsHeaderSerializerNameThroughTheBroker(TestTopics topics) {
        String topic = topics.create("header-generic");
        Schema schema = customerV1("HeaderCustomer");
        List<GenericRecord> sent = List.of(customer(schema, "c-1", "Ada"), customer(schema, "c-2", "Grace"));

        produce(
                topics,
                topic,
                serdeConfig(
                        MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER,
                        "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer"),
                sent);
        List<GenericRecord> read = consume(topics, topic, serdeConfig(), 2);

        assertThat(read).extracting(r -> r.get("name").toString()).containsExactly("Ada", "Grace");
        assertThat(read.get(0).getSchema()).isEqualTo(schema);
        List<ConsumerRecord<String, byte[]>> raw = TopicReads.records(topics, topic, rawValues(), 2);
        assertThat(raw.get(1)
                        .headers()
                        .lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER)
                        .value())
                .startsWith(WireFormat.MAGIC_BYTE_GUID)
                .hasSize(WireFormat.GUID_FORM_LENGTH);
    }

    @Test
    void shouldPutTheKeysSchemaGuidInTheKeyHeader(TestTopics topics) {
        String topic = topics.uniqueName("header-keys");
        MeshAvroSerializer<Object> keys = new MeshAvroSerializer<>(registry);
        keys.configure(Map.of(MeshAvroSerdeConfig.KEY_SCHEMA_ID_SERIALIZER, "header"), true);
        RecordHeaders headers = new RecordHeaders();

        byte[] bare = keys.serialize(topic, headers, "key-1");

        int id = registry.getLatest(topic + "-key").id();
        assertThat(headers.lastHeader(WireFormat.KEY_SCHEMA_ID_HEADER).value())
                .isEqualTo(WireFormat.guidForm(registry.getGuidById(id)));
        assertThat(headers.lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER)).isNull();
        MeshAvroDeserializer<Object> reader = new MeshAvroDeserializer<>(registry);
        reader.configure(Map.of(), true);
        assertThat(reader.deserialize(topic, headers, bare)).isEqualTo("key-1");
    }

    @Test
    void shouldResolveEachGuidOnceAndSendNoRequestPerRecord(TestTopics topics) {
        String topic = topics.uniqueName("header-cached");
        MeshAvroSerializer<Order> writer = new MeshAvroSerializer<>(registry);
        writer.configure(Map.of(MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER, "header"), false);
        SchemaRegistryClient counted =
                SchemaRegistryClient.builder(platform.url()).build();
        MeshAvroDeserializer<Order> reader = new MeshAvroDeserializer<>(counted);
        reader.configure(Map.of(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        RecordHeaders first = new RecordHeaders();
        reader.deserialize(topic, first, writer.serialize(topic, first, order(0)));
        long afterWarmUp = counted.requestCount();

        for (int i = 1; i <= 5_000; i++) {
            RecordHeaders headers = new RecordHeaders();
            assertThat(reader.deserialize(topic, headers, writer.serialize(topic, headers, order(i)))
                            .getQuantity())
                    .isEqualTo(i);
        }

        assertThat(afterWarmUp).as("requests to warm up: the GUID's schema").isEqualTo(1);
        assertThat(counted.requestCount()).isEqualTo(afterWarmUp);
    }

    @Test
    void shouldTakeTheGuidHeaderOverAPayloadThatLooksPrefixed(TestTopics topics) {
        String topic = topics.uniqueName("header-wins");
        MeshAvroSerializer<Object> writer = new MeshAvroSerializer<>(registry);
        writer.configure(Map.of(MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER, "header"), false);
        RecordHeaders headers = new RecordHeaders();
        // A bytes value whose datum starts with what looks like the id prefix of another schema.
        byte[] looksPrefixed = {0, 0, 0, 0, 1, 9};
        byte[] bare = writer.serialize(topic, headers, looksPrefixed);
        MeshAvroDeserializer<Object> reader = new MeshAvroDeserializer<>(registry);
        reader.configure(Map.of(), false);

        assertThat((byte[]) reader.deserialize(topic, headers, bare)).containsExactly(looksPrefixed);
    }

    @Test
    void shouldReadAGuidInThePayloadPrefixAsConfluentsDeserializersDo(TestTopics topics) {
        String topic = topics.uniqueName("guid-prefix");
        MeshAvroSerializer<Order> writer = new MeshAvroSerializer<>(registry);
        writer.configure(Map.of(), false);
        byte[] prefixed = writer.serialize(topic, order(4));
        int id = registry.getLatest(topic + "-value").id();
        byte[] guidPrefixed = new byte[prefixed.length - 5 + 17];
        System.arraycopy(WireFormat.guidForm(registry.getGuidById(id)), 0, guidPrefixed, 0, 17);
        System.arraycopy(prefixed, 5, guidPrefixed, 17, prefixed.length - 5);
        MeshAvroDeserializer<Order> reader = new MeshAvroDeserializer<>(registry);
        reader.configure(Map.of(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

        assertThat(reader.deserialize(topic, guidPrefixed)).isEqualTo(order(4));
    }

    @Test
    void shouldNameTheUnknownGuidTheTopicAndTheFix(TestTopics topics) {
        String topic = topics.uniqueName("unknown-guid");
        UUID unknown = UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.guidForm(unknown));
        MeshAvroDeserializer<Object> reader = new MeshAvroDeserializer<>(registry);
        reader.configure(Map.of(), false);

        assertThatThrownBy(() -> reader.deserialize(topic, headers, new byte[] {2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot fetch writer schema GUID " + unknown)
                .hasMessageContaining("topic '" + topic + "'")
                .hasMessageContaining("error_code 40403")
                .hasMessageContaining("Fix:");
    }

    @Test
    void shouldRefuseAMalformedSchemaIdHeaderInsteadOfReadingThePayload(TestTopics topics) {
        String topic = topics.uniqueName("malformed-header");
        MeshAvroSerializer<Order> writer = new MeshAvroSerializer<>(registry);
        writer.configure(Map.of(), false);
        byte[] prefixed = writer.serialize(topic, order(1));
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, new byte[] {1, 2, 3});
        MeshAvroDeserializer<Order> reader = new MeshAvroDeserializer<>(registry);
        reader.configure(Map.of(), false);

        assertThatThrownBy(() -> reader.deserialize(topic, headers, prefixed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Header __value_schema_id of a record on topic '" + topic + "' has 3 bytes")
                .hasMessageContaining("Fix:");
    }

    @Test
    void shouldRefuseHeaderModeWithoutHeadersOrWithReadOnlyHeaders(TestTopics topics) {
        String topic = topics.uniqueName("header-required");
        MeshAvroSerializer<Order> writer = new MeshAvroSerializer<>(registry);
        writer.configure(Map.of(MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER, "header"), false);
        RecordHeaders readOnly = new RecordHeaders();
        readOnly.setReadOnly();

        assertThatThrownBy(() -> writer.serialize(topic, order(1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("value.schema.id.serializer=header")
                .hasMessageContaining("serialize(topic, headers, data)")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> writer.serialize(topic, null, order(1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("the record has no headers")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> writer.serialize(topic, readOnly, order(1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("its headers are read-only")
                .hasMessageContaining("Fix:");
        assertThat(writer.serialize(topic, null, null)).isNull();
    }

    @Test
    void shouldLeaveReadOnlyHeadersAloneWhenTheyAlreadyNameTheSchema(TestTopics topics) {
        String topic = topics.uniqueName("header-twice");
        MeshAvroSerializer<Order> writer = new MeshAvroSerializer<>(registry);
        writer.configure(Map.of(MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER, "header"), false);
        RecordHeaders headers = new RecordHeaders();
        byte[] first = writer.serialize(topic, headers, order(3));
        // As after the producer sent the record to a first sink: the same headers go to a second one.
        headers.setReadOnly();

        byte[] second = writer.serialize(topic, headers, order(3));

        assertThat(second).isEqualTo(first);
        assertThat(headers.headers(WireFormat.VALUE_SCHEMA_ID_HEADER)).hasSize(1);
    }

    @Test
    void shouldRemoveAnInheritedSchemaIdHeaderWhenWritingThePrefix(TestTopics topics) {
        String topic = topics.uniqueName("prefix-clears");
        MeshAvroSerializer<Order> writer = new MeshAvroSerializer<>(registry);
        writer.configure(Map.of(), false);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.guidForm(UUID.randomUUID())));
        headers.add("trace-id", new byte[] {7});

        byte[] prefixed = writer.serialize(topic, headers, order(2));

        assertThat(headers.lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER)).isNull();
        assertThat(headers.lastHeader("trace-id").value()).containsExactly(7);
        MeshAvroDeserializer<Order> reader = new MeshAvroDeserializer<>(registry);
        reader.configure(Map.of(MeshAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        assertThat(reader.deserialize(topic, headers, prefixed)).isEqualTo(order(2));
    }
}
