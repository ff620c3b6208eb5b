package io.driftwatch.drift;

import io.driftwatch.data.ColumnType;
import io.driftwatch.stats.TestResult;
import java.util.List;

/**
 * The drift verdict for one column.
 *
 * @param name the column
 * @param type numerical or categorical
 * @param result the test's outcome; null when the column could not be tested
 * @param error why the column could not be tested; null when it was
 * @param adjustedScore the p-value after the check's multiple-testing correction (the verdict uses
 *     it); equal to the score without correction, NaN for distances and errors
 * @param drifted the verdict (false for an error entry)
 * @param referenceRows cells in the reference column
 * @param currentRows cells in the current column
 * @param referenceMissing missing cells (empty, missing token, NaN) in the reference
 * @param currentMissing missing cells in the current batch
 * @param newCategories categories present in current but not in the reference (categorical only)
 * @param goneCategories categories present in the reference but not in current (categorical only)
 * @param missingShareChanged whether the share of missing cells moved by at least the check's
 *     missing-share threshold ({@link DriftOptions#missingShareThreshold()}); a signal of its own,
 *     reported beside the test's verdict and not counted in the dataset drift share
 */
public record ColumnDrift(
        String name,
        ColumnType type,
        TestResult result,
        String error,
        double adjustedScore,
        boolean drifted,
        int referenceRows,
        int currentRows,
        int referenceMissing,
        int currentMissing,
        List<String> newCategories,
        List<String> goneCategories,
        boolean missingShareChanged) {

    public ColumnDrift {
        newCategories = List.copyOf(newCategories);
        goneCategories = List.copyOf(goneCategories);
    }

    /** Whether the column was tested (no error). */
    public boolean tested() {
        return result != null;
    }

    /** The share of missing cells in the reference, 0 for an empty column. */
    public double referenceMissingShare() {
        return referenceRows == 0 ? 0 : (double) referenceMissing / referenceRows;
    }

    /** The share of missing cells in the current batch, 0 for an empty column. */
    public double currentMissingShare() {
        return currentRows == 0 ? 0 : (double) currentMissing / currentRows;
    }
}
