package io.driftwatch.multivariate;

import io.driftwatch.data.Chunks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The domain classifier's result for one chunk, with the fields of NannyML's
 * {@code DomainClassifierCalculator} result ({@code domain_classifier_auroc}: value,
 * upper/lower_threshold, alert) and, beyond NannyML, which columns the classifier used to tell the
 * chunk from the reference.
 *
 * <p>Thread-safe: immutable.
 *
 * @param chunk the chunk's rows in its table
 * @param rowCount number of rows in the chunk
 * @param auroc ROC AUC of the out-of-fold predictions of "row is from the chunk" (0.5: cannot
 *     tell the chunk from the reference; 1: always can)
 * @param lowerThreshold alert below this
 * @param upperThreshold alert above this
 * @param alert whether {@code auroc} is strictly outside the thresholds
 * @param importance each feature column's share of the trees' split gain, in feature order
 */
public record ClassifierChunk(Chunks.Chunk chunk, int rowCount, double auroc, double lowerThreshold,
        double upperThreshold, boolean alert, List<ColumnImportance> importance) {

    public ClassifierChunk {
        Objects.requireNonNull(chunk, "chunk");
        importance = List.copyOf(importance);
    }

    /** The {@code limit} columns of largest importance, largest first (ties in feature order). */
    public List<ColumnImportance> drivers(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        List<ColumnImportance> sorted = new ArrayList<>(importance);
        sorted.sort(Comparator.comparingDouble(ColumnImportance::share).reversed());
        return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
    }
}
