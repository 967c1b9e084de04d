package io.meshwork.domains.product;

import io.meshwork.domains.product.internal.UsageEvent;

/**
 * A usage event on its way into the hourly counts, after {@link HourlyVisitors}; never serialized (it stays inside one
 * sub-topology).
 *
 * @param event the event
 * @param firstOfUser whether it is its user's first event on the feature in its hour
 */
record Visit(UsageEvent event, boolean firstOfUser) {}
