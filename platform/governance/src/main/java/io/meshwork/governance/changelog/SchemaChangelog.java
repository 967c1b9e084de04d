package io.meshwork.governance.changelog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.governance.ChangeClassification;
import io.meshwork.schemas.governance.SchemaChange;
import org.apache.avro.Schema;

/**
 * A field-by-field changelog between two versions of an Avro schema, each change classified as
 * {@code BREAKING}, {@code WARNING} or {@code INFO} under a compatibility level.
 *
 * <p>Every change is first judged in both directions: does the proposed schema still read data written with
 * the previous one (backward), and do readers on the previous schema still read data written with the
 * proposed one (forward)? The level then decides:
 *
 * <ul>
 *   <li><b>BREAKING</b>: the change breaks a direction the level checks ({@code BACKWARD*}: backward,
 *       {@code FORWARD*}: forward, {@code FULL*}: either).
 *   <li><b>WARNING</b>: the level allows it, but it breaks the direction the level does not check (whoever
 *       upgrades in the wrong order, or replays old data, fails), or it is compatible yet likely to surprise:
 *       a removed default or alias, a changed default or logical type, a rename that falls back to a default,
 *       string/bytes swaps.
 *   <li><b>INFO</b>: harmless both ways (docs, added aliases and defaults, custom properties, reordering).
 * </ul>
 *
 * <p>{@link CompatibilityLevel#NONE} is judged like {@code FULL}, with every BREAKING downgraded to WARNING: the
 * registry refuses nothing under it, but the changelog still says what would break. A changelog compares one
 * pair, so a transitive level classifies like its non-transitive form; check each live version for those.
 *
 * <p>The BREAKING verdict agrees with Avro's {@link org.apache.avro.SchemaCompatibility} for the level, with
 * one deliberate difference: a named type (record, enum, fixed) moved to another namespace is a breaking
 * {@code NAME_CHANGED} unless an alias covers the old full name, where Avro's check compares only short names.
 * Generated classes, and Confluent's specific-record deserializer, find types by full name.
 */
public final class SchemaChangelog {
    private static final Comparator<SchemaChange> ORDER = Comparator.comparing(SchemaChange::getPath)
            .thenComparing(SchemaChange::getKind)
            .thenComparing(SchemaChange::getDescription);

    private SchemaChangelog() {}

    /**
     * Lists every difference from {@code previous} to {@code proposed}.
     *
     * @param previous the version being replaced
     * @param proposed the version proposed to follow it
     * @param level the subject's compatibility level, which decides each change's classification
     * @return the changes, ordered by path, then kind, then description; empty when the schemas are identical
     *     (the same text, docs and properties included)
     */
    public static List<SchemaChange> between(Schema previous, Schema proposed, CompatibilityLevel level) {
        Objects.requireNonNull(previous, "previous schema");
        Objects.requireNonNull(proposed, "proposed schema");
        Objects.requireNonNull(level, "compatibility level");
        List<SchemaDiff.Found> found = SchemaDiff.between(previous, proposed);
        List<SchemaChange> changes = new ArrayList<>(found.size());
        for (SchemaDiff.Found change : found) {
            changes.add(SchemaChange.newBuilder()
                    .setPath(change.path())
                    .setKind(change.kind())
                    .setClassification(change.impact().classify(level))
                    .setDescription(change.description())
                    .build());
        }
        changes.sort(ORDER);
        return changes;
    }

    /**
     * @param changes a changelog, e.g. from {@link #between}
     * @return whether any change is BREAKING; an UNKNOWN classification (written by a newer platform) counts as
     *     breaking, as its schema documents
     */
    public static boolean hasBreaking(List<SchemaChange> changes) {
        for (SchemaChange change : changes) {
            ChangeClassification classification = change.getClassification();
            if (classification == ChangeClassification.BREAKING || classification == ChangeClassification.UNKNOWN) {
                return true;
            }
        }
        return false;
    }
}
