package io.driftwatch.estimate;

import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.Section;
import java.util.List;
import java.util.Objects;

/**
 * The model's performance estimated without labels on each chunk of the current batch: CBPE for a
 * classifier, DLE for a regression (the {@code estimate} section of a check). Each metric comes per
 * chunk with its sampling-error band, the thresholds from the reference's chunks and an alert flag,
 * and the realized value where the chunk's labels are known. What kept the analysis from running is an
 * entry of {@code errors}, never a failed check; the metrics are then empty.
 *
 * <p>Thread-safe: immutable.
 *
 * @param task the model's task
 * @param method {@code cbpe} or {@code dle}
 * @param chunking how the batches were split
 * @param chunks where each current chunk lies, in order (the index of {@link ChunkEstimate#chunk()})
 * @param referenceChunks how many chunks the reference was split into for the thresholds
 * @param metrics the metrics reported, under Driftwatch's names ({@link EstimateOptions}), in order
 * @param calibration CBPE: the calibration decision (one, or one per class); empty for DLE
 * @param features DLE: the loss models' inputs (the features, then the prediction); empty for CBPE
 * @param seed CBPE: the average precision bootstrap's seed; DLE: Smile's generator's
 * @param errors what kept the analysis from running; empty when nothing did
 */
public record EstimateResult(ModelTask task, String method, Chunking chunking, List<Chunking.Window> chunks,
        int referenceChunks, List<MetricEstimates> metrics, List<CalibrationDecision> calibration,
        List<String> features, long seed, List<String> errors) implements Section {

    /** The section's name in the result. */
    public static final String NAME = "estimate";

    public EstimateResult {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(chunking, "chunking");
        chunks = List.copyOf(chunks);
        metrics = List.copyOf(metrics);
        calibration = List.copyOf(calibration);
        features = List.copyOf(features);
        errors = List.copyOf(errors);
    }

    /** An analysis that could not run, for {@code why}. */
    static EstimateResult failed(ModelTask task, Chunking chunking, long seed, String why) {
        return new EstimateResult(task, methodOf(task), chunking, List.of(), 0, List.of(), List.of(), List.of(), seed,
                List.of(why));
    }

    static String methodOf(ModelTask task) {
        return task == ModelTask.REGRESSION ? "dle" : "cbpe";
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether any metric's estimate is outside its thresholds on any chunk. */
    public boolean alerts() {
        for (MetricEstimates m : metrics) {
            if (m.alerts()) {
                return true;
            }
        }
        return false;
    }

    /** The metrics with at least one alerting chunk, in order. */
    public List<String> alertingMetrics() {
        return metrics.stream().filter(MetricEstimates::alerts).map(MetricEstimates::metric).toList();
    }

    /** Whether any chunk holds rows with known labels (the realized values are then present). */
    public boolean hasRealized() {
        for (MetricEstimates m : metrics) {
            for (ChunkEstimate c : m.chunks()) {
                if (c.labelledRows() > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
