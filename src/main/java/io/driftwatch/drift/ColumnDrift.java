package io.driftwatch.drift;

import io.driftwatch.data.ColumnType;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.util.Comparator;
import java.util.List;

/**
 * The drift verdict for one column, and how strongly it says drift ({@link #strength()}), the one
 * measure every view ranks and shades columns by.
 *
 * <p>Thread-safe: immutable.
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

    /**
     * Strongest drift first ({@link #strength()}, largest first); columns with no strength (score
     * undefined, or not tested) last. Ties keep their order under a stable sort.
     */
    public static final Comparator<ColumnDrift> STRONGEST_FIRST = Comparator.comparingDouble(ColumnDrift::rankKey);

    public ColumnDrift {
        newCategories = List.copyOf(newCategories);
        goneCategories = List.copyOf(goneCategories);
    }

    /** Whether the column was tested (no error). */
    public boolean tested() {
        return result != null;
    }

    /**
     * How strongly the column's score says drift, comparable across tests: 1 at the threshold, larger
     * is more drift ({@code log p / log t} for p-values, using the p-value after the check's
     * correction as the verdict does; {@code d / t} for distances; see {@link ScoreKind#strength}).
     * NaN when the score is undefined or the column could not be tested.
     */
    public double strength() {
        if (result == null) {
            return Double.NaN;
        }
        double score = result.scoreKind() == ScoreKind.P_VALUE && !Double.isNaN(adjustedScore) ? adjustedScore
                : result.score();
        return result.scoreKind().strength(score, result.threshold());
    }

    /** Ascending order of this key is {@link #STRONGEST_FIRST}: negated strength, NaN sorting last. */
    private static double rankKey(ColumnDrift c) {
        return -c.strength();
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
