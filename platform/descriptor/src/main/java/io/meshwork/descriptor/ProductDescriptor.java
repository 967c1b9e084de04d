package io.meshwork.descriptor;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data product as its domain team declares it in {@code dataproduct.yaml}: the contract between the team, its
 * consumers and the platform. Immutable; lists and maps are never null (empty when absent). Read one with {@link
 * DescriptorParser}; write one as canonical JSON with {@link CanonicalJson}.
 *
 * @param id product id {@code <domain>.<name>}, e.g. {@code sales.orders}
 * @param version semver {@code MAJOR.MINOR.PATCH}; MAJOR is the topic version
 * @param domain owning domain, the first segment of {@code id}
 * @param title short human name
 * @param description purpose, limitations and usage; null when missing (a governance policy requires it)
 * @param owner owning team; null when missing (a governance policy requires it)
 * @param support where consumers get help; null when not given
 * @param tags free search tags, lowercase
 * @param classification who may read it; null when missing (a governance policy requires it)
 * @param outputPorts the topics the product writes (at least one)
 * @param inputPorts upstream products and raw source topics, for lineage
 * @param slos service level objectives; null when none are promised
 * @param quality record-level rules with an action on failure
 * @param terms terms of use; null when none
 * @param deprecation set when this major version is deprecated; null otherwise
 * @param policies domain-level tightening of global governance policies: policy id to severity
 */
public record ProductDescriptor(
        String id,
        String version,
        String domain,
        String title,
        String description,
        Owner owner,
        Support support,
        List<String> tags,
        Classification classification,
        List<OutputPort> outputPorts,
        List<InputPort> inputPorts,
        Slos slos,
        List<QualityRule> quality,
        Terms terms,
        Deprecation deprecation,
        Map<String, PolicySeverity> policies) {

    public ProductDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(domain, "domain");
        tags = tags == null ? List.of() : List.copyOf(tags);
        outputPorts = outputPorts == null ? List.of() : List.copyOf(outputPorts);
        inputPorts = inputPorts == null ? List.of() : List.copyOf(inputPorts);
        quality = quality == null ? List.of() : List.copyOf(quality);
        policies = policies == null ? Map.of() : Map.copyOf(policies);
    }

    /** @return the major version, the number before the first dot of {@link #version()} */
    public int major() {
        return SemanticVersion.parse(version).major();
    }

    /** @return the product name, the part of {@link #id()} after the domain */
    public String name() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(dot + 1);
    }

    /** @return the topic this major version writes, {@code <id>.v<major>} */
    public String expectedTopic() {
        return id + ".v" + major();
    }

    /** The owning team. */
    public record Owner(String team, String email) {}

    /** Where consumers get help; either may be null. */
    public record Support(String channel, String url) {}

    /** Terms of use; either may be null. */
    public record Terms(String usage, String limitations) {}
}
