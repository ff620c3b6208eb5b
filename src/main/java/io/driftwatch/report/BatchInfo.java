package io.driftwatch.report;

/**
 * Where a batch of a check came from.
 *
 * @param source what the user named (a path, an upload id)
 * @param format {@code csv}, {@code arrow-file}, {@code arrow-stream}, {@code parquet} or {@code profile}
 * @param rows number of rows
 * @param sha256 hex SHA-256 of the bytes read, or null when not known
 */
public record BatchInfo(String source, String format, long rows, String sha256) {
}
