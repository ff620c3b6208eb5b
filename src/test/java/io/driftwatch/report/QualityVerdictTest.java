package io.driftwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.MetricTest.Status;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.quality.QualityEvaluator;
import io.driftwatch.quality.QualityResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model-quality verdict and terminal lines ({@link QualityView}) say "passed" only when every test
 * passed: a test Evidently gives ERROR (its bound undefined, such as the ROC AUC of a reference of one
 * class) is neither passed nor failed, and is shown.
 */
class QualityVerdictTest {
    private static final Table BATCH = Table.of(List.of(
            NumericColumn.wrap("y", PhysicalType.INTEGER, new double[] {0, 1, 1, 0}, 4),
            NumericColumn.wrap("p", PhysicalType.INTEGER, new double[] {0, 1, 1, 0}, 4)));

    private static QualityResult withStatuses(Status... statuses) {
        QualityResult r = QualityEvaluator.of(ModelSpec.binary("y", "p", null)).evaluate(BATCH, BATCH);
        List<MetricTest> tests = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            MetricTest t = r.tests().get(i);
            MetricCondition condition = statuses[i] == Status.ERROR
                    ? MetricCondition.reference(MetricCondition.Op.EQ, Double.NaN, 0.2) : t.condition();
            tests.add(new MetricTest(t.metric(), t.column(), t.slot(), condition, t.value(), statuses[i]));
        }
        return new QualityResult(r.task(), r.testKind(), r.current(), r.reference(), r.baselines(), tests,
                r.baselineTests(), r.degradation(), r.evidentlyError(), r.errors(), io.driftwatch.quality.QualityCharts.NONE);
    }

    @Test
    void everyTestPassedIsAllPassed() {
        assertThat(QualityView.verdict(withStatuses(Status.SUCCESS, Status.SUCCESS)))
                .isEqualTo("All 2 model-quality tests passed");
    }

    @Test
    void anUndecidedTestIsNotCountedAsPassed() {
        QualityResult section = withStatuses(Status.SUCCESS, Status.ERROR, Status.SUCCESS);

        assertThat(QualityView.verdict(section)).isEqualTo("No model-quality test failed, 1 of 3 undecided");
        assertThat(section.failed()).as("an undecided test fails no check").isFalse();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new QualityView().text(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, section, Set.of());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("  ERROR     " + section.tests().get(1).metric()
                + " = ");
    }

    @Test
    void aFailureOutweighsAnUndecidedTest() {
        assertThat(QualityView.verdict(withStatuses(Status.FAIL, Status.ERROR, Status.SUCCESS)))
                .isEqualTo("1 of 3 model-quality tests failed");
    }
}
