package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.notify.Breach;
import io.driftwatch.quality.ClassificationMetric;
import io.driftwatch.quality.ClassificationSide;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.quality.MetricValue;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.RegressionMetric;
import io.driftwatch.quality.RegressionSide;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.TestResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code when: {quality: …}} in {@code alerts:} and {@code retrain:}: how {@link MonitorParser} reads it
 * into a {@link Policy.ModelQuality} (every key, every mistake with its field, line and column), and
 * which quality sections breach it and as what ({@link Breach#MODEL_DEGRADED},
 * {@link Breach#MODEL_QUALITY}).
 */
class ModelQualityPolicyTest {
    private static final String BINARY = """
            model: {task: binary_classification, target: churned, prediction: churn_label, probabilities: churn_proba}
            """;
    private static final String DEGRADATION = BINARY + "quality: {tests: degradation}\n";
    private static final String REGRESSION = "model: {task: regression, target: cnt, prediction: predicted}\n";

    private static Policy policy(String yaml) {
        return MonitorDefinition.parse(yaml, "m.yml").policy();
    }

    private static Policy.ModelQuality alertsOn(String model, String quality) {
        return policy(model + "alerts:\n  channels: [c]\n  when:\n    quality: " + quality + "\n").alertWhen()
                .modelQuality();
    }

    private static InvalidMonitorException invalid(String yaml) {
        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.parse(yaml, "m.yml"));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        return e;
    }

    private static InvalidMonitorException invalidWhen(String model, String quality) {
        return invalid(model + "alerts:\n  channels: [c]\n  when:\n    quality: " + quality + "\n");
    }

    // ---- parsing ----

    @Test
    void qualityTrueBreachesOnAnyFailedTestAndNothingElse() {
        Policy p = policy(BINARY + "alerts:\n  channels: [c]\n  when: {quality: true}\n");

        assertThat(p.alertWhen()).isEqualTo(new Policy.Condition(false, null, List.of(), false, null,
                Policy.ModelQuality.ANY_FAILED_TEST));
        assertThat(p.retrainWhen()).as("retrain.when defaults to alerts.when").isEqualTo(p.alertWhen());
        assertThat(alertsOn(BINARY, "false")).isNull();
    }

    @Test
    void readsDegradedMetricsAndBoundsInTheOrderGiven() {
        Policy.ModelQuality q = alertsOn(DEGRADATION,
                "{degraded: [f1_score, accuracy], below: {accuracy: 0.8, roc_auc: 0.7}, above: {log_loss: 0.6}}");

        assertThat(q).isEqualTo(new Policy.ModelQuality(false,
                List.of(ClassificationMetric.F1_SCORE, ClassificationMetric.ACCURACY),
                List.of(bound(ClassificationMetric.ACCURACY, Policy.ModelQuality.Side.BELOW, 0.8),
                        bound(ClassificationMetric.ROC_AUC, Policy.ModelQuality.Side.BELOW, 0.7),
                        bound(ClassificationMetric.LOG_LOSS, Policy.ModelQuality.Side.ABOVE, 0.6))));
        assertThat(alertsOn(DEGRADATION, "{degraded: f1_score}").degraded())
                .as("one metric need not be a list").containsExactly(ClassificationMetric.F1_SCORE);
    }

    @Test
    void boundsOfARegressionMayBeNegativeAndNeedNoTests() {
        Policy.ModelQuality q = alertsOn(REGRESSION + "quality: none\n",
                "{below: {r2_score: -0.5}, above: {rmse: 12.5, mean_error: 3}}");

        assertThat(q.bounds()).containsExactly(bound(RegressionMetric.R2_SCORE, Policy.ModelQuality.Side.BELOW, -0.5),
                bound(RegressionMetric.RMSE, Policy.ModelQuality.Side.ABOVE, 12.5),
                bound(RegressionMetric.MEAN_ERROR, Policy.ModelQuality.Side.ABOVE, 3));
    }

    @Test
    void retrainWhenHasAQualityConditionOfItsOwn() {
        Policy p = policy(DEGRADATION + """
                alerts:
                  channels: [c]
                  when: {quality: {below: {accuracy: 0.8}}}
                retrain:
                  triggers: [t]
                  when: {quality: {degraded: [f1_score]}}
                """);

        assertThat(p.alertWhen().modelQuality().bounds()).hasSize(1);
        assertThat(p.retrainWhen().modelQuality().degraded()).containsExactly(ClassificationMetric.F1_SCORE);
        assertThat(p.retrainWhen().datasetDrift()).as("a quality condition replaces the drift default").isFalse();
    }

    @Test
    void aQualityConditionWithoutAModelSectionIsNamedWithItsLine() {
        InvalidMonitorException e = invalid("name: m\nalerts:\n  channels: [c]\n  when:\n    quality: true\n");

        assertThat(e.field()).isEqualTo("alerts.when.quality");
        assertThat(e.getMessage()).contains("line 5, column 5: alerts.when.quality: watches the model's quality, and"
                + " the monitor has no model: section");
        assertThat(invalid("retrain:\n  triggers: [t]\n  when: {quality: {below: {accuracy: 0.8}}}\n").field())
                .isEqualTo("retrain.when.quality");
    }

    @Test
    void aBrokenModelSectionIsReportedOnceNotAgainForTheCondition() {
        InvalidMonitorException e = invalid("model: {task: guessing, target: y}\nalerts:\n  channels: [c]\n"
                + "  when: {quality: true}\n");

        assertThat(e.problems()).extracting(InvalidMonitorException.Problem::field).containsExactly("model.task");
    }

    @Test
    void unknownAndMisplacedMetricsAreNamedWithTheValidOnes() {
        InvalidMonitorException e = invalidWhen(BINARY, "{below: {f1: 0.8}}");
        assertThat(e.field()).isEqualTo("alerts.when.quality.below.f1");
        assertThat(e.getMessage()).contains("line 5").contains("unknown metric 'f1' for a binary_classification;"
                + " valid: accuracy, precision, recall, f1_score, roc_auc, log_loss, tpr, tnr, fpr, fnr");

        assertThat(invalidWhen(REGRESSION, "{above: {accuracy: 0.9}}").getMessage())
                .contains("alerts.when.quality.above.accuracy: unknown metric 'accuracy' for a regression; valid:"
                        + " mean_error, mape, rmse, mae, r2_score, abs_max_error, mape_abs");
        assertThat(invalidWhen("model: {task: binary_classification, target: y, prediction: p}\n",
                "{below: {roc_auc: 0.7}}").getMessage())
                .contains("alerts.when.quality.below.roc_auc: roc_auc is computed from the model's probabilities, and"
                        + " model: names none");
        assertThat(invalidWhen("model: {task: multiclass_classification, target: y, prediction: p}\n",
                "{above: {fpr: 0.1}}").getMessage())
                .contains("alerts.when.quality.above.fpr: fpr belongs to binary classification; this model is a"
                        + " multiclass_classification");
    }

    @Test
    void boundsMustBeNumbersAndSharesStayBetweenZeroAndOne() {
        assertThat(invalidWhen(BINARY, "{below: {accuracy: high}}").getMessage())
                .contains("alerts.when.quality.below.accuracy: expected a number (the bound, in the metric's units),"
                        + " found 'high'");
        assertThat(invalidWhen(BINARY, "{below: {accuracy: 80}}").getMessage())
                .contains("alerts.when.quality.below.accuracy: accuracy is between 0 and 1, so below 80 would never"
                        + " hold; for 80 % write 0.8");
        assertThat(invalidWhen(BINARY, "{above: {fpr: -0.1}}").field()).isEqualTo("alerts.when.quality.above.fpr");
        assertThat(invalidWhen(BINARY, "{below: [accuracy]}").getMessage())
                .contains("alerts.when.quality.below: expected a mapping, found a list");
        assertThat(alertsOn(BINARY, "{above: {log_loss: 2.5}}").bounds()).as("log loss is no share").hasSize(1);
    }

    @Test
    void boundsThatEveryValueCrossesAreRejected() {
        InvalidMonitorException e = invalidWhen(BINARY, "{below: {accuracy: 0.9}, above: {accuracy: 0.8}}");

        assertThat(e.field()).isEqualTo("alerts.when.quality.above.accuracy");
        assertThat(e.getMessage()).contains("below 0.9 or above 0.8 holds for every value of accuracy");
        assertThat(alertsOn(BINARY, "{below: {accuracy: 0.7}, above: {accuracy: 0.99}}").bounds())
                .as("a band outside which it breaches").hasSize(2);
    }

    @Test
    void degradedNeedsDegradationTestsOfThoseMetrics() {
        InvalidMonitorException e = invalidWhen(BINARY, "{degraded: [f1_score]}");
        assertThat(e.field()).isEqualTo("alerts.when.quality.degraded");
        assertThat(e.getMessage()).contains("reads the degradation tests, and quality.tests is evidently: set quality:"
                + " {tests: degradation}");

        InvalidMonitorException unwatched = invalidWhen(BINARY + "quality:\n  tests: degradation\n"
                + "  degradation: {accuracy: 0.05}\n", "{degraded: [accuracy, recall]}");
        assertThat(unwatched.field()).isEqualTo("alerts.when.quality.degraded[1]");
        assertThat(unwatched.getMessage()).contains("recall has no degradation test: quality.degradation watches"
                + " accuracy; add recall there");

        assertThat(invalidWhen(DEGRADATION, "{degraded: [f1_score, 3]}").getMessage())
                .contains("alerts.when.quality.degraded[1]: expected a metric name, found '3'");
        assertThat(invalidWhen(DEGRADATION, "{degraded: {f1_score: 0.05}}").getMessage())
                .contains("alerts.when.quality.degraded: expected a list of metric names");
        assertThat(invalidWhen(DEGRADATION, "{degraded: [f1]}").field()).isEqualTo("alerts.when.quality.degraded[0]");
    }

    @Test
    void qualityTrueNeedsTestsThatCanFail() {
        InvalidMonitorException e = invalidWhen(BINARY + "quality: none\n", "true");

        assertThat(e.field()).isEqualTo("alerts.when.quality");
        assertThat(e.getMessage()).contains("quality.tests is none, so no test runs");
    }

    @Test
    void otherShapesAndKeysAreNamed() {
        assertThat(invalidWhen(BINARY, "yes please").getMessage())
                .contains("alerts.when.quality: expected true, false or a mapping with degraded, below and above,"
                        + " found 'yes please'");
        assertThat(invalidWhen(BINARY, "{}").getMessage()).contains("alerts.when.quality: is empty");
        assertThat(invalidWhen(BINARY, "{under: {accuracy: 0.8}}").getMessage())
                .contains("alerts.when.quality.under: unknown key 'under'")
                .contains("valid keys here: degraded, below, above");
    }

    // ---- breaching ----

    @Test
    void anyFailedTestBreachesAsDegradedOrAsFailedQuality() {
        Policy.ModelQuality any = Policy.ModelQuality.ANY_FAILED_TEST;

        assertThat(any.breaches(quality(Map.of(), List.of(evidently("roc_auc", 0.83, 0.65)), List.of())))
                .containsExactly(Breach.MODEL_QUALITY);
        assertThat(any.breaches(quality(Map.of(), List.of(), List.of(degradation(ClassificationMetric.F1_SCORE, true)))))
                .containsExactly(Breach.MODEL_DEGRADED);
        assertThat(any.breachedBy(quality(Map.of(), List.of(evidently("accuracy", 0.9, 0.88)),
                List.of(degradation(ClassificationMetric.F1_SCORE, false))))).as("passed tests").isFalse();
        assertThat(any.breachedBy(Sections.of())).as("no quality section").isFalse();
    }

    @Test
    void degradedBreachesOnlyOnTheNamedMetrics() {
        Policy.ModelQuality f1 = new Policy.ModelQuality(false, List.of(ClassificationMetric.F1_SCORE), List.of());

        assertThat(f1.breaches(quality(Map.of(), List.of(), List.of(degradation(ClassificationMetric.F1_SCORE, true)))))
                .containsExactly(Breach.MODEL_DEGRADED);
        assertThat(f1.breachedBy(quality(Map.of(), List.of(), List.of(degradation(ClassificationMetric.ACCURACY, true)))))
                .as("another metric degraded").isFalse();
        assertThat(f1.breachedBy(quality(Map.of(), List.of(evidently("f1_score", 0.9, 0.5)), List.of())))
                .as("an Evidently test is not a degradation test").isFalse();
    }

    @Test
    void boundsBreachStrictlyPastThemOnComputedValues() {
        Policy.ModelQuality below = new Policy.ModelQuality(false, List.of(),
                List.of(bound(ClassificationMetric.ACCURACY, Policy.ModelQuality.Side.BELOW, 0.8)));

        assertThat(below.breaches(quality(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.79)), List.of(),
                List.of()))).containsExactly(Breach.MODEL_QUALITY);
        assertThat(below.breachedBy(quality(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.8)), List.of(),
                List.of()))).as("at the bound").isFalse();
        assertThat(below.breachedBy(quality(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(Double.NaN)),
                List.of(), List.of()))).as("NaN").isFalse();
        assertThat(below.breachedBy(quality(Map.of(ClassificationMetric.ACCURACY,
                MetricValue.failed("no rows with a label")), List.of(), List.of()))).as("not computed").isFalse();
        assertThat(below.breachedBy(quality(Map.of(), List.of(), List.of()))).as("metric absent").isFalse();

        Policy.ModelQuality above = new Policy.ModelQuality(false, List.of(),
                List.of(bound(RegressionMetric.MAE, Policy.ModelQuality.Side.ABOVE, 10)));
        QualityResult mae = new QualityResult(ModelTask.REGRESSION, QualityOptions.Tests.NONE,
                regression(Map.of(RegressionMetric.MAE, MetricValue.of(10.5, 4.0))), null, List.of(), List.of(),
                List.of(), List.of(), null, List.of(), io.driftwatch.quality.QualityCharts.NONE);
        assertThat(above.breachedBy(Sections.of(mae))).as("the mean of a mean-and-deviation metric").isTrue();
        assertThat(above.crossed(mae)).containsExactly(above.bounds().get(0));
    }

    @Test
    void aConditionSaysWhatOfItBreachedAndWhatItWatches() {
        Policy.Condition both = new Policy.Condition(true, null, List.of(), false, null,
                new Policy.ModelQuality(false, List.of(),
                        List.of(bound(ClassificationMetric.ACCURACY, Policy.ModelQuality.Side.BELOW, 0.8))));
        QualityResult bad = result(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.6)), List.of(), List.of());
        QualityResult good = result(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.9)), List.of(), List.of());

        assertThat(both.breaches(Sections.of(drift(true), bad))).containsExactly(Breach.MODEL_QUALITY, Breach.DATA_DRIFT);
        assertThat(both.breaches(Sections.of(drift(false), bad))).containsExactly(Breach.MODEL_QUALITY);
        assertThat(both.breaches(Sections.of(drift(true), good))).containsExactly(Breach.DATA_DRIFT);
        assertThat(both.breachedBy(Sections.of(drift(false), good))).isFalse();
        assertThat(both.watched()).containsExactly(Breach.MODEL_QUALITY, Breach.DATA_DRIFT);

        Policy.Condition quality = policy(DEGRADATION + "alerts:\n  channels: [c]\n  when: {quality: true}\n")
                .alertWhen();
        assertThat(quality.breachedBy(Sections.of(drift(true), good))).as("drift alone").isFalse();
        assertThat(quality.watched()).containsExactly(Breach.MODEL_DEGRADED, Breach.MODEL_QUALITY);
        assertThat(Policy.Condition.DATASET_DRIFT.watched()).containsExactly(Breach.DATA_DRIFT);
        assertThat(new Policy.Condition(false, null, List.of(), true).watched()).isEmpty();
    }

    // ---- fixtures ----

    private static Policy.ModelQuality.Bound bound(QualityMetric metric, Policy.ModelQuality.Side side, double v) {
        return new Policy.ModelQuality.Bound(metric, side, v);
    }

    private static Sections quality(Map<QualityMetric, MetricValue> current, List<MetricTest> tests,
            List<DegradationTest> degradation) {
        return Sections.of(result(current, tests, degradation));
    }

    private static QualityResult result(Map<QualityMetric, MetricValue> current, List<MetricTest> tests,
            List<DegradationTest> degradation) {
        return new QualityResult(ModelTask.BINARY_CLASSIFICATION, degradation.isEmpty()
                ? QualityOptions.Tests.EVIDENTLY : QualityOptions.Tests.DEGRADATION, classification(current),
                classification(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.91))), List.of(), tests, List.of(),
                degradation, null, List.of(), io.driftwatch.quality.QualityCharts.NONE);
    }

    private static ClassificationSide classification(Map<QualityMetric, MetricValue> metrics) {
        return new ClassificationSide(500, 500, null, new LinkedHashMap<>(metrics), List.of(), null, List.of(),
                List.of());
    }

    private static RegressionSide regression(Map<QualityMetric, MetricValue> metrics) {
        return new RegressionSide(500, 500, 0, null, new LinkedHashMap<>(metrics), List.of());
    }

    /** One of Evidently's reference tests: within ±20 % of the reference's value. */
    private static MetricTest evidently(String metric, double reference, double current) {
        return MetricTest.critical(metric, null, "value",
                MetricCondition.reference(MetricCondition.Op.EQ, reference, 0.2), current);
    }

    private static DegradationTest degradation(QualityMetric metric, boolean failed) {
        return new DegradationTest(metric, 0.712, failed ? 0.618 : 0.70, QualityOptions.Tolerance.relative(0.05),
                0.0356, 0.95, failed ? 0.094 : 0.012, failed ? 0.061 : -0.02,
                failed ? MetricTest.Status.FAIL : MetricTest.Status.SUCCESS, null);
    }

    private static DriftResult drift(boolean detected) {
        return new DriftResult(new DatasetDrift(detected, detected ? 0.5 : 0.1, 0.5, 10, detected ? 5 : 1, 0),
                List.of(new ColumnDrift("tenure", ColumnType.NUMERICAL,
                        TestResult.of(DriftTests.byName("ks").orElseThrow(), 1e-6, 0.05), null, 1e-6, true, 100, 100,
                        0, 0, List.of(), List.of(), false)), Correction.NONE);
    }
}
