package io.meshwork.cli.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.cli.ExitCode;
import io.meshwork.cli.MeshctlException;
import io.meshwork.cli.output.Documents;

/**
 * A small client for the platform's HTTP API: the catalog and governance API under {@code /api/v1} and the
 * registry protocol at the root. Every failure becomes a {@link MeshctlException} with the exit code that fits it:
 * unreachable (3), not found (4), refused (5), platform failure or unreadable answer (6).
 */
public final class PlatformClient {
    /** The header the platform takes the acting principal from. */
    public static final String PRINCIPAL_HEADER = "X-Meshwork-Principal";

    private static final String START_FIX =
            "start the mesh with ./meshctl dev, or pass --platform URL (or set MESHWORK_PLATFORM)";

    private final URI base;
    private final String principal;
    private final Duration timeout;
    private HttpClient http;

    /** A raw answer: status, content type and body. */
    public record Reply(int status, String contentType, String body) {}

    /**
     * @param base the platform's base URL, e.g. {@code http://localhost:8080}
     * @param principal sent as {@value #PRINCIPAL_HEADER}, or null
     * @param timeout how long to wait for a connection and for each answer
     */
    public PlatformClient(String base, String principal, Duration timeout) {
        this.base = baseUri(base);
        this.principal = principal;
        this.timeout = timeout;
    }

    /**
     * Checks a {@code --platform} value.
     *
     * @param text what the user gave
     * @return the URL with a trailing slash
     * @throws IllegalArgumentException with a message saying what is wrong, when it is not an http(s) URL
     */
    public static URI baseUri(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an http(s) URL with a host, e.g. http://localhost:8080");
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    /** @return the base URL, with a trailing slash */
    public URI base() {
        return base;
    }

    /** @return the base URL as the user would write it, without the trailing slash */
    public String displayUrl() {
        String s = base.toString();
        return s.substring(0, s.length() - 1);
    }

    /**
     * @param segment one path segment, e.g. a subject name
     * @return the segment percent-encoded for a URL path
     */
    public static String segment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param path a path relative to the base, without a query
     * @param query parameters; null values are left out
     * @return the path with the query string
     */
    public static String withQuery(String path, Map<String, ?> query) {
        StringJoiner q = new StringJoiner("&");
        for (Map.Entry<String, ?> e : query.entrySet()) {
            if (e.getValue() != null) {
                q.add(e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8));
            }
        }
        return q.length() == 0 ? path : path + "?" + q;
    }

    /** @return a map to build a query from, keeping the order given */
    public static Map<String, Object> query() {
        return new LinkedHashMap<>();
    }

    /**
     * GETs a JSON document.
     *
     * @param path relative to the base, e.g. {@code api/v1/products}
     * @return the answer's JSON
     */
    public JsonNode get(String path) {
        return json(send("GET", path, null, "application/json"), path);
    }

    /**
     * POSTs a JSON document.
     *
     * @param path relative to the base
     * @param body the request body
     * @return the answer's JSON
     */
    public JsonNode post(String path, JsonNode body) {
        return json(send("POST", path, body, "application/json"), path);
    }

    /**
     * PUTs a JSON document (the registry's {@code /config}).
     *
     * @param path relative to the base
     * @param body the request body
     * @return the answer's JSON
     */
    public JsonNode put(String path, JsonNode body) {
        return json(send("PUT", path, body, "application/vnd.schemaregistry.v1+json"), path);
    }

    /**
     * GETs anything, without interpreting the status: for {@code doctor}, which reports what it finds.
     *
     * @param path relative to the base
     * @return the answer
     * @throws MeshctlException only when the platform cannot be reached
     */
    public Reply fetch(String path) {
        return exchange("GET", path, null, "*/*");
    }

    private Reply send(String method, String path, JsonNode body, String contentType) {
        Reply reply = exchange(method, path, body, contentType);
        if (reply.status() >= 200 && reply.status() < 300) {
            return reply;
        }
        throw refusal(reply, method, path);
    }

    private Reply exchange(String method, String path, JsonNode body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json, application/vnd.schemaregistry.v1+json, */*;q=0.5")
                .header("User-Agent", "meshctl");
        if (principal != null) {
            request.header(PRINCIPAL_HEADER, principal);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(Documents.line(body), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response =
                    http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + seconds(timeout), e);
        } catch (HttpTimeoutException e) {
            throw new MeshctlException(
                    ExitCode.UNREACHABLE,
                    "the platform at " + displayUrl() + " did not answer " + method + " /" + path + " within "
                            + seconds(timeout),
                    "check that the platform is healthy (meshctl doctor), or wait longer with --timeout 60s",
                    null,
                    e);
        } catch (ConnectException e) {
            throw unreachable(connectReason(e), e);
        } catch (IOException e) {
            throw unreachable(reason(e), e);
        } catch (IllegalArgumentException e) {
            throw unreachable(reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshctlException(ExitCode.ERROR, "interrupted while waiting for the platform", null);
        }
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    private MeshctlException unreachable(String reason, Throwable cause) {
        return new MeshctlException(
                ExitCode.UNREACHABLE,
                "platform not reachable at " + displayUrl() + ": " + reason,
                START_FIX,
                null,
                cause);
    }

    private static String connectReason(ConnectException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        return "connection refused";
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private JsonNode json(Reply reply, String path) {
        if (reply.body() == null || reply.body().isBlank()) {
            return Documents.object();
        }
        try {
            return Documents.parse(reply.body());
        } catch (IOException e) {
            throw notJson(reply, path);
        }
    }

    private MeshctlException notJson(Reply reply, String path) {
        String start = reply.body().strip();
        start = start.length() > 80 ? start.substring(0, 80) + "…" : start;
        return new MeshctlException(
                ExitCode.ERROR,
                displayUrl() + " answered /" + path + " with HTTP " + reply.status()
                        + " and something that is not JSON (" + start.replaceAll("\\s+", " ") + ")",
                "check that --platform points at the Meshwork platform (meshctl doctor)");
    }

    /** Turns a non-2xx answer into the failure the user sees: the platform's message and fix, and the exit code. */
    private MeshctlException refusal(Reply reply, String method, String path) {
        JsonNode error;
        try {
            error = reply.body() == null || reply.body().isBlank() ? null : Documents.parse(reply.body());
        } catch (IOException e) {
            error = null;
        }
        int status = reply.status();
        int code = status == 404 ? ExitCode.NOT_FOUND : status >= 500 ? ExitCode.ERROR : ExitCode.REFUSED;
        if (error == null || !error.isObject() || !error.hasNonNull("message")) {
            return new MeshctlException(
                    code,
                    "the platform " + (status >= 500 ? "failed" : "refused") + " " + method + " /" + path
                            + " with HTTP " + status,
                    status >= 500
                            ? "look at the platform's log; retry when it is healthy (meshctl doctor)"
                            : "check that --platform points at the Meshwork platform (meshctl doctor)");
        }
        String message = error.path("message").asText("HTTP " + status);
        String fix = error.hasNonNull("fix") ? error.get("fix").asText() : null;
        JsonNode details = error.hasNonNull("details") ? error.get("details") : null;
        return new MeshctlException(code, message, fix, details, null);
    }
}
