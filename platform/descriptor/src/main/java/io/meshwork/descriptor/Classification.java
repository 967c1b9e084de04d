package io.meshwork.descriptor;

import java.util.Locale;

/** Who may read a product. Public and internal products are granted at once; the others need approval. */
public enum Classification {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    RESTRICTED;

    /** @return true when a subscription needs an owner's or operator's approval */
    public boolean needsApproval() {
        return this == CONFIDENTIAL || this == RESTRICTED;
    }

    /** @return the lowercase form used in {@code dataproduct.yaml} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
