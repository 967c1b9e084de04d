package io.meshwork.catalog;

/** Where a consumer's subscription to a product's major version stands. */
public enum SubscriptionStatus {
    /** Waiting for approval (confidential and restricted products). */
    REQUESTED,
    /** The consumer may read the topic. */
    GRANTED,
    /** Refused by an approver or a policy. */
    DENIED,
    /** Withdrawn, or the major version was retired. */
    REVOKED
}
