package io.meshwork.sdk.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.platform.server.PlatformServer;

/** A real platform server (the registry) on the shared test broker, with its own registry topic. */
public final class RunningPlatform implements AutoCloseable {
    private final PlatformServer server;

    private RunningPlatform(PlatformServer server) {
        this.server = server;
    }

    /**
     * Starts a platform server whose registry log is a topic no other test uses.
     *
     * @param broker the shared broker
     * @return the running server; close it before the broker stops
     */
    public static RunningPlatform start(EmbeddedKafkaBroker broker) {
        return start(broker, Map.of());
    }

    /**
     * Starts a platform server with extra properties (e.g. {@code micronaut.server.context-path}).
     *
     * @param broker the shared broker
     * @param extra extra Micronaut properties
     * @return the running server
     */
    public static RunningPlatform start(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("meshwork.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("meshwork.registry.topic", "_mesh.registry." + UUID.randomUUID());
        return new RunningPlatform(PlatformServer.start(properties));
    }

    /** @return the registry's base URL with a trailing slash */
    public String url() {
        URI uri = server.uri();
        return uri.toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
