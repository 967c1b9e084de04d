package io.meshwork.platform.server.conformance;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.platform.server.PlatformServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The system under test: one {@link PlatformServer} per test class, on the broker shared by the test JVM and on a
 * registry topic of its own, so that every class starts from an empty registry. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RegistryUnderTest registry = new RegistryUnderTest();
 * }</pre>
 *
 * <p>The server is closed after the class, before JUnit closes the shared broker at the end of the run.
 */
final class RegistryUnderTest implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, Object> extraProperties;
    private Map<String, Object> properties;
    private PlatformServer server;
    private RegistryClient client;

    RegistryUnderTest() {
        this(Map.of());
    }

    /** @param extraProperties Micronaut properties added to the server's, e.g. a context path */
    RegistryUnderTest(Map<String, Object> extraProperties) {
        this.extraProperties = Map.copyOf(extraProperties);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaExtension.sharedBroker(context);
        String suffix = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        properties = new HashMap<>();
        properties.put("meshwork.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("meshwork.registry.topic", "_mesh.registry." + suffix);
        properties.put("meshwork.catalog.lifecycle-topic", "mesh.lifecycle." + suffix);
        properties.put("meshwork.catalog.governance-topic", "mesh.governance." + suffix);
        properties.putAll(extraProperties);
        server = PlatformServer.start(properties);
        client = new RegistryClient(server.uri());
    }

    /**
     * Stops the server and starts a new one on the same registry topic, as an operator's restart would; the new
     * instance must rebuild its state from the log alone.
     */
    void restart() {
        server.close();
        server = PlatformServer.start(properties);
        client = new RegistryClient(server.uri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** @return a client for the registry's routes, relative to its base URI */
    RegistryClient client() {
        return client;
    }

    /** @return the base URI of every route, with the context path and a trailing slash */
    URI uri() {
        return server.uri();
    }
}
