package io.meshwork.sdk.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.sdk.testing.RunningPlatform;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedKafkaExtension.class)
class SchemaRegistryClientIT {
    private static RunningPlatform platform;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void startPlatform(EmbeddedKafkaBroker broker) {
        platform = RunningPlatform.start(broker);
        client = SchemaRegistryClient.builder(platform.url()).build();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Schema customer(String name, boolean withEmail) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(name)
                .namespace("io.meshwork.sdk.it")
                .fields()
                .requiredString("id");
        if (withEmail) {
            fields = fields.optionalString("email");
        }
        return fields.endRecord();
    }

    @Test
    void shouldRegisterAndReadBackBySubjectVersionAndId() {
        Schema v1 = customer("RegisterCustomer", false);
        Schema v2 = customer("RegisterCustomer", true);

        int id1 = client.register("customers-value", v1.toString(), false);
        int again = client.register("customers-value", v1.toString(), false);
        int id2 = client.register("customers-value", v2.toString(), false);

        assertThat(again).isEqualTo(id1);
        assertThat(id2).isNotEqualTo(id1);
        assertThat(new Schema.Parser().parse(client.getSchemaById(id1).schema()))
                .isEqualTo(v1);
        assertThat(client.getAvroSchemaById(id2)).isEqualTo(v2);
        RegisteredSchema latest = client.getLatest("customers-value");
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(latest.schema())).isEqualTo(v2);
        RegisteredSchema first = client.getVersion("customers-value", 1);
        assertThat(first.id()).isEqualTo(id1);
        assertThat(first.subject()).isEqualTo("customers-value");
    }

    @Test
    void shouldLookUpASchemaUnderASubjectAndTellWhenItIsAbsent() {
        Schema schema = customer("LookupCustomer", false);
        SchemaRegistryClient fresh =
                SchemaRegistryClient.builder(platform.url()).build();
        int id = client.register("lookup-value", schema.toString(), false);

        RegisteredSchema found = fresh.lookup("lookup-value", schema.toString(), false);

        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(1);
        assertThatThrownBy(() -> fresh.lookup(
                        "lookup-value", customer("LookupCustomer", true).toString(), false))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                });
        assertThatThrownBy(() -> fresh.lookup("nobody-value", schema.toString(), false))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                });
    }

    @Test
    void shouldTestCompatibilityAndReadAndSetConfig() {
        Schema v1 = customer("CompatCustomer", true);
        client.register("compat-value", v1.toString(), false);
        Schema required = SchemaBuilder.record("CompatCustomer")
                .namespace("io.meshwork.sdk.it")
                .fields()
                .requiredString("id")
                .requiredString("phone")
                .endRecord();

        assertThat(client.setConfig("compat-value", CompatibilityLevel.BACKWARD))
                .isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.getConfig("compat-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.testCompatibility(
                                "compat-value",
                                customer("CompatCustomer", false).toString())
                        .compatible())
                .isTrue();
        CompatibilityResult breaking = client.testCompatibility("compat-value", required.toString());
        assertThat(breaking.compatible()).isFalse();
        assertThat(client.getConfig(null)).isNotNull();
    }

    @Test
    void shouldRefuseAnInvalidSchemaWithStatusCodeMessageAndFix() {
        assertThatThrownBy(() -> client.register("broken-value", "{\"type\":\"record\",\"name\":\"X\"}", false))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                    assertThat(e.serverMessage()).isNotBlank();
                    assertThat(e.getMessage())
                            .contains("POST " + platform.url() + "subjects/broken-value/versions")
                            .contains("HTTP 422, error_code 42201")
                            .contains(e.serverMessage())
                            .contains("Fix:");
                });
    }

    @Test
    void shouldExplainUnknownIdsAndSubjects() {
        assertThatThrownBy(() -> client.getSchemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.getMessage()).contains("schemas/ids/987654").contains("Fix:");
                });
        assertThatThrownBy(() -> client.getLatest("no-such-subject-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.getMessage()).contains("register the schema under this subject first");
                });
    }

    @Test
    void shouldServeRepeatedReadsFromItsCaches() {
        SchemaRegistryClient counted =
                SchemaRegistryClient.builder(platform.url()).build();
        String schema = customer("CachedCustomer", false).toString();
        int id = counted.register("cached-value", schema, false);
        counted.getAvroSchemaById(id);
        counted.lookup("cached-value", schema, false);
        long warm = counted.requestCount();

        for (int i = 0; i < 1_000; i++) {
            counted.register("cached-value", schema, false);
            counted.getAvroSchemaById(id);
            counted.getSchemaById(id);
            counted.lookup("cached-value", schema, false);
        }

        assertThat(warm).isEqualTo(3);
        assertThat(counted.requestCount()).isEqualTo(warm);
    }

    @Test
    void shouldReadASchemaByItsGuidAndKnowTheGuidOfAnId() {
        Schema schema = customer("GuidCustomer", false);
        int id = client.register("guid-value", schema.toString(), false);
        SchemaRegistryClient fresh =
                SchemaRegistryClient.builder(platform.url()).build();

        UUID guid = fresh.getGuidById(id);
        SchemaByGuid byGuid = fresh.getSchemaByGuid(guid);

        assertThat(byGuid.id()).isEqualTo(id);
        assertThat(byGuid.guid()).isEqualTo(guid);
        assertThat(byGuid.schemaType()).isEqualTo("AVRO");
        assertThat(fresh.getAvroSchemaByGuid(guid)).isEqualTo(schema);
        assertThat(fresh.getSchemaById(id).guid()).isEqualTo(guid);
        assertThat(client.getGuidById(id)).as("the same on another client").isEqualTo(guid);
    }

    @Test
    void shouldServeRepeatedGuidReadsFromItsCaches() {
        String schema = customer("CachedGuidCustomer", false).toString();
        SchemaRegistryClient counted =
                SchemaRegistryClient.builder(platform.url()).build();
        int id = counted.register("cached-guid-value", schema, false);
        UUID guid = counted.getGuidById(id);
        counted.getAvroSchemaByGuid(guid);
        long warm = counted.requestCount();

        for (int i = 0; i < 1_000; i++) {
            counted.getGuidById(id);
            counted.getSchemaByGuid(guid);
            counted.getAvroSchemaByGuid(guid);
        }

        assertThat(warm)
                .as("register (which answers the GUID) and one read by GUID")
                .isEqualTo(2);
        assertThat(counted.requestCount()).isEqualTo(warm);
    }

    @Test
    void shouldExplainUnknownGuids() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> client.getSchemaByGuid(unknown))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.getMessage())
                            .contains("schemas/guids/" + unknown)
                            .contains("GUID")
                            .contains("Fix:");
                });
        assertThatThrownBy(() -> client.getGuidById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40403));
    }

    @Test
    void shouldGiveUpQuicklyWithAClearMessageWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient nowhere = SchemaRegistryClient.builder("http://127.0.0.1:" + port + "/registry")
                .connectTimeout(Duration.ofMillis(500))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)))
                .build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> nowhere.getSchemaById(1)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
            assertThat(e.getMessage())
                    .contains("did not answer GET http://127.0.0.1:" + port + "/registry/schemas/ids/1")
                    .contains("after 4 attempts")
                    .contains("schema.registry.url");
        });

        assertThat(nowhere.requestCount()).isEqualTo(4);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldStopRetryingWhenTheTimeBudgetIsSpent() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient nowhere = SchemaRegistryClient.builder("http://127.0.0.1:" + port)
                .retryPolicy(
                        new RetryPolicy(1_000, Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(400)))
                .build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> nowhere.getLatest("x-value")).isInstanceOf(SchemaRegistryException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(nowhere.requestCount()).isBetween(2L, 20L);
    }

    @Test
    void shouldWorkUnderABasePath(EmbeddedKafkaBroker broker) {
        try (RunningPlatform based = RunningPlatform.start(broker, Map.of("micronaut.server.context-path", "/mesh"))) {
            assertThat(based.url()).endsWith("/mesh/");
            SchemaRegistryClient viaBase = SchemaRegistryClient.builder(
                            based.url().substring(0, based.url().length() - 1))
                    .build();

            int id = viaBase.register(
                    "based-value", customer("BasedCustomer", false).toString(), false);

            assertThat(viaBase.getAvroSchemaById(id).getName()).isEqualTo("BasedCustomer");
            UUID guid = viaBase.getGuidById(id);
            assertThat(SchemaRegistryClient.builder(based.url())
                            .build()
                            .getAvroSchemaByGuid(guid)
                            .getName())
                    .isEqualTo("BasedCustomer");
        }
    }
}
