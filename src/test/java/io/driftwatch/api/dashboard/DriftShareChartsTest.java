package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.monitor.checks.Check;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor page's drift-share chart and the home page's sparkline. */
class DriftShareChartsTest {

    private static Check check(String id, String at, double share, double threshold) {
        return new Check(id, "bikes", "ds", Instant.parse(at), share >= threshold, share, threshold, 10,
                (int) Math.round(share * 10), 0, 30);
    }

    @Test
    void placesChecksOnATrueTimeAxisAndMarksTheDriftedOnes() {
        List<Check> checks = List.of(check("a", "2026-11-20T00:00:00Z", 0, 0.5),
                check("b", "2026-11-21T00:00:00Z", 0.5, 0.5), check("c", "2026-11-24T00:00:00Z", 1, 0.5));
        ShareChart chart = ShareChart.of(checks);
        double left = ShareChart.LEFT + 14;
        double right = ShareChart.RIGHT - 14;
        assertThat(chart.points()).extracting(ShareChart.Point::x).containsExactly(
                DashboardText.coordinate(left), DashboardText.coordinate(left + (right - left) / 4),
                DashboardText.coordinate(right));
        assertThat(chart.points()).extracting(ShareChart.Point::y).containsExactly(
                DashboardText.coordinate(ShareChart.BOTTOM), DashboardText.coordinate(108),
                DashboardText.coordinate(ShareChart.TOP));
        assertThat(chart.points()).extracting(ShareChart.Point::drifted).containsExactly(false, true, true);
        assertThat(chart.points().get(1).href()).isEqualTo("/api/v1/checks/b/report");
        assertThat(chart.points().get(1).title()).startsWith("2026-11-21 00:00:00 UTC\nDataset drift: 5 of 10 columns");
        assertThat(chart.threshold()).isEqualTo("M52 108H956");
        assertThat(chart.thresholdLabel()).isEqualTo("50%");
        assertThat(chart.yTicks()).extracting(ShareChart.Tick::label).containsExactly("0%", "25%", "50%", "75%", "100%");
        assertThat(chart.xTicks()).extracting(ShareChart.Tick::label).contains("Nov 20", "Nov 24");
    }

    @Test
    void stepsTheThresholdLineWhereThePolicyChanged() {
        ShareChart chart = ShareChart.of(List.of(check("a", "2026-11-20T00:00:00Z", 0.2, 0.5),
                check("b", "2026-11-22T00:00:00Z", 0.2, 0.25)));
        assertThat(chart.threshold()).isEqualTo("M52 108H942V156H956");
        assertThat(chart.thresholdLabel()).isEqualTo("25%");
    }

    @Test
    void drawsASingleCheckInTheMiddle() {
        ShareChart chart = ShareChart.of(List.of(check("a", "2026-11-20T00:00:00Z", 0.3, 0.5)));
        assertThat(chart.points()).singleElement().extracting(ShareChart.Point::x).isEqualTo("504");
        assertThat(chart.line()).startsWith("M504 ");
        assertThat(ShareChart.of(List.of())).isNull();
    }

    @Test
    void sparklineSpacesChecksEvenlyFromZeroToFull() {
        ShareTrend s = ShareTrend.of(List.of(check("a", "2026-11-20T00:00:00Z", 0, 0.5),
                check("b", "2026-11-21T00:00:00Z", 0.5, 0.5), check("c", "2026-11-29T00:00:00Z", 1, 0.5)));
        assertThat(s.line()).isEqualTo("3,33 79.5,18 156,3");
        assertThat(s.threshold()).isEqualTo("M0 18H160");
        assertThat(s.points()).extracting(ShareTrend.Point::drifted).containsExactly(false, true, true);
        assertThat(s.points()).extracting(ShareTrend.Point::last).containsExactly(false, false, true);
        assertThat(s.label()).isEqualTo("Drift share of the last 3 checks: 2 found dataset drift; latest 100% "
                + "against a threshold of 50%");
        assertThat(ShareTrend.of(List.of())).isNull();
    }
}
