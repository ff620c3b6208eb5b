package io.driftwatch.integrity;

/**
 * The duplicated-row counts the {@link IntegrityFinding.Condition#DUPLICATED_ROWS} condition compares:
 * rows of each batch, and how many of them equal an earlier row of the same batch in every column
 * (Evidently's {@code duplicated_row_count}; the data summary counts them, this condition only reads
 * the counts).
 *
 * <p>Thread-safe: immutable.
 *
 * @param currentRows rows of the current batch
 * @param currentDuplicated duplicated rows of the current batch
 * @param referenceRows rows of the reference
 * @param referenceDuplicated duplicated rows of the reference
 */
record DuplicatedRows(long currentRows, long currentDuplicated, long referenceRows, long referenceDuplicated) {

    DuplicatedRows {
        if (currentRows < 0 || referenceRows < 0 || currentDuplicated < 0 || referenceDuplicated < 0
                || currentDuplicated > currentRows || referenceDuplicated > referenceRows) {
            throw new IllegalArgumentException("duplicated rows must be between 0 and the rows of their batch: "
                    + currentDuplicated + " of " + currentRows + " current, " + referenceDuplicated + " of "
                    + referenceRows + " reference");
        }
    }

    /** The counts of two data summaries: the current batch's and the reference's. */
    static DuplicatedRows of(DataSummary current, DataSummary reference) {
        return new DuplicatedRows(current.rows(), current.duplicatedRows(), reference.rows(), reference.duplicatedRows());
    }
}
