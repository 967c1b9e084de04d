package io.meshwork.sdk.service.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.descriptor.Deprecation;
import io.meshwork.descriptor.SemanticVersion;
import io.meshwork.sdk.service.MeshServiceException;
import io.meshwork.sdk.service.ProductRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the catalog up to a service's releases, oldest first, like a migration tool: a version already published is
 * left alone; a version older than the major's active one is history and skipped; any other is dry-run checked,
 * declared and published, so that governance and the registry judge every step (a compatible evolution within a
 * major, a breaking change as a new major). A major whose newest release carries {@code deprecation:} is deprecated
 * once it is active. Not part of the public API.
 */
public final class ReleasePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ReleasePublisher.class);

    private final PlatformClient platform;
    private final Duration timeout;

    /**
     * @param platform the platform's API
     * @param timeout how long to wait for a pending decision
     */
    public ReleasePublisher(PlatformClient platform, Duration timeout) {
        this.platform = platform;
        this.timeout = timeout;
    }

    /**
     * Publishes what the catalog lacks, then applies the deprecations.
     *
     * @param releases oldest first
     * @return the releases the service writes: the newest of each major
     * @throws MeshServiceException when governance refuses a release (with every failed policy), or a version is
     *     retired or not newer than the active one
     */
    public List<ProductRelease> publish(List<ProductRelease> releases) {
        for (ProductRelease release : releases) {
            publishOne(release);
        }
        Map<String, ProductRelease> newest = newestPerMajor(releases);
        for (ProductRelease release : newest.values()) {
            Deprecation deprecation = release.descriptor().deprecation();
            if (deprecation != null) {
                deprecate(release, deprecation);
            }
        }
        return List.copyOf(newest.values());
    }

    /** @return the newest release of each product and major, in the order of the list */
    public static Map<String, ProductRelease> newestPerMajor(List<ProductRelease> releases) {
        Map<String, ProductRelease> newest = new LinkedHashMap<>();
        for (ProductRelease r : releases) {
            String key = r.productId() + ".v" + r.major();
            ProductRelease known = newest.get(key);
            if (known == null
                    || SemanticVersion.parse(r.version()).compareTo(SemanticVersion.parse(known.version())) > 0) {
                newest.put(key, r);
            }
        }
        return newest;
    }

    private void publishOne(ProductRelease release) {
        String id = release.productId();
        String version = release.version();
        Optional<JsonNode> product = awaitDecided(id, version);
        Optional<JsonNode> known = product.flatMap(p -> version(p, version));
        if (known.isPresent() && known.get().path("status").asText().equals("PUBLISHED")) {
            LOG.info("{} {} is published already", id, version);
            return;
        }
        Optional<JsonNode> line = product.flatMap(p -> PlatformClient.line(p, release.major()));
        if (line.isPresent()) {
            String status = line.get().path("status").asText();
            if (status.equals("RETIRED")) {
                throw new MeshServiceException(id + " v" + release.major() + " is retired, so " + release.file()
                        + " (" + version + ") cannot be published. Fix: ship it as version " + (release.major() + 1)
                        + ".0.0 on topic " + id + ".v" + (release.major() + 1) + ", or remove the release");
            }
            String active = line.get().path("activeVersion").asText(null);
            if (active != null && SemanticVersion.parse(active).compareTo(SemanticVersion.parse(version)) > 0) {
                LOG.info("{} {} is history: {} is active on v{}", id, version, active, release.major());
                return;
            }
        }
        JsonNode check = platform.check(release);
        if (check.path("verdict").asText().equals("DENIED")) {
            throw new MeshServiceException(
                    "Governance denies " + id + " " + version + " (" + release.file() + ") in the dry run; fix each"
                            + " problem below, or run 'meshctl check " + release.file() + "' for the full report:",
                    report(check));
        }
        platform.declare(release);
        JsonNode decision;
        try {
            decision = platform.publish(id, version);
        } catch (PlatformClient.PlatformError e) {
            if (e.status() == 422) {
                throw new MeshServiceException(
                        "Governance rejected the publication of " + id + " " + version + " (" + release.file() + "):",
                        report(e.body().path("details")));
            }
            throw e;
        }
        LOG.info("Published {} {}: {}", id, version, decision.path("verdict").asText());
    }

    private void deprecate(ProductRelease release, Deprecation deprecation) {
        String id = release.productId();
        JsonNode product = platform.product(id)
                .orElseThrow(() -> new MeshServiceException(id + " vanished from the catalog after its publication"));
        Optional<JsonNode> line = PlatformClient.line(product, release.major());
        String status = line.map(l -> l.path("status").asText()).orElse("");
        if (!status.equals("ACTIVE")) {
            return;
        }
        String successor = deprecation.successorProduct() == null
                ? null
                : deprecation.successorProduct() + ".v" + deprecation.successorMajor();
        String reason = deprecation.reason() != null
                ? deprecation.reason()
                : "deprecated by " + release.file() + " (" + release.version() + ")";
        platform.deprecate(id, release.major(), deprecation.sunset(), successor, reason);
        LOG.info(
                "Deprecated {} v{}: sunset {}{}",
                id,
                release.major(),
                deprecation.sunset(),
                successor == null ? "" : ", successor " + successor);
    }

    /** @return the product detail once the version has no pending decision, or empty when the product is unknown */
    private Optional<JsonNode> awaitDecided(String id, String version) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<JsonNode> product = platform.product(id);
            boolean pending = product.flatMap(p -> version(p, version))
                    .map(v -> v.path("status").asText().equals("PENDING"))
                    .orElse(false);
            if (!pending) {
                return product;
            }
            if (System.nanoTime() > deadline) {
                throw new MeshServiceException(id + " " + version
                        + " is still waiting for its governance decision after "
                        + timeout.toSeconds() + " s. Fix: check that a platform instance with the governor enabled"
                        + " is running (meshctl doctor)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeshServiceException("interrupted while waiting for the decision on " + id + " " + version);
            }
        }
    }

    private static Optional<JsonNode> version(JsonNode product, String version) {
        for (JsonNode v : product.path("versions")) {
            if (v.path("version").asText().equals(version)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** @return the lines a person needs to fix a refused release: descriptor problems, failed policies, compatibility */
    static List<String> report(JsonNode result) {
        List<String> lines = new ArrayList<>();
        for (JsonNode p : result.path("problems")) {
            lines.add(p.path("file").asText() + ":" + p.path("line").asInt() + ":"
                    + p.path("column").asInt() + ": "
                    + p.path("field").asText() + ": " + p.path("message").asText() + ". Fix: "
                    + p.path("fix").asText());
        }
        for (JsonNode r : result.path("results")) {
            if (!r.path("outcome").asText().equals("FAILED")) {
                continue;
            }
            lines.add("[" + r.path("severity").asText() + "] "
                    + r.path("policyId").asText() + ": "
                    + r.path("message").asText()
                    + (r.hasNonNull("location") ? " (at " + r.path("location").asText() + ")" : "")
                    + (r.hasNonNull("fix") ? ". Fix: " + r.path("fix").asText() : ""));
        }
        for (JsonNode c : result.path("compatibility")) {
            if (c.path("compatible").asBoolean(true)) {
                continue;
            }
            lines.add("incompatible with " + c.path("subject").asText() + " ("
                    + c.path("level").asText() + ")");
            for (JsonNode m : c.path("messages")) {
                lines.add("  " + m.asText());
            }
        }
        for (JsonNode change : result.path("changes")) {
            if (change.path("classification").asText().equals("BREAKING")) {
                lines.add("breaking change at " + change.path("path").asText() + ": "
                        + change.path("description").asText());
            }
        }
        if (lines.isEmpty() && result.hasNonNull("message")) {
            lines.add(result.path("message").asText());
        }
        return lines;
    }
}
