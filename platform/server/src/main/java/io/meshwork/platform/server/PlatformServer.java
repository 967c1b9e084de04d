package io.meshwork.platform.server;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The platform service: the mesh's schema registry (Confluent-compatible REST protocol) on Kafka, and later its
 * catalog and governance API.
 *
 * <p>Configuration (Micronaut properties, environment variables or {@code -D} system properties):
 *
 * <ul>
 *   <li>{@code meshwork.kafka.bootstrap-servers} — Kafka to keep the platform's state in (default
 *       {@code 127.0.0.1:9092});
 *   <li>{@code meshwork.registry.topic} — the registry log (default {@code _mesh.registry});
 *   <li>{@code micronaut.server.port} — HTTP port (default 8080, -1 for a free one);
 *   <li>{@code micronaut.server.context-path} — base path of every route (default none).
 * </ul>
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "meshwork-platform",
                        version = "v1",
                        description =
                                "Meshwork's catalog and governance API (/api/v1) beside the Confluent-compatible schema"
                                        + " registry protocol (documented in docs/registry.md)."))
public final class PlatformServer implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private PlatformServer(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    /** Runs the platform until the JVM is stopped. */
    public static void main(String[] args) {
        PlatformServer server;
        try {
            server = launch(Map.of());
        } catch (RuntimeException e) {
            System.err.println("meshwork platform: cannot start: " + rootCause(e));
            System.exit(1);
            return;
        }
        System.out.println("Meshwork platform serving " + server.uri() + " (registry: schema.registry.url)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "meshwork-platform-shutdown"));
    }

    /**
     * @param error a startup failure
     * @return its innermost message: the one that says what is wrong (e.g. Kafka unreachable, a port in use)
     */
    public static String rootCause(Throwable error) {
        String message = error.toString();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    /**
     * Starts a platform instance in this JVM (tests, dev mode) and waits until it serves requests.
     *
     * @param properties Micronaut properties that override the defaults, e.g. {@code meshwork.kafka.bootstrap-servers}
     * @return the running instance; close it to stop
     */
    public static PlatformServer start(Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.putAll(properties);
        return launch(props);
    }

    private static PlatformServer launch(Map<String, Object> props) {
        ApplicationContext context =
                ApplicationContext.builder().properties(props).banner(false).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return new PlatformServer(context);
    }

    /** @return the base URI of every route, with the context path and a trailing slash, e.g. {@code http://127.0.0.1:8080/} */
    public URI uri() {
        String base = server.getURL().toString();
        String contextPath = context.getProperty("micronaut.server.context-path", String.class)
                .orElse("");
        String path = contextPath.isEmpty() || contextPath.equals("/") ? "/" : "/" + strip(contextPath) + "/";
        return URI.create(stripTrailingSlash(base) + path);
    }

    /** @return the application context, for tests that need a bean */
    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        if (context.isRunning()) {
            context.close();
        }
    }

    private static String strip(String path) {
        String result = path;
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        return stripTrailingSlash(result);
    }

    private static String stripTrailingSlash(String text) {
        String result = text;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
