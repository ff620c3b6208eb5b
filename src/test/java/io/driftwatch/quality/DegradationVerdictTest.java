package io.driftwatch.quality;

import io.driftwatch.analysis.ModelSpec;
import static io.driftwatch.quality.Columns.floats;
import static io.driftwatch.quality.Columns.ints;
import static io.driftwatch.quality.Columns.table;
import static io.driftwatch.quality.Columns.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.MetricTest.Status;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The degradation tests' verdicts: power, a better model, tolerances, and every reason for an {@code ERROR}. */
class DegradationVerdictTest {
    private static final double Z95 = 1.6448536269514722;

    /** The quality section of a check of {@code current} against {@code reference}, through the analysis. */
    private static QualityResult check(ModelSpec spec, Table reference, Table current, QualityOptions options) {
        ReferenceProfile profile = ReferenceProfile.of(reference).keepingRows(reference, spec.columns());
        return QualityAnalysis.of(spec).with(options).run(new CheckData(Optional.of(profile), current, Map.of()));
    }

    private static QualityOptions degradation(Map<QualityMetric, QualityOptions.Tolerance> tolerances) {
        return new QualityOptions(QualityOptions.Tests.DEGRADATION, tolerances, 0.95);
    }

    private static QualityOptions degradation(QualityMetric metric, QualityOptions.Tolerance tolerance) {
        return degradation(Map.of(metric, tolerance));
    }

    private static DegradationTest test(QualityResult result, QualityMetric metric) {
        for (DegradationTest t : result.degradation()) {
            if (t.metric() == metric) {
                return t;
            }
        }
        throw new AssertionError("no degradation test of " + metric.key() + " in " + result.degradation());
    }

    /**
     * A binary classifier's labels on {@code rows} rows, half of each class, exactly {@code accuracy}
     * right: the same share wrong in each class.
     */
    private static Table labels(int rows, double accuracy) {
        long[] y = new long[rows];
        long[] p = new long[rows];
        int half = rows / 2;
        long wrong = Math.round(half * (1 - accuracy));
        for (int i = 0; i < rows; i++) {
            y[i] = i < half ? 1 : 0;
            p[i] = i % half < wrong ? 1 - y[i] : y[i];
        }
        return table(ints("y", y), ints("p", p));
    }

    private static final ModelSpec LABELS = ModelSpec.binary("y", "p", null);

    // ----- power, a better model, tolerances -----

    @Test
    void aClearlyWorseModelFailsAccuracyAndF1AtTheDefaultTolerances() {
        QualityResult r = check(LABELS, labels(2_000, 0.90), labels(2_000, 0.80),
                degradation(Map.of()));
        DegradationTest accuracy = test(r, ClassificationMetric.ACCURACY);
        assertThat(accuracy.status()).isEqualTo(Status.FAIL);
        assertThat(accuracy.worsening()).isCloseTo(0.10, within(1e-12));
        assertThat(accuracy.allowed()).isCloseTo(0.05 * 0.90, within(1e-12));
        // Agresti–Caffo: p̃ = 1801/2002 and 1601/2002, each over 2,002
        double se = Math.sqrt(1801.0 / 2002 * 201 / 2002 / 2002 + 1601.0 / 2002 * 401 / 2002 / 2002);
        assertThat(accuracy.worseningBound()).isCloseTo(0.10 - Z95 * se, within(1e-9));
        assertThat(accuracy.confidence()).isEqualTo(0.95);
        assertThat(test(r, ClassificationMetric.F1_SCORE).status()).isEqualTo(Status.FAIL);
        assertThat(r.failed()).isTrue();
    }

    @Test
    void aBetterModelNeverFailsEvenAtToleranceZero() {
        Map<QualityMetric, QualityOptions.Tolerance> every = new LinkedHashMap<>();
        for (ClassificationMetric m : List.of(ClassificationMetric.ACCURACY, ClassificationMetric.PRECISION,
                ClassificationMetric.RECALL, ClassificationMetric.F1_SCORE, ClassificationMetric.TPR,
                ClassificationMetric.TNR, ClassificationMetric.FPR, ClassificationMetric.FNR)) {
            every.put(m, QualityOptions.Tolerance.absolute(0));
        }
        QualityResult r = check(LABELS, labels(2_000, 0.90), labels(2_000, 0.95), degradation(every));
        assertThat(r.degradation()).hasSize(8);
        for (DegradationTest t : r.degradation()) {
            assertThat(t.status()).as(t.metric().key()).isEqualTo(Status.SUCCESS);
            assertThat(t.worsening()).as(t.metric().key()).isNegative();
        }
        assertThat(r.failed()).isFalse();
    }

    @Test
    void aMetricThatImprovedInTheSampleNeverFailsWhateverTheSpread() {
        // small, noisy batches of a probabilistic classifier: whenever a metric came out better, it passed
        ModelSpec spec = ModelSpec.binary("y", null, "p");
        Map<QualityMetric, QualityOptions.Tolerance> every = new LinkedHashMap<>();
        for (ClassificationMetric m : ClassificationMetric.values()) {
            every.put(m, QualityOptions.Tolerance.absolute(0));
        }
        QualityEvaluator evaluator = QualityEvaluator.of(spec);
        SplittableRandom random = new SplittableRandom(7);
        int improved = 0;
        for (int pair = 0; pair < 200; pair++) {
            QualityEvaluator.Sampled reference = evaluator.sampleReference(noisyBinary(random, 40));
            QualityEvaluator.Sampled current = evaluator.evaluateSampled(noisyBinary(random, 40), reference.side())
                    .current();
            for (DegradationTest t : Degradation.tests(spec, reference, current, degradation(every))) {
                if (t.worsening() <= 0) {
                    improved++;
                    assertThat(t.status()).as(t.metric().key()).isNotEqualTo(Status.FAIL);
                }
            }
        }
        assertThat(improved).isGreaterThan(500);
    }

    private static Table noisyBinary(SplittableRandom random, int rows) {
        long[] y = new long[rows];
        double[] p = new double[rows];
        for (int i = 0; i < rows; i++) {
            // keep both classes in every batch so that every metric is defined
            y[i] = i < 2 ? i : random.nextInt(2);
            p[i] = Math.rint(((y[i] == 1 ? 0.35 : 0.0) + 0.65 * random.nextDouble()) * 100) / 100;
        }
        return table(ints("y", y), floats("p", p));
    }

    @Test
    void aSlightlyWorseModelWithinItsToleranceSucceedsAndFailsWithoutOne() {
        Table reference = labels(2_000, 0.90);
        Table current = labels(2_000, 0.88);
        DegradationTest tolerated = test(check(LABELS, reference, current,
                degradation(ClassificationMetric.ACCURACY, QualityOptions.Tolerance.relative(0.05))),
                ClassificationMetric.ACCURACY);
        assertThat(tolerated.status()).isEqualTo(Status.SUCCESS);
        assertThat(tolerated.worsening()).isCloseTo(0.02, within(1e-12));
        // the same two points on 2,000 rows each are beyond the sampling error: no tolerance, a failure
        DegradationTest strict = test(check(LABELS, reference, current,
                degradation(ClassificationMetric.ACCURACY, QualityOptions.Tolerance.absolute(0))),
                ClassificationMetric.ACCURACY);
        assertThat(strict.status()).isEqualTo(Status.FAIL);
        assertThat(strict.worseningBound()).isBetween(0.0, 0.02);
    }

    @Test
    void aDifferenceWithinTheSamplingErrorDoesNotFailWithoutTolerance() {
        // 0.90 → 0.88 on 200 rows each: two points, well within the sampling error of such small batches
        DegradationTest t = test(check(LABELS, labels(200, 0.90), labels(200, 0.88),
                degradation(ClassificationMetric.ACCURACY, QualityOptions.Tolerance.absolute(0))),
                ClassificationMetric.ACCURACY);
        assertThat(t.worsening()).isCloseTo(0.02, within(1e-12));
        assertThat(t.worseningBound()).isNegative();
        assertThat(t.status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aRegressionFailsRmseBeyondAnAbsoluteToleranceOnly() {
        ModelSpec spec = ModelSpec.regression("y", "p");
        Table reference = regression(new SplittableRandom(11), 1_000, 2.0, 0.0);
        QualityOptions options = degradation(RegressionMetric.RMSE, QualityOptions.Tolerance.absolute(2.5));
        DegradationTest far = test(check(spec, reference, regression(new SplittableRandom(12), 1_000, 6.0, 0.0),
                options), RegressionMetric.RMSE);
        assertThat(far.worsening()).isGreaterThan(3.5);
        assertThat(far.status()).isEqualTo(Status.FAIL);
        DegradationTest near = test(check(spec, reference, regression(new SplittableRandom(13), 1_000, 3.0, 0.0),
                options), RegressionMetric.RMSE);
        assertThat(near.worsening()).isBetween(0.5, 1.5);
        assertThat(near.status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aMeanErrorIsWorseOnlyFurtherFromZero() {
        ModelSpec spec = ModelSpec.regression("y", "p");
        Table reference = regression(new SplittableRandom(21), 2_000, 1.0, -1.0);
        QualityOptions options = degradation(RegressionMetric.MEAN_ERROR, QualityOptions.Tolerance.absolute(0));
        // from −1 to +0.5: a sign change, but closer to zero
        DegradationTest closer = test(check(spec, reference, regression(new SplittableRandom(22), 2_000, 1.0, 0.5),
                options), RegressionMetric.MEAN_ERROR);
        assertThat(closer.worsening()).isCloseTo(-0.5, within(0.1));
        assertThat(closer.status()).isEqualTo(Status.SUCCESS);
        // from −1 to +2: further away
        DegradationTest further = test(check(spec, reference, regression(new SplittableRandom(23), 2_000, 1.0, 2.0),
                options), RegressionMetric.MEAN_ERROR);
        assertThat(further.worsening()).isCloseTo(1.0, within(0.1));
        assertThat(further.status()).isEqualTo(Status.FAIL);
    }

    /** y ~ N(20, 5); predicted y + bias + N(0, noise). */
    private static Table regression(SplittableRandom random, int rows, double noise, double bias) {
        double[] y = new double[rows];
        double[] p = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = 20 + 5 * gaussian(random);
            p[i] = y[i] + bias + noise * gaussian(random);
        }
        return table(floats("y", y), floats("p", p));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void aHigherConfidenceNeedsAClearerWorsening() {
        Table reference = labels(2_000, 0.90);
        Table current = labels(2_000, 0.88);
        Map<QualityMetric, QualityOptions.Tolerance> zero = Map.of(ClassificationMetric.ACCURACY,
                QualityOptions.Tolerance.absolute(0));
        DegradationTest at95 = test(check(LABELS, reference, current, degradation(zero)), ClassificationMetric.ACCURACY);
        DegradationTest at999 = test(check(LABELS, reference, current,
                new QualityOptions(QualityOptions.Tests.DEGRADATION, zero, 0.999)), ClassificationMetric.ACCURACY);
        assertThat(at95.status()).isEqualTo(Status.FAIL);
        assertThat(at999.status()).isEqualTo(Status.SUCCESS);
        assertThat(at999.worseningBound()).isLessThan(at95.worseningBound());
    }

    // ----- errors -----

    @Test
    void theLargestErrorIsNoDegradationMetric() {
        ModelSpec spec = ModelSpec.regression("y", "p");
        Table batch = regression(new SplittableRandom(31), 100, 1.0, 0.0);
        DegradationTest t = test(check(spec, batch, batch,
                degradation(RegressionMetric.ABS_MAX_ERROR, QualityOptions.Tolerance.relative(0.05))),
                RegressionMetric.ABS_MAX_ERROR);
        assertThat(t.status()).isEqualTo(Status.ERROR);
        assertThat(t.error()).isEqualTo("no sampling distribution: the maximum is not a degradation metric");
        assertThat(t.reference()).isPositive();
        assertThat(t.worseningBound()).isNaN();
        assertThat(t.failed()).isFalse();
    }

    @Test
    void aRateThatIsNaNOnTheCurrentBatchIsAnError() {
        // no positive row in the current batch: TPR = 0/0
        Table current = table(ints("y", 0, 0, 0, 0), ints("p", 1, 0, 0, 0));
        DegradationTest t = test(check(LABELS, labels(100, 0.9), current,
                degradation(ClassificationMetric.TPR, QualityOptions.Tolerance.absolute(0))), ClassificationMetric.TPR);
        assertThat(t.status()).isEqualTo(Status.ERROR);
        assertThat(t.error()).isEqualTo("tpr is undefined on the current batch (NaN: its denominator is 0, no row of"
                + " the class it counts)");
        assertThat(t.reference()).isCloseTo(0.9, within(1e-12));
        assertThat(t.current()).isNaN();
    }

    @Test
    void rocAucOfABatchWithOneClassOnlyIsAnError() {
        ModelSpec spec = ModelSpec.binary("y", null, "p");
        Table reference = table(ints("y", 1, 0, 1, 0, 1, 0), floats("p", 0.9, 0.2, 0.7, 0.4, 0.6, 0.1));
        Table current = table(ints("y", 1, 1, 1, 1), floats("p", 0.9, 0.8, 0.3, 0.7));
        QualityResult r = check(spec, reference, current, degradation(Map.of(
                ClassificationMetric.ROC_AUC, QualityOptions.Tolerance.absolute(0),
                ClassificationMetric.ACCURACY, QualityOptions.Tolerance.absolute(0))));
        DegradationTest auc = test(r, ClassificationMetric.ROC_AUC);
        assertThat(auc.status()).isEqualTo(Status.ERROR);
        assertThat(auc.error()).startsWith("roc_auc could not be computed on the current batch: ROC AUC is undefined");
        assertThat(test(r, ClassificationMetric.ACCURACY).status()).isNotEqualTo(Status.ERROR);
    }

    @Test
    void macroMetricsOfOneClassOnlyAreErrors() {
        ModelSpec spec = ModelSpec.multiclass("y", "p", Map.of());
        Table reference = table(texts("y", "a", "b", "c", "a", "b", "c"), texts("p", "a", "b", "c", "a", "c", "c"));
        Table current = table(texts("y", "a", "a", "a"), texts("p", "a", "a", "a"));
        QualityResult r = check(spec, reference, current, degradation(Map.of(
                ClassificationMetric.PRECISION, QualityOptions.Tolerance.absolute(0),
                ClassificationMetric.F1_SCORE, QualityOptions.Tolerance.absolute(0),
                ClassificationMetric.ACCURACY, QualityOptions.Tolerance.absolute(0))));
        for (QualityMetric m : List.of(ClassificationMetric.PRECISION, ClassificationMetric.F1_SCORE)) {
            DegradationTest t = test(r, m);
            assertThat(t.status()).as(m.key()).isEqualTo(Status.ERROR);
            assertThat(t.error()).as(m.key()).isEqualTo(m.key() + " has no standard error on the current batch: one"
                    + " class only (['a']) in the target and the predictions: " + m.key() + " has no sampling distribution");
        }
        // a perfect current batch of 3 rows: better than the reference, whatever its spread
        assertThat(test(r, ClassificationMetric.ACCURACY).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aMetricTheModelDoesNotMeasureIsAnError() {
        DegradationTest auc = test(check(LABELS, labels(100, 0.9), labels(100, 0.9),
                degradation(ClassificationMetric.ROC_AUC, QualityOptions.Tolerance.relative(0.05))),
                ClassificationMetric.ROC_AUC);
        assertThat(auc.status()).isEqualTo(Status.ERROR);
        assertThat(auc.error()).isEqualTo("roc_auc is not measured for this model: it needs the model's probabilities"
                + " (model.probabilities)");
        DegradationTest rmse = test(check(LABELS, labels(100, 0.9), labels(100, 0.9),
                degradation(RegressionMetric.RMSE, QualityOptions.Tolerance.relative(0.05))), RegressionMetric.RMSE);
        assertThat(rmse.status()).isEqualTo(Status.ERROR);
        assertThat(rmse.error()).isEqualTo("rmse is not a metric of a binary_classification model");
    }

    @Test
    void aRegressionSideOfOneRowHasNoStandardError() {
        ModelSpec spec = ModelSpec.regression("y", "p");
        Table current = table(floats("y", 3.0), floats("p", 4.0));
        DegradationTest t = test(check(spec, regression(new SplittableRandom(41), 50, 1.0, 0.0), current,
                degradation(RegressionMetric.MAE, QualityOptions.Tolerance.relative(0.05))), RegressionMetric.MAE);
        assertThat(t.status()).isEqualTo(Status.ERROR);
        assertThat(t.error()).isEqualTo("mae has no standard error on the current batch: one row: no sampling variance"
                + " can be estimated");
    }

    @Test
    void r2OfAConstantTargetIsAnError() {
        ModelSpec spec = ModelSpec.regression("y", "p");
        Table reference = table(floats("y", 5, 5, 5, 5), floats("p", 5.1, 4.9, 5.2, 5.0));
        DegradationTest t = test(check(spec, reference, regression(new SplittableRandom(51), 50, 1.0, 0.0),
                degradation(RegressionMetric.R2_SCORE, QualityOptions.Tolerance.absolute(0.1))), RegressionMetric.R2_SCORE);
        assertThat(t.status()).isEqualTo(Status.ERROR);
        assertThat(t.error()).isEqualTo("r2_score has no standard error on the reference: the target is constant: R² is"
                + " a convention (1.0 or 0.0), not an estimate");
    }

    @Test
    void aMetricThatCouldNotBeComputedOnTheReferenceIsAnError() {
        // every target 0: mape_abs is undefined on the reference
        ModelSpec spec = ModelSpec.regression("y", "p");
        Table reference = table(floats("y", 0, 0, 0), floats("p", 0.1, -0.2, 0.3));
        DegradationTest t = test(check(spec, reference, regression(new SplittableRandom(61), 50, 1.0, 0.0),
                degradation(RegressionMetric.MAPE_ABS, QualityOptions.Tolerance.relative(0.05))), RegressionMetric.MAPE_ABS);
        assertThat(t.status()).isEqualTo(Status.ERROR);
        assertThat(t.error()).isEqualTo("mape_abs could not be computed on the reference: every target is zero: the"
                + " percentage error is undefined");
    }
}
