package io.meshwork.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The registry's state: a fold over the registry log. Every instance that applies the same records in the same order
 * holds the same state; {@link #fingerprint()} proves it. Not thread-safe: {@link SchemaLog} guards it.
 */
final class RegistryState {
    private final Map<Integer, StoredSchema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByIdentity = new HashMap<>();
    // A set per GUID, because IMPORT mode can give one identity (so one GUID) several ids; the lowest one answers,
    // which depends only on the schemas present, not on the order the log delivered them in.
    private final Map<String, TreeSet<Integer>> idsByGuid = new HashMap<>();
    private final TreeMap<String, TreeMap<Integer, SubjectVersion>> subjects = new TreeMap<>();
    private final TreeMap<String, Integer> maxVersions = new TreeMap<>();
    private final TreeMap<String, CompatibilityLevel> subjectConfigs = new TreeMap<>();
    private final TreeMap<String, RegistryMode> subjectModes = new TreeMap<>();
    private CompatibilityLevel globalConfig;
    private RegistryMode globalMode;
    private int maxId;
    private long skippedRecords;

    /** Applies one decoded record. Records of an unknown kind are counted and skipped. */
    void apply(RegistryRecord record) {
        switch (record.kind()) {
            case RegistryRecord.SCHEMA -> applySchema(record);
            case RegistryRecord.CONFIG -> {
                if (record.isTombstone()) {
                    setConfig(record.subject(), null);
                } else {
                    setConfig(
                            record.subject(),
                            CompatibilityLevel.parse(
                                    record.value().path("compatibilityLevel").asText()));
                }
            }
            case RegistryRecord.MODE -> {
                if (record.isTombstone()) {
                    setMode(record.subject(), null);
                } else {
                    setMode(
                            record.subject(),
                            RegistryMode.parse(record.value().path("mode").asText()));
                }
            }
            case RegistryRecord.ID_WATERMARK -> {
                if (!record.isTombstone()) {
                    maxId = Math.max(maxId, record.value().path("maxId").asInt());
                }
            }
            case RegistryRecord.VERSION_WATERMARK -> {
                if (!record.isTombstone()) {
                    maxVersions.merge(
                            record.subject(), record.value().path("maxVersion").asInt(), Math::max);
                }
            }
            default -> skippedRecords++;
        }
    }

    void skip() {
        skippedRecords++;
    }

    private void applySchema(RegistryRecord record) {
        String subject = record.subject();
        int version = record.version();
        if (record.isTombstone()) {
            TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
            if (versions != null) {
                SubjectVersion removed = versions.remove(version);
                if (versions.isEmpty()) {
                    subjects.remove(subject);
                }
                if (removed != null) {
                    forgetSchemaIfUnused(removed.schemaId());
                }
            }
            return;
        }
        JsonNode value = record.value();
        int id = value.path("id").asInt();
        StoredSchema schema = new StoredSchema(
                id,
                value.path("schemaType").asText("AVRO"),
                value.path("schema").asText(),
                RegistryRecord.references(value.get("references")),
                value.get("metadata"),
                value.get("ruleSet"));
        StoredSchema existing = schemasById.putIfAbsent(id, schema);
        if (existing == null) {
            idsByIdentity.putIfAbsent(schema.identity(), id);
            idsByGuid.computeIfAbsent(schema.guid(), guid -> new TreeSet<>()).add(id);
        }
        TreeMap<Integer, SubjectVersion> versions = subjects.computeIfAbsent(subject, s -> new TreeMap<>());
        SubjectVersion previous = versions.put(
                version,
                new SubjectVersion(subject, version, id, value.path("deleted").asBoolean()));
        if (previous != null && previous.schemaId() != id) {
            forgetSchemaIfUnused(previous.schemaId());
        }
        maxId = Math.max(maxId, id);
        maxVersions.merge(subject, version, Math::max);
    }

    private void forgetSchemaIfUnused(int id) {
        boolean used = subjects.values().stream()
                .flatMap(versions -> versions.values().stream())
                .anyMatch(version -> version.schemaId() == id);
        if (!used) {
            StoredSchema schema = schemasById.remove(id);
            if (schema != null) {
                String guid = schema.guid();
                TreeSet<Integer> ids = idsByGuid.get(guid);
                if (ids != null && ids.remove(id) && ids.isEmpty()) {
                    idsByGuid.remove(guid);
                }
                // IMPORT can give one schema several ids (they share the GUID): while one is left, the schema keeps
                // an id, the lowest, so registering it again answers that id instead of making a new one.
                if (ids != null && !ids.isEmpty()) {
                    idsByIdentity.replace(schema.identity(), id, ids.first());
                } else {
                    idsByIdentity.remove(schema.identity(), id);
                }
            }
        }
    }

    private void setConfig(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalConfig = level;
        } else if (level == null) {
            subjectConfigs.remove(subject);
        } else {
            subjectConfigs.put(subject, level);
        }
    }

    private void setMode(String subject, RegistryMode mode) {
        if (subject == null) {
            globalMode = mode;
        } else if (mode == null) {
            subjectModes.remove(subject);
        } else {
            subjectModes.put(subject, mode);
        }
    }

    // ---- queries -------------------------------------------------------------------------------------------------

    Optional<StoredSchema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The id a GUID names: the only one in normal mode, the lowest when IMPORT gave one schema several ids. */
    Optional<Integer> idOfGuid(String guid) {
        TreeSet<Integer> ids = idsByGuid.get(guid);
        return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.first());
    }

    Optional<Integer> idOf(String identity) {
        return Optional.ofNullable(idsByIdentity.get(identity));
    }

    int maxId() {
        return maxId;
    }

    int maxVersion(String subject) {
        return maxVersions.getOrDefault(subject, 0);
    }

    /** All versions of a subject, soft-deleted ones included, oldest first. */
    List<SubjectVersion> versions(String subject) {
        TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    List<SubjectVersion> liveVersions(String subject) {
        return versions(subject).stream().filter(v -> !v.deleted()).toList();
    }

    List<String> subjectNames() {
        return List.copyOf(subjects.keySet());
    }

    /** Every subject version that uses schema {@code id}. */
    List<SubjectVersion> usesOf(int id) {
        List<SubjectVersion> uses = new ArrayList<>();
        for (TreeMap<Integer, SubjectVersion> versions : subjects.values()) {
            for (SubjectVersion version : versions.values()) {
                if (version.schemaId() == id) {
                    uses.add(version);
                }
            }
        }
        return uses;
    }

    /** Ids of live schemas that reference {@code subject}/{@code version}. */
    List<Integer> referencedBy(String subject, int version) {
        List<Integer> ids = new ArrayList<>();
        for (TreeMap<Integer, SubjectVersion> versions : subjects.values()) {
            for (SubjectVersion candidate : versions.values()) {
                StoredSchema schema = schemasById.get(candidate.schemaId());
                if (!candidate.deleted()
                        && schema != null
                        && schema.references().stream()
                                .anyMatch(r -> r.subject().equals(subject) && r.version() == version)
                        && !ids.contains(schema.id())) {
                    ids.add(schema.id());
                }
            }
        }
        ids.sort(Integer::compare);
        return ids;
    }

    Optional<CompatibilityLevel> globalConfig() {
        return Optional.ofNullable(globalConfig);
    }

    Optional<CompatibilityLevel> subjectConfig(String subject) {
        return Optional.ofNullable(subjectConfigs.get(subject));
    }

    Optional<RegistryMode> globalMode() {
        return Optional.ofNullable(globalMode);
    }

    Optional<RegistryMode> subjectMode(String subject) {
        return Optional.ofNullable(subjectModes.get(subject));
    }

    long skippedRecords() {
        return skippedRecords;
    }

    /**
     * A SHA-256 over the whole state in a fixed order: two instances with the same fingerprint answer every query
     * the same way.
     */
    String fingerprint() {
        StringBuilder dump = new StringBuilder();
        dump.append("maxId=").append(maxId).append('\n');
        dump.append("global=")
                .append(globalConfig)
                .append('/')
                .append(globalMode)
                .append('\n');
        new TreeMap<>(schemasById).forEach((id, schema) -> dump.append("schema ")
                .append(id)
                .append(' ')
                .append(schema.guid())
                .append(' ')
                .append(schema.identity())
                .append('\n'));
        subjects.forEach((subject, versions) ->
                versions.values().forEach(v -> dump.append("version ").append(v).append('\n')));
        dump.append("maxVersions=").append(maxVersions).append('\n');
        dump.append("configs=").append(subjectConfigs).append('\n');
        dump.append("modes=").append(subjectModes).append('\n');
        dump.append("guids=").append(new TreeMap<>(idsByGuid)).append('\n');
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(dump.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
