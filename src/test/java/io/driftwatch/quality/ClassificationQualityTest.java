package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.analysis.ModelSpec;
import static io.driftwatch.quality.Columns.floats;
import static io.driftwatch.quality.Columns.bools;
import static io.driftwatch.quality.Columns.ints;
import static io.driftwatch.quality.Columns.table;
import static io.driftwatch.quality.Columns.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.data.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evidently's classification rules, one behaviour at a time, through {@link QualityEvaluator}. */
class ClassificationQualityTest {
    private static final double NaN = Double.NaN;

    private static double value(QualitySide side, QualityMetric metric) {
        MetricValue v = side.metric(metric);
        assertThat(v).as(metric.key()).isNotNull();
        assertThat(v.error()).as(metric.key()).isNull();
        return v.value();
    }

    private static MetricTest test(QualityResult r, QualityMetric metric) {
        return r.tests().stream().filter(t -> t.metric().equals(metric.key())).findFirst().orElseThrow();
    }

    // ----- 0/0 rules -----

    @Test
    void precisionIsZeroWhenNothingIsPredictedPositive() {
        Table t = table(ints("y", 1, 1, 0, 0), ints("p", 0, 0, 0, 0), ints("ignored", 0, 0, 0, 0));
        QualitySide side = QualityEvaluator.of(ModelSpec.binary("y", "p", null)).measureReference(t);
        // labels {0, 1} are two, so the binary branch: TP = 0 and TP + FP = 0
        assertThat(value(side, ClassificationMetric.PRECISION)).isEqualTo(0.0);
        assertThat(value(side, ClassificationMetric.RECALL)).isEqualTo(0.0);
        assertThat(value(side, ClassificationMetric.F1_SCORE)).isEqualTo(0.0);
        assertThat(value(side, ClassificationMetric.FPR)).isEqualTo(0.0);
    }

    @Test
    void ratesAreNaNWhenTheirDenominatorIsZeroAndTheirTestsFail() {
        // no positive row: TPR = 0/0 and FNR = 0/0 (NumPy integers), precision 0/1
        Table current = table(ints("y", 0, 0, 0, 0), ints("p", 1, 0, 0, 0));
        Table reference = table(ints("y", 1, 0, 1, 0), ints("p", 1, 0, 0, 0));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", "p", null)).evaluate(current, reference);
        assertThat(value(r.current(), ClassificationMetric.TPR)).isNaN();
        assertThat(value(r.current(), ClassificationMetric.FNR)).isNaN();
        assertThat(value(r.current(), ClassificationMetric.TNR)).isEqualTo(0.75);
        assertThat(test(r, ClassificationMetric.TPR).status()).isEqualTo(MetricTest.Status.FAIL);
        assertThat(r.evidentlyError()).isNull();
    }

    @Test
    void macroAveragesOverTheClassesInTargetOrPredictionOnly() {
        // three classes present (a, b, c); the multiclass definition does not add any
        Table t = table(texts("y", "a", "a", "b", "c"), texts("p", "a", "b", "b", "b"));
        QualitySide side = QualityEvaluator.of(ModelSpec.multiclass("y", "p", Map.of())).measureReference(t);
        // precision a = 1, b = 1/3, c = 0 (nothing predicted); recall a = 1/2, b = 1, c = 0
        assertThat(value(side, ClassificationMetric.PRECISION)).isCloseTo((1 + 1.0 / 3 + 0) / 3, within(1e-15));
        assertThat(value(side, ClassificationMetric.RECALL)).isCloseTo((0.5 + 1 + 0) / 3, within(1e-15));
        assertThat(value(side, ClassificationMetric.ACCURACY)).isEqualTo(0.5);
        assertThat(side.metric(ClassificationMetric.TPR)).as("no rates for a multiclass model").isNull();
    }

    // ----- row cleaning -----

    @Test
    void dropsRowsWithAMissingOrInfiniteTargetOrProbability() {
        Table t = table(texts("y", "yes", null, "no", "yes", "no"),
                floats("p", 0.9, 0.8, Double.POSITIVE_INFINITY, 0.7, 0.2));
        ClassificationSide side = (ClassificationSide) QualityEvaluator
                .of(ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofText("yes"))).measureReference(t);
        assertThat(side.rowsRead()).isEqualTo(5);
        assertThat(side.rowsUsed()).isEqualTo(3);
        assertThat(value(side, ClassificationMetric.ACCURACY)).isEqualTo(1.0);
    }

    @Test
    void ignoresMissingLabelsWhenProbabilitiesAreScored() {
        // both columns given: Evidently scores the probabilities; the label column's gaps drop nothing
        Table t = table(ints("y", 1, 0, 1, 0), texts("label", null, null, "x", "x"), floats("p", 0.9, 0.2, 0.6, 0.4));
        ClassificationSide side = (ClassificationSide) QualityEvaluator.of(ModelSpec.binary("y", "label", "p"))
                .measureReference(t);
        assertThat(side.rowsUsed()).isEqualTo(4);
        assertThat(value(side, ClassificationMetric.ACCURACY)).isEqualTo(1.0);
    }

    @Test
    void scoresTheCleanedRowsWhereEvidentlyFailsOnAMissingProbability() {
        Table reference = table(ints("y", 1, 0, 1, 0), floats("p", 0.9, 0.2, 0.6, 0.4));
        Table current = table(ints("y", 1, 0, 1, 0, 1), floats("p", 0.9, 0.2, 0.4, 0.6, NaN));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", null, "p")).evaluate(current, reference);
        // Evidently's ROC curve widget reads the uncleaned column
        assertThat(r.evidentlyError()).isEqualTo("ValueError: Input contains NaN.");
        assertThat(r.current().rowsUsed()).isEqualTo(4);
        assertThat(value(r.current(), ClassificationMetric.ROC_AUC)).isEqualTo(0.75);
        assertThat(r.tests()).hasSize(10);
    }

    @Test
    void evidentlysRocCurveFindsNoNegativeClassWhenAMissingTargetComesLastInOrderOfAppearance() {
        Table reference = table(texts("y", "yes", "no"), floats("p", 0.9, 0.2));
        ModelSpec spec = ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofText("yes"));
        // uncleaned classes in order of appearance: no, yes, None: the last other than "yes" is None
        Table missingLast = table(texts("y", "no", "yes", null, "yes"), floats("p", 0.1, 0.8, 0.5, 0.7));
        // yes, None, no: the last other than "yes" is "no"
        Table missingBetween = table(texts("y", "yes", null, "no", "no"), floats("p", 0.8, 0.5, 0.1, 0.3));
        QualityResult last = QualityEvaluator.of(spec).evaluate(missingLast, reference);
        QualityResult between = QualityEvaluator.of(spec).evaluate(missingBetween, reference);
        assertThat(last.evidentlyError()).isEqualTo(ClassificationScorer.NEGATIVE_LABEL);
        assertThat(between.evidentlyError()).isNull();
        // Driftwatch scores the cleaned rows either way
        assertThat(value(last.current(), ClassificationMetric.ROC_AUC)).isEqualTo(1.0);
        assertThat(last.current().rowsUsed()).isEqualTo(3);
    }

    @Test
    void drawsTheDummyOnTheCleanedRowsWhereEvidentlyDrawsOnePerUncleanedRow() {
        Table current = table(texts("y", "a", "b", "a", null, "b", "a"), texts("p", "a", "b", "b", "a", "b", "a"));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", "p", null)
                .withPosLabel(ClassLabel.ofText("a"))).evaluate(current);
        assertThat(r.evidentlyError())
                .isEqualTo("ValueError: Found input variables with inconsistent numbers of samples: [5, 6]");
        assertThat(r.baselines()).extracting(Baseline::key).contains("dummy_accuracy", "dummy_tpr");
        assertThat(r.tests()).extracting(MetricTest::status).doesNotContain(MetricTest.Status.ERROR);
    }

    // ----- deriving labels from probabilities -----

    @Test
    void integerTargetTakesTheProbabilityAsThatOfOneWhateverPosLabelSays() {
        // pos_label 0: the column is still read as P(1); precision is then that of class 0
        Table t = table(ints("y", 1, 1, 0, 0), floats("p", 0.8, 0.3, 0.2, 0.1));
        ClassificationSide side = (ClassificationSide) QualityEvaluator
                .of(ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofInteger(0))).measureReference(t);
        assertThat(side.labels()).containsExactly(ClassLabel.ofInteger(0), ClassLabel.ofInteger(1));
        // predicted 1, 0, 0, 0: class 0 precision 2/3, recall 1
        assertThat(value(side, ClassificationMetric.PRECISION)).isEqualTo(2.0 / 3);
        assertThat(value(side, ClassificationMetric.RECALL)).isEqualTo(1.0);
    }

    @Test
    void textTargetScoresPosLabelAgainstTheOtherClass() {
        Table t = table(texts("y", "no", "yes", "yes", "no"), floats("p", 0.2, 0.6, 0.7, 0.55));
        ClassificationSide side = (ClassificationSide) QualityEvaluator
                .of(ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofText("yes"))).measureReference(t);
        assertThat(side.labels()).containsExactly(ClassLabel.ofText("no"), ClassLabel.ofText("yes"));
        assertThat(value(side, ClassificationMetric.PRECISION)).isEqualTo(2.0 / 3);
        assertThat(side.confusionMatrix().count(0, 1)).isEqualTo(1); // the "no" at 0.55
    }

    @Test
    void textTargetWithAThirdClassIsRefusedAsScikitLearnRefusesIt() {
        // classes in order of appearance: no, maybe, yes; the negative is the last other than "yes": "maybe",
        // and "no" rows are then of neither class
        Table t = table(texts("y", "no", "maybe", "yes", "no"), floats("p", 0.2, 0.6, 0.7, 0.4));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofText("yes")))
                .evaluate(t, t);
        assertThat(r.current().error()).isEqualTo("the target holds 3 classes where a binary classifier's holds 2");
        assertThat(r.evidentlyError()).startsWith("ValueError: Target is multiclass but average='binary'");
    }

    @Test
    void readsAColumnNamedAfterTheNegativeClassAsItsProbability() {
        Table t = table(texts("y", "yes", "no", "yes", "no"), floats("no", 0.1, 0.8, 0.3, 0.6));
        ClassificationSide side = (ClassificationSide) QualityEvaluator
                .of(ModelSpec.binary("y", null, "no").withPosLabel(ClassLabel.ofText("yes"))).measureReference(t);
        assertThat(value(side, ClassificationMetric.ACCURACY)).isEqualTo(1.0);
        assertThat(value(side, ClassificationMetric.ROC_AUC)).isEqualTo(1.0);
    }

    @Test
    void thresholdRederivesThePredictedLabels() {
        Table t = table(ints("y", 1, 1, 0, 0), floats("p", 0.8, 0.35, 0.32, 0.1));
        ModelSpec spec = ModelSpec.binary("y", null, "p");
        QualitySide atHalf = QualityEvaluator.of(spec).measureReference(t);
        QualitySide atLow = QualityEvaluator.of(spec.withProbasThreshold(0.3)).measureReference(t);
        assertThat(value(atHalf, ClassificationMetric.RECALL)).isEqualTo(0.5);
        assertThat(value(atLow, ClassificationMetric.RECALL)).isEqualTo(1.0);
        assertThat(value(atLow, ClassificationMetric.PRECISION)).isEqualTo(2.0 / 3);
        // ROC AUC and log loss do not depend on the threshold
        assertThat(value(atLow, ClassificationMetric.ROC_AUC)).isEqualTo(value(atHalf, ClassificationMetric.ROC_AUC));
    }

    @Test
    void refusesAThresholdWithoutProbabilities() {
        Table t = table(ints("y", 1, 0), ints("p", 1, 0));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", "p", null).withProbasThreshold(0.3))
                .evaluate(t, t);
        assertThat(r.current().error()).contains("probas_threshold");
        assertThat(r.evidentlyError()).isEqualTo(ClassificationScorer.THRESHOLD_NEEDS_PROBAS);
        assertThat(r.tests()).isEmpty();
    }

    @Test
    void refusesAPosLabelTheTextTargetDoesNotHold() {
        Table t = table(texts("y", "no", "no"), floats("p", 0.1, 0.7));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofText("yes")))
                .evaluate(t, t);
        assertThat(r.current().error()).isEqualTo("pos_label 'yes' is not a class of the target ['no']");
        assertThat(r.evidentlyError()).isEqualTo("ValueError: Cannot find pos_label 'yes' in labels ['no']");
    }

    @Test
    void namesTheMissingColumn() {
        Table t = table(ints("y", 1, 0));
        QualitySide side = QualityEvaluator.of(ModelSpec.binary("y", null, "proba")).measureReference(t);
        assertThat(side.error()).isEqualTo("the batch has no probability column 'proba'");
        assertThat(side.metrics()).isEmpty();
    }

    // ----- metric errors: the rest goes on -----

    @Test
    void rocAucOfATargetWithOneClassIsAnErrorWhileTheOtherMetricsAreComputed() {
        Table reference = table(ints("y", 1, 0, 1, 0), floats("p", 0.9, 0.2, 0.6, 0.4));
        Table current = table(ints("y", 0, 0, 0), floats("p", 0.6, 0.2, 0.4));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", null, "p")).evaluate(current, reference);
        assertThat(r.current().metric(ClassificationMetric.ROC_AUC).error()).contains("one kind only");
        assertThat(value(r.current(), ClassificationMetric.ACCURACY)).isEqualTo(2.0 / 3);
        assertThat(value(r.current(), ClassificationMetric.LOG_LOSS)).isGreaterThan(0);
        assertThat(test(r, ClassificationMetric.ROC_AUC).status()).isEqualTo(MetricTest.Status.ERROR);
        assertThat(test(r, ClassificationMetric.ACCURACY).status()).isNotEqualTo(MetricTest.Status.ERROR);
        assertThat(r.evidentlyError()).isEqualTo(ClassificationScorer.ONE_CLASS);
    }

    @Test
    void ratesOfLabelsWithOneClassAreErrors() {
        Table t = table(texts("y", "no", "no"), texts("p", "no", "no"));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", "p", null).withPosLabel(ClassLabel.ofText("yes")))
                .evaluate(t, table(texts("y", "no", "yes"), texts("p", "no", "yes")));
        assertThat(r.current().metric(ClassificationMetric.TPR).error()).contains("two classes");
        assertThat(value(r.current(), ClassificationMetric.ACCURACY)).isEqualTo(1.0);
        assertThat(r.evidentlyError()).isEqualTo(ClassificationScorer.TPR_MISSING);
    }

    // ----- multiclass -----

    @Test
    void multiclassPredictsTheFirstLargestProbability() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("ant", "pa");
        columns.put("bee", "pb");
        columns.put("cat", "pc");
        Table t = table(texts("y", "ant", "bee", "cat", "bee"), floats("pa", 0.4, 0.1, 0.2, 0.3),
                floats("pb", 0.4, 0.8, 0.2, 0.4), floats("pc", 0.2, 0.1, 0.6, 0.3));
        ClassificationSide side = (ClassificationSide) QualityEvaluator.of(ModelSpec.multiclass("y", null, columns))
                .measureReference(t);
        // row 0 ties ant/bee: ant (first) is predicted
        assertThat(value(side, ClassificationMetric.ACCURACY)).isEqualTo(1.0);
        assertThat(side.byLabel()).extracting(LabelMetrics::label)
                .containsExactly(ClassLabel.ofText("ant"), ClassLabel.ofText("bee"), ClassLabel.ofText("cat"));
        assertThat(side.confusionMatrix().count(1, 1)).isEqualTo(2);
    }

    @Test
    void refusesFloatPredictionsOfAMulticlassClassifierOfTextClasses() {
        Table t = table(texts("y", "a", "b", "c"), floats("p", 0.1, 0.5, 0.9));
        QualityResult r = QualityEvaluator.of(ModelSpec.multiclass("y", "p", Map.of())).evaluate(t, t);
        assertThat(r.current().error()).startsWith("prediction column 'p' holds floats");
        assertThat(r.evidentlyError()).isEqualTo("ValueError: Undefined pos_label.");
    }

    @Test
    void integerClassesWithProbabilityColumnsAreScoredWhereEvidentlyFails() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String k : List.of("0", "1", "2")) {
            columns.put(k, "p" + k);
        }
        Table t = table(ints("y", 0, 1, 2, 1), floats("p0", 0.7, 0.1, 0.2, 0.3), floats("p1", 0.2, 0.8, 0.2, 0.4),
                floats("p2", 0.1, 0.1, 0.6, 0.3));
        QualityResult r = QualityEvaluator.of(ModelSpec.multiclass("y", null, columns)).evaluate(t, t);
        assertThat(value(r.current(), ClassificationMetric.ACCURACY)).isEqualTo(1.0);
        assertThat(((ClassificationSide) r.current()).labels()).containsExactly(ClassLabel.ofInteger(0),
                ClassLabel.ofInteger(1), ClassLabel.ofInteger(2));
        assertThat(r.evidentlyError()).isEqualTo("AttributeError: 'bool' object has no attribute 'astype'");
    }

    @Test
    void booleanClassesMatchPosLabelOne() {
        Table t = table(bools("y", true, false, true), bools("p", true, false, false));
        QualitySide side = QualityEvaluator.of(ModelSpec.binary("y", "p", null)).measureReference(t);
        assertThat(value(side, ClassificationMetric.RECALL)).isEqualTo(0.5);
        assertThat(value(side, ClassificationMetric.PRECISION)).isEqualTo(1.0);
    }

    // ----- dummy baselines -----

    @Test
    void dummyLogLossIsZeroForIntegerClassesAndLnTwoForTextOnes() {
        QualityResult ints = QualityEvaluator.of(ModelSpec.binary("y", null, "p"))
                .evaluate(table(ints("y", 1, 0, 1, 0), floats("p", 0.9, 0.2, 0.6, 0.4)));
        QualityResult texts = QualityEvaluator.of(ModelSpec.binary("y", null, "p").withPosLabel(ClassLabel.ofText("b")))
                .evaluate(table(texts("y", "b", "a", "b", "a"), floats("p", 0.9, 0.2, 0.6, 0.4)));
        assertThat(baseline(ints, "dummy_log_loss")).isEqualTo(0.0);
        assertThat(baseline(texts, "dummy_log_loss")).isCloseTo(Math.log(2), within(1e-15));
        // so Evidently's no-reference test "log loss < 0.0" cannot pass for integer classes
        assertThat(test(ints, ClassificationMetric.LOG_LOSS).status()).isEqualTo(MetricTest.Status.FAIL);
        assertThat(baseline(ints, "dummy_roc_auc")).isEqualTo(0.5);
    }

    @Test
    void dummyIsDrawnWithNumpysSeedZeroFromTheClassShares() {
        // one class: every draw is that class, whatever the generator
        Table t = table(ints("y", 1, 1, 1, 1), ints("p", 1, 0, 1, 1));
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", "p", null)).evaluate(t);
        assertThat(baseline(r, "dummy_accuracy")).isEqualTo(1.0);
        assertThat(test(r, ClassificationMetric.ACCURACY).condition().value()).isEqualTo(1.0);
        assertThat(test(r, ClassificationMetric.ACCURACY).status()).isEqualTo(MetricTest.Status.FAIL);
    }

    @Test
    void dummyIsAdjustedForTheThreshold() {
        Table t = table(ints("y", 1, 0, 1, 0, 1, 0, 0, 0), floats("p", 0.9, 0.2, 0.6, 0.4, 0.35, 0.1, 0.5, 0.2));
        ModelSpec spec = ModelSpec.binary("y", null, "p");
        QualityResult half = QualityEvaluator.of(spec).evaluate(t);
        QualityResult low = QualityEvaluator.of(spec.withProbasThreshold(0.3)).evaluate(t);
        double cp = 0.5 / 0.7; // precision and TNR scale by min(1, 0.5 / (1 - t)); recall by min(1, (1 - t) / 0.5) = 1
        assertThat(baseline(low, "dummy_precision")).isCloseTo(baseline(half, "dummy_precision") * cp, within(1e-15));
        assertThat(baseline(low, "dummy_recall")).isEqualTo(baseline(half, "dummy_recall"));
        assertThat(baseline(low, "dummy_tnr")).isCloseTo(baseline(half, "dummy_tnr") * cp, within(1e-15));
        assertThat(baseline(low, "dummy_accuracy")).isEqualTo(baseline(half, "dummy_accuracy"));
    }

    private static double baseline(QualityResult r, String key) {
        return r.baselines().stream().filter(b -> b.key().equals(key)).findFirst().orElseThrow().value();
    }

    @Test
    void refusesAReferenceMeasuredForAnotherTask() {
        Table t = table(floats("y", 1, 2), floats("p", 1, 2));
        QualitySide regression = QualityEvaluator.of(ModelSpec.regression("y", "p")).measureReference(t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QualityEvaluator.of(ModelSpec.binary("y", "p", null))
                .evaluate(t, regression)).isInstanceOf(IllegalArgumentException.class);
    }
}
