package io.meshwork.sdk.registry;

import java.time.Duration;

/**
 * How {@link SchemaRegistryClient} retries a request that failed for a reason that may pass: a timeout, a refused or
 * reset connection, or HTTP 408, 429, 500, 502, 503 or 504. The wait before attempt {@code n + 1} is a random duration
 * between half and all of {@code min(maxBackoff, initialBackoff * 2^(n-1))} (exponential backoff with jitter). Retries
 * stop after {@code maxAttempts} attempts or once {@code maxElapsed} has passed since the first attempt, whichever comes
 * first.
 *
 * @param maxAttempts attempts in total, at least 1 (1 means no retry)
 * @param initialBackoff wait before the first retry (before jitter)
 * @param maxBackoff upper bound of any single wait
 * @param maxElapsed time budget of all attempts and waits of one call
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {

    /**
     * Validates the policy.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("RetryPolicy.maxAttempts must be at least 1, got " + maxAttempts);
        }
        requireNonNegative("initialBackoff", initialBackoff);
        requireNonNegative("maxBackoff", maxBackoff);
        requireNonNegative("maxElapsed", maxElapsed);
    }

    /**
     * The default policy: 5 attempts, 100 ms initial backoff doubling up to 2 s, 15 s in total.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(15));
    }

    /**
     * A policy that never retries.
     *
     * @return a single-attempt policy
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("RetryPolicy." + name + " must be zero or positive, got " + value);
        }
    }
}
