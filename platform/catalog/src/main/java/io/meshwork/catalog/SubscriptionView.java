package io.meshwork.catalog;

/**
 * A consumer's subscription to a product's major version.
 *
 * @param subscriptionId id
 * @param productId the product read
 * @param major the major version read
 * @param consumer the reading principal
 * @param consumerProductId the consumer's own product when it is one (lineage), or null
 * @param purpose why the consumer reads it
 * @param status where it stands
 * @param requestedAt event time of the request
 * @param decidedAt event time of the grant, denial or revocation, or null
 * @param decidedBy who granted, denied or revoked it, or null
 * @param automatic whether it was granted without approval
 * @param reason the denial or revocation reason, or null
 */
public record SubscriptionView(
        String subscriptionId,
        String productId,
        int major,
        String consumer,
        String consumerProductId,
        String purpose,
        SubscriptionStatus status,
        long requestedAt,
        Long decidedAt,
        String decidedBy,
        boolean automatic,
        String reason) {}
