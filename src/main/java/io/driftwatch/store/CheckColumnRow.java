package io.driftwatch.store;

/**
 * One column's result within a check; {@code score} and {@code threshold} are null when the column
 * could not be tested, and {@code error} says why.
 *
 * <p>Thread-safe: immutable.
 *
 * @param strength the drift strength every view ranks by (1 at the threshold); null when undefined,
 *     and in rows written before it was stored
 * @param displayName the test's display name; null when untested, and in rows written before it was stored
 * @param comparison how the score meets the threshold: {@code <}, {@code <=}, {@code >}, {@code >=}
 * @param scoreKind {@code p_value} or {@code distance}
 */
public record CheckColumnRow(String checkId, int position, String name, String columnType, String test,
        Double score, Double threshold, boolean drifted, String error, Double strength, String displayName,
        String comparison, String scoreKind) {
}
