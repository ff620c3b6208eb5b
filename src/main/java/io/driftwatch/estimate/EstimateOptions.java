package io.driftwatch.estimate;

import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.ModelTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code estimate:} options of a monitor: how batches are chunked, whether CBPE calibrates the
 * probabilities, and which metrics the result reports (empty: every metric of the model's task).
 *
 * <p>Metric names are Driftwatch's (Evidently's snake_case, as the {@code quality} section uses):
 * {@code roc_auc}, {@code f1_score}, {@code precision}, {@code recall}, {@code specificity},
 * {@code accuracy}, {@code average_precision} for classifiers (CBPE); {@code mae}, {@code mse},
 * {@code rmse}, {@code mape} for regressions (DLE).
 *
 * <p>Thread-safe: immutable.
 *
 * @param chunks how the current batch and the reference are split
 * @param calibration CBPE's calibration (ignored for a regression)
 * @param metrics the metrics to report, in the order given; empty for all of the task's
 */
public record EstimateOptions(Chunking chunks, Calibration calibration, List<String> metrics) {
    public EstimateOptions {
        Objects.requireNonNull(chunks, "chunks");
        Objects.requireNonNull(calibration, "calibration");
        metrics = List.copyOf(metrics);
    }

    /** 10 chunks, {@code calibrate: auto}, every metric. */
    public static EstimateOptions defaults() {
        return new EstimateOptions(Chunking.defaults(), Calibration.AUTO, List.of());
    }

    /** The metric names {@code task}'s estimator reports, in its order. */
    public static List<String> metricNames(ModelTask task) {
        List<String> names = new ArrayList<>();
        if (task == ModelTask.REGRESSION) {
            for (DleMetric m : DleMetric.values()) {
                names.add(m.key());
            }
        } else {
            for (CbpeMetric m : CbpeMetric.values()) {
                names.add(key(m));
            }
        }
        return List.copyOf(names);
    }

    /** Driftwatch's name of a CBPE metric: NannyML's, with {@code f1_score} for {@code f1}. */
    static String key(CbpeMetric metric) {
        return metric == CbpeMetric.F1 ? "f1_score" : metric.key();
    }

    /** The label of a calibration option as monitor files write it: {@code auto}, {@code always}, {@code never}. */
    public static String label(Calibration calibration) {
        return calibration.name().toLowerCase(java.util.Locale.ROOT);
    }
}
