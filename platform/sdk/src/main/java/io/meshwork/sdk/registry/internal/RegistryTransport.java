package io.meshwork.sdk.registry.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.registry.RetryPolicy;
import io.meshwork.sdk.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the registry client: one request/response in JSON, with retries on failures that may pass. Not part
 * of the public API.
 */
public final class RegistryTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String baseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final String authorization;
    private final AtomicLong requests = new AtomicLong();
    private final boolean offline;

    /**
     * Creates a transport.
     *
     * @param baseUrl the registry's base URL (normalized by {@link UrlPaths#base(String)})
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout timeout of one request, until the response headers arrive
     * @param retry retry policy
     * @param authorization value of the {@code Authorization} header, or {@code null}
     */
    public RegistryTransport(
            String baseUrl, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry, String authorization) {
        this.baseUrl = UrlPaths.base(baseUrl);
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.authorization = authorization;
        this.offline = false;
    }

    private RegistryTransport() {
        this.baseUrl = "offline:/";
        this.http = null;
        this.requestTimeout = Duration.ofSeconds(1);
        this.retry = RetryPolicy.defaults();
        this.authorization = null;
        this.offline = true;
    }

    /**
     * @return a transport that sends nothing: every request fails at once, naming what the caller should have
     *     preloaded (for clients used where no registry runs, such as topology unit tests)
     */
    public static RegistryTransport offline() {
        return new RegistryTransport();
    }

    /** @return true for a transport made by {@link #offline()} */
    public boolean isOffline() {
        return offline;
    }

    /** @return the base URL, ending in {@code /} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return HTTP requests sent so far, retries included */
    public long requestCount() {
        return requests.get();
    }

    /** @return a new empty JSON object for request bodies */
    public static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    /**
     * Sends a request and returns the parsed JSON answer of a 2xx response.
     *
     * @param method GET, POST, PUT or DELETE
     * @param path path relative to the base URL, already encoded, with any query
     * @param body JSON body, or {@code null}
     * @return the answer ({@code MissingNode} for an empty body)
     * @throws SchemaRegistryException on an error answer or when the registry cannot be reached
     */
    public JsonNode send(String method, String path, JsonNode body) {
        if (offline) {
            throw new SchemaRegistryException(
                    "Offline registry client: " + method + " " + path + " would need a schema registry, and this client"
                            + " has none. Fix: preload the schema (SchemaRegistryClient.preload) or use a client built"
                            + " with SchemaRegistryClient.builder(url)",
                    SchemaRegistryException.NO_RESPONSE,
                    0,
                    null,
                    null);
        }
        String url = baseUrl + path;
        HttpRequest request = buildRequest(method, url, body);
        long start = System.nanoTime();
        long deadline = start + retry.maxElapsed().toNanos();
        int attempt = 0;
        while (true) {
            attempt++;
            requests.incrementAndGet();
            Throwable failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(response.body(), method, url, status);
                }
                if (!isRetriableStatus(status) || !mayRetry(attempt, deadline)) {
                    throw refusal(method, url, status, response.body(), attempt);
                }
                failure = null;
                LOG.debug("Registry answered {} to {} {}, attempt {}; retrying", status, method, url, attempt);
            } catch (HttpTimeoutException | ConnectException | ClosedChannelException e) {
                failure = e;
            } catch (IOException e) {
                // Resets and broken connections; a malformed URL would fail every attempt the same way, quickly.
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        "Interrupted while calling the schema registry: " + method + " " + url,
                        SchemaRegistryException.NO_RESPONSE,
                        0,
                        null,
                        e);
            }
            if (failure != null && !mayRetry(attempt, deadline)) {
                throw RegistryErrors.unreachable(
                        method,
                        url,
                        attempt,
                        Duration.ofNanos(System.nanoTime() - start).toMillis(),
                        failure);
            }
            if (failure != null) {
                LOG.debug("{} {} failed on attempt {}: {}; retrying", method, url, attempt, failure.toString());
            }
            sleep(Math.min(backoffMillis(retry, attempt), Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * The wait after failed attempt {@code attempt}: uniformly random in [half, all] of the capped exponential backoff.
     *
     * @param policy the retry policy
     * @param attempt the attempt that just failed, from 1
     * @return milliseconds to wait
     */
    public static long backoffMillis(RetryPolicy policy, int attempt) {
        long initial = policy.initialBackoff().toMillis();
        long cap = policy.maxBackoff().toMillis();
        long exponential = initial << Math.min(attempt - 1, 30);
        if (exponential < 0 || exponential > cap) {
            exponential = cap;
        }
        if (exponential <= 1) {
            return exponential;
        }
        long half = exponential / 2;
        return half + ThreadLocalRandom.current().nextLong(exponential - half + 1);
    }

    /**
     * Whether an HTTP status may pass when the request is sent again.
     *
     * @param status HTTP status
     * @return true for 408, 429, 500, 502, 503, 504
     */
    public static boolean isRetriableStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private boolean mayRetry(int attempt, long deadline) {
        return attempt < retry.maxAttempts() && System.nanoTime() < deadline;
    }

    private HttpRequest buildRequest(String method, String url, JsonNode body) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException(
                    "Invalid schema registry URL " + url + ": " + e.getMessage()
                            + ". Fix schema.registry.url (e.g. http://localhost:8081).",
                    SchemaRegistryException.NO_RESPONSE,
                    0,
                    null,
                    e);
        }
        builder.timeout(requestTimeout).header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot write a registry request body", e);
            }
            builder.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        return builder.build();
    }

    private static JsonNode parse(String body, String method, String url, int status) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    "Schema registry answered " + method + " " + url + " with HTTP " + status
                            + " but a body that is not JSON: " + abbreviate(body)
                            + ". Fix: check that schema.registry.url points at a schema registry.",
                    status,
                    0,
                    null,
                    e);
        }
    }

    private static SchemaRegistryException refusal(String method, String url, int status, String body, int attempts) {
        int errorCode = 0;
        String message = abbreviate(body);
        if (body != null && !body.isBlank()) {
            try {
                JsonNode json = JSON.readTree(body);
                if (json != null && json.isObject()) {
                    errorCode = json.path("error_code").asInt(0);
                    if (json.hasNonNull("message")) {
                        message = json.get("message").asText();
                    }
                }
            } catch (IOException e) {
                // Not registry JSON (a proxy's HTML page, say): keep the raw body as the message.
            }
        }
        return RegistryErrors.refused(method, url, status, errorCode, message, attempts);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(
                    "Interrupted while waiting to retry a schema registry call",
                    SchemaRegistryException.NO_RESPONSE,
                    0,
                    null,
                    e);
        }
    }
}
