package io.driftwatch.monitor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.integrity.DataSummary;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.integrity.IntegrityResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataQualityLinesTest {
    private static final DataSummary SUMMARY = new DataSummary(100, new DataSummary.ColumnCounts(2, 1, 1, 0, 0), 0, 0,
            0, 0, 0, 0, 0, 0, List.of());

    @Test
    void saysWhatMovedFromWhatToWhatCriticalFirst() {
        IntegrityResult result = new IntegrityResult(IntegrityOptions.Tests.REFERENCE, SUMMARY, SUMMARY,
                List.of(MetricTest.critical("missing_value_count", "age", "count",
                        MetricCondition.reference(MetricCondition.Op.EQ, 3, 0.1), 12),
                        MetricTest.critical("row_count", null, "value",
                                MetricCondition.reference(MetricCondition.Op.EQ, 100, 0.1), 100)),
                List.of(new IntegrityFinding(IntegrityFinding.Condition.OUT_OF_RANGE, "age", "values in [17, 90]",
                                "12 values above 90, up to 250", 12, List.of("250")),
                        new IntegrityFinding(IntegrityFinding.Condition.BECAME_EMPTY, "job", "values",
                                "all 100 rows missing", 100, List.of())),
                List.of());

        assertThat(DataQualityLines.of(Sections.of(result))).containsExactly(
                "'job': became_empty in 100 rows: all 100 rows missing; expected values",
                "missing_value_count of 'age' (count) is 12, expected eq 3 ± 0.3",
                "'age': out_of_range in 12 rows: 12 values above 90, up to 250; expected values in [17, 90]");
    }

    @Test
    void aCheckWithoutIntegrityOrWithoutFailuresHasNoLines() {
        assertThat(DataQualityLines.of(Sections.of())).isEmpty();
        IntegrityResult clean = new IntegrityResult(IntegrityOptions.Tests.EVIDENTLY, SUMMARY, null, List.of(
                MetricTest.critical("row_count", null, "value", MetricCondition.constant(MetricCondition.Op.GT, 0),
                        100)), List.of(), List.of());
        assertThat(DataQualityLines.of(Sections.of(clean))).isEmpty();
    }
}
