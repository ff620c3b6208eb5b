package io.driftwatch.api.dashboard;

import io.driftwatch.api.Links;
import io.driftwatch.monitor.checks.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor page's chart of data-quality failures over time: one bar per check at the time it ran,
 * on the same time axis as the drift-share chart above it (so a check sits at the same x in both),
 * as high as its failures (failed Evidently tests plus broken reference conditions), the critical
 * ones at the bottom of the bar in the drift colour and the warnings stacked on them in a light amber;
 * a check without failures is a ring on the axis. Checks that ran without a data-quality analysis
 * (before the monitor had one) have no mark. Each mark links to its check's report. Coordinates are
 * in a {@value #WIDTH} × {@value #HEIGHT} view box.
 *
 * <p>Thread-safe: immutable.
 *
 * @param yTicks round counts from 0 to the top of the scale
 * @param xTicks round times along the axis (those of the drift-share chart)
 * @param bars the checks with failures
 * @param clean the checks without
 * @param label what the chart says, for screen readers
 */
public record DataQualityChart(List<ShareChart.Tick> yTicks, List<ShareChart.Tick> xTicks, List<Bar> bars,
        List<Clean> clean, String label) {
    static final int WIDTH = ShareChart.WIDTH;
    static final int HEIGHT = 200;
    static final double TOP = 12;
    static final double BOTTOM = 152;
    /** The widest a bar gets (few checks far apart). */
    static final double MAX_BAR = 16;
    /** The narrowest (many checks close together): still a mark to hover. */
    static final double MIN_BAR = 3;
    private static final int MAX_Y_TICKS = 5;

    public DataQualityChart {
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
        bars = List.copyOf(bars);
        clean = List.copyOf(clean);
    }

    /**
     * A check with failures: its bar from {@code x} ({@code width} wide), the critical part from
     * {@code criticalY} down to the axis and the warnings from {@code warningY} down to the critical part.
     *
     * @param failures its failures
     * @param critical the critical ones among them
     * @param title its tooltip
     * @param href its report
     */
    public record Bar(String x, String width, int failures, int critical, String warningY, String warningHeight,
            String criticalY, String criticalHeight, String title, String href) {

        /** Failures that are not critical. */
        public int warnings() {
            return failures - critical;
        }
    }

    /** A check without failures: a ring on the axis at {@code x}. */
    public record Clean(String x, String y, String title, String href) {
    }

    /**
     * The chart of {@code checks}, oldest first (the drift-share chart's checks); null when none of them
     * has a data-quality analysis.
     */
    static DataQualityChart of(List<Check> checks) {
        int max = 0;
        int analysed = 0;
        for (Check c : checks) {
            if (c.dataQuality() != null) {
                analysed++;
                max = Math.max(max, c.dataQuality().failures());
            }
        }
        if (analysed == 0) {
            return null;
        }
        int step = step(max);
        int top = Math.max(step, (max + step - 1) / step * step);
        TimeScale time = ShareChart.timeScale(checks);
        double width = barWidth(checks, time);
        List<Bar> bars = new ArrayList<>();
        List<Clean> clean = new ArrayList<>();
        int failed = 0;
        int critical = 0;
        Check latest = null;
        for (Check c : checks) {
            Check.DataQuality q = c.dataQuality();
            if (q == null) {
                continue;
            }
            latest = c;
            double x = time.x(c.observedAt());
            String href = Links.ofCheck(c.id(), c.monitorId()).report();
            if (!q.failed()) {
                clean.add(new Clean(DashboardText.coordinate(x), DashboardText.coordinate(BOTTOM), title(c), href));
                continue;
            }
            failed++;
            critical += q.critical() > 0 ? 1 : 0;
            double criticalY = y(q.critical(), top);
            double totalY = y(q.failures(), top);
            bars.add(new Bar(DashboardText.coordinate(x - width / 2), DashboardText.coordinate(width), q.failures(),
                    q.critical(), DashboardText.coordinate(totalY), DashboardText.coordinate(criticalY - totalY),
                    DashboardText.coordinate(criticalY), DashboardText.coordinate(BOTTOM - criticalY), title(c), href));
        }
        List<ShareChart.Tick> yTicks = new ArrayList<>();
        for (int v = 0; v <= top; v += step) {
            yTicks.add(new ShareChart.Tick(DashboardText.coordinate(y(v, top)), Integer.toString(v), null));
        }
        Check.DataQuality last = latest.dataQuality();
        String label = "Data-quality failures in " + analysed + (analysed == 1 ? " check" : " checks") + " from "
                + DashboardText.time(checks.get(0).observedAt()) + " to "
                + DashboardText.time(checks.get(checks.size() - 1).observedAt()) + ": " + failed + " with failures, "
                + critical + " of them critical; the latest " + (last.failed() ? "had " + failures(last) : "had none")
                + (analysed < checks.size() ? "; " + (checks.size() - analysed) + " ran without a data-quality analysis"
                        : "");
        return new DataQualityChart(yTicks, ShareChart.xTicks(time), bars, clean, label);
    }

    /** {@code 5 failures, 2 critical}, {@code 1 failure, none critical}. */
    static String failures(Check.DataQuality q) {
        return q.failures() + (q.failures() == 1 ? " failure, " : " failures, ")
                + (q.critical() == 0 ? "none" : Integer.toString(q.critical())) + " critical";
    }

    private static String title(Check c) {
        Check.DataQuality q = c.dataQuality();
        return DashboardText.timeWithSeconds(c.observedAt()) + "\n"
                + (q.failed() ? "Data quality failed: " + failures(q) : "Data quality passed: no failed test or condition")
                + "\nClick to open the report";
    }

    /** A round step (1, 2, 5, 10, 20, 50…) that puts at most {@value #MAX_Y_TICKS} ticks above 0 on {@code [0, max]}. */
    static int step(int max) {
        int[] mantissas = {1, 2, 5};
        for (long magnitude = 1; ; magnitude *= 10) {
            for (int m : mantissas) {
                long step = m * magnitude;
                if ((max + step - 1) / step <= MAX_Y_TICKS) {
                    return (int) step;
                }
            }
        }
    }

    /** Bars fill at most 60 % of the smallest gap between neighbours, within [MIN_BAR, MAX_BAR]. */
    private static double barWidth(List<Check> checks, TimeScale time) {
        double gap = Double.POSITIVE_INFINITY;
        double previous = Double.NaN;
        for (Check c : checks) {
            if (c.dataQuality() == null) {
                continue;
            }
            double x = time.x(c.observedAt());
            if (!Double.isNaN(previous) && x - previous > 0) {
                gap = Math.min(gap, x - previous);
            }
            previous = x;
        }
        return Math.max(MIN_BAR, Math.min(MAX_BAR, gap * 0.6));
    }

    private static double y(int count, int top) {
        return BOTTOM - (BOTTOM - TOP) * count / top;
    }
}
