package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.analysis.ModelSpec;
import static io.driftwatch.quality.Columns.floats;
import static io.driftwatch.quality.Columns.ints;
import static io.driftwatch.quality.Columns.table;
import static io.driftwatch.quality.Columns.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.Column;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The chart data of the quality section ({@link QualityCharts}): ROC and precision-recall curves from the
 * scores the ROC AUC sorts, thinned to a cap with exact endpoints; a regression's density and error
 * histogram on bins shared by both sides; all from the rows the metrics score.
 */
class QualityChartsTest {
    private static final ModelSpec BINARY = ModelSpec.binary("y", null, "p");

    private static QualityCharts.Curves onlyCurve(QualityCharts.Side side) {
        assertThat(side.curves()).hasSize(1);
        return side.curves().get(0);
    }

    @Test
    void rocCurveRunsFromTheOriginThroughEachDistinctThresholdToOneOne() {
        Table t = table(ints("y", 1, 1, 0, 1, 0), floats("p", 0.9, 0.8, 0.7, 0.6, 0.2));
        QualityCharts.Curves c = onlyCurve(QualityEvaluator.of(BINARY).evaluate(t).charts().current());

        assertThat(c.label()).isEqualTo(ClassLabel.ofInteger(1));
        assertThat(c.fpr()).containsExactly(0, 0, 0, 0.5, 0.5, 1);
        assertThat(c.tpr()).containsExactly(new double[] {0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1, 1}, within(1e-15));
        assertThat(c.positives()).isEqualTo(3);
        assertThat(c.negatives()).isEqualTo(2);
        // 5 of the 6 pairs ranked right
        assertThat(c.rocAuc()).isCloseTo(5 / 6.0, within(1e-15));
    }

    @Test
    void precisionRecallCurveStartsAtPrecisionOneAndEndsAtTheClassShare() {
        Table t = table(ints("y", 1, 1, 0, 1, 0), floats("p", 0.9, 0.8, 0.7, 0.6, 0.2));
        QualityCharts.Curves c = onlyCurve(QualityEvaluator.of(BINARY).evaluate(t).charts().current());

        assertThat(c.recall()).containsExactly(c.tpr());
        assertThat(c.precision()).containsExactly(new double[] {1, 1, 1, 2 / 3.0, 3 / 4.0, 3 / 5.0}, within(1e-15));
        assertThat(c.precision()[c.precision().length - 1]).isEqualTo(c.prevalence());
    }

    @Test
    void tiedScoresAreOneThreshold() {
        Table t = table(ints("y", 1, 0, 1, 0, 1), floats("p", 0.8, 0.5, 0.5, 0.5, 0.5));
        QualityCharts.Curves c = onlyCurve(QualityEvaluator.of(BINARY).evaluate(t).charts().current());

        assertThat(c.fpr()).containsExactly(0, 0, 1);
        assertThat(c.tpr()).containsExactly(new double[] {0, 1 / 3.0, 1}, within(1e-15));
        assertThat(c.precision()).containsExactly(new double[] {1, 1, 3 / 5.0}, within(1e-15));
    }

    @Test
    void areaUnderAnUnthinnedCurveIsTheRocAucMetric() {
        SplittableRandom random = new SplittableRandom(7);
        long[] y = new long[60];
        double[] p = new double[60];
        for (int i = 0; i < 60; i++) {
            p[i] = Math.round(random.nextDouble() * 10) / 10.0; // many ties
            y[i] = random.nextDouble() < p[i] ? 1 : 0;
        }
        QualityResult r = QualityEvaluator.of(BINARY).evaluate(table(ints("y", y), floats("p", p)));
        QualityCharts.Curves c = onlyCurve(r.charts().current());

        double[] f = c.fpr();
        double[] t = c.tpr();
        double area = 0;
        for (int k = 1; k < f.length; k++) {
            area += (f[k] - f[k - 1]) * (t[k] + t[k - 1]) / 2;
        }
        assertThat(f.length).as("11 distinct scores at most, all kept").isLessThanOrEqualTo(12);
        assertThat(area).isCloseTo(r.current().metric(ClassificationMetric.ROC_AUC).value(), within(1e-12));
        assertThat(c.rocAuc()).isEqualTo(r.current().metric(ClassificationMetric.ROC_AUC).value());
    }

    @Test
    void theNegativeClassesColumnGivesThePositiveClassesCurveReadBackwards() {
        Column target = texts("y", "yes", "no", "yes", "no", "no", "yes", "no");
        double[] pYes = {0.75, 0.25, 0.5, 0.5, 0.125, 0.875, 0.625};
        double[] pNo = new double[pYes.length];
        for (int i = 0; i < pYes.length; i++) {
            pNo[i] = 1 - pYes[i];
        }
        ModelSpec yesColumn = ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofText("yes"));
        ModelSpec noColumn = ModelSpec.binary("y", null, "no").withPosLabel(ClassLabel.ofText("yes"));
        QualityCharts.Curves direct = onlyCurve(QualityEvaluator.of(yesColumn).evaluate(table(target, floats("p", pYes)))
                .charts().current());
        QualityCharts.Curves backwards = onlyCurve(QualityEvaluator.of(noColumn)
                .evaluate(table(target, floats("no", pNo))).charts().current());

        assertThat(backwards.label()).isEqualTo(ClassLabel.ofText("yes"));
        assertThat(backwards).isEqualTo(direct);
    }

    @Test
    void aMillionScoresAreThinnedToTheCapKeepingTheExactEndpoints() {
        int n = 1_000_000;
        SplittableRandom random = new SplittableRandom(3);
        double[] pos = new double[n / 2];
        double[] neg = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            pos[i] = 0.3 + 0.7 * random.nextDouble();
            neg[i] = random.nextDouble() * 0.9;
        }
        java.util.Arrays.sort(pos);
        java.util.Arrays.sort(neg);
        QualityCharts.Curves c = ThresholdCurves.of(ClassLabel.ofInteger(1), 0.8, pos, pos.length, neg, neg.length, false,
                QualityCharts.MAX_POINTS);

        double[] f = c.fpr();
        double[] t = c.tpr();
        assertThat(f.length).isBetween(QualityCharts.MAX_POINTS - 10, QualityCharts.MAX_POINTS);
        assertThat(f[0]).isZero();
        assertThat(t[0]).isZero();
        assertThat(f[f.length - 1]).isEqualTo(1.0);
        assertThat(t[t.length - 1]).isEqualTo(1.0);
        double step = 2.0 / (QualityCharts.MAX_POINTS - 2);
        for (int k = 1; k < f.length; k++) {
            assertThat(f[k]).isGreaterThanOrEqualTo(f[k - 1]);
            assertThat(t[k]).isGreaterThanOrEqualTo(t[k - 1]);
            assertThat(f[k] - f[k - 1] + t[k] - t[k - 1]).as("no long straight cut").isLessThan(1.5 * step);
        }
        assertThat(c.precision()[0]).isEqualTo(1.0);
        assertThat(c.precision()[f.length - 1]).isEqualTo(0.5);
    }

    @Test
    void aCurveNeedsRowsOfBothKindsAndRoomForItsEndpoints() {
        double[] some = {0.1, 0.2};
        assertThatThrownBy(() -> ThresholdCurves.of(ClassLabel.ofInteger(1), 0.5, some, 2, some, 0, false, 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows of the class and others");
        assertThatThrownBy(() -> ThresholdCurves.of(ClassLabel.ofInteger(1), 0.5, some, 2, some, 2, false, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 points");
    }

    @Test
    void curvesCountOnlyTheRowsTheMetricsScore() {
        Table t = table(ints("y", 1, 0, 1, 0, 1, 0), floats("p", 0.9, Double.NaN, 0.4, 0.3, Double.POSITIVE_INFINITY, 0.6));
        QualityResult r = QualityEvaluator.of(BINARY).evaluate(t);
        QualityCharts.Curves c = onlyCurve(r.charts().current());

        assertThat(r.current().rowsUsed()).isEqualTo(4);
        assertThat(c.positives() + c.negatives()).isEqualTo(r.current().rowsUsed());
        assertThat(c.positives()).isEqualTo(2);
    }

    @Test
    void bothSidesHaveCurvesWhenTheReferenceIsScoredHereAndNoneWhenItWasMeasuredElsewhere() {
        Table reference = table(ints("y", 1, 0, 1, 0), floats("p", 0.9, 0.1, 0.8, 0.3));
        Table current = table(ints("y", 1, 0, 1, 0), floats("p", 0.4, 0.6, 0.8, 0.3));
        QualityEvaluator evaluator = QualityEvaluator.of(BINARY);

        QualityCharts both = evaluator.evaluate(current, reference).charts();
        assertThat(onlyCurve(both.reference()).rocAuc()).isEqualTo(1.0);
        assertThat(onlyCurve(both.current()).rocAuc()).isEqualTo(0.75);

        QualityCharts measuredElsewhere = evaluator.evaluate(current, evaluator.measureReference(reference)).charts();
        assertThat(measuredElsewhere.reference()).isEqualTo(QualityCharts.Side.EMPTY);
        assertThat(evaluator.evaluate(current).charts().reference()).isNull();
    }

    @Test
    void theAnalysisDrawsTheReferenceFromTheRowsItsProfileKeeps() {
        Table reference = table(ints("y", 1, 0, 1, 0), floats("p", 0.9, 0.1, 0.8, 0.3));
        Table current = table(ints("y", 1, 0, 1, 0), floats("p", 0.4, 0.6, 0.8, 0.3));
        ReferenceProfile profile = ReferenceProfile.of(reference).keepingRows(reference, List.of("y", "p"));

        QualityResult r = QualityAnalysis.of(BINARY).run(new CheckData(Optional.of(profile), current, Map.of()));

        assertThat(onlyCurve(r.charts().reference()).rocAuc()).isEqualTo(1.0);
        assertThat(onlyCurve(r.charts().current()).rocAuc()).isEqualTo(0.75);
    }

    @Test
    void aClassifierWithLabelsOnlyHasNoCurves() {
        Table t = table(ints("y", 1, 0, 1, 0), ints("p", 1, 0, 0, 0));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", "p", null)).evaluate(t, t);

        assertThat(r.charts().current().curves()).isEmpty();
        assertThat(r.charts().reference().curves()).isEmpty();
        assertThat(r.charts().current().density()).isNull();
    }

    @Test
    void aMulticlassModelHasCurvesForTheFirstTenClassesInSortedOrder() {
        int classes = 12;
        String[] target = new String[classes * 2];
        Map<String, String> columns = new LinkedHashMap<>();
        Column[] all = new Column[classes + 1];
        for (int c = classes - 1; c >= 0; c--) { // columns in reverse order: the curves still come sorted
            String label = String.format("c%02d", c);
            columns.put(label, "p_" + label);
            double[] p = new double[classes * 2];
            for (int i = 0; i < p.length; i++) {
                p[i] = i / 2 == c ? 0.9 : 0.1 / (classes - 1);
            }
            all[classes - c] = floats("p_" + label, p);
        }
        for (int i = 0; i < target.length; i++) {
            target[i] = String.format("c%02d", i / 2);
        }
        all[0] = texts("y", target);
        QualityResult r = QualityEvaluator.of(ModelSpec.multiclass("y", null, columns)).evaluate(table(all));

        List<QualityCharts.Curves> curves = r.charts().current().curves();
        assertThat(curves).hasSize(QualityCharts.MAX_CLASSES_DRAWN);
        assertThat(curves).extracting(c -> c.label().text()).containsExactly("c00", "c01", "c02", "c03", "c04", "c05",
                "c06", "c07", "c08", "c09");
        for (QualityCharts.Curves c : curves) {
            assertThat(c.positives()).isEqualTo(2);
            assertThat(c.negatives()).isEqualTo(22);
            assertThat(c.rocAuc()).isEqualTo(1.0);
            assertThat(c.fpr().length).isLessThanOrEqualTo(QualityCharts.MAX_POINTS_PER_CLASS);
        }
    }

    @Test
    void regressionDensityAndErrorsCountEveryScoredRowOnBinsSharedByBothSides() {
        SplittableRandom random = new SplittableRandom(11);
        double[] refY = new double[500];
        double[] refP = new double[500];
        for (int i = 0; i < refY.length; i++) {
            refY[i] = 10 + 5 * random.nextDouble();
            refP[i] = refY[i] + random.nextDouble() - 0.5;
        }
        double[] curY = new double[301];
        double[] curP = new double[301];
        for (int i = 0; i < curY.length; i++) {
            curY[i] = 12 + 6 * random.nextDouble();
            curP[i] = curY[i] + 2 * random.nextDouble();
        }
        curY[300] = Double.NaN; // dropped by the cleaning, as the metrics drop it
        ModelSpec spec = ModelSpec.regression("y", "p");
        QualityResult r = QualityEvaluator.of(spec).evaluate(table(floats("y", curY), floats("p", curP)),
                table(floats("y", refY), floats("p", refP)));
        QualityCharts.Side cur = r.charts().current();
        QualityCharts.Side ref = r.charts().reference();

        assertThat(cur.density().inside() + cur.density().outside()).isEqualTo(r.current().rowsUsed()).isEqualTo(300);
        assertThat(ref.density().inside() + ref.density().outside()).isEqualTo(500);
        assertThat(cur.errors().total()).isEqualTo(300);
        assertThat(ref.errors().total()).isEqualTo(500);
        assertThat(cur.density().lo()).isEqualTo(ref.density().lo());
        assertThat(cur.density().hi()).isEqualTo(ref.density().hi());
        assertThat(cur.density().bins()).isEqualTo(QualityCharts.DENSITY_BINS);
        assertThat(cur.errors().edges()).containsExactly(ref.errors().edges());
        assertThat(cur.errors().counts()).hasSize(QualityCharts.ERROR_BINS);
        // no far tail: the grid spans every value of both sides, the bins every error
        assertThat(cur.density().outside() + ref.density().outside()).isZero();
        assertThat(cur.errors().below() + cur.errors().above()).isZero();
        assertThat(cur.curves()).isEmpty();
    }

    @Test
    void aFarOutlierIsLeftOutOfTheRangeAndCountedOutside() {
        SplittableRandom random = new SplittableRandom(5);
        double[] y = new double[1_000];
        double[] p = new double[1_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = 100 + 10 * random.nextDouble();
            p[i] = y[i] + random.nextDouble();
        }
        p[17] = 1e6;
        QualityResult r = QualityEvaluator.of(ModelSpec.regression("y", "p")).evaluate(table(floats("y", y),
                floats("p", p)));
        QualityCharts.Density d = r.charts().current().density();
        QualityCharts.Histogram e = r.charts().current().errors();

        assertThat(d.hi()).isLessThan(200);
        assertThat(d.outside()).isEqualTo(1);
        assertThat(d.inside()).isEqualTo(999);
        assertThat(e.above()).isEqualTo(1);
        assertThat(e.total()).isEqualTo(1_000);
        assertThat(r.charts().reference()).isNull();
    }

    @Test
    void aSideThatCouldNotBeScoredHasNothingToDraw() {
        Table noTarget = table(floats("p", 1, 2, 3));
        Table fine = table(floats("y", 1, 2, 3), floats("p", 1, 2, 4));
        QualityResult r = QualityEvaluator.of(ModelSpec.regression("y", "p")).evaluate(noTarget, fine);

        assertThat(r.current().error()).isNotNull();
        assertThat(r.charts().current()).isEqualTo(QualityCharts.Side.EMPTY);
        assertThat(r.charts().reference().density().inside()).isEqualTo(3);
    }
}
