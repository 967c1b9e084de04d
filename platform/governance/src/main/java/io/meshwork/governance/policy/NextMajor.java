package io.meshwork.governance.policy;

import java.util.Optional;

import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.ProductSubject;

/** The major version a breaking change should ship as, for the fixes that suggest it. */
record NextMajor(String productId, Integer major) {
    static NextMajor of(PolicyInput input, String subject) {
        Optional<ProductSubject> parsed = ProductSubject.parse(subject);
        String id = input.productId() != null
                ? input.productId()
                : parsed.map(ProductSubject::productId).orElse(null);
        Integer current = parsed.map(ProductSubject::major).orElse(null);
        if (current == null && input.major().isPresent()) {
            current = input.major().getAsInt();
        }
        return new NextMajor(id, current == null ? null : current + 1);
    }

    /** @return e.g. {@code version 2.0.0 on topic sales.orders.v2}, or a generic phrase when unknown */
    String describe() {
        if (productId == null || major == null) {
            return "a new major version on a new topic";
        }
        return "version " + major + ".0.0 on topic " + productId + ".v" + major;
    }
}
