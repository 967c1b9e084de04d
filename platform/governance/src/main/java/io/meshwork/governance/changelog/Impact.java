package io.meshwork.governance.changelog;

import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.governance.ChangeClassification;

/**
 * What one change does to readers, independent of any compatibility level.
 *
 * @param breaksBackward the proposed schema cannot read some data written with the previous one
 * @param breaksForward readers on the previous schema cannot read some data written with the proposed one
 * @param caution compatible both ways, but likely to surprise someone (a removed default, a changed
 *     logical type, a rename that silently falls back to a default)
 */
record Impact(boolean breaksBackward, boolean breaksForward, boolean caution) {
    static final Impact HARMLESS = new Impact(false, false, false);
    static final Impact CAUTION = new Impact(false, false, true);

    /**
     * A change breaks when it breaks a direction the level checks. A change that breaks only the direction
     * the level does not check is still worth a warning: the level allows it, but whoever upgrades in the
     * wrong order (or replays the topic) fails. {@link CompatibilityLevel#NONE} is classified like FULL,
     * with nothing worse than a warning, because the registry refuses nothing under it.
     */
    ChangeClassification classify(CompatibilityLevel level) {
        boolean none = level == CompatibilityLevel.NONE;
        boolean checksBackward = none || level.backward();
        boolean checksForward = none || level.forward();
        if ((checksBackward && breaksBackward) || (checksForward && breaksForward)) {
            return none ? ChangeClassification.WARNING : ChangeClassification.BREAKING;
        }
        if (breaksBackward || breaksForward || caution) {
            return ChangeClassification.WARNING;
        }
        return ChangeClassification.INFO;
    }

    Impact or(Impact other) {
        return new Impact(
                breaksBackward || other.breaksBackward, breaksForward || other.breaksForward, caution || other.caution);
    }

    /** @return why the change breaks readers, for the changelog line; empty when it breaks nobody */
    String consequence() {
        if (breaksBackward && breaksForward) {
            return "neither schema can read data written with the other";
        }
        if (breaksBackward) {
            return "the new schema cannot read data written with the previous one";
        }
        if (breaksForward) {
            return "readers on the previous schema cannot read data written with the new one";
        }
        return "";
    }
}
