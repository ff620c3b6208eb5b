package io.driftwatch.quality;

import io.driftwatch.analysis.MetricTest.Status;
import java.util.Objects;

/**
 * The outcome of one degradation test ({@code quality.tests: degradation}): whether a metric got worse
 * than the reference's by more than its tolerance, shown with the stated one-sided confidence. A model
 * that got better never fails: the test looks in the metric's bad direction only
 * ({@link QualityMetric#better()}).
 *
 * <p>{@code worsening} is how much worse the current value is, in the metric's units and positive
 * when worse (for a metric where higher is better, reference − current); {@code worseningBound} is the
 * lower end of its one-sided confidence interval. The test fails when that bound exceeds the
 * tolerance: even the most favourable reading the sampling error allows is worse than tolerated.
 *
 * <p>Thread-safe: immutable.
 *
 * @param metric the metric tested
 * @param reference the reference's value
 * @param current the current batch's value
 * @param tolerance the tolerance as the monitor gave it
 * @param allowed the tolerance in the metric's units (for a relative one, a share of {@code reference})
 * @param confidence the one-sided confidence level
 * @param worsening current worse than reference by this much (negative: better)
 * @param worseningBound the lower confidence bound of {@code worsening}; NaN with an error
 * @param status {@code FAIL} when {@code worseningBound > allowed}, {@code SUCCESS} otherwise,
 *     {@code ERROR} when the metric could not be computed on either side or has no standard error there
 * @param error why the test could not be run, or null
 */
public record DegradationTest(QualityMetric metric, double reference, double current, QualityOptions.Tolerance tolerance,
        double allowed, double confidence, double worsening, double worseningBound, Status status, String error) {

    public DegradationTest {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(status, "status");
    }

    /** Whether the test failed: the metric is worse than tolerated, with the stated confidence. */
    public boolean failed() {
        return status.failed();
    }
}
