package io.meshwork.platform.server.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.meshwork.registry.RegistrationPolicy;
import io.meshwork.registry.RegistryConfig;
import io.meshwork.registry.SchemaRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;

/** Creates the registry from the platform's configuration, with every registration policy bean as its hook. */
@Factory
class RegistryFactory {
    // Built at start (not on the first request), so a platform that cannot reach Kafka fails to start, visibly.
    @Context
    @Bean(preDestroy = "close")
    SchemaRegistry schemaRegistry(
            @Value("${meshwork.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${meshwork.registry.topic:_mesh.registry}") String topic,
            @Value("${meshwork.registry.replication-factor:3}") int replicationFactor,
            List<RegistrationPolicy> policies) {
        RegistryConfig defaults = RegistryConfig.of(bootstrapServers, topic);
        RegistryConfig config = new RegistryConfig(
                bootstrapServers,
                topic,
                defaults.writerId(),
                replicationFactor,
                Duration.ofSeconds(60),
                Duration.ofSeconds(15),
                Map.of());
        return SchemaRegistry.start(config, policies);
    }
}
