package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code doctor} against the real platform and broker: all good, then Kafka missing. */
@ExtendWith(EmbeddedKafkaExtension.class)
class DoctorCommandIT {
    private static MeshUnderTest mesh;

    @BeforeAll
    static void startMesh(EmbeddedKafkaBroker broker) {
        mesh = new MeshUnderTest(broker);
    }

    @AfterAll
    static void stopMesh() {
        mesh.close();
    }

    @Test
    void shouldFindEverythingHealthyAndPrintTheVersions() {
        Run run = mesh.run("doctor");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .startsWith("meshctl " + Meshctl.version() + " on Java " + System.getProperty("java.version"))
                .contains("kafka-clients 4.3.1")
                .contains("ok    platform   " + mesh.platformUrl() + " answers")
                .contains("ok    catalog    ")
                .contains("ok    openapi    ")
                .contains("ok    kafka      " + mesh.bootstrapServers() + ": cluster ")
                .contains("1 broker")
                .contains("metadata.version level ")
                .endsWith("all good\n");
    }

    @Test
    void shouldPrintTheFindingsAsJson() {
        Run run = mesh.run("doctor", "--output", "json");

        JsonNode doc = run.json();
        assertThat(doc.path("healthy").asBoolean()).isTrue();
        assertThat(doc.at("/kafka/brokers").asInt()).isEqualTo(1);
        assertThat(doc.at("/kafka/clusterId").asText()).isNotBlank();
        assertThat(doc.path("checks").findValuesAsText("check"))
                .containsExactly("platform", "catalog", "openapi", "kafka");
    }

    @Test
    void shouldExitWithCode3AndSayHowToFixItWhenKafkaIsDown() {
        String kafka = "127.0.0.1:" + MeshUnderTest.deadPort();

        Run run = mesh.run("doctor", "--bootstrap-servers", kafka, "--timeout", "2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.out())
                .contains("ok    platform")
                .contains("FAIL  kafka      Kafka not reachable at " + kafka + ": no broker answered within 2s")
                .contains("fix: start the mesh with ./meshctl dev, or pass --bootstrap-servers HOST:PORT")
                .endsWith("1 problem found\n");
    }

    @Test
    void shouldExitWithCode1WhenThePlatformUrlIsNotThePlatform() {
        Run run = mesh.run("doctor", "--platform", mesh.platformUrl() + "/api/v1/policies");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains("FAIL  platform")
                .contains("check that --platform points at the Meshwork platform");
    }
}
