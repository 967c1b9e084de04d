package io.meshwork.sdk.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a data product service finds the mesh and how it runs. Every setting has a default that works against the
 * embedded mesh ({@code ./meshctl dev}) on this machine; {@link #fromEnvironment()} reads overrides from system
 * properties and environment variables.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>property</th><th>environment variable</th><th>default</th></tr>
 *   <tr><td>{@code meshwork.platform.url}</td><td>{@code MESHWORK_PLATFORM_URL}</td><td>{@code http://localhost:8080}</td></tr>
 *   <tr><td>{@code meshwork.bootstrap.servers}</td><td>{@code MESHWORK_BOOTSTRAP_SERVERS}</td><td>{@code 127.0.0.1:9092}</td></tr>
 *   <tr><td>{@code meshwork.principal}</td><td>{@code MESHWORK_PRINCIPAL}</td><td>{@code service:<application id>}</td></tr>
 *   <tr><td>{@code meshwork.state.dir}</td><td>{@code MESHWORK_STATE_DIR}</td><td>{@code <tmp>/meshwork-streams}</td></tr>
 *   <tr><td>{@code meshwork.http.port}</td><td>{@code MESHWORK_HTTP_PORT}</td><td>{@code 0} (a free port; -1: none)</td></tr>
 *   <tr><td>{@code meshwork.heartbeat.interval}</td><td>{@code MESHWORK_HEARTBEAT_INTERVAL}</td><td>{@code 10s}</td></tr>
 *   <tr><td>{@code meshwork.instance.id}</td><td>{@code MESHWORK_INSTANCE_ID}</td><td>host name and a random suffix</td></tr>
 *   <tr><td>{@code meshwork.lifecycle.topic}</td><td>{@code MESHWORK_LIFECYCLE_TOPIC}</td><td>{@code mesh.lifecycle.v1}</td></tr>
 *   <tr><td>{@code meshwork.sources.create}</td><td>{@code MESHWORK_SOURCES_CREATE}</td><td>{@code true}: create missing raw source topics</td></tr>
 *   <tr><td>{@code meshwork.sources.partitions}</td><td>{@code MESHWORK_SOURCES_PARTITIONS}</td><td>{@code 3}</td></tr>
 *   <tr><td>{@code meshwork.startup.timeout}</td><td>{@code MESHWORK_STARTUP_TIMEOUT}</td><td>{@code 60s}</td></tr>
 *   <tr><td>{@code meshwork.replication.factor}</td><td>{@code MESHWORK_REPLICATION_FACTOR}</td><td>{@code -1} (the broker's default)</td></tr>
 *   <tr><td>{@code meshwork.stream.threads}</td><td>{@code MESHWORK_STREAM_THREADS}</td><td>{@code 1}</td></tr>
 * </table>
 *
 * <p>Any property starting with {@code streams.} is passed to Kafka Streams without the prefix (for example
 * {@code streams.commit.interval.ms=200}); Meshwork's own settings win over it for {@code application.id},
 * {@code bootstrap.servers} and {@code processing.guarantee}.
 *
 * @param platformUrl the platform's base URL (catalog API and registry)
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param principal who the service acts as in lifecycle events and decisions; null for {@code service:<app id>}
 * @param stateDir Kafka Streams' {@code state.dir}; each application gets a folder under it
 * @param httpPort port of the health and metrics endpoint; 0 for a free one, -1 for none
 * @param heartbeatInterval how often each instance reports to the platform
 * @param instanceId this instance's id in heartbeats
 * @param lifecycleTopic the platform's lifecycle topic
 * @param createSourceTopics whether to create raw source topics that do not exist yet
 * @param sourcePartitions partitions of a raw source topic the service creates
 * @param startupTimeout how long to wait for the platform, Kafka and governance at start
 * @param replicationFactor replication of the topics the service creates (internal and raw source topics)
 * @param streamThreads Kafka Streams threads
 * @param streams extra Kafka Streams properties
 */
public record MeshServiceConfig(
        URI platformUrl,
        String bootstrapServers,
        String principal,
        Path stateDir,
        int httpPort,
        Duration heartbeatInterval,
        String instanceId,
        String lifecycleTopic,
        boolean createSourceTopics,
        int sourcePartitions,
        Duration startupTimeout,
        int replicationFactor,
        int streamThreads,
        Map<String, Object> streams) {

    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,12})(ms|s|m|h)");

    /** Checks every setting. */
    public MeshServiceConfig {
        Objects.requireNonNull(platformUrl, "platformUrl");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(lifecycleTopic, "lifecycleTopic");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (!"http".equals(platformUrl.getScheme()) && !"https".equals(platformUrl.getScheme())) {
            throw invalid(
                    "meshwork.platform.url", platformUrl.toString(), "an http(s) URL, e.g. http://localhost:8080");
        }
        if (bootstrapServers.isBlank()) {
            throw invalid("meshwork.bootstrap.servers", bootstrapServers, "host:port[,host:port], e.g. 127.0.0.1:9092");
        }
        if (httpPort < -1 || httpPort > 65535) {
            throw invalid(
                    "meshwork.http.port", String.valueOf(httpPort), "a port 1-65535, 0 for a free one, -1 for none");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.toMillis() < 100) {
            throw invalid("meshwork.heartbeat.interval", heartbeatInterval.toString(), "at least 100ms, e.g. 10s");
        }
        if (sourcePartitions < 1 || sourcePartitions > 10_000) {
            throw invalid("meshwork.sources.partitions", String.valueOf(sourcePartitions), "a number 1-10000");
        }
        if (streamThreads < 1 || streamThreads > 256) {
            throw invalid("meshwork.stream.threads", String.valueOf(streamThreads), "a number 1-256");
        }
        if (replicationFactor == 0 || replicationFactor < -1 || replicationFactor > 32) {
            throw invalid("meshwork.replication.factor", String.valueOf(replicationFactor), "1-32, or -1");
        }
        streams = Map.copyOf(streams == null ? Map.of() : streams);
    }

    /** @return the defaults, for the embedded mesh on this machine */
    public static MeshServiceConfig defaults() {
        return from(Map.of());
    }

    /** @return the defaults overridden by system properties, then by environment variables */
    public static MeshServiceConfig fromEnvironment() {
        Map<String, String> settings = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("meshwork.") || name.startsWith("streams.")) {
                settings.put(name, System.getProperty(name));
            }
        }
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getKey().startsWith("MESHWORK_")) {
                settings.put(e.getKey().toLowerCase(Locale.ROOT).replace('_', '.'), e.getValue());
            }
        }
        return from(settings);
    }

    /**
     * @param settings property names as in the table above, e.g. {@code meshwork.platform.url}
     * @return the defaults overridden by the settings
     * @throws IllegalArgumentException naming a setting whose value is wrong, and the form expected
     */
    public static MeshServiceConfig from(Map<String, String> settings) {
        Map<String, Object> streams = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith("streams.")) {
                streams.put(k.substring("streams.".length()), v);
            }
        });
        return new MeshServiceConfig(
                uri(settings.getOrDefault("meshwork.platform.url", "http://localhost:8080")),
                settings.getOrDefault("meshwork.bootstrap.servers", "127.0.0.1:9092"),
                settings.get("meshwork.principal"),
                Path.of(settings.getOrDefault(
                        "meshwork.state.dir",
                        Path.of(System.getProperty("java.io.tmpdir"), "meshwork-streams")
                                .toString())),
                integer(settings, "meshwork.http.port", 0),
                duration(settings, "meshwork.heartbeat.interval", Duration.ofSeconds(10)),
                settings.getOrDefault("meshwork.instance.id", defaultInstanceId()),
                settings.getOrDefault("meshwork.lifecycle.topic", "mesh.lifecycle.v1"),
                bool(settings, "meshwork.sources.create", true),
                integer(settings, "meshwork.sources.partitions", 3),
                duration(settings, "meshwork.startup.timeout", Duration.ofSeconds(60)),
                integer(settings, "meshwork.replication.factor", -1),
                integer(settings, "meshwork.stream.threads", 1),
                streams);
    }

    /** @return a copy with other settings on top, named as in {@link #from(Map)} */
    public MeshServiceConfig with(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(asSettings());
        all.putAll(overrides);
        return from(all);
    }

    /** @return these settings as the property map {@link #from(Map)} reads */
    public Map<String, String> asSettings() {
        Map<String, String> s = new TreeMap<>();
        s.put("meshwork.platform.url", platformUrl.toString());
        s.put("meshwork.bootstrap.servers", bootstrapServers);
        if (principal != null) {
            s.put("meshwork.principal", principal);
        }
        s.put("meshwork.state.dir", stateDir.toString());
        s.put("meshwork.http.port", String.valueOf(httpPort));
        s.put("meshwork.heartbeat.interval", heartbeatInterval.toMillis() + "ms");
        s.put("meshwork.instance.id", instanceId);
        s.put("meshwork.lifecycle.topic", lifecycleTopic);
        s.put("meshwork.sources.create", String.valueOf(createSourceTopics));
        s.put("meshwork.sources.partitions", String.valueOf(sourcePartitions));
        s.put("meshwork.startup.timeout", startupTimeout.toMillis() + "ms");
        s.put("meshwork.replication.factor", String.valueOf(replicationFactor));
        s.put("meshwork.stream.threads", String.valueOf(streamThreads));
        streams.forEach((k, v) -> s.put("streams." + k, String.valueOf(v)));
        return s;
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text.trim());
            if (uri.getHost() == null) {
                throw invalid("meshwork.platform.url", text, "an http(s) URL with a host, e.g. http://localhost:8080");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("meshwork.")) {
                throw e;
            }
            throw invalid("meshwork.platform.url", text, "an http(s) URL, e.g. http://localhost:8080");
        }
    }

    private static int integer(Map<String, String> settings, String key, int fallback) {
        String text = settings.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, text, "a whole number");
        }
    }

    private static boolean bool(Map<String, String> settings, String key, boolean fallback) {
        String text = settings.get(key);
        if (text == null) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw invalid(key, text, "true or false");
        };
    }

    /**
     * @param text {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S})
     * @return the duration
     */
    static Duration parseDuration(String key, String text) {
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid(key, text, "a duration such as 500ms, 10s, 2m or PT10S");
        }
    }

    private static Duration duration(Map<String, String> settings, String key, Duration fallback) {
        String text = settings.get(key);
        return text == null ? fallback : parseDuration(key, text);
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return new IllegalArgumentException(key + " is '" + shown + "'; expected " + expected);
    }
}
