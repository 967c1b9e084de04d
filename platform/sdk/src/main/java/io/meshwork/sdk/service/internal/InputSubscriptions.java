package io.meshwork.sdk.service.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.descriptor.InputPort;
import io.meshwork.sdk.service.MeshServiceException;
import io.meshwork.sdk.service.ProductRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a service's upstream products (the {@code inputPorts} naming a product and major) through the catalog and
 * records the service as their consumer, which is what the lineage graph shows. Waits, up to the startup timeout, for
 * an upstream product that is not active yet (its own service may be starting at the same moment) and for a
 * subscription that needs an owner's approval. Not part of the public API.
 */
public final class InputSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(InputSubscriptions.class);

    private final PlatformClient platform;
    private final String consumer;
    private final Duration timeout;

    /**
     * @param platform the platform's API
     * @param consumer the consumer's name (the service's application id)
     * @param timeout how long to wait for an upstream product or an approval
     */
    public InputSubscriptions(PlatformClient platform, String consumer, Duration timeout) {
        this.platform = platform;
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * @param live the releases the service writes
     * @return {@code <product id>.v<major>} to the topic, for every upstream product of a live release
     * @throws MeshServiceException when a product is unknown, retired, or the subscription is denied or not approved in
     *     time
     */
    public Map<String, String> resolve(List<ProductRelease> live) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (ProductRelease release : live) {
            for (InputPort input : release.descriptor().inputPorts()) {
                if (!input.isProduct()) {
                    continue;
                }
                String key = input.product() + ".v" + input.major();
                if (!topics.containsKey(key)) {
                    topics.put(
                            key,
                            subscribe(
                                            input.product(),
                                            input.major(),
                                            release.productId(),
                                            "input port of " + release.productId() + " " + release.version())
                                    .topic());
                }
            }
        }
        return topics;
    }

    /**
     * A granted subscription.
     *
     * @param subscriptionId its id
     * @param topic the product topic to read
     * @param deprecation a sentence about the deprecation of the major version, or null when it is active
     */
    public record Granted(String subscriptionId, String topic, String deprecation) {}

    /**
     * Makes sure the consumer holds a granted subscription to one major version of a product: reuses a granted one,
     * or requests one and waits (up to the timeout) for it to be granted.
     *
     * @param productId the product
     * @param major its major version
     * @param consumerProduct the consumer's own product (for lineage), or null
     * @param purpose why it reads the product
     * @return the subscription and the topic
     * @throws MeshServiceException when the product is unknown or retired, or the subscription is denied or not
     *     approved in time
     */
    public Granted subscribe(String productId, int major, String consumerProduct, String purpose) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode line = awaitLine(productId, major, deadline);
        String status = line.path("status").asText();
        if (status.equals("RETIRED")) {
            throw new MeshServiceException(productId + " v" + major + ", read by " + consumer
                    + ", is retired. Fix: move to its successor and read that major version instead");
        }
        String deprecation = null;
        if (status.equals("DEPRECATED")) {
            JsonNode d = line.path("deprecation");
            deprecation = productId + " v" + major + " is DEPRECATED: sunset "
                    + d.path("sunsetDate").asText("?")
                    + (d.hasNonNull("successor")
                            ? ", successor " + d.path("successor").asText()
                            : "")
                    + (d.hasNonNull("reason") ? " (" + d.path("reason").asText() + ")" : "");
            LOG.warn("{}, read by {}", deprecation, consumer);
        }
        JsonNode subscription = existing(productId, major).orElse(null);
        if (subscription == null) {
            try {
                subscription = platform.subscribe(productId, major, consumer, consumerProduct, purpose);
            } catch (PlatformClient.PlatformError e) {
                if (e.status() == 422) {
                    throw new MeshServiceException(
                            "Governance denies " + consumer + " reading " + productId + " v" + major + ":",
                            ReleasePublisher.report(e.body().path("details")));
                }
                throw e;
            }
        }
        String id = subscription.path("subscriptionId").asText();
        while (!subscription.path("status").asText().equals("GRANTED")) {
            String s = subscription.path("status").asText();
            if (!s.equals("REQUESTED")) {
                throw new MeshServiceException("The subscription " + id + " of " + consumer + " to " + productId + " v"
                        + major + " is " + s + ". Fix: request it again (meshctl subscriptions request) once the"
                        + " reason is resolved");
            }
            if (System.nanoTime() > deadline) {
                throw new MeshServiceException("The subscription " + id + " of " + consumer + " to " + productId + " v"
                        + major + " awaits approval. Fix: an owner or operator approves it with 'meshctl subscriptions"
                        + " approve " + id + "', then start the service again");
            }
            LOG.info("Waiting for the approval of subscription {} to {} v{}", id, productId, major);
            sleep(1_000);
            subscription = existing(productId, major).orElse(subscription);
        }
        return new Granted(id, line.path("topic").asText(), deprecation);
    }

    private Optional<JsonNode> existing(String productId, int major) {
        JsonNode newest = null;
        for (JsonNode s : platform.subscriptions(productId, consumer).path("items")) {
            String status = s.path("status").asText();
            if (s.path("major").asInt(-1) == major && (status.equals("GRANTED") || status.equals("REQUESTED"))) {
                if (newest == null || status.equals("GRANTED")) {
                    newest = s;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    private JsonNode awaitLine(String productId, int major, long deadline) {
        long wait = 200;
        boolean told = false;
        while (true) {
            Optional<JsonNode> line = platform.product(productId).flatMap(p -> PlatformClient.line(p, major));
            String status = line.map(l -> l.path("status").asText()).orElse("UNKNOWN");
            if (status.equals("ACTIVE") || status.equals("DEPRECATED") || status.equals("RETIRED")) {
                return line.get();
            }
            if (System.nanoTime() > deadline) {
                throw new MeshServiceException("The upstream product " + productId + " v" + major + " is "
                        + (line.isEmpty() ? "not in the catalog" : status) + " after waiting "
                        + timeout.toSeconds() + " s. Fix: start the service that publishes it, or check the input"
                        + " port's product id and major (meshctl products search " + productId + ")");
            }
            if (!told) {
                LOG.info("Waiting for the upstream product {} v{} to be active (now {})", productId, major, status);
                told = true;
            }
            sleep(wait);
            wait = Math.min(wait * 2, 2_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshServiceException("interrupted while waiting for an upstream product");
        }
    }
}
