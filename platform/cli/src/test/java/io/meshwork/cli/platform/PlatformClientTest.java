package io.meshwork.cli.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.meshwork.cli.ExitCode;
import io.meshwork.cli.MeshctlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's reading of URLs and of answers. The platform itself is exercised by the integration tests; the small
 * HTTP server here only stands in for answers the platform must never give (a 5xx, a body that is not JSON), so that
 * meshctl's handling of them is pinned down too.
 */
class PlatformClientTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldAcceptHttpUrlsAndAddATrailingSlash() {
        assertThat(PlatformClient.baseUri("http://localhost:8080").toString()).isEqualTo("http://localhost:8080/");
        assertThat(PlatformClient.baseUri("https://mesh.example.com/registry/").toString())
                .isEqualTo("https://mesh.example.com/registry/");
    }

    @Test
    void shouldRefuseWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> PlatformClient.baseUri("localhost:8080"))
                .hasMessage("'localhost:8080' is not an http(s) URL with a host, e.g. http://localhost:8080");
        assertThatThrownBy(() -> PlatformClient.baseUri("http://exa mple"))
                .hasMessageStartingWith("'http://exa mple' is not a URL");
    }

    @Test
    void shouldEncodePathSegmentsAndQueries() {
        assertThat(PlatformClient.segment("a b/c")).isEqualTo("a%20b%2Fc");
        Map<String, Object> q = PlatformClient.query();
        q.put("q", "customer email");
        q.put("domain", null);
        q.put("limit", 5);
        assertThat(PlatformClient.withQuery("api/v1/search", q)).isEqualTo("api/v1/search?q=customer+email&limit=5");
        assertThat(PlatformClient.withQuery("api/v1/products", Map.of())).isEqualTo("api/v1/products");
    }

    @Test
    void shouldTurnAPlatformFailureIntoExitCode6() throws IOException {
        String url = serve(500, "application/json", "{\"error_code\": 50001, \"message\": \"store timed out\"}");

        assertThatThrownBy(() -> new PlatformClient(url, null, Duration.ofSeconds(5)).get("api/v1/products"))
                .isInstanceOfSatisfying(MeshctlException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ERROR);
                    assertThat(e.getMessage()).isEqualTo("store timed out");
                });
    }

    @Test
    void shouldTurnAnAnswerThatIsNotJsonIntoExitCode6() throws IOException {
        String url = serve(200, "text/html", "<html><body>Welcome to nginx!</body></html>");

        assertThatThrownBy(() -> new PlatformClient(url, null, Duration.ofSeconds(5)).get("api/v1/products"))
                .isInstanceOfSatisfying(MeshctlException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ERROR);
                    assertThat(e.getMessage()).contains("something that is not JSON (<html><body>Welcome to nginx!");
                    assertThat(e.fix()).contains("--platform points at the Meshwork platform");
                });
    }

    @Test
    void shouldKeepThePlatformsMessageFixAndDetailsOfARefusal() throws IOException {
        String url = serve(
                422,
                "application/json",
                "{\"error_code\": 42201, \"message\": \"denied\", \"fix\": \"say why\", \"details\": {\"verdict\":"
                        + " \"DENIED\"}}");

        assertThatThrownBy(() -> new PlatformClient(url, "User:x", Duration.ofSeconds(5)).get("api/v1/x"))
                .isInstanceOfSatisfying(MeshctlException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("denied");
                    assertThat(e.fix()).isEqualTo("say why");
                    assertThat(e.details().path("verdict").asText()).isEqualTo("DENIED");
                });
    }

    @Test
    void shouldSayThePlatformDidNotAnswerInTime() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThatThrownBy(() -> new PlatformClient(url, null, Duration.ofMillis(300)).get("api/v1/products"))
                .isInstanceOfSatisfying(MeshctlException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
                    assertThat(e.getMessage())
                            .isEqualTo("the platform at " + url + " did not answer GET"
                                    + " /api/v1/products within 300ms");
                });
    }
}
