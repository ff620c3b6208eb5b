package io.driftwatch.quality;

import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.analysis.MetricTest.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Driftwatch's degradation tests ({@code quality.tests: degradation}): for each watched metric, whether
 * the current batch's value is worse than the reference's by more than its tolerance, with the stated
 * one-sided confidence.
 *
 * <p>The worsening of a metric is {@code reference − current} when higher is better,
 * {@code current − reference} when lower is better and {@code |current| − |reference|} when closer
 * to zero is (the mean error). Reference and current batch are independent samples, each metric's
 * estimate approximately normal with the standard error {@link SamplingVariance} gives it, so the
 * worsening's one-sided lower confidence bound at level {@code c} is
 * {@code worsening − z_c·√(se_ref² + se_cur²)}, {@code z_c} the standard normal quantile of
 * {@code c} (1.645 at 0.95). The test fails when that bound exceeds the tolerance in the metric's
 * units: the current model is worse than tolerated even at the most favourable reading its sampling
 * error allows. With no true change, a tolerance of 0 fails with probability about {@code 1 − c};
 * a tolerance above 0 less often. A model that got better has a negative worsening, so a bound below
 * 0 and never fails. For the mean error, {@code se(|m|) ≈ se(m)}; near a true mean error of 0 the
 * test is conservative (both sides' absolute values fold towards 0).
 *
 * <p>A metric is an {@code ERROR} (never a failure) when it is not the model's, is undefined on a side
 * (an error or NaN there), or has no standard error: the largest absolute error (a maximum has no
 * normal sampling distribution), R² of a constant target, a side of one row.
 *
 * <p>Thread-safe: stateless.
 */
final class Degradation {
    /** The default tolerance: 5 % of the reference's value. */
    static final QualityOptions.Tolerance DEFAULT_TOLERANCE = QualityOptions.Tolerance.relative(0.05);

    private Degradation() {
    }

    /**
     * The metrics watched when a monitor names none, each with {@link #DEFAULT_TOLERANCE}: for a
     * classifier accuracy, precision, recall and F1 (and ROC AUC and log loss with probabilities); for a
     * regression MAE, RMSE and R².
     */
    static Map<QualityMetric, QualityOptions.Tolerance> defaultTolerances(ModelSpec spec) {
        Map<QualityMetric, QualityOptions.Tolerance> out = new LinkedHashMap<>();
        if (spec.task().isClassification()) {
            for (ClassificationMetric m : List.of(ClassificationMetric.ACCURACY, ClassificationMetric.PRECISION,
                    ClassificationMetric.RECALL, ClassificationMetric.F1_SCORE)) {
                out.put(m, DEFAULT_TOLERANCE);
            }
            if (spec.hasProbabilities()) {
                out.put(ClassificationMetric.ROC_AUC, DEFAULT_TOLERANCE);
                out.put(ClassificationMetric.LOG_LOSS, DEFAULT_TOLERANCE);
            }
        } else {
            out.put(RegressionMetric.MAE, DEFAULT_TOLERANCE);
            out.put(RegressionMetric.RMSE, DEFAULT_TOLERANCE);
            out.put(RegressionMetric.R2_SCORE, DEFAULT_TOLERANCE);
        }
        return out;
    }

    /**
     * The degradation tests of {@code current} against {@code reference}, one per metric of
     * {@code options.degradation()}, in its order.
     *
     * @param reference the reference measured with its standard errors ({@link QualityEvaluator#sampleReference})
     * @param current the current batch measured with its standard errors
     */
    static List<DegradationTest> tests(ModelSpec spec, QualityEvaluator.Sampled reference,
            QualityEvaluator.Sampled current, QualityOptions options) {
        double confidence = options.confidence();
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(confidence);
        List<DegradationTest> out = new ArrayList<>();
        for (Map.Entry<QualityMetric, QualityOptions.Tolerance> e : options.degradation().entrySet()) {
            out.add(test(spec, e.getKey(), e.getValue(), reference, current, confidence, z));
        }
        return out;
    }

    private static DegradationTest test(ModelSpec spec, QualityMetric metric, QualityOptions.Tolerance tolerance,
            QualityEvaluator.Sampled reference, QualityEvaluator.Sampled current, double confidence, double z) {
        MetricValue r = reference.side().metric(metric);
        MetricValue c = current.side().metric(metric);
        double referenceValue = r == null ? Double.NaN : r.value();
        double currentValue = c == null ? Double.NaN : c.value();
        double allowed = Double.isFinite(referenceValue) ? tolerance.allowed(referenceValue) : Double.NaN;
        String why = whyUntestable(spec, metric, r, c, reference.errors(), current.errors());
        if (why != null) {
            return new DegradationTest(metric, referenceValue, currentValue, tolerance, allowed, confidence,
                    Double.NaN, Double.NaN, Status.ERROR, why);
        }
        double worsening = worsening(metric.better(), referenceValue, currentValue);
        double seReference = reference.errors().of(metric);
        double seCurrent = current.errors().of(metric);
        double bound = worsening - z * Math.sqrt(seReference * seReference + seCurrent * seCurrent);
        Status status = bound > allowed ? Status.FAIL : Status.SUCCESS;
        return new DegradationTest(metric, referenceValue, currentValue, tolerance, allowed, confidence, worsening,
                bound, status, null);
    }

    /** How much worse {@code current} is than {@code reference}, in the metric's units; negative: better. */
    static double worsening(QualityMetric.Better better, double reference, double current) {
        return switch (better) {
            case HIGHER -> reference - current;
            case LOWER -> current - reference;
            case TOWARDS_ZERO -> Math.abs(current) - Math.abs(reference);
        };
    }

    /** Why {@code metric} cannot be tested on this pair, or null when it can. */
    private static String whyUntestable(ModelSpec spec, QualityMetric metric, MetricValue reference,
            MetricValue current, StandardErrors referenceErrors, StandardErrors currentErrors) {
        if (!QualityMetric.of(spec.task()).contains(metric)) {
            return metric.key() + " is not a metric of a " + spec.task().label() + " model";
        }
        if (metric == RegressionMetric.ABS_MAX_ERROR) {
            return "no sampling distribution: the maximum is not a degradation metric";
        }
        if (reference == null || current == null) {
            return metric.key() + " is not measured for this model" + notMeasuredBecause(metric);
        }
        String why = undefined(metric, reference, "the reference");
        if (why == null) {
            why = undefined(metric, current, "the current batch");
        }
        if (why == null) {
            why = noStandardError(metric, referenceErrors, "the reference");
        }
        if (why == null) {
            why = noStandardError(metric, currentErrors, "the current batch");
        }
        return why;
    }

    private static String notMeasuredBecause(QualityMetric metric) {
        if (metric instanceof ClassificationMetric m && m.needsProbabilities()) {
            return ": it needs the model's probabilities (model.probabilities)";
        }
        if (metric instanceof ClassificationMetric m && m.binaryOnly()) {
            return ": it belongs to binary classification";
        }
        return "";
    }

    private static String undefined(QualityMetric metric, MetricValue value, String side) {
        if (!value.ok()) {
            return metric.key() + " could not be computed on " + side + ": " + value.error();
        }
        if (!Double.isFinite(value.value())) {
            return metric.key() + " is undefined on " + side + " (" + value.value()
                    + (metric instanceof ClassificationMetric m && m.binaryOnly()
                            ? ": its denominator is 0, no row of the class it counts)" : ")");
        }
        return null;
    }

    private static String noStandardError(QualityMetric metric, StandardErrors errors, String side) {
        String error = errors.error(metric);
        if (error != null) {
            return metric.key() + " has no standard error on " + side + ": " + error;
        }
        if (Double.isNaN(errors.of(metric))) {
            return metric.key() + " has no standard error on " + side;
        }
        return null;
    }
}
