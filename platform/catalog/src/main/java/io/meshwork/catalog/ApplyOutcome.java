package io.meshwork.catalog;

/**
 * What the catalog did with one lifecycle event.
 *
 * @param kind applied, ignored as a duplicate, or refused
 * @param reason for a refusal: which transition was attempted and why it is illegal; otherwise empty
 * @param fix for a refusal: what to do instead; otherwise empty
 */
public record ApplyOutcome(Kind kind, String reason, String fix) {
    private static final ApplyOutcome APPLIED = new ApplyOutcome(Kind.APPLIED, "", "");
    private static final ApplyOutcome DUPLICATE = new ApplyOutcome(Kind.DUPLICATE, "", "");

    /** What happened to the event. */
    public enum Kind {
        APPLIED,
        DUPLICATE,
        REFUSED
    }

    static ApplyOutcome ok() {
        return APPLIED;
    }

    static ApplyOutcome duplicate() {
        return DUPLICATE;
    }

    static ApplyOutcome refused(String reason, String fix) {
        return new ApplyOutcome(Kind.REFUSED, reason, fix);
    }

    /** @return true when the event changed the catalog */
    public boolean wasApplied() {
        return kind == Kind.APPLIED;
    }
}
