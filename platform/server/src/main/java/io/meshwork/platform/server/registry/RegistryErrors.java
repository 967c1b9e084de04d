package io.meshwork.platform.server.registry;

import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.meshwork.registry.RegistryException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the platform answers is the protocol's {@code {"error_code", "message"}}: refusals with their own code,
 * unknown routes 404, wrong methods 405, oversized bodies 413, and only genuine server faults 500.
 */
@Controller
class RegistryErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryErrors.class);
    private static final Pattern INVALID_HEADER = Pattern.compile("Validation failed for header '([^']{1,200})'");
    private static final String API_PATH = "/api/v1/";

    @Error(global = true, exception = RegistryException.class)
    HttpResponse<String> refused(RegistryException e) {
        if (e.status() >= 500) {
            LOG.warn("Registry server error {}: {}", e.errorCode(), e.getMessage(), e.getCause());
        }
        return RegistryJson.error(e.status(), e.errorCode(), e.getMessage());
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    HttpResponse<String> notFound(HttpRequest<?> request) {
        return RegistryJson.error(
                404,
                404,
                "HTTP 404 Not Found: no route " + request.getMethod() + " " + request.getPath()
                        + ". See docs/registry.md and the OpenAPI document at /openapi/meshwork-platform-v1.yml for the routes served.");
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    HttpResponse<String> methodNotAllowed(HttpRequest<?> request) {
        return RegistryJson.error(
                405,
                405,
                "HTTP 405 Method Not Allowed: " + request.getMethod() + " is not served on " + request.getPath() + ".");
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    HttpResponse<String> unsupportedMediaType(HttpRequest<?> request) {
        return RegistryJson.error(
                415,
                415,
                "HTTP 415 Unsupported Media Type: send " + RegistryJson.CONTENT_TYPE + " or application/json.");
    }

    @Error(global = true, status = HttpStatus.BAD_REQUEST)
    HttpResponse<String> badRequest(HttpRequest<?> request) {
        return RegistryJson.error(400, 400, "HTTP 400 Bad Request on " + request.getPath() + ".");
    }

    @Error(global = true, exception = Throwable.class)
    HttpResponse<String> unexpected(HttpRequest<?> request, Throwable e) {
        if (e instanceof ContentLengthExceededException tooLarge) {
            return RegistryJson.error(413, 413, tooLarge.getMessage() + " Send a smaller body.");
        }
        if (e instanceof URISyntaxException invalidUri) {
            // Netty hands over the request line as sent; broken percent-encoding (a lone '%', "%ZZ") fails when
            // Micronaut makes it a URI, before any route or controller sees it.
            return RegistryJson.error(
                    400,
                    400,
                    "The request URI is not valid: " + abbreviate(invalidUri.getReason()) + " at index "
                            + invalidUri.getIndex() + " of '" + abbreviate(invalidUri.getInput())
                            + "'. Fix: percent-encode path segments and query values (a literal '%' is %25).");
        }
        String header = invalidHeader(e);
        if (header != null) {
            return badHeader(
                    request,
                    header,
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
        LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), e);
        return RegistryJson.error(
                500,
                50001,
                "Internal server error: " + e.getClass().getSimpleName() + ". The platform log has the details.");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 120 ? text : text.substring(0, 120) + "… (" + text.length() + " characters)";
    }

    /**
     * @return the name of the request header that the HTTP layer refused to read (a control character in its value),
     *     or null when the error is something else
     */
    private static String invalidHeader(Throwable e) {
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            Matcher m = INVALID_HEADER.matcher(e.getMessage());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** A header value the HTTP layer cannot read is the client's fault: 400, in the shape of the API it was sent to. */
    private static HttpResponse<String> badHeader(HttpRequest<?> request, String header, String reason) {
        String message = "the " + header + " header cannot be read: " + reason;
        String fix = "send the " + header + " header with printable characters only";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", 400);
        if (request.getPath().contains(API_PATH)) {
            body.put("message", message);
            body.put("fix", fix);
            return RegistryJson.respond(HttpStatus.BAD_REQUEST, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        body.put("message", message + "; " + fix + ".");
        return RegistryJson.respond(HttpStatus.BAD_REQUEST, body);
    }

    /** Oversized bodies: 413 in the protocol's error shape instead of Micronaut's. */
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
        @Override
        @SuppressWarnings("rawtypes")
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
            return RegistryJson.error(413, 413, exception.getMessage() + " Send a smaller body.");
        }
    }
}
