package io.meshwork.docker;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose deployment for real: images built from the repository, three Kafka brokers, the platform, the domains
 * and their simulators; every example product becomes active. Needs a Docker engine: skipped where there is none
 * (Testcontainers reports "Docker is not available" and the class is disabled).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {
    @Container
    @SuppressWarnings("resource")
    static final ComposeContainer STACK = new ComposeContainer(new File("compose.yaml"))
            .withBuild(true)
            .withExposedService(
                    "platform",
                    8080,
                    Wait.forHttp("/api/v1/catalog").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)));

    @Test
    void shouldMakeEveryExampleProductActive() {
        String host = STACK.getServiceHost("platform", 8080);
        int port = STACK.getServicePort("platform", 8080);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (String product : new String[] {
                        "sales.orders", "marketing.customer-segments", "finance.daily-revenue", "product.feature-usage"
                    }) {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://" + host + ":" + port + "/api/v1/products/" + product))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as(product).isEqualTo(200);
                        assertThat(r.body()).as(product).contains("\"status\":\"ACTIVE\"");
                    }
                });
    }
}
