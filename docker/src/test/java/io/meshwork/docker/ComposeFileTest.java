package io.meshwork.docker;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.meshwork.sdk.service.MeshServiceConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docker/compose.yaml} and {@code docker/Dockerfile} true to the build: the Kafka image is the Kafka
 * version the build uses, the three brokers form one KRaft quorum, every build target exists, every main class
 * exists and has a {@code main}, every Meshwork setting is one the code reads, every dependency is a service.
 */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("compose.yaml");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Set<String> PLATFORM_SETTINGS = Set.of(
            "meshwork.kafka.bootstrap-servers",
            "meshwork.registry.topic",
            "meshwork.registry.replication-factor",
            "meshwork.catalog.replication-factor",
            "meshwork.catalog.partitions",
            "meshwork.catalog.default-partitions",
            "meshwork.catalog.lifecycle-topic",
            "meshwork.catalog.governance-topic",
            "meshwork.catalog.governor.enabled");

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        try (Reader in = Files.newBufferedReader(COMPOSE)) {
            compose = new Yaml(options).load(in);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    static Stream<String> serviceNames() throws IOException {
        read();
        return services.keySet().stream();
    }

    @Test
    void shouldRunThreeKafkaBrokersOfTheBuildsKafkaVersionInOneQuorum() {
        String version = System.getProperty("kafka.version");
        assertThat(version).as("kafka.version from the root pom").isNotBlank();
        List<String> brokers =
                services.keySet().stream().filter(s -> s.startsWith("kafka-")).toList();
        assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
        Set<String> ids = new HashSet<>();
        Set<String> clusters = new HashSet<>();
        for (String b : brokers) {
            Map<String, Object> service = services.get(b);
            assertThat(service.get("image")).as(b).isEqualTo("apache/kafka:" + version);
            Map<String, Object> env = env(service);
            ids.add(String.valueOf(env.get("KAFKA_NODE_ID")));
            clusters.add(String.valueOf(env.get("CLUSTER_ID")));
            assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")))
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(String.valueOf(env.get("KAFKA_PROCESS_ROLES"))).isEqualTo("broker,controller");
            assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).contains("INTERNAL://" + b + ":19092");
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo(2);
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).isEqualTo(3);
        }
        assertThat(ids).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(clusters).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceNames")
    void shouldBuildEveryMeshworkServiceFromATargetOfTheDockerfile(String name) throws IOException {
        Map<String, Object> service = services.get(name);
        if (name.startsWith("kafka-")) {
            return;
        }
        Map<?, ?> build = (Map<?, ?>) service.get("build");
        assertThat(build).as(name + " is built by the project").isNotNull();
        assertThat(Path.of(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile"))))
                .as(name + "'s Dockerfile")
                .isEqualTo(Path.of("..", "docker", "Dockerfile"));
        assertThat(targets()).contains(String.valueOf(build.get("target")));
        assertThat(String.valueOf(service.get("image")))
                .as(name + "'s image tag")
                .startsWith("meshwork/")
                .endsWith(":" + System.getProperty("project.version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceNames")
    void shouldRunAMainClassTheBuildProduces(String name) throws Exception {
        Map<String, Object> service = services.get(name);
        if (name.startsWith("kafka-")) {
            return;
        }
        String main = mainClass(name, service);
        Class<?> type = Class.forName(main);
        Method method = type.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(method.getModifiers()))
                .as(main + ".main is static")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceNames")
    void shouldOnlySetMeshworkSettingsTheCodeReads(String name) {
        Map<String, Object> service = services.get(name);
        Set<String> serviceSettings = MeshServiceConfig.defaults().asSettings().keySet();
        for (String key : env(service).keySet()) {
            if (!key.startsWith("MESHWORK_")) {
                continue;
            }
            String property = key.toLowerCase(Locale.ROOT).replace('_', '.');
            boolean platformSetting =
                    PLATFORM_SETTINGS.stream().anyMatch(p -> p.replace('-', '.').equals(property));
            assertThat(serviceSettings.contains(property) || platformSetting)
                    .as(name + " sets " + key + ", which neither the platform nor MeshServiceConfig reads")
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceNames")
    void shouldDependOnlyOnServicesOfTheFileAndReachKafkaThroughItsBrokers(String name) {
        Map<String, Object> service = services.get(name);
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof Map<?, ?> d) {
            assertThat(services.keySet())
                    .containsAll(d.keySet().stream().map(String::valueOf).toList());
        }
        env(service).forEach((key, value) -> {
            if (key.endsWith("BOOTSTRAP_SERVERS")) {
                for (String server : String.valueOf(value).split(",")) {
                    assertThat(services.keySet())
                            .as(name + " " + key)
                            .contains(server.substring(0, server.indexOf(':')));
                }
            }
        });
        Object command = service.get("command");
        if (command instanceof List<?> args && !args.isEmpty()) {
            String servers = String.valueOf(args.get(args.size() - 1));
            for (String server : servers.split(",")) {
                assertThat(services.keySet()).as(name + " command").contains(server.substring(0, server.indexOf(':')));
            }
        }
    }

    @Test
    void shouldRunTheFourDomainServicesAndTheirSimulators() {
        List<String> mains = new ArrayList<>();
        services.forEach((name, service) -> {
            if (!name.startsWith("kafka-") && !name.equals("platform")) {
                mains.add(mainClass(name, service));
            }
        });
        assertThat(mains)
                .contains(
                        "io.meshwork.domains.sales.SalesService",
                        "io.meshwork.domains.marketing.MarketingService",
                        "io.meshwork.domains.finance.FinanceService",
                        "io.meshwork.domains.product.ProductService")
                .anySatisfy(m -> assertThat(m).endsWith("Simulator"));
    }

    @Test
    void shouldCopyTheJarsTheBuildMakesIntoTheImages() throws IOException, ClassNotFoundException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher jar = Pattern.compile("cp (\\S+)/target/(\\S+)-\\*\\.jar").matcher(dockerfile);
        assertThat(jar.find()).as("the Dockerfile copies a module's jar").isTrue();
        Path module = Path.of("..").resolve(jar.group(1));
        assertThat(module.resolve("pom.xml")).exists();
        assertThat(Files.readString(module.resolve("pom.xml")))
                .contains("<artifactId>" + jar.group(2) + "</artifactId>");
        assertThat(dockerfile).contains("-pl " + jar.group(1) + " dependency:copy-dependencies");
        Matcher platformMain = Pattern.compile("\"(io\\.meshwork\\.platform\\.server\\.\\w+)\"")
                .matcher(dockerfile);
        assertThat(platformMain.find()).isTrue();
        assertThat(Class.forName(platformMain.group(1), false, getClass().getClassLoader()))
                .isNotNull();
    }

    private static String mainClass(String name, Map<String, Object> service) {
        Object env = env(service).get("SERVICE_MAIN");
        if (env != null) {
            return String.valueOf(env);
        }
        Map<?, ?> build = (Map<?, ?>) service.get("build");
        Map<?, ?> args = build == null ? null : (Map<?, ?>) build.get("args");
        if (args != null && args.get("SERVICE_MAIN") != null) {
            return String.valueOf(args.get("SERVICE_MAIN"));
        }
        if ("platform".equals(String.valueOf(build == null ? null : build.get("target")))) {
            return "io.meshwork.platform.server.PlatformServer";
        }
        throw new AssertionError(name + " names no main class");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        Object env = service.get("environment");
        return env == null ? Map.of() : (Map<String, Object>) env;
    }

    private static List<String> targets() throws IOException {
        List<String> targets = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^FROM \\S+ AS (\\S+)$").matcher(Files.readString(DOCKERFILE));
        while (m.find()) {
            targets.add(m.group(1));
        }
        return targets;
    }
}
