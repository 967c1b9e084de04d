package io.meshwork.sdk.serde;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.meshwork.sdk.registry.RetryPolicy;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration keys of {@link MeshAvroSerializer}, {@link MeshAvroDeserializer} and {@link MeshAvroSerde}. They
 * go into the same map as the producer's or consumer's own settings. Names follow Confluent's serializers where
 * Confluent has the setting; the {@code schema.registry.*.ms} and {@code schema.registry.retry.*} keys are Meshwork's.
 */
public final class MeshAvroSerdeConfig {
    /** The registry's base URL, possibly with a base path; required unless a client is passed in. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Serializer: register the record's schema under its subject when not there yet (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Serializer, with auto-register off: write with the subject's latest version instead of looking up (default false). */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Serializer: ask the registry to normalize schemas on register and lookup (default false). */
    public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
    /**
     * Serializer: leave out the Java-only {@code avro.java.string} properties that generated classes carry before
     * registering or looking up their schema, so that it matches the {@code .avsc} it was generated from (default
     * false, as in Confluent's serializer).
     */
    public static final String REMOVE_JAVA_PROPERTIES = "avro.remove.java.properties";
    /** Deserializer: return generated SpecificRecord classes instead of GenericRecord (default false). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** Serializer: subject naming for keys (default TopicNameStrategy). */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** Serializer: subject naming for values (default TopicNameStrategy). */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /**
     * Serializer, for keys: where the schema id goes, {@code prefix} (default) or {@code header}; Confluent's class
     * names are accepted too. See {@link SchemaIdLocation}.
     */
    public static final String KEY_SCHEMA_ID_SERIALIZER = "key.schema.id.serializer";
    /**
     * Serializer, for values: where the schema id goes, {@code prefix} (default: {@code 0x00} + 4-byte id before the
     * datum) or {@code header} ({@code 0x01} + 16-byte GUID in the {@code __value_schema_id} header, as Confluent's
     * {@code io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer}, whose class name is accepted too,
     * like {@code ...PrefixSchemaIdSerializer}). See {@link SchemaIdLocation}.
     */
    public static final String VALUE_SCHEMA_ID_SERIALIZER = "value.schema.id.serializer";
    /** Where basic-auth credentials come from: {@code USER_INFO} (the only source supported) when user info is set. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** Basic-auth credentials as {@code user:password}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Alias of {@link #BASIC_AUTH_USER_INFO}, as Confluent also accepts it. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** TCP connect timeout in ms (default 5000). */
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    /** Timeout of one registry request in ms (default 10000). */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    /** Attempts per registry call, retries included (default 5). */
    public static final String RETRY_MAX_ATTEMPTS = "schema.registry.retry.max.attempts";
    /** Wait before the first retry in ms, doubled each retry, with jitter (default 100). */
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Upper bound of one wait between retries in ms (default 2000). */
    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";
    /** Time budget of one registry call with all its retries in ms (default 15000). */
    public static final String RETRY_MAX_ELAPSED_MS = "schema.registry.retry.max.elapsed.ms";

    private final String url;
    private final boolean autoRegister;
    private final boolean useLatestVersion;
    private final boolean normalize;
    private final boolean removeJavaProperties;
    private final boolean specificReader;
    private final SubjectNameStrategy keyStrategy;
    private final SubjectNameStrategy valueStrategy;
    private final SchemaIdLocation keyIdLocation;
    private final SchemaIdLocation valueIdLocation;
    private final String userInfo;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;

    private MeshAvroSerdeConfig(Map<String, ?> configs) {
        this.url = url(configs);
        this.autoRegister = bool(configs, AUTO_REGISTER_SCHEMAS, true);
        this.useLatestVersion = bool(configs, USE_LATEST_VERSION, false);
        this.normalize = bool(configs, NORMALIZE_SCHEMAS, false);
        this.removeJavaProperties = bool(configs, REMOVE_JAVA_PROPERTIES, false);
        this.specificReader = bool(configs, SPECIFIC_AVRO_READER, false);
        this.keyStrategy = strategy(configs, KEY_SUBJECT_NAME_STRATEGY);
        this.valueStrategy = strategy(configs, VALUE_SUBJECT_NAME_STRATEGY);
        this.keyIdLocation = idLocation(configs, KEY_SCHEMA_ID_SERIALIZER);
        this.valueIdLocation = idLocation(configs, VALUE_SCHEMA_ID_SERIALIZER);
        this.userInfo = userInfo(configs);
        this.connectTimeout = Duration.ofMillis(positiveLong(configs, CONNECT_TIMEOUT_MS, 5_000));
        this.requestTimeout = Duration.ofMillis(positiveLong(configs, REQUEST_TIMEOUT_MS, 10_000));
        this.retryPolicy = new RetryPolicy(
                (int) positiveLong(configs, RETRY_MAX_ATTEMPTS, 5),
                Duration.ofMillis(nonNegativeLong(configs, RETRY_BACKOFF_MS, 100)),
                Duration.ofMillis(nonNegativeLong(configs, RETRY_BACKOFF_MAX_MS, 2_000)),
                Duration.ofMillis(nonNegativeLong(configs, RETRY_MAX_ELAPSED_MS, 15_000)));
    }

    /**
     * Parses serde settings out of a producer's or consumer's configuration map; other keys are ignored.
     *
     * @param configs the map given to {@code configure}
     * @return the parsed settings
     * @throws ConfigException naming the key, the value and what is accepted, when a value is wrong
     */
    public static MeshAvroSerdeConfig parse(Map<String, ?> configs) {
        return new MeshAvroSerdeConfig(configs == null ? Map.of() : configs);
    }

    /** @return the registry URL, or {@code null} when not configured */
    public String url() {
        return url;
    }

    /** @return whether the serializer registers unknown schemas */
    public boolean autoRegister() {
        return autoRegister;
    }

    /** @return whether the serializer writes with the subject's latest version (when not auto-registering) */
    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    /** @return whether schemas are normalized by the registry on register and lookup */
    public boolean normalize() {
        return normalize;
    }

    /** @return whether the serializer leaves out {@code avro.java.string} properties before registering */
    public boolean removeJavaProperties() {
        return removeJavaProperties;
    }

    /** @return whether the deserializer returns generated SpecificRecord classes */
    public boolean specificReader() {
        return specificReader;
    }

    /**
     * The subject name strategy for keys or values.
     *
     * @param isKey whether for keys
     * @return the strategy
     */
    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return isKey ? keyStrategy : valueStrategy;
    }

    /**
     * Where the serializer writes the schema id of keys or values.
     *
     * @param isKey whether for keys
     * @return {@link SchemaIdLocation#PREFIX} unless {@link #KEY_SCHEMA_ID_SERIALIZER} /
     *     {@link #VALUE_SCHEMA_ID_SERIALIZER} says otherwise
     */
    public SchemaIdLocation schemaIdLocation(boolean isKey) {
        return isKey ? keyIdLocation : valueIdLocation;
    }

    /**
     * Builds a registry client from these settings.
     *
     * @param role who needs it, for the error message (e.g. {@code MeshAvroSerializer})
     * @return a new client
     * @throws ConfigException when {@link #SCHEMA_REGISTRY_URL} is missing or invalid
     */
    public SchemaRegistryClient newClient(String role) {
        if (url == null) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required by " + role
                    + ": set it to the registry's base URL, e.g. http://localhost:8080/");
        }
        SchemaRegistryClient.Builder builder;
        try {
            builder = SchemaRegistryClient.builder(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
        }
        builder.connectTimeout(connectTimeout).requestTimeout(requestTimeout).retryPolicy(retryPolicy);
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            builder.basicAuth(userInfo.substring(0, colon), userInfo.substring(colon + 1));
        }
        return builder.build();
    }

    /** @return the retry policy the client gets */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** @return the request timeout the client gets */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    private static String url(Map<String, ?> configs) {
        Object value = configs.get(SCHEMA_REGISTRY_URL);
        if (value == null) {
            return null;
        }
        String text = value instanceof List<?> list
                ? (list.isEmpty() ? "" : String.valueOf(list.get(0)))
                : String.valueOf(value);
        // Confluent takes a comma-separated list; Meshwork uses the first URL (put a load balancer behind it).
        String first = text.split(",", -1)[0].trim();
        if (first.isEmpty()) {
            throw new ConfigException(
                    SCHEMA_REGISTRY_URL, value, "set it to the registry's base URL, e.g. http://localhost:8080/");
        }
        if (!first.startsWith("http://") && !first.startsWith("https://")) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, value, "it must start with http:// or https://");
        }
        return first;
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    private static long positiveLong(Map<String, ?> configs, String key, long defaultValue) {
        long value = longValue(configs, key, defaultValue);
        if (value <= 0) {
            throw new ConfigException(key, configs.get(key), "expected a positive number");
        }
        return value;
    }

    private static long nonNegativeLong(Map<String, ?> configs, String key, long defaultValue) {
        long value = longValue(configs, key, defaultValue);
        if (value < 0) {
            throw new ConfigException(key, configs.get(key), "expected zero or a positive number");
        }
        return value;
    }

    private static long longValue(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }

    private static SubjectNameStrategy strategy(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return SubjectNameStrategy.TOPIC_NAME;
        }
        if (value instanceof SubjectNameStrategy s) {
            return s;
        }
        String name = value instanceof Class<?> c ? c.getName() : value.toString();
        try {
            return SubjectNameStrategy.forName(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private static SchemaIdLocation idLocation(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return SchemaIdLocation.PREFIX;
        }
        if (value instanceof SchemaIdLocation location) {
            return location;
        }
        String name = value instanceof Class<?> c ? c.getName() : value.toString();
        try {
            return SchemaIdLocation.forName(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private static String userInfo(Map<String, ?> configs) {
        Object info = configs.get(BASIC_AUTH_USER_INFO);
        if (info == null) {
            info = configs.get(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO);
        }
        Object source = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        if (source != null && !source.toString().trim().equalsIgnoreCase("USER_INFO")) {
            throw new ConfigException(
                    BASIC_AUTH_CREDENTIALS_SOURCE,
                    source,
                    "only USER_INFO is supported: put user:password in " + BASIC_AUTH_USER_INFO);
        }
        if (info == null || info.toString().isEmpty()) {
            return null;
        }
        String text = info.toString();
        if (text.indexOf(':') < 0) {
            // The value is a secret: never echo it.
            throw new ConfigException(BASIC_AUTH_USER_INFO + " must be user:password (the value given has no ':')");
        }
        return text;
    }
}
