package io.driftwatch.report;

import io.driftwatch.data.Lineage;

/**
 * Where a batch of a check came from.
 *
 * @param source what the user named (a path, an upload id, a DVC-tracked file)
 * @param format {@code csv}, {@code arrow-file}, {@code arrow-stream}, {@code parquet} or {@code profile}
 * @param rows number of rows
 * @param sha256 hex SHA-256 of the bytes read, or null when not known
 * @param lineage the version of the data, as the system that versions it names it (DVC's pointer,
 *     path and MD5); null for a batch that is not versioned
 */
public record BatchInfo(String source, String format, long rows, String sha256, Lineage lineage) {

    /** A batch that is not versioned. */
    public BatchInfo(String source, String format, long rows, String sha256) {
        this(source, format, rows, sha256, null);
    }

    /** This batch with its lineage. */
    public BatchInfo withLineage(Lineage newLineage) {
        return new BatchInfo(source, format, rows, sha256, newLineage);
    }
}
