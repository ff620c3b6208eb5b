package io.driftwatch.drift;

/**
 * A monitor's test and threshold for one column; either may be null (then the type-wide or
 * automatic choice applies).
 *
 * @param method a registry name such as {@code psi}, or null
 * @param threshold a threshold, or null for the test's default
 */
public record ColumnOverride(String method, Double threshold) {
}
