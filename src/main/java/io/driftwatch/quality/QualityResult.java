package io.driftwatch.quality;

import io.driftwatch.analysis.MetricTest;
import java.util.List;
import java.util.Objects;

/**
 * The quality of a model on a current batch, beside its reference: both sides' metrics, the
 * baselines of the no-reference tests, Evidently's default tests, Driftwatch's baseline tests, and
 * the error Evidently 0.7.21's report would fail with on the same data.
 *
 * <p>Thread-safe: immutable.
 *
 * @param task the model's task
 * @param current the current batch's side
 * @param reference the reference's side, or null when the check has no reference
 * @param baselines without a reference: Evidently's dummy metrics (those its tests used) and, for a
 *     regression, Driftwatch's baselines; empty with a reference
 * @param tests Evidently's default tests: with a reference each metric within ±20 % (classification)
 *     or ±10 % (regression) of the reference's; without, against the dummy baselines
 * @param baselineTests Driftwatch's no-reference regression tests against its baselines (the model
 *     must beat the best constant prediction); empty otherwise
 * @param evidentlyError the exception Evidently 0.7.21's whole report would raise
 *     ({@code "ValueError: …"}), or null when it would not
 */
public record QualityResult(ModelTask task, QualitySide current, QualitySide reference, List<Baseline> baselines,
        List<MetricTest> tests, List<MetricTest> baselineTests, String evidentlyError) {

    public QualityResult {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(current, "current");
        baselines = List.copyOf(baselines);
        tests = List.copyOf(tests);
        baselineTests = List.copyOf(baselineTests);
    }

    /** Whether any of Evidently's default tests failed. */
    public boolean failed() {
        for (MetricTest t : tests) {
            if (t.status().failed()) {
                return true;
            }
        }
        return false;
    }
}
