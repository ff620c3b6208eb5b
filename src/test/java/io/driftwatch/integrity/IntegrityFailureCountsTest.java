package io.driftwatch.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link IntegrityResult#failureCount()} and {@link IntegrityResult#criticalCount()}: what a check's history counts. */
class IntegrityFailureCountsTest {
    private static final DataSummary SUMMARY = new DataSummary(100, new DataSummary.ColumnCounts(2, 1, 1, 0, 0), 0, 0,
            0, 0, 0, 0, 0, 0, List.of());

    private static MetricTest test(MetricTest.Status status) {
        return new MetricTest("row_count", null, "value", MetricCondition.constant(MetricCondition.Op.GT, 0), 100,
                status);
    }

    private static IntegrityFinding finding(IntegrityFinding.Condition condition) {
        return new IntegrityFinding(condition, "age", "values", "seen", 3, List.of());
    }

    @Test
    void countsFailedTestsAndFindingsWithFailedTestsAndCriticalFindingsAsCritical() {
        IntegrityResult result = new IntegrityResult(IntegrityOptions.Tests.REFERENCE, SUMMARY, SUMMARY,
                List.of(test(MetricTest.Status.FAIL), test(MetricTest.Status.SUCCESS), test(MetricTest.Status.WARNING),
                        test(MetricTest.Status.ERROR), test(MetricTest.Status.FAIL)),
                List.of(finding(IntegrityFinding.Condition.OUT_OF_RANGE), finding(IntegrityFinding.Condition.BECAME_EMPTY),
                        finding(IntegrityFinding.Condition.NEW_CATEGORY)),
                List.of("could not compute something"));

        assertThat(result.failureCount()).as("2 failed tests + 3 findings").isEqualTo(5);
        assertThat(result.criticalCount()).as("2 failed tests + became_empty").isEqualTo(3);
        assertThat(result.failed()).isTrue();
    }

    @Test
    void aCleanResultHasNoFailures() {
        IntegrityResult clean = new IntegrityResult(IntegrityOptions.Tests.EVIDENTLY, SUMMARY, null,
                List.of(test(MetricTest.Status.SUCCESS), test(MetricTest.Status.WARNING)), List.of(), List.of());

        assertThat(clean.failureCount()).isZero();
        assertThat(clean.criticalCount()).isZero();
        assertThat(clean.failed()).isFalse();
    }

    @Test
    void warningFindingsAloneAreFailuresButNotCritical() {
        IntegrityResult warnings = new IntegrityResult(IntegrityOptions.Tests.REFERENCE, SUMMARY, SUMMARY, List.of(),
                List.of(finding(IntegrityFinding.Condition.MISSING_SHARE),
                        finding(IntegrityFinding.Condition.DUPLICATED_ROWS)), List.of());

        assertThat(warnings.failureCount()).isEqualTo(2);
        assertThat(warnings.criticalCount()).isZero();
    }
}
