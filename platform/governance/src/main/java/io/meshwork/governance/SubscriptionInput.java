package io.meshwork.governance;

/**
 * A consumer's request for access to one major version of a product.
 *
 * @param consumerPrincipal the authenticated identity that will read, e.g. {@code User:marketing-attribution}
 * @param consumerProductId the consumer's own product id when the consumer is a data product (for lineage), or null
 * @param major the major version subscribed to (the topic {@code <id>.v<major>})
 * @param purpose why the consumer needs the data, in the consumer's words
 */
public record SubscriptionInput(String consumerPrincipal, String consumerProductId, int major, String purpose) {}
