package io.meshwork.sdk.service.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.service.MeshServiceException;
import io.meshwork.sdk.service.ProductRelease;

/**
 * The SDK's client of the platform's catalog API ({@code /api/v1}): dry run, declaration, publication, deprecation,
 * product detail and subscriptions. Every call names the principal in {@code X-Meshwork-Principal}. Not part of the
 * public API.
 */
public final class PlatformClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRINCIPAL_HEADER = "X-Meshwork-Principal";

    private final URI base;
    private final String principal;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param base the platform's base URL
     * @param principal who acts
     * @param timeout timeout of one request (publication waits for governance, give it tens of seconds)
     */
    public PlatformClient(URI base, String principal, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.principal = principal;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** An answer of the platform that is not a success: its status and error body. */
    public static final class PlatformError extends MeshServiceException {
        private final int status;
        private final JsonNode body;

        PlatformError(String what, int status, JsonNode body) {
            super(what + " was refused by the platform (HTTP " + status + "): "
                    + body.path("message").asText("(no message)")
                    + (body.hasNonNull("fix") ? ". Fix: " + body.path("fix").asText() : ""));
            this.status = status;
            this.body = body;
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }

        /** @return the error body, {@code {"error_code", "message", "fix", "details"}} */
        public JsonNode body() {
            return body;
        }
    }

    /** The platform cannot be reached at all. */
    public static final class Unreachable extends MeshServiceException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @return the base URL */
    public URI base() {
        return base;
    }

    /**
     * Waits until the platform answers, retrying with backoff.
     *
     * @param within how long to try
     * @throws Unreachable when it did not answer in time
     */
    public void awaitReachable(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        long wait = 100;
        while (true) {
            try {
                get("api/v1/catalog", "reading the catalog");
                return;
            } catch (Unreachable e) {
                if (System.nanoTime() > deadline) {
                    throw new Unreachable(
                            "The platform at " + base + " did not answer within " + within.toSeconds() + " s: "
                                    + e.getMessage()
                                    + ". Fix: start the mesh (./meshctl dev) or set meshwork.platform.url",
                            e);
                }
            } catch (PlatformError e) {
                if (e.status() < 500 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            sleep(wait);
            wait = Math.min(wait * 2, 2_000);
        }
    }

    /** @return the product's detail, or empty when the catalog does not know it */
    public Optional<JsonNode> product(String productId) {
        try {
            return Optional.of(get("api/v1/products/" + productId, "reading product " + productId));
        } catch (PlatformError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * @param product a product's detail, as {@link #product} returns it
     * @param major a major version
     * @return that major version's line (status, topic, active version, deprecation), when the product has it
     */
    public static Optional<JsonNode> line(JsonNode product, int major) {
        for (JsonNode l : product.path("lines")) {
            if (l.path("major").asInt(-1) == major) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** @return the dry run's result: verdict, policy results, changelog, compatibility */
    public JsonNode check(ProductRelease release) {
        return post("api/v1/checks", declaration(release), "the dry run of " + release.file());
    }

    /** @return the declared product's detail */
    public JsonNode declare(ProductRelease release) {
        return post(
                "api/v1/products", declaration(release), "declaring " + release.productId() + " " + release.version());
    }

    /** @return the publication decision (its verdict is ALLOWED…; a denial is a {@link PlatformError} with 422) */
    public JsonNode publish(String productId, String version) {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        return post("api/v1/products/" + productId + "/publications", body, "publishing " + productId + " " + version);
    }

    /** @return the product's detail after deprecating the major version */
    public JsonNode deprecate(String productId, int major, LocalDate sunset, String successor, String reason) {
        ObjectNode body = JSON.createObjectNode()
                .put("major", major)
                .put("sunsetDate", sunset.toString())
                .put("reason", reason);
        if (successor != null) {
            body.put("successor", successor);
        }
        return post("api/v1/products/" + productId + "/deprecations", body, "deprecating " + productId + " v" + major);
    }

    /** @return the subscriptions to a product by a consumer (a page: {@code items}) */
    public JsonNode subscriptions(String productId, String consumer) {
        return get(
                "api/v1/subscriptions?product=" + encode(productId) + "&consumer=" + encode(consumer) + "&limit=500",
                "listing the subscriptions of " + consumer + " to " + productId);
    }

    /** @return the new subscription (status GRANTED or REQUESTED; a denial is a {@link PlatformError} with 422) */
    public JsonNode subscribe(String productId, int major, String consumer, String consumerProduct, String purpose) {
        ObjectNode body = JSON.createObjectNode()
                .put("product", productId)
                .put("major", major)
                .put("consumer", consumer)
                .put("purpose", purpose);
        if (consumerProduct != null) {
            body.put("consumerProduct", consumerProduct);
        }
        return post("api/v1/subscriptions", body, "subscribing " + consumer + " to " + productId + " v" + major);
    }

    private static ObjectNode declaration(ProductRelease release) {
        ObjectNode body = JSON.createObjectNode()
                .put("descriptor", release.descriptorText())
                .put("file", release.file());
        ObjectNode schemas = body.putObject("schemas");
        for (Map.Entry<String, String> s : release.schemas().entrySet()) {
            schemas.put(s.getKey(), s.getValue());
        }
        return body;
    }

    private JsonNode get(String path, String what) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), what);
    }

    private JsonNode post(String path, JsonNode body, String what) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                what);
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        request.timeout(timeout).header("Accept", "application/json");
        if (principal != null) {
            request.header(PRINCIPAL_HEADER, principal);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new Unreachable("connection to " + base + " refused while " + what, e);
        } catch (HttpTimeoutException e) {
            throw new Unreachable("no answer from " + base + " within " + timeout.toSeconds() + " s while " + what, e);
        } catch (IOException e) {
            throw new Unreachable("cannot reach " + base + " while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while " + what, e);
        }
        JsonNode body;
        try {
            body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode().put("message", abbreviate(response.body()));
        }
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return body;
        }
        throw new PlatformError(what, response.statusCode(), body);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while waiting for the platform", e);
        }
    }
}
