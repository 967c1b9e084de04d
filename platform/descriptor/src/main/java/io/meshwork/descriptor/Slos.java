package io.meshwork.descriptor;

import java.time.Duration;

/**
 * Service level objectives; each may be null when not promised.
 *
 * @param freshness maximum age of the newest record on the topic
 * @param availability percentage of time the product is served, e.g. 99.9
 * @param throughputPerSecond records per second the product sustains
 */
public record Slos(Duration freshness, Double availability, Double throughputPerSecond) {}
