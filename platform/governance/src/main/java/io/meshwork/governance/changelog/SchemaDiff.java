package io.meshwork.governance.changelog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.meshwork.schemas.governance.ChangeKind;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;

/**
 * Walks a previous and a proposed schema side by side and records every difference with its {@link Impact}.
 *
 * <p>Fields are matched by name, then by the proposed field's aliases, then by the previous field's aliases
 * (the way Avro's resolution matches them); union branches as {@link UnionBranches#match} pairs them. Each
 * named pair is compared once, which both ends recursive types and reports a type used in several places
 * once, at its first path.
 */
final class SchemaDiff {
    private static final Set<String> LOGICAL_TYPE_PROPS = Set.of("logicalType", "precision", "scale");
    private static final String PROMOTIONS = "int to long, float or double; long to float or double; float to double";

    /** One change, before a compatibility level classifies it. */
    record Found(String path, ChangeKind kind, Impact impact, String description) {}

    private final List<Found> found = new ArrayList<>();
    private final Set<NamedPair> compared = new HashSet<>();
    /**
     * Whether the new schema reads the spot being compared, and whether readers on the previous schema do.
     * Inside a renamed field that one side does not match, that side never reads the nested values, so nested
     * changes cannot break it; the rename itself carries that impact.
     */
    private boolean backwardReads = true;

    private boolean forwardReads = true;

    private SchemaDiff() {}

    /** @return every difference, in the order the walk met them */
    static List<Found> between(Schema previous, Schema proposed) {
        SchemaDiff diff = new SchemaDiff();
        diff.compare(Where.ROOT, previous, proposed);
        return diff.found;
    }

    private void compare(Where where, Schema before, Schema after) {
        if (before == after) {
            return;
        }
        if (before.getType() == after.getType() && before.getType() != Type.UNION) {
            compareSameType(where, before, after);
        } else {
            compareBranches(where, before, after);
        }
    }

    private void compareSameType(Where where, Schema before, Schema after) {
        switch (before.getType()) {
            case RECORD -> {
                if (compared.add(new NamedPair(before, after, backwardReads, forwardReads))) {
                    compareNamed(where, "record", before, after);
                    compareFields(where, before, after);
                }
            }
            case ENUM -> {
                if (compared.add(new NamedPair(before, after, backwardReads, forwardReads))) {
                    compareNamed(where, "enum", before, after);
                    compareSymbols(where, before, after);
                }
            }
            case FIXED -> {
                if (compared.add(new NamedPair(before, after, backwardReads, forwardReads))) {
                    compareNamed(where, "fixed", before, after);
                    compareSize(where, before, after);
                    compareLogicalType(where, before, after);
                }
            }
            case ARRAY -> {
                compareProps(where, () -> "type of " + where.label(), before, after, Set.of());
                compare(where.items(), before.getElementType(), after.getElementType());
            }
            case MAP -> {
                compareProps(where, () -> "type of " + where.label(), before, after, Set.of());
                compare(where.values(), before.getValueType(), after.getValueType());
            }
            default -> {
                compareLogicalType(where, before, after);
                compareProps(where, () -> "type of " + where.label(), before, after, logicalTypeProps(before, after));
            }
        }
    }

    // ---------------------------------------------------------------- named types

    private void compareNamed(Where where, String kind, Schema before, Schema after) {
        Supplier<String> subject = () -> where.named(kind, after);
        boolean renamed = !before.getFullName().equals(after.getFullName());
        Set<String> beforeAliases = before.getAliases();
        Set<String> afterAliases = after.getAliases();
        if (renamed) {
            boolean newReadsOld = afterAliases.contains(before.getFullName());
            boolean oldReadsNew = beforeAliases.contains(after.getFullName());
            Impact impact = new Impact(!newReadsOld, !oldReadsNew, false);
            List<String> notes = new ArrayList<>();
            if (newReadsOld) {
                notes.add("the alias '" + before.getFullName() + "' lets the new schema read old data");
            }
            if (oldReadsNew) {
                notes.add("the previous schema's alias '" + after.getFullName() + "' lets its readers read new data");
            }
            boolean moved = before.getName().equals(after.getName());
            if (moved) {
                // Avro's own check compares short names only; the changelog is stricter on purpose.
                notes.add("generated classes and specific-record deserializers find types by full name");
            }
            String text = where.named(kind, before) + " "
                    + (moved
                            ? "moved from " + namespace(before) + " to " + namespace(after)
                            : "renamed from '" + before.getFullName() + "' to '" + after.getFullName() + "'")
                    + notes(notes);
            String fix = impact.breaksBackward()
                    ? "add the alias '" + before.getFullName() + "' to it"
                    : "keep the full name: readers on the previous schema, and generated classes, know the type"
                            + " only as '" + before.getFullName() + "'";
            emit(where, ChangeKind.NAME_CHANGED, impact, text, fix);
        }
        compareDoc(where, subject, before.getDoc(), after.getDoc());
        for (String alias : difference(afterAliases, beforeAliases)) {
            if (!(renamed && alias.equals(before.getFullName()))) {
                emit(where, ChangeKind.ALIAS_ADDED, Impact.HARMLESS, subject.get() + " gained alias '" + alias + "'");
            }
        }
        for (String alias : difference(beforeAliases, afterAliases)) {
            if (!(renamed && alias.equals(after.getFullName()))) {
                emit(
                        where,
                        ChangeKind.ALIAS_REMOVED,
                        Impact.CAUTION,
                        subject.get() + " lost alias '" + alias + "': data written under the name '" + alias
                                + "' no longer resolves to it");
            }
        }
        compareProps(where, subject, before, after, logicalTypeProps(before, after));
    }

    private void compareSymbols(Where where, Schema before, Schema after) {
        List<String> beforeSymbols = before.getEnumSymbols();
        List<String> afterSymbols = after.getEnumSymbols();
        String beforeDefault = before.getEnumDefault();
        String afterDefault = after.getEnumDefault();
        if (beforeSymbols.equals(afterSymbols) && Objects.equals(beforeDefault, afterDefault)) {
            return;
        }
        String subject = where.named("enum", after);
        if (!beforeSymbols.equals(afterSymbols)) {
            Set<String> beforeSet = new HashSet<>(beforeSymbols);
            Set<String> afterSet = new HashSet<>(afterSymbols);
            for (String symbol : afterSymbols) {
                if (!beforeSet.contains(symbol)) {
                    Impact impact = new Impact(false, beforeDefault == null, false);
                    String text = subject + " gained symbol '" + symbol + "'"
                            + (beforeDefault == null
                                    ? ""
                                    : " (readers on the previous schema read it as its default '" + beforeDefault
                                            + "')");
                    emit(
                            where,
                            ChangeKind.ENUM_SYMBOL_ADDED,
                            impact,
                            text,
                            "give the enum a default symbol in an earlier version, so older readers fall back to it");
                }
            }
            for (String symbol : beforeSymbols) {
                if (!afterSet.contains(symbol)) {
                    Impact impact = new Impact(afterDefault == null, false, false);
                    String text = subject + " lost symbol '" + symbol + "'"
                            + (afterDefault == null
                                    ? ""
                                    : " (the new schema reads old '" + symbol + "' values as its default '"
                                            + afterDefault + "')");
                    emit(
                            where,
                            ChangeKind.ENUM_SYMBOL_REMOVED,
                            impact,
                            text,
                            "keep the symbol, or give the enum a default symbol");
                }
            }
            List<String> kept = new ArrayList<>(beforeSymbols);
            kept.retainAll(afterSet);
            List<String> keptAfter = new ArrayList<>(afterSymbols);
            keptAfter.retainAll(beforeSet);
            if (!kept.equals(keptAfter)) {
                emit(
                        where,
                        ChangeKind.OTHER,
                        Impact.HARMLESS,
                        subject + " reordered its symbols from " + SchemaText.list(kept) + " to "
                                + SchemaText.list(keptAfter) + " (this changes only how values sort)");
            }
        }
        if (!Objects.equals(beforeDefault, afterDefault)) {
            if (beforeDefault == null) {
                emit(
                        where,
                        ChangeKind.DEFAULT_ADDED,
                        Impact.HARMLESS,
                        subject + " gained default symbol '" + afterDefault + "'");
            } else if (afterDefault == null) {
                emit(
                        where,
                        ChangeKind.DEFAULT_REMOVED,
                        Impact.CAUTION,
                        subject + " lost its default symbol '" + beforeDefault
                                + "': compatible now, but symbols added later will break readers on this version");
            } else {
                emit(
                        where,
                        ChangeKind.OTHER,
                        Impact.CAUTION,
                        subject + " changed its default symbol from '" + beforeDefault + "' to '" + afterDefault
                                + "': unknown symbols now read as a different value depending on the reader's version");
            }
        }
    }

    private void compareSize(Where where, Schema before, Schema after) {
        if (before.getFixedSize() != after.getFixedSize()) {
            emit(
                    where,
                    ChangeKind.TYPE_CHANGED,
                    new Impact(true, true, false),
                    where.named("fixed", after) + " changed size from " + before.getFixedSize() + " to "
                            + after.getFixedSize() + " bytes",
                    "keep the size; a fixed of another size is a new type, so add it as a new field");
        }
    }

    // ---------------------------------------------------------------- records

    private void compareFields(Where where, Schema before, Schema after) {
        List<Field> beforeFields = before.getFields();
        List<Field> afterFields = after.getFields();
        Field[] matches = new Field[afterFields.size()];
        boolean[] taken = new boolean[beforeFields.size()];
        int unmatched = afterFields.size();
        for (Field field : afterFields) {
            Field match = before.getField(field.name());
            if (match != null) {
                matches[field.pos()] = match;
                taken[match.pos()] = true;
                unmatched--;
            }
        }
        if (unmatched > 0 && unmatched + beforeFields.size() > afterFields.size()) {
            matchByAlias(before, afterFields, matches, taken);
        }
        int lastPosition = -1;
        boolean reordered = false;
        for (Field field : afterFields) {
            Field match = matches[field.pos()];
            if (match == null) {
                fieldAdded(where, field);
            } else {
                reordered |= match.pos() < lastPosition;
                lastPosition = match.pos();
                compareField(where, match, field);
            }
        }
        for (Field field : beforeFields) {
            if (!taken[field.pos()]) {
                fieldRemoved(where, field);
            }
        }
        if (reordered) {
            List<String> order = new ArrayList<>();
            for (Field field : afterFields) {
                if (matches[field.pos()] != null) {
                    order.add(matches[field.pos()].name());
                }
            }
            emit(
                    where,
                    ChangeKind.OTHER,
                    Impact.HARMLESS,
                    where.named("record", after) + " reordered its fields to " + SchemaText.list(order)
                            + " (readers match fields by name, so only the written order changes)");
        }
    }

    private static void matchByAlias(Schema before, List<Field> afterFields, Field[] matches, boolean[] taken) {
        for (Field field : afterFields) {
            if (matches[field.pos()] == null) {
                for (String alias : field.aliases()) {
                    Field match = before.getField(alias);
                    if (match != null && !taken[match.pos()]) {
                        matches[field.pos()] = match;
                        taken[match.pos()] = true;
                        break;
                    }
                }
            }
        }
        for (Field field : afterFields) {
            if (matches[field.pos()] == null) {
                for (Field candidate : before.getFields()) {
                    if (!taken[candidate.pos()] && candidate.aliases().contains(field.name())) {
                        matches[field.pos()] = candidate;
                        taken[candidate.pos()] = true;
                        break;
                    }
                }
            }
        }
    }

    private void fieldAdded(Where record, Field field) {
        Where where = record.field(field.name());
        boolean hasDefault = field.hasDefaultValue();
        emit(
                where,
                ChangeKind.FIELD_ADDED,
                new Impact(!hasDefault, false, false),
                where.label() + " added as " + SchemaText.typePhrase(field.schema())
                        + (hasDefault ? " with default " + SchemaText.value(field.defaultVal()) : " without a default"),
                "give it a default");
    }

    private void fieldRemoved(Where record, Field field) {
        Where where = record.field(field.name());
        boolean hadDefault = field.hasDefaultValue();
        emit(
                where,
                ChangeKind.FIELD_REMOVED,
                new Impact(false, !hadDefault, false),
                where.label() + " removed (was " + SchemaText.typePhrase(field.schema())
                        + (hadDefault ? " with default " + SchemaText.value(field.defaultVal()) : " without a default")
                        + ")",
                "give it a default in an earlier version, then remove it");
    }

    private void compareField(Where record, Field before, Field after) {
        Where where = record.field(after.name());
        boolean renamed = !before.name().equals(after.name());
        if (renamed) {
            fieldRenamed(record, where, before, after);
        }
        boolean outerBackwardReads = backwardReads;
        boolean outerForwardReads = forwardReads;
        if (renamed) {
            backwardReads &= after.aliases().contains(before.name());
            forwardReads &= before.aliases().contains(after.name());
        }
        compare(where, before.schema(), after.schema());
        backwardReads = outerBackwardReads;
        forwardReads = outerForwardReads;
        compareDefault(where, before, after);
        compareDoc(where, where::label, before.doc(), after.doc());
        Set<String> beforeAliases = before.aliases();
        Set<String> afterAliases = after.aliases();
        if (!beforeAliases.equals(afterAliases)) {
            for (String alias : difference(afterAliases, beforeAliases)) {
                if (!(renamed && alias.equals(before.name()))) {
                    emit(
                            where,
                            ChangeKind.ALIAS_ADDED,
                            Impact.HARMLESS,
                            where.label() + " gained alias '" + alias + "'");
                }
            }
            for (String alias : difference(beforeAliases, afterAliases)) {
                if (!(renamed && alias.equals(after.name()))) {
                    emit(
                            where,
                            ChangeKind.ALIAS_REMOVED,
                            Impact.CAUTION,
                            where.label() + " lost alias '" + alias + "': data written with a field named '" + alias
                                    + "' no longer fills it");
                }
            }
        }
        if (before.order() != after.order()) {
            emit(
                    where,
                    ChangeKind.OTHER,
                    Impact.HARMLESS,
                    where.label() + " changed sort order from "
                            + before.order().name().toLowerCase(Locale.ROOT) + " to "
                            + after.order().name().toLowerCase(Locale.ROOT));
        }
        compareProps(where, where::label, before, after, Set.of());
    }

    private void fieldRenamed(Where record, Where where, Field before, Field after) {
        boolean newReadsOld = after.aliases().contains(before.name());
        boolean oldReadsNew = before.aliases().contains(after.name());
        // Without an alias a reader does not fail when it has a default: it silently fills in the default.
        Impact impact = new Impact(
                !newReadsOld && !after.hasDefaultValue(),
                !oldReadsNew && !before.hasDefaultValue(),
                !newReadsOld || !oldReadsNew);
        List<String> notes = new ArrayList<>();
        if (newReadsOld) {
            notes.add("the alias '" + before.name() + "' lets the new schema read old data");
        } else if (after.hasDefaultValue()) {
            notes.add("the new schema reads old data with its default " + SchemaText.value(after.defaultVal())
                    + " instead of the old value");
        }
        if (oldReadsNew) {
            notes.add("the previous schema's alias '" + after.name() + "' lets its readers read new data");
        } else if (before.hasDefaultValue()) {
            notes.add("readers on the previous schema see its default " + SchemaText.value(before.defaultVal())
                    + " instead of the new value");
        }
        String text = record.field(before.name()).label() + " renamed to '" + after.name() + "'" + notes(notes);
        String fix = impact.breaksBackward()
                ? "add the alias '" + before.name() + "' to the renamed field"
                : "keep the old name, or rename it in a new major version";
        emit(where, ChangeKind.NAME_CHANGED, impact, text, fix);
    }

    private void compareDefault(Where where, Field before, Field after) {
        boolean hadDefault = before.hasDefaultValue();
        boolean hasDefault = after.hasDefaultValue();
        if (hadDefault && hasDefault) {
            Object beforeValue = before.defaultVal();
            Object afterValue = after.defaultVal();
            if (!SchemaText.sameValue(beforeValue, afterValue)) {
                emit(
                        where,
                        ChangeKind.OTHER,
                        Impact.CAUTION,
                        where.label() + " changed default from " + SchemaText.value(beforeValue) + " to "
                                + SchemaText.value(afterValue)
                                + ": records written without the field now read differently depending on the"
                                + " reader's version");
            }
        } else if (hasDefault) {
            emit(
                    where,
                    ChangeKind.DEFAULT_ADDED,
                    Impact.HARMLESS,
                    where.label() + " gained default " + SchemaText.value(after.defaultVal()));
        } else if (hadDefault) {
            emit(
                    where,
                    ChangeKind.DEFAULT_REMOVED,
                    Impact.CAUTION,
                    where.label() + " lost its default " + SchemaText.value(before.defaultVal())
                            + ": compatible now, but removing the field later will break readers on this version");
        }
    }

    // ---------------------------------------------------------------- types and unions

    /**
     * Compares two types of which at least one is a union, or whose kinds differ; a type that is not a union
     * counts as a union of one branch, so "made optional", a promotion and a replaced type are one rule.
     */
    private void compareBranches(Where where, Schema before, Schema after) {
        if (before.getType() == Type.UNION
                && after.getType() == Type.UNION
                && UnionBranches.sameInOrder(before, after)) {
            for (int i = 0; i < before.getTypes().size(); i++) {
                compareSameType(
                        where, before.getTypes().get(i), after.getTypes().get(i));
            }
            return;
        }
        List<Schema> beforeBranches = before.getType() == Type.UNION ? before.getTypes() : List.of(before);
        List<Schema> afterBranches = after.getType() == Type.UNION ? after.getTypes() : List.of(after);
        int[] matches = UnionBranches.match(beforeBranches, afterBranches);
        boolean[] taken = new boolean[beforeBranches.size()];
        int lastPosition = -1;
        boolean reordered = false;
        List<Schema> added = new ArrayList<>();
        for (int j = 0; j < afterBranches.size(); j++) {
            int i = matches[j];
            if (i < 0) {
                added.add(afterBranches.get(j));
            } else {
                taken[i] = true;
                reordered |= i < lastPosition;
                lastPosition = i;
                compareSameType(where, beforeBranches.get(i), afterBranches.get(j));
            }
        }
        List<Schema> removed = new ArrayList<>();
        for (int i = 0; i < beforeBranches.size(); i++) {
            if (!taken[i]) {
                removed.add(beforeBranches.get(i));
            }
        }
        boolean unionChanged = (before.getType() == Type.UNION) != (after.getType() == Type.UNION);
        if (added.isEmpty() && removed.isEmpty() && !reordered && !unionChanged) {
            return;
        }
        List<String> oldUnreadable = new ArrayList<>();
        if (backwardReads) {
            for (Schema branch : removed) {
                if (afterBranches.stream().noneMatch(reader -> UnionBranches.promotes(branch, reader))) {
                    oldUnreadable.add(SchemaText.type(branch));
                }
            }
        }
        List<String> newUnreadable = new ArrayList<>();
        if (forwardReads) {
            for (Schema branch : added) {
                if (beforeBranches.stream().noneMatch(reader -> UnionBranches.promotes(branch, reader))) {
                    newUnreadable.add(SchemaText.type(branch));
                }
            }
        }
        boolean textual = UnionBranches.crossStringAndBytes(removed, afterBranches)
                || UnionBranches.crossStringAndBytes(added, beforeBranches);
        StringBuilder text = new StringBuilder(describeTypeChange(where, before, after, added, removed, reordered));
        List<String> consequences = new ArrayList<>();
        if (!oldUnreadable.isEmpty()) {
            consequences.add("the new schema cannot read old " + String.join(", ", oldUnreadable) + " values");
        }
        if (!newUnreadable.isEmpty()) {
            consequences.add(
                    "readers on the previous schema cannot read " + String.join(", ", newUnreadable) + " values");
        }
        if (!consequences.isEmpty()) {
            consequences.add(fixForTypeChange(before, after, added, removed, reordered));
        }
        if (textual) {
            consequences.add("string and bytes read each other, but bytes that are not UTF-8 become garbled strings");
        }
        if (!consequences.isEmpty()) {
            text.append(": ").append(String.join("; ", consequences));
        }
        Impact impact = new Impact(!oldUnreadable.isEmpty(), !newUnreadable.isEmpty(), textual);
        emit(where, ChangeKind.TYPE_CHANGED, impact, text.toString());
    }

    private static String describeTypeChange(
            Where where, Schema before, Schema after, List<Schema> added, List<Schema> removed, boolean reordered) {
        String types = " from " + SchemaText.type(before) + " to " + SchemaText.type(after);
        if (madeOptional(added, removed, reordered)) {
            return where.label() + " made optional," + types;
        }
        if (madeOptional(removed, added, reordered)) {
            return where.label() + " made required," + types;
        }
        if (before.getType() != Type.UNION || after.getType() != Type.UNION) {
            return where.label() + " changed type" + types;
        }
        List<String> details = new ArrayList<>();
        if (!added.isEmpty()) {
            details.add("added " + branchNames(added));
        }
        if (!removed.isEmpty()) {
            details.add("removed " + branchNames(removed));
        }
        if (reordered) {
            details.add("reordered the branches");
        }
        return where.label() + " changed type" + types + " (" + String.join(", ", details) + ")";
    }

    /** @return whether the only change is a null branch added (or, with the lists swapped, removed) */
    private static boolean madeOptional(List<Schema> added, List<Schema> removed, boolean reordered) {
        return !reordered
                && removed.isEmpty()
                && added.size() == 1
                && added.get(0).getType() == Type.NULL;
    }

    private static String fixForTypeChange(
            Schema before, Schema after, List<Schema> added, List<Schema> removed, boolean reordered) {
        if (madeOptional(added, removed, reordered) || madeOptional(removed, added, reordered)) {
            return "keep it as it was, or make the change in a new major version";
        }
        if (before.getType() == Type.UNION && after.getType() == Type.UNION) {
            return "keep the union's branches, or change them in a new major version";
        }
        if (isNumber(before) && isNumber(after)) {
            return "keep the old type, or change it only by a promotion (" + PROMOTIONS + ")";
        }
        return "keep the old type, or add the new one as a new field";
    }

    private static boolean isNumber(Schema schema) {
        return switch (schema.getType()) {
            case INT, LONG, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    private static String branchNames(List<Schema> branches) {
        List<String> names = new ArrayList<>();
        for (Schema branch : branches) {
            names.add(SchemaText.type(branch));
        }
        return String.join(", ", names);
    }

    private void compareLogicalType(Where where, Schema before, Schema after) {
        String beforeType = SchemaText.logicalType(before);
        String afterType = SchemaText.logicalType(after);
        if (!beforeType.equals(afterType)) {
            emit(
                    where,
                    ChangeKind.TYPE_CHANGED,
                    Impact.CAUTION,
                    where.label() + " changed logical type from " + (beforeType.isEmpty() ? "none" : beforeType)
                            + " to " + (afterType.isEmpty() ? "none" : afterType) + " on "
                            + after.getType().getName()
                            + ": the encoding is unchanged, so both schemas still read it, but they interpret the"
                            + " values differently");
        }
    }

    // ---------------------------------------------------------------- docs and properties

    private void compareDoc(Where where, Supplier<String> subject, String before, String after) {
        if (Objects.equals(before, after)) {
            return;
        }
        String text;
        if (before == null) {
            text = subject.get() + " gained doc " + SchemaText.doc(after);
        } else if (after == null) {
            text = subject.get() + " lost its doc (was " + SchemaText.doc(before) + ")";
        } else {
            text = subject.get() + " changed doc from " + SchemaText.doc(before) + " to " + SchemaText.doc(after);
        }
        emit(where, ChangeKind.DOC_CHANGED, Impact.HARMLESS, text);
    }

    private void compareProps(
            Where where, Supplier<String> subject, JsonProperties before, JsonProperties after, Set<String> ignored) {
        if (!before.hasProps() && !after.hasProps()) {
            return;
        }
        Map<String, Object> beforeProps = before.getObjectProps();
        Map<String, Object> afterProps = after.getObjectProps();
        if (beforeProps.equals(afterProps)) {
            return;
        }
        Set<String> keys = new TreeSet<>(beforeProps.keySet());
        keys.addAll(afterProps.keySet());
        for (String key : keys) {
            if (ignored.contains(key)) {
                continue;
            }
            boolean had = beforeProps.containsKey(key);
            boolean has = afterProps.containsKey(key);
            Object beforeValue = beforeProps.get(key);
            Object afterValue = afterProps.get(key);
            String text;
            if (!had) {
                text = subject.get() + " gained property '" + key + "' = " + SchemaText.value(afterValue);
            } else if (!has) {
                text = subject.get() + " lost property '" + key + "' (was " + SchemaText.value(beforeValue) + ")";
            } else if (!SchemaText.sameValue(beforeValue, afterValue)) {
                text = subject.get() + " changed property '" + key + "' from " + SchemaText.value(beforeValue) + " to "
                        + SchemaText.value(afterValue);
            } else {
                continue;
            }
            emit(where, ChangeKind.OTHER, Impact.HARMLESS, text);
        }
    }

    // ---------------------------------------------------------------- recording

    private void emit(Where where, ChangeKind kind, Impact impact, String text) {
        found.add(new Found(where.path(), kind, seen(impact), text));
    }

    private void emit(Where where, ChangeKind kind, Impact impact, String text, String fix) {
        String consequence = seen(impact).consequence();
        emit(where, kind, impact, consequence.isEmpty() ? text : text + ": " + consequence + "; " + fix);
    }

    /** @return the impact without the directions that do not read this spot (see {@link #backwardReads}) */
    private Impact seen(Impact impact) {
        if (backwardReads && forwardReads) {
            return impact;
        }
        return new Impact(
                impact.breaksBackward() && backwardReads, impact.breaksForward() && forwardReads, impact.caution());
    }

    private static String notes(List<String> notes) {
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    private static List<String> difference(Set<String> from, Set<String> without) {
        List<String> result = new ArrayList<>();
        for (String item : from) {
            if (!without.contains(item)) {
                result.add(item);
            }
        }
        return result;
    }

    /** @return the properties a logical type is made of, which {@link #compareLogicalType} reports instead */
    private static Set<String> logicalTypeProps(Schema before, Schema after) {
        return before.getLogicalType() != null || after.getLogicalType() != null ? LOGICAL_TYPE_PROPS : Set.of();
    }

    private static String namespace(Schema schema) {
        String namespace = schema.getNamespace();
        return namespace == null || namespace.isEmpty() ? "no namespace" : "namespace '" + namespace + "'";
    }

    /**
     * Where a change sits: its dotted field path, and how a changelog line names the spot. The path is built
     * only when a change is found there, so walking unchanged fields allocates no strings.
     */
    static final class Where {
        static final Where ROOT = new Where(null, null, "");

        private final Where parent;
        private final String name;
        private final String prefix;
        private String path;

        private Where(Where parent, String name, String prefix) {
            this.parent = parent;
            this.name = name;
            this.prefix = prefix;
        }

        Where field(String fieldName) {
            return new Where(this, fieldName, "");
        }

        Where items() {
            return new Where(parent, name, "items of " + prefix);
        }

        Where values() {
            return new Where(parent, name, "values of " + prefix);
        }

        String path() {
            if (path == null) {
                String parentPath = parent == null ? "" : parent.path();
                path = name == null ? "" : parentPath.isEmpty() ? name : parentPath + "." + name;
            }
            return path;
        }

        String label() {
            return prefix + (path().isEmpty() ? "the root schema" : "field '" + path() + "'");
        }

        /** @return e.g. "enum 'Status' in field 'status'", or "root record 'Order'" */
        String named(String kind, Schema schema) {
            if (path().isEmpty() && prefix.isEmpty()) {
                return "root " + kind + " '" + schema.getName() + "'";
            }
            return kind + " '" + schema.getName() + "' in " + label();
        }
    }

    /**
     * A pair of named types compared once, by identity (a recursive type meets itself again), and by which
     * directions read it there.
     */
    private static final class NamedPair {
        private final Schema before;
        private final Schema after;
        private final boolean backwardReads;
        private final boolean forwardReads;

        NamedPair(Schema before, Schema after, boolean backwardReads, boolean forwardReads) {
            this.before = before;
            this.after = after;
            this.backwardReads = backwardReads;
            this.forwardReads = forwardReads;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NamedPair pair
                    && pair.before == before
                    && pair.after == after
                    && pair.backwardReads == backwardReads
                    && pair.forwardReads == forwardReads;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(before)
                    + System.identityHashCode(after)
                    + (backwardReads ? 2 : 0)
                    + (forwardReads ? 1 : 0);
        }
    }
}
