package io.meshwork.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

/**
 * The mesh's schema registry: the operations of the Confluent Schema Registry protocol over state kept in the
 * registry log. Every refusal is a {@link RegistryException} carrying the protocol's status and error code.
 *
 * <p>Reads answer from this instance's state; writes go through {@link SchemaLog#write}, which serializes them across
 * every instance through Kafka and answers once the write is applied here.
 */
public final class SchemaRegistry implements AutoCloseable {
    /** The protocol's default compatibility level when none is configured. */
    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    private static final int MAX_SUBJECT_LENGTH = 255;

    private final SchemaLog log;
    private final List<RegistrationPolicy> policies;
    // An id always names the same schema (ids are never reused), so its parsed form can be kept.
    private final Map<Integer, ParsedSchema> parsedById = new ConcurrentHashMap<>();

    private SchemaRegistry(SchemaLog log, List<RegistrationPolicy> policies) {
        this.log = log;
        this.policies = List.copyOf(policies);
    }

    /**
     * Starts a registry instance: prepares the log topic if needed and rebuilds the state from it.
     *
     * @param config where the log is
     * @param policies governance checks run on every registration
     */
    public static SchemaRegistry start(RegistryConfig config, List<RegistrationPolicy> policies) {
        return new SchemaRegistry(new SchemaLog(config), policies);
    }

    /** The outcome of a registration. */
    public record Registered(int id, int version, StoredSchema schema) {}

    /** One version of a subject with its schema. */
    public record VersionView(String subject, int version, StoredSchema schema, boolean deleted) {}

    // ---- registration ----------------------------------------------------------------------------------------------

    /**
     * Registers {@code request} under {@code subject}; answers the existing id and version when the same schema is
     * already live there.
     */
    public Registered register(String subject, SchemaRequest request, boolean normalize) {
        checkSubject(subject);
        return log.write(state -> {
            RegistryMode mode = effectiveMode(state, subject);
            if (mode == RegistryMode.READONLY) {
                throw RegistryException.notPermitted(
                        "Subject '" + subject + "' is in READONLY mode; set its mode to READWRITE to register.");
            }
            if (mode != RegistryMode.IMPORT && request.id() != null && request.id() >= 0) {
                throw RegistryException.notPermitted(
                        "A schema id can be given only in IMPORT mode; remove \"id\" from the request.");
            }
            AvroSchemas.Parsed parsed = parse(state, request, normalize);
            StoredSchema candidate = candidate(request, parsed);

            Optional<SubjectVersion> alreadyLive = findLive(state, subject, candidate, normalize);
            if (alreadyLive.isPresent()) {
                StoredSchema existing =
                        state.schema(alreadyLive.get().schemaId()).orElseThrow();
                Registered answer =
                        new Registered(existing.id(), alreadyLive.get().version(), existing);
                return new SchemaLog.Decision<>(List.of(), s -> answer);
            }

            if (mode != RegistryMode.IMPORT) {
                List<CompatibilityChecker.Prior> priors = priors(state, subject);
                CompatibilityLevel level = effectiveCompatibility(state, subject);
                List<String> problems = CompatibilityChecker.check(level, parsed.schema(), priors);
                if (!problems.isEmpty()) {
                    throw new RegistryException(
                            409,
                            40901,
                            "Schema being registered is incompatible with an earlier schema for subject '" + subject
                                    + "' (compatibility " + level + "): "
                                    + String.join("; ", problems));
                }
                for (RegistrationPolicy policy : policies) {
                    Optional<RegistrationPolicy.Violation> violation = policy.check(subject, parsed.schema(), priors);
                    if (violation.isPresent()) {
                        throw new RegistryException(
                                422,
                                violation.get().errorCode(),
                                "Refused by Meshwork policy '" + violation.get().policyId() + "': "
                                        + violation.get().message());
                    }
                }
            }

            int id = chooseId(state, candidate, request, mode);
            int version = chooseVersion(state, subject, request, mode);
            StoredSchema stored = withId(candidate, id);
            SubjectVersion subjectVersion = new SubjectVersion(subject, version, id, false);
            List<RegistryRecord> records = new ArrayList<>();
            records.add(RegistryRecord.schema(subjectVersion, stored));
            if (id > state.maxId()) {
                records.add(RegistryRecord.idWatermark(id));
            }
            records.add(RegistryRecord.versionWatermark(subject, Math.max(version, state.maxVersion(subject))));
            return new SchemaLog.Decision<>(
                    records, s -> new Registered(id, version, s.schema(id).orElseThrow()));
        });
    }

    private static int chooseId(RegistryState state, StoredSchema candidate, SchemaRequest request, RegistryMode mode) {
        if (mode == RegistryMode.IMPORT && request.id() != null && request.id() > 0) {
            Optional<StoredSchema> taken = state.schema(request.id());
            if (taken.isPresent()
                    && !taken.get().identity().equals(candidate.identity().replaceFirst("^", ""))
                    && !sameSchema(taken.get(), candidate, false)) {
                throw RegistryException.notPermitted("Schema id " + request.id()
                        + " is already used by a different schema; import under another id.");
            }
            return request.id();
        }
        return state.idOf(candidate.identity()).orElse(state.maxId() + 1);
    }

    private static int chooseVersion(RegistryState state, String subject, SchemaRequest request, RegistryMode mode) {
        if (mode == RegistryMode.IMPORT && request.version() != null && request.version() > 0) {
            boolean taken = state.versions(subject).stream().anyMatch(v -> v.version() == request.version());
            if (taken) {
                throw RegistryException.notPermitted("Version " + request.version() + " of subject '" + subject
                        + "' already exists; import under another version.");
            }
            return request.version();
        }
        return state.maxVersion(subject) + 1;
    }

    /** Finds {@code request} among the versions of {@code subject} (POST /subjects/{subject}). */
    public VersionView lookup(String subject, SchemaRequest request, boolean normalize, boolean deleted) {
        return log.read(state -> {
            List<SubjectVersion> versions = deleted ? state.versions(subject) : state.liveVersions(subject);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            AvroSchemas.Parsed parsed = parse(state, request, normalize);
            StoredSchema candidate = candidate(request, parsed);
            for (int i = versions.size() - 1; i >= 0; i--) {
                SubjectVersion version = versions.get(i);
                StoredSchema existing = state.schema(version.schemaId()).orElseThrow();
                if (sameSchema(existing, candidate, normalize)) {
                    return new VersionView(subject, version.version(), existing, version.deleted());
                }
            }
            throw RegistryException.schemaNotFound("Schema not found under subject '" + subject
                    + "'. Register it first (POST /subjects/" + subject + "/versions).");
        });
    }

    // ---- reads -----------------------------------------------------------------------------------------------------

    /** The schema with global id {@code id}, soft-deleted ones included. */
    public StoredSchema schemaById(int id) {
        return log.read(state -> state.schema(id))
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema " + id + " not found."));
    }

    /**
     * The schema with GUID {@code guid} ({@link SchemaGuid}), soft-deleted ones included.
     *
     * @param guid the GUID as a client sent it: {@code 8-4-4-4-12} hexadecimal digits, either case
     * @return the schema; its {@link StoredSchema#id() id} is the one the GUID names
     * @throws RegistryException 404/40403 when the text is not a GUID or no schema has it
     */
    public StoredSchema schemaByGuid(String guid) {
        String normalized = SchemaGuid.parse(guid)
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema GUID '" + shown(guid)
                        + "' not found: a GUID is a UUID of 32 hexadecimal digits written 8-4-4-4-12, e.g."
                        + " 3f1c2a9e-5b7d-8c41-9e2f-0a6b4d8c7e15. Take it from a record's __value_schema_id /"
                        + " __key_schema_id header (0x01 + 16 bytes) or from the \"guid\" of a registration answer."));
        return log.read(state -> state.idOfGuid(normalized).flatMap(state::schema))
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema GUID " + normalized
                        + " not found: no schema registered here has it. Check that producer and consumer use the"
                        + " same registry."));
    }

    /** Subject versions that use schema {@code id}. */
    public List<SubjectVersion> versionsOfId(int id, boolean deleted) {
        schemaById(id);
        return log.read(state ->
                state.usesOf(id).stream().filter(v -> deleted || !v.deleted()).toList());
    }

    /** Subjects, sorted; soft-deleted ones only when {@code deleted}. */
    public List<String> subjects(String prefix, boolean deleted) {
        return log.read(state -> state.subjectNames().stream()
                .filter(subject -> prefix == null || subject.startsWith(prefix))
                .filter(subject -> deleted || !state.liveVersions(subject).isEmpty())
                .toList());
    }

    /** Version numbers of a subject. */
    public List<Integer> versions(String subject, boolean deleted) {
        return log.read(state -> {
            List<SubjectVersion> versions = deleted ? state.versions(subject) : state.liveVersions(subject);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            return versions.stream().map(SubjectVersion::version).toList();
        });
    }

    /** One version of a subject: a number, {@code latest} or {@code -1}. */
    public VersionView version(String subject, String versionText, boolean deleted) {
        int requested = parseVersion(versionText);
        return log.read(state -> {
            SubjectVersion version = resolve(state, subject, requested, deleted);
            return new VersionView(
                    subject, version.version(), state.schema(version.schemaId()).orElseThrow(), version.deleted());
        });
    }

    /** Ids of live schemas that reference a version. */
    public List<Integer> referencedBy(String subject, String versionText) {
        int requested = parseVersion(versionText);
        return log.read(state -> {
            SubjectVersion version = resolve(state, subject, requested, true);
            return state.referencedBy(subject, version.version());
        });
    }

    // ---- deletes ---------------------------------------------------------------------------------------------------

    /** Soft-deletes one version, or hard-deletes a soft-deleted one when {@code permanent}. */
    public int deleteVersion(String subject, String versionText, boolean permanent) {
        int requested = parseVersion(versionText);
        return log.write(state -> {
            requireWritable(state, subject);
            SubjectVersion version = resolve(state, subject, requested, true);
            if (!permanent && version.deleted()) {
                throw new RegistryException(
                        404,
                        40406,
                        "Version " + version.version() + " of subject '" + subject
                                + "' was soft deleted already. Use permanent=true to delete it for good.");
            }
            if (permanent && !version.deleted()) {
                throw new RegistryException(
                        404,
                        40407,
                        "Version " + version.version() + " of subject '" + subject
                                + "' must be soft deleted first. Delete it without permanent=true, then again with it.");
            }
            RegistryRecord record = deletion(state, version, permanent);
            return new SchemaLog.Decision<>(List.of(record), s -> version.version());
        });
    }

    /** Soft-deletes every version of a subject, or hard-deletes a soft-deleted subject when {@code permanent}. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return log.write(state -> {
            requireWritable(state, subject);
            List<SubjectVersion> all = state.versions(subject);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<SubjectVersion> live = all.stream().filter(v -> !v.deleted()).toList();
            if (!permanent && live.isEmpty()) {
                throw new RegistryException(
                        404,
                        40404,
                        "Subject '" + subject
                                + "' was soft deleted already. Use permanent=true to delete it for good.");
            }
            if (permanent && !live.isEmpty()) {
                throw new RegistryException(
                        404,
                        40405,
                        "Subject '" + subject
                                + "' must be soft deleted first. Delete it without permanent=true, then again with it.");
            }
            List<RegistryRecord> records = new ArrayList<>();
            List<Integer> deleted = new ArrayList<>();
            for (SubjectVersion version : permanent ? all : live) {
                records.add(deletion(state, version, permanent));
                deleted.add(version.version());
            }
            if (permanent) {
                if (state.subjectConfig(subject).isPresent()) {
                    records.add(RegistryRecord.config(subject, null));
                }
                if (state.subjectMode(subject).isPresent()) {
                    records.add(RegistryRecord.mode(subject, null));
                }
            }
            return new SchemaLog.Decision<>(records, s -> deleted);
        });
    }

    /** The record that soft- or hard-deletes one version; refused with 42206 while a live schema references it. */
    private static RegistryRecord deletion(RegistryState state, SubjectVersion version, boolean permanent) {
        List<Integer> users = state.referencedBy(version.subject(), version.version());
        if (!users.isEmpty()) {
            throw new RegistryException(
                    422,
                    42206,
                    "Version " + version.version() + " of subject '" + version.subject() + "' is referenced by schemas "
                            + users + "; delete those first.");
        }
        if (permanent) {
            return RegistryRecord.schemaTombstone(version.subject(), version.version());
        }
        StoredSchema schema = state.schema(version.schemaId()).orElseThrow();
        return RegistryRecord.schema(
                new SubjectVersion(version.subject(), version.version(), schema.id(), true), schema);
    }

    // ---- compatibility ---------------------------------------------------------------------------------------------

    /**
     * Tests {@code request} against one version ({@code versionText}), or, when it is null, against the versions the
     * subject's level names. Returns the incompatibilities; empty means compatible.
     */
    public List<String> testCompatibility(
            String subject, String versionText, SchemaRequest request, boolean normalize) {
        Integer requested = versionText == null ? null : parseVersion(versionText);
        return log.read(state -> {
            AvroSchemas.Parsed parsed = parse(state, request, normalize);
            CompatibilityLevel level = effectiveCompatibility(state, subject);
            List<CompatibilityChecker.Prior> priors = priors(state, subject);
            if (requested == null || (requested == -1 && priors.isEmpty())) {
                // Nothing to be incompatible with: a first version is always compatible.
                return CompatibilityChecker.check(level, parsed.schema(), priors);
            }
            SubjectVersion version = resolve(state, subject, requested, false);
            CompatibilityLevel single = level.transitive() ? nonTransitive(level) : level;
            return CompatibilityChecker.check(single, parsed.schema(), List.of(prior(state, version)));
        });
    }

    // ---- config and mode -------------------------------------------------------------------------------------------

    /** The global compatibility level. */
    public CompatibilityLevel globalCompatibility() {
        return log.read(state -> state.globalConfig().orElse(DEFAULT_COMPATIBILITY));
    }

    /** A subject's own level, or the global one when {@code defaultToGlobal}; 40408 otherwise. */
    public CompatibilityLevel subjectCompatibility(String subject, boolean defaultToGlobal) {
        return log.read(state -> state.subjectConfig(subject)
                .or(() -> defaultToGlobal
                        ? Optional.of(state.globalConfig().orElse(DEFAULT_COMPATIBILITY))
                        : Optional.empty())
                .orElseThrow(() -> new RegistryException(
                        404,
                        40408,
                        "Subject '" + subject
                                + "' does not have subject-level compatibility configured. Use defaultToGlobal=true to see"
                                + " the level that applies.")));
    }

    /** Sets the global level ({@code subject} null) or a subject's level. */
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        if (subject != null) {
            checkSubject(subject);
        }
        return log.write(state -> {
            if (subject != null) {
                requireWritable(state, subject);
            }
            return new SchemaLog.Decision<>(List.of(RegistryRecord.config(subject, level)), s -> level);
        });
    }

    /** Removes the global level (back to the default) or a subject's level; returns the level removed. */
    public CompatibilityLevel deleteCompatibility(String subject) {
        return log.write(state -> {
            if (subject == null) {
                CompatibilityLevel previous = state.globalConfig().orElse(DEFAULT_COMPATIBILITY);
                return new SchemaLog.Decision<>(List.of(RegistryRecord.config(null, null)), s -> previous);
            }
            CompatibilityLevel previous = state.subjectConfig(subject)
                    .orElseThrow(() -> new RegistryException(
                            404,
                            40408,
                            "Subject '" + subject + "' does not have subject-level compatibility configured."));
            return new SchemaLog.Decision<>(List.of(RegistryRecord.config(subject, null)), s -> previous);
        });
    }

    /** The global mode. */
    public RegistryMode globalMode() {
        return log.read(state -> state.globalMode().orElse(RegistryMode.READWRITE));
    }

    /** A subject's own mode, or the global one when {@code defaultToGlobal}; 40409 otherwise. */
    public RegistryMode subjectMode(String subject, boolean defaultToGlobal) {
        return log.read(state -> state.subjectMode(subject)
                .or(() -> defaultToGlobal
                        ? Optional.of(state.globalMode().orElse(RegistryMode.READWRITE))
                        : Optional.empty())
                .orElseThrow(() -> new RegistryException(
                        404,
                        40409,
                        "Subject '" + subject
                                + "' does not have a subject-level mode configured. Use defaultToGlobal=true to see the"
                                + " mode that applies.")));
    }

    /**
     * Sets the global mode ({@code subject} null) or a subject's mode. IMPORT needs an empty registry (or subject)
     * unless {@code force}.
     */
    public RegistryMode setMode(String subject, RegistryMode mode, boolean force) {
        if (subject != null) {
            checkSubject(subject);
        }
        return log.write(state -> {
            if (mode == RegistryMode.IMPORT && !force) {
                boolean hasSchemas = subject == null
                        ? !state.subjectNames().isEmpty()
                        : !state.versions(subject).isEmpty();
                if (hasSchemas) {
                    throw RegistryException.notPermitted("Cannot switch to IMPORT mode: schemas already exist"
                            + (subject == null ? "" : " under subject '" + subject + "'")
                            + ". Use force=true to switch anyway.");
                }
            }
            return new SchemaLog.Decision<>(List.of(RegistryRecord.mode(subject, mode)), s -> mode);
        });
    }

    /** Removes the global mode (back to READWRITE) or a subject's mode; returns the mode removed. */
    public RegistryMode deleteMode(String subject) {
        return log.write(state -> {
            RegistryMode previous = subject == null
                    ? state.globalMode().orElse(RegistryMode.READWRITE)
                    : state.subjectMode(subject)
                            .orElseThrow(() -> new RegistryException(
                                    404,
                                    40409,
                                    "Subject '" + subject + "' does not have a subject-level mode configured."));
            return new SchemaLog.Decision<>(List.of(RegistryRecord.mode(subject, null)), s -> previous);
        });
    }

    /** The schema types this registry accepts. */
    public List<String> schemaTypes() {
        return List.of(AvroSchemas.AVRO);
    }

    /** A SHA-256 of the whole state: equal on every instance that applied the same log. */
    public String stateFingerprint() {
        return log.fingerprint();
    }

    @Override
    public void close() {
        log.close();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static AvroSchemas.Parsed parse(RegistryState state, SchemaRequest request, boolean normalize) {
        if (request.schema() == null || request.schema().isBlank()) {
            throw RegistryException.invalidSchema(
                    "The request has no \"schema\". Send {\"schema\": \"<the schema as a JSON string>\"}.");
        }
        if (!AvroSchemas.AVRO.equals(request.schemaType().toUpperCase(Locale.ROOT))) {
            throw RegistryException.invalidSchema("Schema type '" + request.schemaType()
                    + "' is not supported; this registry accepts AVRO (omit schemaType or send \"AVRO\").");
        }
        return AvroSchemas.parse(
                request.schema(),
                request.references(),
                (subject, version) -> state.versions(subject).stream()
                        .filter(v -> v.version() == version)
                        .findFirst()
                        .flatMap(v -> state.schema(v.schemaId()))
                        .orElse(null),
                normalize);
    }

    /** A stored schema parsed, and its form with shared sub-schemas for compatibility checks. */
    private record ParsedSchema(Schema schema, Schema shared) {}

    private ParsedSchema parsed(RegistryState state, StoredSchema stored) {
        return parsedById.computeIfAbsent(stored.id(), id -> {
            Schema schema = parse(
                            state,
                            new SchemaRequest(
                                    stored.schema(), stored.schemaType(), stored.references(), null, null, null, null),
                            false)
                    .schema();
            return new ParsedSchema(schema, CompatibilityChecker.share(schema));
        });
    }

    private CompatibilityChecker.Prior prior(RegistryState state, SubjectVersion version) {
        ParsedSchema parsed = parsed(state, state.schema(version.schemaId()).orElseThrow());
        return new CompatibilityChecker.Prior(version.version(), parsed.schema(), parsed.shared());
    }

    private List<CompatibilityChecker.Prior> priors(RegistryState state, String subject) {
        List<CompatibilityChecker.Prior> priors = new ArrayList<>();
        for (SubjectVersion version : state.liveVersions(subject)) {
            priors.add(prior(state, version));
        }
        return priors;
    }

    /** The live version of {@code subject} holding the same schema as {@code candidate}, if any. */
    private static Optional<SubjectVersion> findLive(
            RegistryState state, String subject, StoredSchema candidate, boolean normalize) {
        if (!normalize) {
            // Exact sameness is an index lookup; only normalized sameness needs to compare version by version.
            return state.idOf(candidate.identity()).flatMap(id -> state.liveVersions(subject).stream()
                    .filter(v -> v.schemaId() == id)
                    .reduce((first, second) -> second));
        }
        SubjectVersion found = null;
        for (SubjectVersion live : state.liveVersions(subject)) {
            if (sameSchema(state.schema(live.schemaId()).orElseThrow(), candidate, true)) {
                found = live;
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean sameSchema(StoredSchema existing, StoredSchema candidate, boolean normalize) {
        if (normalize) {
            return withText(existing, AvroSchemas.normalized(existing.schema()))
                    .identity()
                    .equals(withText(candidate, AvroSchemas.normalized(candidate.schema()))
                            .identity());
        }
        // The identity leaves the id out, so an unregistered candidate (id 0) compares as it is.
        return existing.identity().equals(candidate.identity());
    }

    /** The request as a schema not yet registered (id 0), with the text the registry would store. */
    private static StoredSchema candidate(SchemaRequest request, AvroSchemas.Parsed parsed) {
        return new StoredSchema(
                0,
                request.schemaType(),
                parsed.canonical(),
                request.references(),
                request.metadata(),
                request.ruleSet());
    }

    private static StoredSchema withId(StoredSchema schema, int id) {
        return new StoredSchema(
                id, schema.schemaType(), schema.schema(), schema.references(), schema.metadata(), schema.ruleSet());
    }

    private static StoredSchema withText(StoredSchema schema, String text) {
        return new StoredSchema(
                schema.id(), schema.schemaType(), text, schema.references(), schema.metadata(), schema.ruleSet());
    }

    private static CompatibilityLevel effectiveCompatibility(RegistryState state, String subject) {
        return state.subjectConfig(subject).or(state::globalConfig).orElse(DEFAULT_COMPATIBILITY);
    }

    private static RegistryMode effectiveMode(RegistryState state, String subject) {
        return state.subjectMode(subject).or(state::globalMode).orElse(RegistryMode.READWRITE);
    }

    private static void requireWritable(RegistryState state, String subject) {
        if (effectiveMode(state, subject) == RegistryMode.READONLY) {
            throw RegistryException.notPermitted(
                    "Subject '" + subject + "' is in READONLY mode; set its mode to READWRITE to change it.");
        }
    }

    private static CompatibilityLevel nonTransitive(CompatibilityLevel level) {
        return switch (level) {
            case BACKWARD_TRANSITIVE -> CompatibilityLevel.BACKWARD;
            case FORWARD_TRANSITIVE -> CompatibilityLevel.FORWARD;
            case FULL_TRANSITIVE -> CompatibilityLevel.FULL;
            default -> level;
        };
    }

    private static SubjectVersion resolve(RegistryState state, String subject, int requested, boolean deleted) {
        List<SubjectVersion> all = state.versions(subject);
        List<SubjectVersion> visible =
                deleted ? all : all.stream().filter(v -> !v.deleted()).toList();
        if (visible.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (requested == -1) {
            return visible.get(visible.size() - 1);
        }
        return visible.stream()
                .filter(v -> v.version() == requested)
                .findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(subject, requested));
    }

    /** Parses a version path segment: 1..2^31-1, {@code latest} or -1 (latest). */
    static int parseVersion(String text) {
        if (text == null) {
            throw RegistryException.invalidVersion("null");
        }
        if (text.equalsIgnoreCase("latest")) {
            return -1;
        }
        try {
            int version = Integer.parseInt(text.trim());
            if (version == -1 || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // Answered below with the protocol's invalid-version error.
        }
        throw RegistryException.invalidVersion(text);
    }

    /** A client's text shown in a message: at most 64 characters, control characters as {@code ?}. */
    private static String shown(String text) {
        if (text == null) {
            return "";
        }
        int codePoints = text.codePointCount(0, text.length());
        String cut = codePoints > 64
                ? text.substring(0, text.offsetByCodePoints(0, 64)) + "… (" + codePoints + " characters)"
                : text;
        return cut.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static void checkSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw RegistryException.invalidSubject("The subject name is empty. Use e.g. '<topic>-value'.");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw RegistryException.invalidSubject("The subject name is " + subject.length()
                    + " characters long; the limit is " + MAX_SUBJECT_LENGTH + ".");
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw RegistryException.invalidSubject(
                    "The subject name contains control characters; use printable characters only.");
        }
    }
}
