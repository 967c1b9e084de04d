package io.meshwork.platform.server.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.meshwork.catalog.CatalogConfig;
import io.meshwork.catalog.CatalogLog;
import io.meshwork.catalog.CatalogProjection;
import io.meshwork.catalog.CatalogSearch;
import io.meshwork.catalog.CatalogTopics;
import io.meshwork.catalog.PlatformEventCodec;
import io.meshwork.catalog.PlatformEventWriter;
import io.meshwork.governance.CompatibilityOracle;
import io.meshwork.governance.GovernanceEngine;
import io.meshwork.governance.GovernanceRegistrationPolicy;
import io.meshwork.governance.PolicySettings;
import io.meshwork.registry.CompatibilityChecker;
import io.meshwork.registry.RegistrationPolicy;
import io.meshwork.registry.RegistryException;
import io.meshwork.registry.SchemaRegistry;
import io.meshwork.registry.SchemaRequest;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;

/**
 * Wires the catalog and governance into the platform: the fold of the lifecycle topics, the search index, the
 * governance engine (also inside schema registration), the writer of platform events and the governor answering
 * requests.
 */
@Factory
class CatalogBeans {

    @Singleton
    CatalogProjection projection() {
        return new CatalogProjection();
    }

    @Singleton
    CatalogChanges changes() {
        return new CatalogChanges();
    }

    @Singleton
    CatalogConfig catalogConfig(
            @Value("${meshwork.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${meshwork.catalog.partitions:3}") int partitions,
            @Value("${meshwork.catalog.replication-factor:0}") short catalogReplicationFactor,
            @Value("${meshwork.registry.replication-factor:3}") short registryReplicationFactor,
            @Value("${meshwork.catalog.lifecycle-topic:" + CatalogTopics.LIFECYCLE + "}") String lifecycleTopic,
            @Value("${meshwork.catalog.governance-topic:" + CatalogTopics.GOVERNANCE + "}") String governanceTopic) {
        // the platform topics are replicated like the registry's unless configured apart
        short replicationFactor = catalogReplicationFactor > 0 ? catalogReplicationFactor : registryReplicationFactor;
        return new CatalogConfig(
                bootstrapServers,
                partitions,
                replicationFactor,
                Duration.ofMinutes(2),
                Map.of(),
                lifecycleTopic,
                governanceTopic);
    }

    /** Global policy settings: every property under {@code meshwork.governance}. */
    @Singleton
    PolicySettings policySettings(Environment environment) {
        Map<String, String> props = new HashMap<>();
        environment
                .getProperties("meshwork.governance", StringConvention.RAW)
                .forEach((k, v) -> props.put("meshwork.governance." + k, String.valueOf(v)));
        return PolicySettings.fromProperties(props);
    }

    /** Compatibility of a proposed schema with a subject's whole live history, under a given level. */
    @Singleton
    CompatibilityOracle compatibilityOracle(BeanProvider<SchemaRegistry> registry) {
        return (subject, candidate, level) -> {
            SchemaRegistry r = registry.get();
            List<Integer> versions;
            try {
                versions = r.versions(subject, false);
            } catch (RegistryException e) {
                return List.of(); // a subject without history: anything is compatible
            }
            List<CompatibilityChecker.Prior> priors = new ArrayList<>();
            for (int version : versions) {
                String text = r.version(subject, Integer.toString(version), false)
                        .schema()
                        .schema();
                try {
                    priors.add(new CompatibilityChecker.Prior(version, new Schema.Parser().parse(text)));
                } catch (RuntimeException e) {
                    // a version with references cannot be parsed alone: let the registry judge the whole history
                    return r.testCompatibility(subject, null, SchemaRequest.avro(candidate.toString()), false);
                }
            }
            return CompatibilityChecker.check(level, candidate, priors);
        };
    }

    @Singleton
    GovernanceEngine governanceEngine(PolicySettings settings, CompatibilityOracle oracle) {
        return GovernanceEngine.withBuiltIns(settings, oracle);
    }

    /** Governance inside schema registration, also for plain Confluent clients; every decision is audited. */
    @Singleton
    RegistrationPolicy governanceHook(
            GovernanceEngine engine, CatalogProjection projection, BeanProvider<PlatformEventWriter> writer) {
        return new GovernanceRegistrationPolicy(
                engine, productId -> CatalogFacts.of(projection, productId), decision -> record(writer, decision));
    }

    /** Writes a registration's decision; when it cannot be written, the registration is refused with a store error. */
    private static void record(BeanProvider<PlatformEventWriter> writer, GovernanceDecision decision) {
        try {
            writer.get().record(decision);
        } catch (IllegalStateException e) {
            RegistryException refusal = new RegistryException(
                    500,
                    50001,
                    "Registry store error: the governance decision of this registration could not be recorded ("
                            + e.getMessage() + "), so the schema was not registered. Retry the request; if it"
                            + " persists, check the Kafka cluster.");
            refusal.initCause(e);
            throw refusal;
        }
    }

    @Singleton
    PlatformEventCodec codec(SchemaRegistry registry, CatalogConfig config) {
        int lifecycle = register(registry, config.lifecycleTopic(), LifecycleEvent.getClassSchema());
        int governance = register(registry, config.governanceTopic(), GovernanceDecision.getClassSchema());
        return new PlatformEventCodec(
                id -> new Schema.Parser().parse(registry.schemaById(id).schema()), lifecycle, governance);
    }

    private static int register(SchemaRegistry registry, String topic, Schema schema) {
        try {
            return registry.register(CatalogTopics.valueSubject(topic), SchemaRequest.avro(schema.toString()), false)
                    .id();
        } catch (RegistryException e) {
            throw new IllegalStateException(
                    "cannot register the schema of " + topic + " (subject " + CatalogTopics.valueSubject(topic) + "): "
                            + e.getMessage(),
                    e);
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    CatalogSearch search(CatalogProjection projection) {
        return new CatalogSearch(projection);
    }

    // Built at start, so a platform that cannot read its topics fails to start, visibly.
    @Context
    @Bean(preDestroy = "close")
    CatalogLog catalogLog(
            CatalogConfig config,
            CatalogProjection projection,
            PlatformEventCodec codec,
            CatalogChanges changes,
            CatalogSearch search) {
        changes.listen(search);
        return CatalogLog.start(config, projection, codec, changes);
    }

    @Singleton
    @Bean(preDestroy = "close")
    PlatformEventWriter eventWriter(CatalogConfig config, PlatformEventCodec codec, CatalogLog log) {
        return new PlatformEventWriter(config, codec, log, Duration.ofSeconds(30));
    }

    @Context
    @Bean(preDestroy = "close")
    LifecycleGovernor governor(
            CatalogProjection projection,
            CatalogLog log,
            CatalogChanges changes,
            PlatformEventWriter writer,
            GovernanceEngine engine,
            SchemaRegistry registry,
            TopicProvisioner provisioner,
            @Value("${meshwork.catalog.governor.enabled:true}") boolean enabled) {
        LifecycleGovernor governor = new LifecycleGovernor(projection, writer, engine, registry, provisioner);
        if (enabled) {
            changes.listen(governor::wake);
            governor.start();
        }
        return governor;
    }
}
