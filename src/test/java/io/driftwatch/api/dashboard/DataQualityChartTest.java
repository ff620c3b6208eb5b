package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.monitor.checks.Check;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor page's data-quality chart and the lists' data-quality badge. */
class DataQualityChartTest {

    private static Check check(String id, String at, Integer failures, Integer critical) {
        return new Check(id, "bank", "ds", Instant.parse(at), false, 0.1, 0.5, 10, 1, 0, 30L, null, null, null, null,
                Check.DataQuality.of(failures, critical));
    }

    @Test
    void drawsABarPerCheckWithFailuresCriticalAtTheBottomOnTheDriftChartsTimeAxis() {
        List<Check> checks = List.of(check("a", "2026-11-20T00:00:00Z", 0, 0),
                check("b", "2026-11-21T00:00:00Z", 4, 1), check("c", "2026-11-24T00:00:00Z", 8, 8));

        DataQualityChart chart = DataQualityChart.of(checks);

        ShareChart share = ShareChart.of(checks);
        assertThat(chart.clean()).singleElement().satisfies(k -> {
            assertThat(k.x()).isEqualTo(share.points().get(0).x());
            assertThat(k.y()).isEqualTo("152");
            assertThat(k.href()).isEqualTo("/api/v1/checks/a/report");
            assertThat(k.title()).startsWith("2026-11-20 00:00:00 UTC\nData quality passed");
        });
        assertThat(chart.bars()).hasSize(2);
        DataQualityChart.Bar b = chart.bars().get(0);
        // the top of the scale is 8 (step 2): a failure is 140 / 8 = 17.5 units high
        assertThat(Double.parseDouble(b.x()) + Double.parseDouble(b.width()) / 2)
                .isCloseTo(Double.parseDouble(share.points().get(1).x()), org.assertj.core.api.Assertions.within(0.1));
        assertThat(b.criticalY()).isEqualTo("134.5");
        assertThat(b.criticalHeight()).isEqualTo("17.5");
        assertThat(b.warningY()).isEqualTo("82");
        assertThat(b.warningHeight()).isEqualTo("52.5");
        assertThat(b.warnings()).isEqualTo(3);
        assertThat(b.title()).isEqualTo("2026-11-21 00:00:00 UTC\nData quality failed: 4 failures, 1 critical"
                + "\nClick to open the report");
        DataQualityChart.Bar allCritical = chart.bars().get(1);
        assertThat(allCritical.criticalY()).isEqualTo("12");
        assertThat(allCritical.warnings()).isZero();
        assertThat(chart.yTicks()).extracting(ShareChart.Tick::label).containsExactly("0", "2", "4", "6", "8");
        assertThat(chart.xTicks()).isEqualTo(share.xTicks());
        assertThat(chart.label()).isEqualTo("Data-quality failures in 3 checks from 2026-11-20 00:00 UTC to "
                + "2026-11-24 00:00 UTC: 2 with failures, 2 of them critical; the latest had 8 failures, 8 critical");
    }

    @Test
    void leavesOutChecksWithoutAnalysisAndIsAbsentWhenNoneHasOne() {
        List<Check> checks = List.of(check("old", "2026-11-20T00:00:00Z", null, null),
                check("new", "2026-11-22T00:00:00Z", 1, 0));

        DataQualityChart chart = DataQualityChart.of(checks);

        assertThat(chart.bars()).extracting(DataQualityChart.Bar::href).containsExactly("/api/v1/checks/new/report");
        assertThat(chart.clean()).isEmpty();
        assertThat(chart.yTicks()).extracting(ShareChart.Tick::label).containsExactly("0", "1");
        assertThat(chart.label()).endsWith("the latest had 1 failure, none critical; 1 ran without a data-quality "
                + "analysis");
        assertThat(DataQualityChart.of(List.of(check("old", "2026-11-20T00:00:00Z", null, null)))).isNull();
    }

    @Test
    void aMonitorWhoseChecksAllPassedHasAScaleOfOne() {
        DataQualityChart chart = DataQualityChart.of(List.of(check("a", "2026-11-20T00:00:00Z", 0, 0)));

        assertThat(chart.bars()).isEmpty();
        assertThat(chart.clean()).singleElement().extracting(DataQualityChart.Clean::x).isEqualTo("504");
        assertThat(chart.yTicks()).extracting(ShareChart.Tick::label).containsExactly("0", "1");
    }

    @Test
    void roundStepsKeepAtMostFiveTicksAboveZero() {
        assertThat(DataQualityChart.step(0)).isEqualTo(1);
        assertThat(DataQualityChart.step(5)).isEqualTo(1);
        assertThat(DataQualityChart.step(6)).isEqualTo(2);
        assertThat(DataQualityChart.step(11)).isEqualTo(5);
        assertThat(DataQualityChart.step(25)).isEqualTo(5);
        assertThat(DataQualityChart.step(26)).isEqualTo(10);
        assertThat(DataQualityChart.step(1234)).isEqualTo(500);
    }

    @Test
    void barsNarrowWhereChecksCrowdButStayVisible() {
        List<Check> few = List.of(check("a", "2026-11-20T00:00:00Z", 2, 0), check("b", "2026-11-30T00:00:00Z", 2, 0));
        List<Check> crowded = List.of(check("a", "2026-11-20T00:00:00Z", 2, 0),
                check("b", "2026-11-20T00:00:01Z", 2, 0), check("c", "2026-11-30T00:00:00Z", 2, 0));

        assertThat(DataQualityChart.of(few).bars()).extracting(DataQualityChart.Bar::width).containsOnly("16");
        assertThat(DataQualityChart.of(crowded).bars()).extracting(DataQualityChart.Bar::width).containsOnly("3");
    }

    @Test
    void badgeSaysFailedAndCriticalOrPassed() {
        assertThat(DataQualityBadge.of(null)).isNull();
        assertThat(DataQualityBadge.of(new Check.DataQuality(0, 0)))
                .extracting(DataQualityBadge::level, DataQualityBadge::text, DataQualityBadge::critical)
                .containsExactly("passed", "passed", null);
        assertThat(DataQualityBadge.of(new Check.DataQuality(3, 0)))
                .extracting(DataQualityBadge::level, DataQualityBadge::text, DataQualityBadge::critical)
                .containsExactly("warning", "3 failed", null);
        DataQualityBadge critical = DataQualityBadge.of(new Check.DataQuality(5, 2));
        assertThat(critical).extracting(DataQualityBadge::level, DataQualityBadge::failures, DataQualityBadge::text,
                DataQualityBadge::critical).containsExactly("critical", 5, "5 failed", "2 critical");
        assertThat(critical.title()).isEqualTo("Data quality failed: 5 failures, 2 critical (failed tests and broken "
                + "reference conditions)");
    }
}
