package io.driftwatch.quality;

import io.driftwatch.analysis.ModelSpec;
import static io.driftwatch.quality.Columns.floats;
import static io.driftwatch.quality.Columns.ints;
import static io.driftwatch.quality.Columns.table;
import static io.driftwatch.quality.Columns.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.data.Table;
import org.junit.jupiter.api.Test;

/** Evidently's regression rules and Driftwatch's corrected MAPE and baselines, through {@link QualityEvaluator}. */
class RegressionQualityTest {
    private static final ModelSpec SPEC = ModelSpec.regression("y", "p");
    private static final double EPS = Math.ulp(1.0);

    private static MetricValue metric(QualitySide side, RegressionMetric m) {
        MetricValue v = side.metric(m);
        assertThat(v).as(m.key()).isNotNull();
        return v;
    }

    private static double baseline(QualityResult r, String key) {
        return r.baselines().stream().filter(b -> b.key().equals(key)).findFirst().orElseThrow().value();
    }

    @Test
    void currentCountsNearZeroTargetsAsOneHundredPercentWhileTheReferenceDropsThem() {
        Table t = table(floats("y", 0.0, 2.0, 4.0), floats("p", 1.0, 3.0, 5.0));
        QualityResult r = QualityEvaluator.of(SPEC).evaluate(t, t);
        // current: (1.0 + 0.5 + 0.25) / 3; reference: (0.5 + 0.25) / 2
        assertThat(metric(r.current(), RegressionMetric.MAPE).mean()).isCloseTo(100 * 1.75 / 3, within(1e-12));
        assertThat(metric(r.reference(), RegressionMetric.MAPE).mean()).isCloseTo(100 * 0.375, within(1e-12));
        assertThat(((RegressionSide) r.current()).nearZeroTargets()).isEqualTo(1);
        // the same data fails Evidently's own ±10 % test against itself
        assertThat(r.tests()).filteredOn(t1 -> t1.metric().equals("mape")).extracting(MetricTest::status)
                .containsExactly(MetricTest.Status.FAIL);
    }

    @Test
    void mapeStandardDeviationIsInFractionsWhileItsMeanIsInPercent() {
        Table t = table(floats("y", 1.0, 2.0), floats("p", 1.5, 2.5));
        MetricValue mape = metric(QualityEvaluator.of(SPEC).measureReference(t), RegressionMetric.MAPE);
        assertThat(mape.mean()).isCloseTo(37.5, within(1e-12));
        assertThat(mape.std()).isCloseTo(Math.sqrt(2 * 0.125 * 0.125), within(1e-15)); // of 0.5 and 0.25
        MetricValue corrected = metric(QualityEvaluator.of(SPEC).measureReference(t), RegressionMetric.MAPE_ABS);
        assertThat(corrected.std()).isCloseTo(100 * mape.std(), within(1e-12));
    }

    @Test
    void negativeTargetsDivideByEpsilonInEvidentlysMapeButNotInMapeAbs() {
        Table t = table(floats("y", -2.0, -4.0), floats("p", -1.0, -5.0));
        QualitySide side = QualityEvaluator.of(SPEC).measureReference(t);
        assertThat(metric(side, RegressionMetric.MAPE).mean()).isCloseTo(100 * (1.0 / EPS + 1.0 / EPS) / 2, within(1.0));
        assertThat(metric(side, RegressionMetric.MAPE_ABS).mean()).isCloseTo(100 * (0.5 + 0.25) / 2, within(1e-12));
    }

    @Test
    void mapeAbsIsUndefinedWhenEveryTargetIsZero() {
        Table t = table(floats("y", 0.0, 0.0, 0.0), floats("p", 1.0, 0.0, -1.0));
        QualityResult r = QualityEvaluator.of(SPEC).evaluate(t);
        assertThat(metric(r.current(), RegressionMetric.MAPE_ABS).error()).contains("every target is zero");
        assertThat(metric(r.current(), RegressionMetric.MAPE).mean()).isEqualTo(100.0);
        // Evidently's unused MAPE baseline looks for a nonzero target and raises
        assertThat(r.evidentlyError()).isEqualTo("IndexError: index 0 is out of bounds for axis 0 with size 0");
        assertThat(r.baselineTests()).filteredOn(t1 -> t1.metric().equals("mape_abs")).extracting(MetricTest::status)
                .containsExactly(MetricTest.Status.ERROR);
    }

    @Test
    void rSquaredOfAConstantTargetIsOneWithoutErrorsAndZeroWithThem() {
        QualitySide exact = QualityEvaluator.of(SPEC).measureReference(table(floats("y", 3, 3, 3), floats("p", 3, 3, 3)));
        QualitySide off = QualityEvaluator.of(SPEC).measureReference(table(floats("y", 3, 3, 3), floats("p", 3, 4, 3)));
        QualitySide oneRow = QualityEvaluator.of(SPEC).measureReference(table(floats("y", 3), floats("p", 4)));
        assertThat(metric(exact, RegressionMetric.R2_SCORE).value()).isEqualTo(1.0);
        assertThat(metric(off, RegressionMetric.R2_SCORE).value()).isEqualTo(0.0);
        assertThat(metric(oneRow, RegressionMetric.R2_SCORE).value()).isNaN();
        assertThat(metric(oneRow, RegressionMetric.MEAN_ERROR).std()).as("ddof 1 of one row").isNaN();
        assertThat(metric(oneRow, RegressionMetric.ABS_MAX_ERROR).value()).isEqualTo(1.0);
    }

    @Test
    void dropsRowsWithAMissingOrInfiniteTargetOrPrediction() {
        Table t = table(floats("y", 1, Double.NaN, 3, 4), floats("p", 2, 2, Double.POSITIVE_INFINITY, 5));
        QualitySide side = QualityEvaluator.of(SPEC).measureReference(t);
        assertThat(side.rowsUsed()).isEqualTo(2);
        assertThat(metric(side, RegressionMetric.MAE).mean()).isEqualTo(1.0);
        assertThat(metric(side, RegressionMetric.MEAN_ERROR).mean()).isEqualTo(1.0);
        assertThat(metric(side, RegressionMetric.RMSE).value()).isEqualTo(1.0);
    }

    @Test
    void evidentlysDummiesAreTheModelsOwnErrorsSoItsNoReferenceTestsFail() {
        Table t = table(floats("y", 1, 2, 3, 4, 10), floats("p", 1.5, 2, 2.5, 4, 9));
        QualityResult r = QualityEvaluator.of(SPEC).evaluate(t);
        assertThat(baseline(r, "dummy_mae")).isEqualTo(metric(r.current(), RegressionMetric.MAE).mean());
        assertThat(baseline(r, "dummy_rmse")).isEqualTo(metric(r.current(), RegressionMetric.RMSE).value());
        assertThat(baseline(r, "dummy_mape")).isEqualTo(metric(r.current(), RegressionMetric.MAPE).mean());
        assertThat(r.tests()).extracting(MetricTest::metric).containsExactly("mape", "rmse", "mae", "r2_score");
        assertThat(r.tests()).extracting(MetricTest::status).containsExactly(MetricTest.Status.FAIL,
                MetricTest.Status.FAIL, MetricTest.Status.FAIL, MetricTest.Status.SUCCESS);
        // Driftwatch's: this model beats the best constant predictions
        assertThat(r.baselineTests()).extracting(MetricTest::status).containsOnly(MetricTest.Status.SUCCESS);
    }

    @Test
    void driftwatchBaselinesAreTheErrorsOfTheBestConstantPredictions() {
        Table t = table(floats("y", 1, 2, 4, 8, -16), floats("p", 1, 2, 4, 8, -16));
        QualityResult r = QualityEvaluator.of(SPEC).evaluate(t);
        // MAE of the median 2: (1 + 0 + 2 + 6 + 18) / 5
        assertThat(baseline(r, "baseline_mae")).isCloseTo(27.0 / 5, within(1e-12));
        // RMSE of the mean -0.2: the population standard deviation
        double mean = -0.2;
        double ss = 0;
        for (double y : new double[] {1, 2, 4, 8, -16}) {
            ss += (y - mean) * (y - mean);
        }
        assertThat(baseline(r, "baseline_rmse")).isCloseTo(Math.sqrt(ss / 5), within(1e-12));
        // weighted median under 1/|y| (sorted -16, 1, 2, 4, 8; weights 1/16, 1, 1/2, 1/4, 1/8; half 0.96875):
        // the cumulative weight reaches it at 1, so the constant 1: |c - y| / |y| = 17/16, 0, 1/2, 3/4, 7/8
        assertThat(baseline(r, "baseline_mape_abs")).isCloseTo(100 * (17.0 / 16 + 0 + 0.5 + 0.75 + 0.875) / 5,
                within(1e-12));
        assertThat(r.baselineTests()).extracting(MetricTest::metric)
                .containsExactly("mae", "rmse", "mape_abs", "r2_score");
    }

    @Test
    void evidentlysTestsWithAReferenceAreTwoSidedSoAnImprovementFails() {
        Table reference = table(floats("y", 1, 2, 3, 4), floats("p", 2, 3, 4, 5));
        Table better = table(floats("y", 1, 2, 3, 4), floats("p", 1.5, 2.5, 3.5, 4.5));
        QualityResult r = QualityEvaluator.of(SPEC).evaluate(better, reference);
        assertThat(r.tests()).filteredOn(t -> t.metric().equals("mae")).extracting(MetricTest::status)
                .containsExactly(MetricTest.Status.FAIL);
        assertThat(r.tests()).extracting(MetricTest::slot)
                .containsExactly("mean", "mean", "value", "mean", "value", "value");
    }

    @Test
    void refusesATargetThatIsNotNumeric() {
        QualitySide side = QualityEvaluator.of(SPEC).measureReference(table(texts("y", "a"), ints("p", 1)));
        assertThat(side.error()).isEqualTo("target column 'y' must hold numbers (integers or floats), not string");
    }

    @Test
    void aBatchWithoutAScorableRowIsAnErrorOfItsSide() {
        QualityResult r = QualityEvaluator.of(SPEC)
                .evaluate(table(floats("y", Double.NaN), floats("p", 1.0)));
        assertThat(r.current().error()).isEqualTo("no row has both a finite target and a finite prediction");
        assertThat(r.tests()).isEmpty();
    }
}
