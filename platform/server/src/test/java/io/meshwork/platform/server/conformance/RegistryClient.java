package io.meshwork.platform.server.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speaks the registry's REST protocol the way Confluent's serializers do: every request carries
 * {@code Content-Type: application/vnd.schemaregistry.v1+json} and the clients' {@code Accept} header unless a test
 * asks otherwise. Paths are relative to the base URI and sent exactly as given (no normalisation, no encoding).
 */
final class RegistryClient {
    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String CLIENT_ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    RegistryClient(URI base) {
        this.base = base;
    }

    Reply get(String path) {
        return send("GET", path, null, V1_JSON);
    }

    Reply post(String path, String body) {
        return send("POST", path, body, V1_JSON);
    }

    Reply put(String path, String body) {
        return send("PUT", path, body, V1_JSON);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, V1_JSON);
    }

    /**
     * @param method any HTTP method
     * @param path relative to the base URI, sent as is
     * @param body the request body, or null for none
     * @param contentType the request's content type, or null for none
     */
    Reply send(String method, String path, String body, String contentType) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return sendTo(URI.create(base + relative), method, body, contentType);
    }

    /** Sends to an absolute URI, e.g. outside the context path. */
    Reply sendTo(URI uri, String method, String body, String contentType) {
        return sendTo(uri, method, body, contentType, CLIENT_ACCEPT);
    }

    /** Sends to an absolute URI with the given {@code Accept} header. */
    Reply sendTo(URI uri, String method, String body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Accept", accept)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String shownPath = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new Reply(
                    method,
                    shownPath.startsWith("/") ? shownPath.substring(1) : shownPath,
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP answer to " + method + " " + shorten(uri.toString()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code GET <base path><rawPath>} over a plain socket as HTTP/1.1, byte for byte: for request lines that
     * java.net.http refuses to build, such as broken percent-encoding ({@code %ZZ}).
     */
    Reply rawGet(String rawPath) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            String request = "GET " + base.getRawPath() + rawPath + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nAccept: " + CLIENT_ACCEPT + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = headersEnd < 0 ? response : response.substring(0, headersEnd);
            String[] status = head.lines().findFirst().orElse("").split(" ", 3);
            String contentType = head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim())
                    .findFirst()
                    .orElse("");
            int code = status.length > 1 && status[1].matches("\\d{3}") ? Integer.parseInt(status[1]) : -1;
            return new Reply(
                    "GET", rawPath, code, contentType, headersEnd < 0 ? "" : response.substring(headersEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP answer to GET " + shorten(rawPath), e);
        }
    }

    /** Registers a schema and asserts success. @return its id */
    int register(String subject, String schema) {
        Reply reply = post(versionsOf(subject), schemaRequest(schema));
        assertThat(reply.status()).as("registration: %s", reply).isEqualTo(200);
        return reply.id();
    }

    /** Registers a schema and returns the version it got under the subject. */
    int registerAndGetVersion(String subject, String schema) {
        int id = register(subject, schema);
        Reply lookup = post("subjects/" + encode(subject), schemaRequest(schema));
        assertThat(lookup.status()).as("lookup after registration: %s", lookup).isEqualTo(200);
        assertThat(lookup.json().path("id").asInt()).as("id of %s", lookup).isEqualTo(id);
        return lookup.json().path("version").asInt();
    }

    /** Sets a subject's compatibility level and asserts success. */
    void setCompatibility(String subject, String level) {
        Reply reply = put("config/" + encode(subject), "{\"compatibility\":\"" + level + "\"}");
        assertThat(reply.status()).as("config: %s", reply).isEqualTo(200);
    }

    static String versionsOf(String subject) {
        return "subjects/" + encode(subject) + "/versions";
    }

    /** @return {@code {"schema": schema}} */
    static String schemaRequest(String schema) {
        return MAPPER.createObjectNode().put("schema", schema).toString();
    }

    /** @return {@code {"schema": schema, "schemaType": type}} */
    static String schemaRequest(String schema, String schemaType) {
        return MAPPER.createObjectNode()
                .put("schema", schema)
                .put("schemaType", schemaType)
                .toString();
    }

    /** @return {@code {"schema": schema, "references": [{name, subject, version}]}} */
    static String schemaRequestWithReference(String schema, String name, String subject, int version) {
        ObjectNode request = MAPPER.createObjectNode().put("schema", schema);
        ArrayNode references = request.putArray("references");
        references.addObject().put("name", name).put("subject", subject).put("version", version);
        return request.toString();
    }

    /** @return the text parsed as JSON */
    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Percent-encodes one path segment. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
