package io.meshwork.sdk.registry.internal;

import java.net.ConnectException;
import java.time.Duration;

import io.meshwork.sdk.registry.RetryPolicy;
import io.meshwork.sdk.registry.SchemaRegistryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryErrorsTest {

    @Test
    void shouldCarryStatusCodeAndServerMessageAndSayWhatToFix() {
        SchemaRegistryException e = RegistryErrors.refused(
                "POST",
                "http://r/subjects/orders-value/versions",
                409,
                40901,
                "Schema being registered is incompatible",
                1);

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo(40901);
        assertThat(e.serverMessage()).isEqualTo("Schema being registered is incompatible");
        assertThat(e.getMessage())
                .contains("POST http://r/subjects/orders-value/versions")
                .contains("HTTP 409, error_code 40901")
                .contains("Schema being registered is incompatible")
                .contains("Fix: make the change compatible");
    }

    @Test
    void shouldGiveASpecificFixForEachKnownErrorCode() {
        assertThat(RegistryErrors.hint(404, 40401)).contains("register the schema");
        assertThat(RegistryErrors.hint(404, 40403)).contains("not registered");
        assertThat(RegistryErrors.hint(422, 42201)).contains("not valid");
        assertThat(RegistryErrors.hint(422, 42203)).contains("FULL_TRANSITIVE");
        assertThat(RegistryErrors.hint(422, 42291)).contains("governance policy");
        assertThat(RegistryErrors.hint(401, 0)).contains("credentials");
        assertThat(RegistryErrors.hint(404, 0)).contains("base path");
    }

    @Test
    void shouldSayHowOftenItTriedWhenTheRegistryNeverAnswered() {
        SchemaRegistryException e = RegistryErrors.unreachable(
                "GET", "http://127.0.0.1:1/schemas/ids/1", 4, 321, new ConnectException("Connection refused"));

        assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
        assertThat(e.getMessage())
                .contains("did not answer GET http://127.0.0.1:1/schemas/ids/1 after 4 attempts in 321 ms")
                .contains("Connection refused")
                .contains("schema.registry.url");
    }

    @Test
    void shouldRetryOnlyStatusesThatMayPass() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(RegistryTransport.isRetriableStatus(status))
                    .as("%d", status)
                    .isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 422, 501}) {
            assertThat(RegistryTransport.isRetriableStatus(status))
                    .as("%d", status)
                    .isFalse();
        }
    }

    @Test
    void shouldBackOffExponentiallyWithJitterUpToTheCap() {
        RetryPolicy policy =
                new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30));

        for (int i = 0; i < 200; i++) {
            assertThat(RegistryTransport.backoffMillis(policy, 1)).isBetween(50L, 100L);
            assertThat(RegistryTransport.backoffMillis(policy, 3)).isBetween(200L, 400L);
            assertThat(RegistryTransport.backoffMillis(policy, 9)).isBetween(500L, 1000L);
            assertThat(RegistryTransport.backoffMillis(policy, 60)).isBetween(500L, 1000L);
        }
    }

    @Test
    void shouldEncodeSubjectsAsOnePathSegment() {
        assertThat(UrlPaths.segment("orders.v1-value")).isEqualTo("orders.v1-value");
        assertThat(UrlPaths.segment("a/b c:d+é")).isEqualTo("a%2Fb%20c%3Ad%2B%C3%A9");
        assertThat(UrlPaths.base("http://h:1/base/path//")).isEqualTo("http://h:1/base/path/");
    }
}
