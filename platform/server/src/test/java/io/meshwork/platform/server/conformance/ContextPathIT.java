package io.meshwork.platform.server.conformance;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/** With {@code micronaut.server.context-path=/registry}, every route lives under {@code /registry/} and only there. */
class ContextPathIT {
    @RegisterExtension
    static final RegistryUnderTest registry =
            new RegistryUnderTest(Map.of("micronaut.server.context-path", "/registry"));

    private final RegistryClient client = registry.client();

    @Test
    void shouldReportTheContextPathInItsBaseUri() {
        assertThat(registry.uri().getPath()).isEqualTo("/registry/");
    }

    @Test
    void shouldServeTheProtocolUnderTheContextPath() {
        int id = client.register("context-path-value", intRecord("ContextPath", "a"));

        assertThat(assertOk(client.get("subjects")).strings())
                .contains("context-path-value")
                .allSatisfy(subject -> assertThat(subject).matches("context-path-value|mesh\\..*"));
        assertThat(assertOk(client.get("subjects/context-path-value/versions/latest"))
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(id);
        String guid =
                assertOk(client.get("schemas/ids/" + id)).json().path("guid").asText();
        assertThat(assertOk(client.get("schemas/guids/" + guid))
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(id);
        assertThat(assertOk(client.get("config"))
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");
        assertThat(assertOk(client.get("")).json().isObject()).isTrue();
    }

    @ParameterizedTest(name = "GET /{0}")
    @ValueSource(
            strings = {
                "subjects",
                "schemas/types",
                "config",
                "mode",
                "contexts",
                "schemas/ids/1",
                "schemas/guids/8c1b8f2a-ee82-8dd3-84e5-c4077ac1485f"
            })
    void shouldAnswer404OutsideTheContextPath(String path) {
        URI root = registry.uri().resolve("/");

        Reply reply = client.sendTo(root.resolve(path), "GET", null, RegistryClient.V1_JSON);

        assertThat(reply.status()).as("status of %s", reply).isEqualTo(404);
    }

    @Test
    void shouldAnswer404ForAPrefixThatOnlyResemblesTheContextPath() {
        URI root = registry.uri().resolve("/");

        Reply reply = client.sendTo(root.resolve("registryx/subjects"), "GET", null, RegistryClient.V1_JSON);

        assertThat(reply.status()).as("status of %s", reply).isEqualTo(404);
    }
}
