package io.driftwatch.multivariate;

import io.driftwatch.data.Chunks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The PCA reconstruction error of one chunk, with the fields of NannyML's
 * {@code DataReconstructionDriftCalculator} result ({@code reconstruction_error}: value,
 * sampling_error, upper/lower_confidence_boundary, upper/lower_threshold, alert) and, beyond
 * NannyML, each column's part in the error.
 *
 * <p>Thread-safe: immutable.
 *
 * @param chunk the chunk's rows in its table
 * @param rowCount number of rows in the chunk
 * @param reconstructionError mean over the chunk's rows of the Euclidean distance between the
 *     standardised row and its reconstruction from the kept principal components
 * @param samplingError the standard deviation of the rows' errors (ddof 1) over √rowCount; NaN for one row
 * @param lowerConfidenceBound {@code max(0, reconstructionError − 3 · samplingError)}
 * @param upperConfidenceBound {@code reconstructionError + 3 · samplingError}
 * @param lowerThreshold alert at or below this; NaN when there is none (the band reached 0)
 * @param upperThreshold alert at or above this; NaN when there is none
 * @param alert whether the error is not strictly inside the thresholds
 * @param columns each feature column's contribution, in feature order
 */
public record ReconstructionChunk(Chunks.Chunk chunk, int rowCount, double reconstructionError, double samplingError,
        double lowerConfidenceBound, double upperConfidenceBound, double lowerThreshold, double upperThreshold,
        boolean alert, List<ColumnContribution> columns) {

    public ReconstructionChunk {
        Objects.requireNonNull(chunk, "chunk");
        columns = List.copyOf(columns);
    }

    /**
     * The {@code limit} columns with the largest share of the error, largest first (ties in
     * feature order): the columns that drive it.
     */
    public List<ColumnContribution> drivers(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        List<ColumnContribution> sorted = new ArrayList<>(columns);
        sorted.sort(Comparator.comparingDouble(ColumnContribution::meanSquaredError).reversed());
        return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
    }
}
