package io.driftwatch.store;

/**
 * One column's result within a check; {@code score} and {@code threshold} are null when the column
 * could not be tested, and {@code error} says why.
 *
 * <p>Thread-safe: immutable.
 */
public record CheckColumnRow(String checkId, int position, String name, String columnType, String test,
        Double score, Double threshold, boolean drifted, String error) {
}
