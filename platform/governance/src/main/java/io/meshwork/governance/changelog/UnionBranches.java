package io.meshwork.governance.changelog;

import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;

/** Pairs the branches of two unions (a type that is not a union counts as a union of one branch). */
final class UnionBranches {
    private UnionBranches() {}

    /**
     * Pairs union branches: by full name (or type, for unnamed types); then named types by short name or by
     * an alias either way; then the one remaining named type of each kind on both sides, as a rename.
     *
     * @return for each branch of {@code after}, the index of its branch in {@code before}, or -1
     */
    static int[] match(List<Schema> before, List<Schema> after) {
        int[] matches = new int[after.size()];
        Arrays.fill(matches, -1);
        boolean[] taken = new boolean[before.size()];
        for (int j = 0; j < after.size(); j++) {
            for (int i = 0; i < before.size(); i++) {
                if (!taken[i] && sameBranch(before.get(i), after.get(j))) {
                    matches[j] = i;
                    taken[i] = true;
                    break;
                }
            }
        }
        for (int j = 0; j < after.size(); j++) {
            for (int i = 0; i < before.size() && matches[j] < 0; i++) {
                if (!taken[i] && sameNamedType(before.get(i), after.get(j))) {
                    matches[j] = i;
                    taken[i] = true;
                }
            }
        }
        for (Type kind : List.of(Type.RECORD, Type.ENUM, Type.FIXED)) {
            int onlyBefore = onlyUnmatched(before, kind, taken);
            int onlyAfter = onlyUnmatched(after, kind, matched(matches));
            if (onlyBefore >= 0 && onlyAfter >= 0) {
                matches[onlyAfter] = onlyBefore;
                taken[onlyBefore] = true;
            }
        }
        return matches;
    }

    private static boolean[] matched(int[] matches) {
        boolean[] matched = new boolean[matches.length];
        for (int j = 0; j < matches.length; j++) {
            matched[j] = matches[j] >= 0;
        }
        return matched;
    }

    private static int onlyUnmatched(List<Schema> branches, Type kind, boolean[] taken) {
        int only = -1;
        for (int i = 0; i < branches.size(); i++) {
            if (!taken[i] && branches.get(i).getType() == kind) {
                if (only >= 0) {
                    return -1;
                }
                only = i;
            }
        }
        return only;
    }

    /** @return whether two unions have the same branches in the same order (the common, unchanged case) */
    static boolean sameInOrder(Schema before, Schema after) {
        List<Schema> beforeBranches = before.getTypes();
        List<Schema> afterBranches = after.getTypes();
        if (beforeBranches.size() != afterBranches.size()) {
            return false;
        }
        for (int i = 0; i < beforeBranches.size(); i++) {
            if (!sameBranch(beforeBranches.get(i), afterBranches.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBranch(Schema before, Schema after) {
        if (before.getType() != after.getType()) {
            return false;
        }
        return switch (before.getType()) {
            case RECORD, ENUM, FIXED -> before.getFullName().equals(after.getFullName());
            default -> true;
        };
    }

    private static boolean sameNamedType(Schema before, Schema after) {
        if (before.getType() != after.getType()) {
            return false;
        }
        return switch (before.getType()) {
            case RECORD, ENUM, FIXED ->
                before.getName().equals(after.getName())
                        || after.getAliases().contains(before.getFullName())
                        || before.getAliases().contains(after.getFullName());
            default -> false;
        };
    }

    /**
     * Whether a reader reads what a writer wrote without the two being the same branch: Avro's promotions.
     * Named and complex types only read their own kind, and those are paired by {@link #match}.
     */
    static boolean promotes(Schema writer, Schema reader) {
        Type from = writer.getType();
        return switch (reader.getType()) {
            case LONG -> from == Type.INT;
            case FLOAT -> from == Type.INT || from == Type.LONG;
            case DOUBLE -> from == Type.INT || from == Type.LONG || from == Type.FLOAT;
            case STRING -> from == Type.BYTES;
            case BYTES -> from == Type.STRING;
            default -> false;
        };
    }

    /** @return whether an unmatched string branch is read by a bytes branch on the other side, or the reverse */
    static boolean crossStringAndBytes(List<Schema> unmatched, List<Schema> others) {
        for (Schema branch : unmatched) {
            Type type = branch.getType();
            if (type == Type.STRING || type == Type.BYTES) {
                Type other = type == Type.STRING ? Type.BYTES : Type.STRING;
                if (others.stream().anyMatch(schema -> schema.getType() == other)) {
                    return true;
                }
            }
        }
        return false;
    }
}
