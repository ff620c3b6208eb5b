package io.driftwatch.report;

/**
 * How long a check took, in milliseconds.
 *
 * @param readMillis reading and parsing both inputs (and building the reference profile)
 * @param analysisMillis the drift tests
 * @param totalMillis everything up to the result, rendering excluded
 */
public record Timings(long readMillis, long analysisMillis, long totalMillis) {
}
