package io.driftwatch.quality;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricCondition.Op;
import io.driftwatch.analysis.MetricTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default tests of Evidently 0.7.21's presets, and Driftwatch's no-reference regression tests.
 *
 * <ul>
 *   <li>With a reference: every Evidently metric {@code eq(Reference(relative=r))}, i.e. within
 *       {@code ±max(|ref|·r, 1e-12)} of the reference's value, both directions ({@code r} = 0.2 for
 *       classification, 0.1 for regression; the mean of a mean-and-deviation metric).</li>
 *   <li>Without: classification {@code gt(dummy)} for accuracy, precision, recall, F1, ROC AUC, TPR,
 *       TNR and {@code lt(dummy)} for log loss, FPR, FNR; regression {@code lt(dummy)} for MAPE, RMSE,
 *       MAE and {@code gt(0)} for R².</li>
 *   <li>Driftwatch's regression baselines: MAE, RMSE and {@code mape_abs} {@code lt} the best
 *       constant prediction's, R² {@code gt(0)}.</li>
 * </ul>
 *
 * A test whose value or bound could not be computed has status {@code ERROR}.
 *
 * <p>Thread-safe: stateless.
 */
final class EvidentlyTests {
    /** Evidently's band for classification metrics: ±20 % of the reference. */
    static final double CLASSIFICATION_RELATIVE = 0.2;
    /** Evidently's band for regression metrics: ±10 % of the reference. */
    static final double REGRESSION_RELATIVE = 0.1;

    private EvidentlyTests() {
    }

    /** The tests of every Evidently metric of {@code current} against {@code reference}'s value. */
    static List<MetricTest> withReference(QualitySide current, QualitySide reference, double relative) {
        List<MetricTest> tests = new ArrayList<>();
        for (Map.Entry<QualityMetric, MetricValue> e : current.metrics().entrySet()) {
            QualityMetric metric = e.getKey();
            if (metric.evidentlyName() == null) {
                continue;
            }
            MetricValue ref = reference.metric(metric);
            boolean refOk = reference.error() == null && ref != null && ref.ok();
            MetricCondition condition = MetricCondition.reference(Op.EQ, refOk ? ref.value() : Double.NaN, relative);
            tests.add(test(metric, condition, e.getValue(), refOk));
        }
        return tests;
    }

    /** Evidently's no-reference tests of {@code current} against its dummy {@code baselines}. */
    static List<MetricTest> withoutReference(QualitySide current, List<Baseline> baselines) {
        List<MetricTest> tests = new ArrayList<>();
        for (Map.Entry<QualityMetric, MetricValue> e : current.metrics().entrySet()) {
            QualityMetric metric = e.getKey();
            if (metric == RegressionMetric.R2_SCORE) {
                tests.add(test(metric, MetricCondition.constant(Op.GT, 0), e.getValue(), true));
                continue;
            }
            if (metric.evidentlyName() == null || metric == RegressionMetric.MEAN_ERROR
                    || metric == RegressionMetric.ABS_MAX_ERROR) {
                continue;
            }
            Baseline dummy = find(baselines, "dummy_" + metric.key(), metric);
            Op op = metric.better() == QualityMetric.Better.HIGHER ? Op.GT : Op.LT;
            MetricCondition condition = MetricCondition.constant(op, dummy == null ? Double.NaN : dummy.value());
            tests.add(test(metric, condition, e.getValue(), dummy != null));
        }
        return tests;
    }

    /** Driftwatch's no-reference regression tests: beat the best constant prediction. */
    static List<MetricTest> driftwatchBaselines(QualitySide current, List<Baseline> baselines) {
        List<MetricTest> tests = new ArrayList<>();
        for (RegressionMetric metric : new RegressionMetric[] {RegressionMetric.MAE, RegressionMetric.RMSE,
                RegressionMetric.MAPE_ABS}) {
            MetricValue value = current.metric(metric);
            if (value == null) {
                continue;
            }
            Baseline b = find(baselines, "baseline_" + metric.key(), metric);
            boolean ok = b != null && !Double.isNaN(b.value());
            tests.add(test(metric, MetricCondition.constant(Op.LT, ok ? b.value() : Double.NaN), value, ok));
        }
        MetricValue r2 = current.metric(RegressionMetric.R2_SCORE);
        if (r2 != null) {
            tests.add(test(RegressionMetric.R2_SCORE, MetricCondition.constant(Op.GT, 0), r2, true));
        }
        return tests;
    }

    private static Baseline find(List<Baseline> baselines, String key, QualityMetric metric) {
        for (Baseline b : baselines) {
            if (b.key().equals(key) && b.metric() == metric) {
                return b;
            }
        }
        return null;
    }

    private static MetricTest test(QualityMetric metric, MetricCondition condition, MetricValue value, boolean boundOk) {
        String slot = metric.hasStd() ? "mean" : "value";
        if (!boundOk || value == null || !value.ok()) {
            return new MetricTest(metric.key(), null, slot, condition, value == null ? Double.NaN : value.value(),
                    MetricTest.Status.ERROR);
        }
        return MetricTest.critical(metric.key(), null, slot, condition, value.value());
    }
}
