package io.meshwork.sdk.serde;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.meshwork.sdk.registry.SchemaRegistryClient;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeshAvroSerdeConfigTest {

    @Test
    void shouldApplyConfluentLikeDefaults() {
        MeshAvroSerdeConfig config = MeshAvroSerdeConfig.parse(Map.of("schema.registry.url", "http://registry:8080"));

        assertThat(config.url()).isEqualTo("http://registry:8080");
        assertThat(config.autoRegister()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.normalize()).isFalse();
        assertThat(config.specificReader()).isFalse();
        assertThat(config.subjectNameStrategy(true)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retryPolicy().maxAttempts()).isEqualTo(5);
    }

    @Test
    void shouldReadBooleansAndNumbersGivenAsStringsOrValues() {
        MeshAvroSerdeConfig config = MeshAvroSerdeConfig.parse(Map.of(
                "schema.registry.url", "http://r",
                "auto.register.schemas", "FALSE",
                "use.latest.version", true,
                "specific.avro.reader", "true",
                "schema.registry.retry.max.attempts", "2",
                "schema.registry.request.timeout.ms", 1500L));

        assertThat(config.autoRegister()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.specificReader()).isTrue();
        assertThat(config.retryPolicy().maxAttempts()).isEqualTo(2);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void shouldMapConfluentStrategyClassNamesPerKeyAndValue() {
        MeshAvroSerdeConfig config = MeshAvroSerdeConfig.parse(Map.of(
                "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
                "value.subject.name.strategy", "TopicRecordNameStrategy"));

        assertThat(config.subjectNameStrategy(true)).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(config.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
    }

    @Test
    void shouldPutTheSchemaIdInThePayloadPrefixByDefault() {
        MeshAvroSerdeConfig config = MeshAvroSerdeConfig.parse(Map.of());

        assertThat(config.schemaIdLocation(true)).isEqualTo(SchemaIdLocation.PREFIX);
        assertThat(config.schemaIdLocation(false)).isEqualTo(SchemaIdLocation.PREFIX);
    }

    @ParameterizedTest
    @CsvSource({
        "header, HEADER",
        "HEADER, HEADER",
        "Header, HEADER",
        "prefix, PREFIX",
        "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer, HEADER",
        "io.confluent.kafka.serializers.schema.id.PrefixSchemaIdSerializer, PREFIX",
        "HeaderSchemaIdSerializer, HEADER",
        "' header ', HEADER"
    })
    void shouldAcceptMeshworkAndConfluentNamesForWhereTheSchemaIdGoes(String name, SchemaIdLocation expected) {
        MeshAvroSerdeConfig config = MeshAvroSerdeConfig.parse(Map.of("value.schema.id.serializer", name));

        assertThat(config.schemaIdLocation(false)).isEqualTo(expected);
        assertThat(config.schemaIdLocation(true)).isEqualTo(SchemaIdLocation.PREFIX);
    }

    @Test
    void shouldChooseWhereTheSchemaIdGoesForKeysAndValuesApart() {
        MeshAvroSerdeConfig config = MeshAvroSerdeConfig.parse(
                Map.of("key.schema.id.serializer", SchemaIdLocation.HEADER, "value.schema.id.serializer", "prefix"));

        assertThat(config.schemaIdLocation(true)).isEqualTo(SchemaIdLocation.HEADER);
        assertThat(config.schemaIdLocation(false)).isEqualTo(SchemaIdLocation.PREFIX);
    }

    @Test
    void shouldRefuseAnUnknownSchemaIdSerializerNamingTheKeyAndTheChoices() {
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(Map.of(
                        "value.schema.id.serializer",
                        "io.confluent.kafka.serializers.schema.id.DualSchemaIdDeserializer")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.schema.id.serializer")
                .hasMessageContaining("DualSchemaIdDeserializer")
                .hasMessageContaining("Use prefix")
                .hasMessageContaining("or header")
                .hasMessageContaining("io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer");
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(Map.of("key.schema.id.serializer", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key.schema.id.serializer");
    }

    @Test
    void shouldTakeTheFirstOfSeveralUrls() {
        assertThat(MeshAvroSerdeConfig.parse(Map.of("schema.registry.url", "http://a:1/base, http://b:2"))
                        .url())
                .isEqualTo("http://a:1/base");
        assertThat(MeshAvroSerdeConfig.parse(Map.of("schema.registry.url", List.of("http://c:3")))
                        .url())
                .isEqualTo("http://c:3");
    }

    @Test
    void shouldExplainAMissingUrl() {
        MeshAvroSerdeConfig config = MeshAvroSerdeConfig.parse(Map.of());

        assertThatThrownBy(() -> config.newClient("MeshAvroSerializer"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url is required by MeshAvroSerializer")
                .hasMessageContaining("http://localhost:8080/");
    }

    @Test
    void shouldNameTheKeyOfAWrongValue() {
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(Map.of("auto.register.schemas", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(Map.of("schema.registry.url", "registry:8080")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(Map.of("value.subject.name.strategy", "Nope")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("TopicRecordNameStrategy");
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(Map.of("schema.registry.retry.max.attempts", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void shouldNeverEchoBasicAuthSecrets() {
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(Map.of("basic.auth.user.info", "s3cret-without-colon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> MeshAvroSerdeConfig.parse(
                        Map.of("basic.auth.credentials.source", "SASL_INHERIT", "basic.auth.user.info", "u:p")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only USER_INFO");
    }

    @Test
    void shouldBuildAClientWithBasicAuthAndBasePath() {
        SchemaRegistryClient client = MeshAvroSerdeConfig.parse(Map.of(
                        "schema.registry.url", "http://registry:8080/mesh/registry/",
                        "basic.auth.credentials.source", "USER_INFO",
                        "schema.registry.basic.auth.user.info", "user:pa:ss"))
                .newClient("test");

        assertThat(client.baseUrl()).isEqualTo("http://registry:8080/mesh/registry/");
        assertThat(client.requestCount()).isZero();
    }
}
