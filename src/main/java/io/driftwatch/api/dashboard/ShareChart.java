package io.driftwatch.api.dashboard;

import io.driftwatch.api.Links;
import io.driftwatch.monitor.checks.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor page's chart of drift share over time: one point per check at the time it ran (a
 * true time axis in UTC, so gaps in a schedule show as gaps), the share of drifted columns from 0
 * to 100 %, the monitor's drift-share threshold as a dashed line (stepping where the policy
 * changed), and the checks that found dataset drift marked. Each point links to its check's
 * report. Coordinates are in a {@value #WIDTH} × {@value #HEIGHT} view box.
 *
 * <p>Thread-safe: immutable.
 *
 * @param line the path through the points, oldest first
 * @param threshold the threshold's path
 * @param thresholdLabel the threshold as printed at the right end of its line, e.g. {@code 50%}
 * @param thresholdLabelY where that label goes
 * @param yTicks 0, 25, 50, 75 and 100 %
 * @param xTicks round times along the axis
 * @param points every check
 * @param label what the chart says, for screen readers
 */
public record ShareChart(String line, String threshold, String thresholdLabel, String thresholdLabelY,
        List<Tick> yTicks, List<Tick> xTicks, List<Point> points, String label) {
    static final int WIDTH = 1000;
    static final int HEIGHT = 252;
    static final double LEFT = 52;
    static final double RIGHT = 956;
    static final double TOP = 12;
    static final double BOTTOM = 204;
    /** Points stay this far inside the plot so the first and last are not cut by the axes. */
    static final double INSET = 14;
    private static final int MAX_TICKS = 8;

    public ShareChart {
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
        points = List.copyOf(points);
    }

    /** An axis tick: its position, label and (time axis only) a second line of context, or null. */
    public record Tick(String at, String label, String context) {
    }

    /** A check on the chart, with its tooltip and the link to its report. */
    public record Point(String x, String y, boolean drifted, String title, String href) {
    }

    /** The chart of {@code checks}, oldest first; null when there are none. */
    static ShareChart of(List<Check> checks) {
        if (checks.isEmpty()) {
            return null;
        }
        int n = checks.size();
        TimeScale time = timeScale(checks);
        StringBuilder line = new StringBuilder(n * 14);
        StringBuilder threshold = new StringBuilder(32);
        List<Point> points = new ArrayList<>(n);
        double previousThreshold = Double.NaN;
        int drifted = 0;
        for (int i = 0; i < n; i++) {
            Check c = checks.get(i);
            String x = DashboardText.coordinate(time.x(c.observedAt()));
            String y = DashboardText.coordinate(y(c.driftShare()));
            line.append(i == 0 ? 'M' : 'L').append(x).append(' ').append(y);
            String ty = DashboardText.coordinate(y(c.shareThreshold()));
            if (i == 0) {
                threshold.append('M').append(DashboardText.coordinate(LEFT)).append(' ').append(ty);
            } else if (c.shareThreshold() != previousThreshold) {
                threshold.append('H').append(x).append('V').append(ty);
            }
            previousThreshold = c.shareThreshold();
            drifted += c.driftDetected() ? 1 : 0;
            points.add(new Point(x, y, c.driftDetected(), title(c), Links.ofCheck(c.id(), c.monitorId()).report()));
        }
        threshold.append('H').append(DashboardText.coordinate(RIGHT));
        Check last = checks.get(n - 1);
        List<Tick> yTicks = new ArrayList<>(5);
        for (int t = 0; t <= 4; t++) {
            yTicks.add(new Tick(DashboardText.coordinate(y(t / 4.0)), DashboardText.percent(t / 4.0), null));
        }
        List<Tick> xTicks = xTicks(time);
        String label = "Share of drifted columns in " + n + (n == 1 ? " check" : " checks") + " from "
                + DashboardText.time(checks.get(0).observedAt()) + " to " + DashboardText.time(last.observedAt()) + "; "
                + drifted + " found dataset drift";
        double labelY = y(last.shareThreshold());
        return new ShareChart(line.toString(), threshold.toString(), DashboardText.percent(last.shareThreshold()),
                DashboardText.coordinate(labelY), yTicks, xTicks, points, label);
    }

    /**
     * The time axis of the monitor page's charts over {@code checks} (oldest first, at least one): the
     * drift-share chart and the data-quality chart share it, so a check sits at the same x in both.
     */
    static TimeScale timeScale(List<Check> checks) {
        return new TimeScale(checks.get(0).observedAt(), checks.get(checks.size() - 1).observedAt(), LEFT + INSET,
                RIGHT - INSET);
    }

    /** The ticks of that axis, at round times. */
    static List<Tick> xTicks(TimeScale time) {
        List<Tick> ticks = new ArrayList<>();
        for (TimeScale.Tick t : time.ticks(MAX_TICKS)) {
            ticks.add(new Tick(DashboardText.coordinate(t.x()), t.label(), t.context()));
        }
        return ticks;
    }

    private static String title(Check c) {
        return DashboardText.timeWithSeconds(c.observedAt()) + "\n"
                + (c.driftDetected() ? "Dataset drift: " : "No dataset drift: ") + c.driftedColumns() + " of "
                + c.columns() + " columns drifted (" + DashboardText.percent(c.driftShare()) + "; threshold "
                + DashboardText.percent(c.shareThreshold()) + ")"
                + (c.errors() > 0 ? "\n" + c.errors() + (c.errors() == 1 ? " column" : " columns") + " not tested" : "")
                + "\nClick to open the report";
    }

    private static double y(double share) {
        double s = Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
        return BOTTOM - (BOTTOM - TOP) * s;
    }
}
