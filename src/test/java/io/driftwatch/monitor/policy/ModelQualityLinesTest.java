package io.driftwatch.monitor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.monitor.definitions.Policy;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model-quality lines alerts print: which metric moved from what to what, and why it matters. */
class ModelQualityLinesTest {
    private static final Policy.ModelQuality BELOW_08 = new Policy.ModelQuality(false, List.of(),
            List.of(new Policy.ModelQuality.Bound(ClassificationMetric.ACCURACY, Policy.ModelQuality.Side.BELOW, 0.8)));

    @Test
    void saysWhichMetricMovedFromWhatToWhatBoundsThenDegradationThenEvidently() {
        QualityResult result = new QualityResult(ModelTask.BINARY_CLASSIFICATION, QualityOptions.Tests.DEGRADATION,
                side(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.6234), ClassificationMetric.F1_SCORE,
                        MetricValue.of(0.618))),
                side(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.9125), ClassificationMetric.F1_SCORE,
                        MetricValue.of(0.712))),
                List.of(), List.of(MetricTest.critical("roc_auc", null, "value",
                        MetricCondition.reference(MetricCondition.Op.EQ, 0.83, 0.2), 0.65)), List.of(),
                List.of(degradation(ClassificationMetric.F1_SCORE, 0.712, 0.618, 0.0356, true),
                        degradation(ClassificationMetric.ACCURACY, 0.9125, 0.6234, 0.0456, true),
                        degradation(ClassificationMetric.RECALL, 0.70, 0.69, 0.035, false)),
                null, List.of(), io.driftwatch.quality.QualityCharts.NONE);

        assertThat(ModelQualityLines.of(Sections.of(result), BELOW_08)).containsExactly(
                "accuracy 0.9125 → 0.6234, below 0.8",
                "f1_score 0.712 → 0.618 (degraded; tolerated 0.0356)",
                "accuracy 0.9125 → 0.6234 (degraded; tolerated 0.0456)",
                "roc_auc 0.83 → 0.65: Evidently test failed (expected within ±20 % of 0.83)");
    }

    @Test
    void withoutAReferenceABoundCrossedShowsTheCurrentValueAndATestItsCondition() {
        QualityResult result = new QualityResult(ModelTask.BINARY_CLASSIFICATION, QualityOptions.Tests.EVIDENTLY,
                side(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.48))), null, List.of(),
                List.of(MetricTest.critical("accuracy", null, "value",
                        MetricCondition.constant(MetricCondition.Op.GT, 0.5), 0.48)), List.of(), List.of(), null,
                List.of(), io.driftwatch.quality.QualityCharts.NONE);

        assertThat(ModelQualityLines.of(Sections.of(result), BELOW_08)).containsExactly(
                "accuracy 0.48, below 0.8",
                "accuracy 0.48: Evidently test failed (expected gt 0.5)");
    }

    @Test
    void regressionValuesKeepTheirUnitsAndBigNumbersNoExponent() {
        Policy.ModelQuality above = new Policy.ModelQuality(false, List.of(),
                List.of(new Policy.ModelQuality.Bound(RegressionMetric.RMSE, Policy.ModelQuality.Side.ABOVE, 1200)));
        QualityResult result = new QualityResult(ModelTask.REGRESSION, QualityOptions.Tests.NONE,
                new RegressionSide(100, 100, 0, null, Map.of(RegressionMetric.RMSE, MetricValue.of(1534.27)), List.of()),
                new RegressionSide(100, 100, 0, null, Map.of(RegressionMetric.RMSE, MetricValue.of(987.5)), List.of()),
                List.of(), List.of(), List.of(), List.of(), null, List.of(), io.driftwatch.quality.QualityCharts.NONE);

        assertThat(ModelQualityLines.of(Sections.of(result), above)).containsExactly("rmse 987.5 → 1534.3, above 1200");
    }

    @Test
    void nothingToSayWithoutASectionFindingsOrACrossedBound() {
        assertThat(ModelQualityLines.of(Sections.of(), BELOW_08)).isEmpty();
        QualityResult fine = new QualityResult(ModelTask.BINARY_CLASSIFICATION, QualityOptions.Tests.EVIDENTLY,
                side(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.9))),
                side(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.91))), List.of(),
                List.of(MetricTest.critical("accuracy", null, "value",
                        MetricCondition.reference(MetricCondition.Op.EQ, 0.91, 0.2), 0.9)), List.of(), List.of(), null,
                List.of(), io.driftwatch.quality.QualityCharts.NONE);
        assertThat(ModelQualityLines.of(Sections.of(fine), BELOW_08)).isEmpty();
        QualityResult low = new QualityResult(ModelTask.BINARY_CLASSIFICATION, QualityOptions.Tests.NONE,
                side(Map.of(ClassificationMetric.ACCURACY, MetricValue.of(0.7))), null, List.of(), List.of(), List.of(),
                List.of(), null, List.of(), io.driftwatch.quality.QualityCharts.NONE);
        assertThat(ModelQualityLines.of(Sections.of(low), null)).as("no bound in the policy").isEmpty();
    }

    private static ClassificationSide side(Map<QualityMetric, MetricValue> metrics) {
        return new ClassificationSide(500, 500, null, new LinkedHashMap<>(metrics), List.of(), null, List.of(),
                List.of());
    }

    private static DegradationTest degradation(QualityMetric metric, double reference, double current, double allowed,
            boolean failed) {
        return new DegradationTest(metric, reference, current, QualityOptions.Tolerance.relative(0.05), allowed, 0.95,
                reference - current, reference - current - 0.03,
                failed ? MetricTest.Status.FAIL : MetricTest.Status.SUCCESS, null);
    }
}
