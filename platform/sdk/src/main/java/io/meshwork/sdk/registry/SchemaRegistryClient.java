package io.meshwork.sdk.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.registry.internal.RegistryTransport;
import io.meshwork.sdk.registry.internal.UrlPaths;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the schema registry protocol (the Confluent Schema Registry REST API that the Meshwork platform serves).
 *
 * <pre>{@code
 * SchemaRegistryClient registry = SchemaRegistryClient.builder("http://localhost:8080/")
 *         .requestTimeout(Duration.ofSeconds(5))
 *         .build();
 * int id = registry.register("orders.v1-value", schema.toString(), false);
 * Schema writer = registry.getAvroSchemaById(id);
 * }</pre>
 *
 * <p>Immutable answers are cached for the life of the client: schemas by id and by GUID (text and parsed Avro), the
 * GUID of each id, and ids by subject and schema text (from {@link #register} and {@link #lookup}). Latest versions, versions by number,
 * compatibility and config are not cached. After warm-up, serializing or deserializing a record sends no request;
 * {@link #requestCount()} proves it.
 *
 * <p>Failures that may pass (timeouts, refused connections, HTTP 408/429/500/502/503/504) are retried with the
 * {@link RetryPolicy}; everything else ends in a {@link SchemaRegistryException} carrying the HTTP status, the
 * registry's {@code error_code} and message, and what to fix. The client is thread-safe.
 */
public final class SchemaRegistryClient {
    private static final String AVRO = "AVRO";
    private static final Pattern GUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RegistryTransport transport;
    private final Map<Integer, SchemaById> schemasById = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> avroById = new ConcurrentHashMap<>();
    private final Map<UUID, SchemaByGuid> schemasByGuid = new ConcurrentHashMap<>();
    private final Map<UUID, Schema> avroByGuid = new ConcurrentHashMap<>();
    private final Map<Integer, UUID> guidsById = new ConcurrentHashMap<>();
    private final Map<SchemaKey, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<SchemaKey, RegisteredSchema> lookups = new ConcurrentHashMap<>();

    private SchemaRegistryClient(Builder builder) {
        this.transport = new RegistryTransport(
                builder.baseUrl,
                builder.connectTimeout,
                builder.requestTimeout,
                builder.retryPolicy,
                builder.authorization);
    }

    private SchemaRegistryClient(RegistryTransport transport) {
        this.transport = transport;
    }

    /**
     * A client that never sends a request, for code that must run where no registry does, such as topology unit tests
     * with {@code TopologyTestDriver}: it knows the schemas {@link #preload preloaded} into it, gives a schema it is
     * asked to register the next free id itself (as a lone registry would, without compatibility checks or
     * governance), and fails at once on any other call. There being no registry to ask, it gives each schema a GUID of
     * its own (a name-based UUID of its type and text), so that the header schema-id form works offline too. Anything
     * talking to a mesh uses {@link #builder(String)}.
     *
     * @return an empty offline client
     */
    public static SchemaRegistryClient offline() {
        return new SchemaRegistryClient(RegistryTransport.offline());
    }

    /** @return a preloaded schema of the subject that parses to the same schema as the key's text, or null */
    private RegisteredSchema lookupOffline(SchemaKey key) {
        String wanted;
        try {
            wanted = new Schema.Parser().parse(key.schema()).toString();
        } catch (RuntimeException e) {
            return null;
        }
        for (Map.Entry<SchemaKey, RegisteredSchema> e : lookups.entrySet()) {
            if (!e.getKey().subject().equals(key.subject())) {
                continue;
            }
            try {
                if (new Schema.Parser().parse(e.getKey().schema()).toString().equals(wanted)) {
                    lookups.put(key, e.getValue());
                    idsBySchema.put(key, e.getValue().id());
                    return e.getValue();
                }
            } catch (RuntimeException ignored) {
                // a preloaded text that does not parse matches nothing
            }
        }
        return null;
    }

    private synchronized int registerOffline(SchemaKey key) {
        Integer known = idsBySchema.get(key);
        if (known != null) {
            return known;
        }
        int id = schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int version = (int) lookups.keySet().stream()
                        .filter(k -> k.subject().equals(key.subject()) && !k.normalize())
                        .count()
                + 1;
        preload(new RegisteredSchema(key.subject(), id, version, AVRO, key.schema(), List.of()));
        return id;
    }

    /**
     * Records that a schema is registered under a subject with the given id and version, as the registry answered
     * elsewhere: registering it, looking it up and reading it by id then need no request. Preloading a schema the
     * registry does not hold under that id makes this client write ids other clients cannot read.
     *
     * @param schema the subject, id, version and Avro schema text (no references)
     */
    public void preload(RegisteredSchema schema) {
        Objects.requireNonNull(schema, "schema");
        requireSubject(schema.subject());
        for (boolean normalize : new boolean[] {false, true}) {
            SchemaKey key = new SchemaKey(schema.subject(), schema.schema(), List.of(), normalize);
            lookups.put(key, schema);
            idsBySchema.put(key, schema.id());
        }
        schemasById.put(
                schema.id(), new SchemaById(schema.id(), schema.schemaType(), schema.schema(), schema.references()));
        if (transport.isOffline()) {
            UUID guid = UUID.nameUUIDFromBytes(
                    ("meshwork-offline-schema\u0000" + schema.schemaType() + "\u0000" + schema.schema())
                            .getBytes(StandardCharsets.UTF_8));
            guidsById.putIfAbsent(schema.id(), guid);
            schemasByGuid.putIfAbsent(
                    guid,
                    new SchemaByGuid(guid, schema.id(), schema.schemaType(), schema.schema(), schema.references()));
        }
    }

    /**
     * Starts configuring a client.
     *
     * @param baseUrl the registry's base URL, possibly with a base path, e.g. {@code http://localhost:8080/registry}
     * @return a builder with the defaults: 5 s connect timeout, 10 s request timeout, {@link RetryPolicy#defaults()}
     */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** @return the base URL requests go to, ending in {@code /} */
    public String baseUrl() {
        return transport.baseUrl();
    }

    /** @return the HTTP requests this client has sent, retries included (for tests and metrics) */
    public long requestCount() {
        return transport.requestCount();
    }

    /**
     * Registers an Avro schema under a subject ({@code POST /subjects/{subject}/versions}), or returns the id of the
     * same schema already live there.
     *
     * @param subject the subject, e.g. {@code orders.v1-value}
     * @param schema the Avro schema text
     * @param normalize ask the registry to normalize the schema before comparing and storing it
     * @return the global schema id
     * @throws SchemaRegistryException when the registry refuses (incompatible: 409; invalid: 422) or cannot be reached
     */
    public int register(String subject, String schema, boolean normalize) {
        return register(subject, schema, List.of(), normalize);
    }

    /**
     * Registers an Avro schema that refers to other registered schemas.
     *
     * @param subject the subject
     * @param schema the Avro schema text
     * @param references the schemas it refers to
     * @param normalize ask the registry to normalize the schema
     * @return the global schema id
     * @throws SchemaRegistryException when the registry refuses or cannot be reached
     */
    public int register(String subject, String schema, List<SchemaReference> references, boolean normalize) {
        SchemaKey key =
                new SchemaKey(requireSubject(subject), Objects.requireNonNull(schema, "schema"), references, normalize);
        Integer cached = idsBySchema.get(key);
        if (cached != null) {
            return cached;
        }
        if (transport.isOffline() && references.isEmpty()) {
            RegisteredSchema same = lookupOffline(key);
            return same != null ? same.id() : registerOffline(key);
        }
        JsonNode answer = transport.send(
                "POST",
                "subjects/" + UrlPaths.segment(subject) + "/versions?normalize=" + normalize,
                body(schema, references));
        int id = requireInt(answer, "id", "register");
        rememberGuid(id, answer);
        idsBySchema.put(key, id);
        return id;
    }

    /**
     * Looks a schema up under a subject ({@code POST /subjects/{subject}}): is this exact schema registered there?
     *
     * @param subject the subject
     * @param schema the Avro schema text
     * @param normalize ask the registry to normalize before comparing
     * @return the schema's id and version under the subject
     * @throws SchemaRegistryException with status 404 (error_code 40401 or 40403) when it is not registered there
     */
    public RegisteredSchema lookup(String subject, String schema, boolean normalize) {
        SchemaKey key =
                new SchemaKey(requireSubject(subject), Objects.requireNonNull(schema, "schema"), List.of(), normalize);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        if (transport.isOffline()) {
            RegisteredSchema same = lookupOffline(key);
            if (same != null) {
                return same;
            }
        }
        JsonNode answer = transport.send(
                "POST", "subjects/" + UrlPaths.segment(subject) + "?normalize=" + normalize, body(schema, List.of()));
        RegisteredSchema found = registered(answer, subject, "lookup");
        rememberGuid(found.id(), answer);
        lookups.put(key, found);
        idsBySchema.putIfAbsent(key, found.id());
        return found;
    }

    /**
     * Reads a schema by its global id ({@code GET /schemas/ids/{id}}); cached.
     *
     * @param id the global schema id
     * @return the schema text, type and references
     * @throws SchemaRegistryException with status 404 (error_code 40403) when no schema has the id
     */
    public SchemaById getSchemaById(int id) {
        SchemaById cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        SchemaById found = fetchSchemaById(id);
        schemasById.put(id, found);
        return found;
    }

    private SchemaById fetchSchemaById(int id) {
        JsonNode answer = transport.send("GET", "schemas/ids/" + id, null);
        SchemaById found = new SchemaById(
                id,
                answer.path("schemaType").asText(AVRO),
                requireText(answer, "schema", "getSchemaById"),
                references(answer),
                guid(answer));
        rememberGuid(id, answer);
        return found;
    }

    /**
     * The GUID of the schema with global id {@code id}, as the header schema-id form carries it; cached. Taken from
     * any earlier answer about the id (registration, lookup, version, by id), else read with
     * {@code GET /schemas/ids/{id}}.
     *
     * @param id the global schema id
     * @return the schema's GUID
     * @throws SchemaRegistryException when the id is unknown (404, 40403), or the registry does not report GUIDs
     *     (older Confluent Schema Registry versions)
     */
    public UUID getGuidById(int id) {
        UUID cached = guidsById.get(id);
        if (cached != null) {
            return cached;
        }
        SchemaById known = schemasById.get(id);
        SchemaById found = known != null && known.guid() != null ? known : fetchSchemaById(id);
        if (found.guid() == null) {
            throw new SchemaRegistryException(
                    "The schema registry at " + transport.baseUrl() + " answered GET schemas/ids/" + id
                            + " without a \"guid\": it does not report schema GUIDs (older Confluent Schema Registry"
                            + " versions do not), and the header schema-id form needs one. Fix: write the schema id in the"
                            + " payload prefix (value.schema.id.serializer / key.schema.id.serializer = prefix), or use"
                            + " a registry that reports GUIDs.",
                    200,
                    0,
                    null,
                    null);
        }
        schemasById.putIfAbsent(id, found);
        guidsById.putIfAbsent(id, found.guid());
        return found.guid();
    }

    /**
     * Reads a schema by its GUID ({@code GET /schemas/guids/{guid}}); cached.
     *
     * @param guid the schema's GUID, e.g. from a record's {@code __value_schema_id} header
     * @return the schema text, type, references, and the id the registry answered with it
     * @throws SchemaRegistryException with status 404 (error_code 40403) when no schema has the GUID
     */
    public SchemaByGuid getSchemaByGuid(UUID guid) {
        Objects.requireNonNull(guid, "guid");
        SchemaByGuid cached = schemasByGuid.get(guid);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.send("GET", "schemas/guids/" + guid, null);
        JsonNode id = answer.get("id");
        SchemaByGuid found = new SchemaByGuid(
                guid,
                id != null && id.canConvertToInt() && id.asInt() > 0 ? id.asInt() : 0,
                answer.path("schemaType").asText(AVRO),
                requireText(answer, "schema", "getSchemaByGuid"),
                references(answer));
        if (found.id() > 0) {
            guidsById.putIfAbsent(found.id(), guid);
        }
        schemasByGuid.put(guid, found);
        return found;
    }

    /**
     * Reads and parses an Avro schema by its GUID, resolving its references; cached.
     *
     * @param guid the schema's GUID
     * @return the parsed schema
     * @throws SchemaRegistryException when the GUID is unknown, the schema is not Avro, or it does not parse
     */
    public Schema getAvroSchemaByGuid(UUID guid) {
        Schema cached = avroByGuid.get(guid);
        if (cached != null) {
            return cached;
        }
        SchemaByGuid found = getSchemaByGuid(guid);
        requireAvro(found.schemaType(), "Schema GUID " + guid);
        Schema parsed = parseAvro(found.schema(), found.references(), "schema GUID " + guid);
        avroByGuid.put(guid, parsed);
        return parsed;
    }

    /**
     * Reads and parses an Avro schema by its global id, resolving its references; cached.
     *
     * @param id the global schema id
     * @return the parsed schema
     * @throws SchemaRegistryException when the id is unknown, the schema is not Avro, or it does not parse
     */
    public Schema getAvroSchemaById(int id) {
        Schema cached = avroById.get(id);
        if (cached != null) {
            return cached;
        }
        SchemaById found = getSchemaById(id);
        requireAvro(found.schemaType(), "Schema id " + id);
        Schema parsed = parseAvro(found.schema(), found.references(), "schema id " + id);
        avroById.put(id, parsed);
        return parsed;
    }

    /**
     * Reads the latest live version under a subject ({@code GET /subjects/{subject}/versions/latest}); not cached.
     *
     * @param subject the subject
     * @return id, version and schema of the latest version
     * @throws SchemaRegistryException with status 404 (error_code 40401) when the subject does not exist
     */
    public RegisteredSchema getLatest(String subject) {
        JsonNode answer = transport.send(
                "GET", "subjects/" + UrlPaths.segment(requireSubject(subject)) + "/versions/latest", null);
        RegisteredSchema latest = registered(answer, subject, "getLatest");
        rememberGuid(latest.id(), answer);
        return latest;
    }

    /**
     * Reads one version under a subject ({@code GET /subjects/{subject}/versions/{version}}).
     *
     * @param subject the subject
     * @param version the version, from 1
     * @return id, version and schema
     * @throws SchemaRegistryException with status 404 (40401 or 40402) when subject or version does not exist
     */
    public RegisteredSchema getVersion(String subject, int version) {
        JsonNode answer = transport.send(
                "GET", "subjects/" + UrlPaths.segment(requireSubject(subject)) + "/versions/" + version, null);
        RegisteredSchema found = registered(answer, subject, "getVersion");
        rememberGuid(found.id(), answer);
        return found;
    }

    /**
     * Asks whether a schema could be registered under the subject, given its compatibility level
     * ({@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}).
     *
     * @param subject the subject
     * @param schema the candidate Avro schema text
     * @return the verdict, with the registry's reasons when incompatible
     * @throws SchemaRegistryException when the registry refuses (e.g. 422 for an invalid schema)
     */
    public CompatibilityResult testCompatibility(String subject, String schema) {
        JsonNode answer = transport.send(
                "POST",
                "compatibility/subjects/" + UrlPaths.segment(requireSubject(subject)) + "/versions/latest?verbose=true",
                body(Objects.requireNonNull(schema, "schema"), List.of()));
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(message -> messages.add(message.asText()));
        if (!answer.has("is_compatible")) {
            throw malformed("testCompatibility", "is_compatible", answer);
        }
        return new CompatibilityResult(answer.get("is_compatible").asBoolean(), messages);
    }

    /**
     * Reads the compatibility level of a subject (falling back to the global level), or the global level.
     *
     * @param subject the subject, or {@code null} for the global level
     * @return the level in force
     * @throws SchemaRegistryException when the registry refuses or cannot be reached
     */
    public CompatibilityLevel getConfig(String subject) {
        String path = subject == null ? "config" : "config/" + UrlPaths.segment(subject) + "?defaultToGlobal=true";
        JsonNode answer = transport.send("GET", path, null);
        return level(answer, "compatibilityLevel", "getConfig");
    }

    /**
     * Sets the compatibility level of a subject, or the global level ({@code PUT /config[/{subject}]}).
     *
     * @param subject the subject, or {@code null} for the global level
     * @param level the new level
     * @return the level the registry echoed
     * @throws SchemaRegistryException when the registry refuses or cannot be reached
     */
    public CompatibilityLevel setConfig(String subject, CompatibilityLevel level) {
        String path = subject == null ? "config" : "config/" + UrlPaths.segment(subject);
        ObjectNode body = RegistryTransport.newObject();
        body.put("compatibility", Objects.requireNonNull(level, "level").name());
        JsonNode answer = transport.send("PUT", path, body);
        return level(answer, "compatibility", "setConfig");
    }

    private static void requireAvro(String schemaType, String what) {
        if (!AVRO.equalsIgnoreCase(schemaType)) {
            throw new SchemaRegistryException(
                    what + " is a " + schemaType + " schema, not Avro. Fix: read this topic with a " + schemaType
                            + " deserializer, or check that the producer used Avro.",
                    200,
                    0,
                    null,
                    null);
        }
    }

    /** Keeps the GUID an answer about schema {@code id} carries, if it carries one. */
    private void rememberGuid(int id, JsonNode answer) {
        UUID guid = guid(answer);
        if (guid != null) {
            guidsById.putIfAbsent(id, guid);
        }
    }

    /** @return the answer's {@code guid} when it is a UUID in the 8-4-4-4-12 form, otherwise null */
    private static UUID guid(JsonNode answer) {
        JsonNode guid = answer.get("guid");
        if (guid == null
                || !guid.isTextual()
                || !GUID_FORM.matcher(guid.asText()).matches()) {
            return null;
        }
        return UUID.fromString(guid.asText());
    }

    private Schema parseAvro(String text, List<SchemaReference> references, String what) {
        Schema.Parser parser = new Schema.Parser();
        Set<SchemaReference> seen = new HashSet<>();
        for (SchemaReference reference : references) {
            addReference(parser, reference, seen);
        }
        try {
            return parser.parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "The registry's " + what + " does not parse as Avro: " + e.getMessage()
                            + ". Fix: register a valid Avro schema and make every reference resolvable.",
                    200,
                    0,
                    null,
                    e);
        }
    }

    private void addReference(Schema.Parser parser, SchemaReference reference, Set<SchemaReference> seen) {
        if (!seen.add(reference)) {
            return;
        }
        RegisteredSchema target = getVersion(reference.subject(), reference.version());
        for (SchemaReference nested : target.references()) {
            addReference(parser, nested, seen);
        }
        parser.parse(target.schema());
    }

    private static ObjectNode body(String schema, List<SchemaReference> references) {
        ObjectNode body = RegistryTransport.newObject();
        body.put("schema", schema);
        body.put("schemaType", AVRO);
        if (references != null && !references.isEmpty()) {
            ArrayNode list = body.putArray("references");
            for (SchemaReference reference : references) {
                list.addObject()
                        .put("name", reference.name())
                        .put("subject", reference.subject())
                        .put("version", reference.version());
            }
        }
        return body;
    }

    private static RegisteredSchema registered(JsonNode answer, String subject, String call) {
        return new RegisteredSchema(
                answer.path("subject").asText(subject),
                requireInt(answer, "id", call),
                requireInt(answer, "version", call),
                answer.path("schemaType").asText(AVRO),
                requireText(answer, "schema", call),
                references(answer));
    }

    private static List<SchemaReference> references(JsonNode answer) {
        JsonNode list = answer.path("references");
        if (!list.isArray() || list.isEmpty()) {
            return List.of();
        }
        List<SchemaReference> result = new ArrayList<>();
        for (JsonNode reference : list) {
            result.add(new SchemaReference(
                    reference.path("name").asText(),
                    reference.path("subject").asText(),
                    reference.path("version").asInt()));
        }
        return result;
    }

    private static int requireInt(JsonNode answer, String field, String call) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw malformed(call, field, answer);
        }
        return value.asInt();
    }

    private static String requireText(JsonNode answer, String field, String call) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(call, field, answer);
        }
        return value.asText();
    }

    private static CompatibilityLevel level(JsonNode answer, String field, String call) {
        String value = requireText(answer, field, call);
        try {
            return CompatibilityLevel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed(call, field, answer);
        }
    }

    private static SchemaRegistryException malformed(String call, String field, JsonNode answer) {
        return new SchemaRegistryException(
                "The schema registry's answer to " + call + " lacks a valid '" + field + "': " + answer
                        + ". Fix: check that schema.registry.url points at a Confluent-protocol schema registry.",
                200,
                0,
                null,
                null);
    }

    private static String requireSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("A subject name is required, e.g. orders.v1-value");
        }
        return subject;
    }

    /** The identity of a schema text under a subject, for the id caches. */
    private record SchemaKey(String subject, String schema, List<SchemaReference> references, boolean normalize) {}

    /** Configures a {@link SchemaRegistryClient}. */
    public static final class Builder {
        private final String baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String authorization;

        private Builder(String baseUrl) {
            this.baseUrl = UrlPaths.base(baseUrl);
        }

        /**
         * Sets the TCP connect timeout.
         *
         * @param timeout a positive duration (default 5 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the timeout of one request, until the response headers arrive.
         *
         * @param timeout a positive duration (default 10 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Sets how failures that may pass are retried.
         *
         * @param policy the policy (default {@link RetryPolicy#defaults()})
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sends HTTP basic authentication with every request.
         *
         * @param username the user
         * @param password the password
         * @return this builder
         */
        public Builder basicAuth(String username, String password) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            this.authorization = "Basic "
                    + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** @return a client with this configuration */
        public SchemaRegistryClient build() {
            return new SchemaRegistryClient(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
