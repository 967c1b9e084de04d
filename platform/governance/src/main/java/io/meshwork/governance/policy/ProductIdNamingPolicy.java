package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code naming.product-id}: the product id is {@code <domain>.<name>}, both lowercase {@code [a-z][a-z0-9-]*}, and the
 * descriptor's {@code domain} is the id's first segment.
 */
public final class ProductIdNamingPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "naming.product-id";

    static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9-]*");

    public ProductIdNamingPolicy() {
        super(
                ID,
                "Product id is <domain>.<name> in lowercase, and domain is its first segment",
                "Topics, subjects, ACLs and the catalog are all derived from the product id; a predictable id lets"
                        + " consumers find a product and keeps one domain from writing into another's namespace.",
                PolicySeverity.BLOCKER,
                GovernanceAction.DECLARE,
                GovernanceAction.PUBLISH,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        ParsedDescriptor parsed = input.descriptor();
        if (parsed == null) {
            return List.of(Finding.skipped(NO_DESCRIPTOR));
        }
        ProductDescriptor d = parsed.descriptor();
        List<Finding> findings = new ArrayList<>();
        String[] parts = d.id().split("\\.", -1);
        if (parts.length != 2
                || !SEGMENT.matcher(parts[0]).matches()
                || !SEGMENT.matcher(parts[1]).matches()) {
            findings.add(Finding.failed(
                    "product id '" + d.id() + "' is not <domain>.<name> with each part lowercase letters, digits and"
                            + " hyphens, starting with a letter",
                    "set id: to <domain>.<name> in " + parsed.file() + ", e.g. '" + suggestion(d) + "'",
                    parsed.locate("id")));
        }
        if (!d.domain().equals(parts[0])) {
            findings.add(Finding.failed(
                    "domain '" + d.domain() + "' of product '" + d.id() + "' is not the id's first segment '" + parts[0]
                            + "'",
                    "set domain: " + parts[0] + " in " + parsed.file() + ", or rename the product to '" + d.domain()
                            + "." + d.name() + "'",
                    parsed.locate("domain")));
        }
        return findings;
    }

    private static String suggestion(ProductDescriptor d) {
        String domain = slug(d.domain());
        String name = slug(d.name().replace('.', '-'));
        return (domain.isEmpty() ? "sales" : domain) + "." + (name.isEmpty() ? "orders" : name);
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^[^a-z]+", "")
                .replaceAll("-+$", "");
    }
}
