package io.meshwork.platform.server.catalog;

import java.util.HashMap;
import java.util.Map;

import io.meshwork.catalog.CatalogProjection;
import io.meshwork.catalog.ProductView;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.governance.ProductFacts;

/** What governance may know about a product, read from the catalog. */
final class CatalogFacts {
    private CatalogFacts() {}

    static ProductFacts of(CatalogProjection projection, String productId) {
        return projection.product(productId).map(CatalogFacts::of).orElse(ProductFacts.NONE);
    }

    static ProductFacts of(ProductView p) {
        Map<Integer, String> status = new HashMap<>();
        Map<Integer, String> active = new HashMap<>();
        Map<Integer, ParsedDescriptor> descriptors = new HashMap<>();
        for (ProductView.Line line : p.lines()) {
            status.put(line.major(), line.status().name());
            if (line.activeVersion() != null) {
                active.put(line.major(), line.activeVersion());
            }
            String current = line.activeVersion() != null ? line.activeVersion() : line.proposedVersion();
            p.version(current).ifPresent(v -> descriptors.put(line.major(), ParsedDescriptor.of(v.descriptor())));
        }
        String classification = p.descriptor().classification() == null
                ? null
                : p.descriptor().classification().yamlName();
        return ProductFacts.of(status, active, classification, descriptors);
    }
}
