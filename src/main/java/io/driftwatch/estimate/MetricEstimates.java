package io.driftwatch.estimate;

import io.driftwatch.stats.ChunkThreshold;
import java.util.List;
import java.util.Objects;

/**
 * One estimated metric over the chunks of a batch.
 *
 * <p>Thread-safe: immutable.
 *
 * @param metric NannyML's name of the metric ({@code roc_auc}, {@code mae}…)
 * @param thresholds mean ± 3σ of the realized metric over the reference chunks, clipped to the
 *     metric's range ({@link ChunkThreshold})
 * @param chunks one estimate per chunk, in chunk order
 */
public record MetricEstimates(String metric, ChunkThreshold.Band thresholds, List<ChunkEstimate> chunks) {
    public MetricEstimates {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(thresholds, "thresholds");
        chunks = List.copyOf(chunks);
    }

    /** Whether any chunk's estimate alerts. */
    public boolean alerts() {
        for (ChunkEstimate c : chunks) {
            if (c.alert()) {
                return true;
            }
        }
        return false;
    }
}
