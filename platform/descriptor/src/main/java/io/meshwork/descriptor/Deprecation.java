package io.meshwork.descriptor;

import java.time.LocalDate;

/**
 * Set when this major version is deprecated.
 *
 * @param successorProduct the product to move to (often the same id), or null
 * @param successorMajor the major version to move to; set exactly when {@code successorProduct} is
 * @param sunset the day after which the version may be retired
 * @param reason why, for consumers; may be null
 */
public record Deprecation(String successorProduct, Integer successorMajor, LocalDate sunset, String reason) {}
