package io.driftwatch.api.dashboard;

import io.driftwatch.api.Links;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.QualitySummary;
import io.driftwatch.monitor.checks.QualityWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The monitor page's chart of model quality over time, on the drift-share chart's time axis (a check
 * sits at the same x in both): above, the task's two headline metrics (accuracy and F1 for a
 * classifier, MAE and RMSE for a regression) of each window whose quality is known, from its labels or
 * from its own target, as two lines of points; below, in a strip of its own, each window's label
 * coverage (the share of its logged predictions that have a label) as a bar from 0 to 100 %. A window
 * without a known quality (predictions whose labels have not come) has its coverage bar and no point.
 * Each point and bar links to its check's report. Coordinates are in a {@value #WIDTH} ×
 * {@value #HEIGHT} view box.
 *
 * <p>Thread-safe: immutable.
 *
 * @param primary the first headline metric's name, e.g. {@code accuracy}
 * @param secondary the second's, e.g. {@code F1}
 * @param primaryLine the path through the first metric's points, oldest first (empty without points)
 * @param secondaryLine the second's
 * @param yTicks the metric scale's ticks (0 to 1 for a classifier; 0 to a round maximum for a regression)
 * @param coverageTicks 0 % and 100 % on the coverage strip
 * @param xTicks round times along the axis (those of the drift-share chart)
 * @param points the windows with a known quality
 * @param bars every window with logged predictions
 * @param label what the chart says, for screen readers
 */
public record ModelQualityChart(String primary, String secondary, String primaryLine, String secondaryLine,
        List<ShareChart.Tick> yTicks, List<ShareChart.Tick> coverageTicks, List<ShareChart.Tick> xTicks,
        List<Point> points, List<Bar> bars, String label) {
    static final int WIDTH = ShareChart.WIDTH;
    static final int HEIGHT = 330;
    static final double TOP = 12;
    static final double BOTTOM = 172;
    static final double COVERAGE_TOP = 206;
    static final double COVERAGE_BOTTOM = 266;
    private static final double BAR = 10;
    /** How tall the bar of a window without labels is drawn. */
    private static final double EMPTY_BAR = 3;

    public ModelQualityChart {
        yTicks = List.copyOf(yTicks);
        coverageTicks = List.copyOf(coverageTicks);
        xTicks = List.copyOf(xTicks);
        points = List.copyOf(points);
        bars = List.copyOf(bars);
    }

    /**
     * A window with a known quality: its two metrics' positions (y null where the metric is undefined),
     * whether the model failed its tests there, the tooltip and its report.
     */
    public record Point(String x, String primaryY, String secondaryY, boolean failed, String title, String href) {
    }

    /**
     * A window's coverage bar, from {@code y} down to the strip's axis; a window without any label yet
     * gets a sliver on the axis ({@code empty}), so that it shows and can be hovered.
     */
    public record Bar(String x, String y, String width, String height, boolean full, boolean empty, String title,
            String href) {
    }

    /**
     * The chart of {@code checks} (oldest first, the drift-share chart's) with the model quality of
     * those that have one; null when none has.
     */
    static ModelQualityChart of(List<Check> checks, Map<String, QualityWindow> windows) {
        QualitySummary task = null;
        double max = 0;
        for (Check c : checks) {
            QualityWindow w = windows.get(c.id());
            if (w != null) {
                task = task == null ? w.quality() : task;
                for (String key : w.quality().headline()) {
                    Double v = w.quality().metric(key);
                    if (v != null && v > max) {
                        max = v;
                    }
                }
            }
        }
        if (task == null) {
            return null;
        }
        String primary = task.headline().get(0);
        String secondary = task.headline().get(1);
        boolean regression = task.task().equals("regression");
        double top = regression ? niceTop(max) : 1;
        TimeScale time = ShareChart.timeScale(checks);
        StringBuilder primaryLine = new StringBuilder();
        StringBuilder secondaryLine = new StringBuilder();
        List<Point> points = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        int measured = 0;
        QualityWindow last = null;
        for (Check c : checks) {
            QualityWindow w = windows.get(c.id());
            if (w == null) {
                continue;
            }
            double x = time.x(w.observedAt());
            String xs = DashboardText.coordinate(x);
            String href = Links.ofCheck(w.checkId(), w.monitorId()).report();
            String title = title(w, primary, secondary);
            Double coverage = w.coverage();
            if (coverage != null) {
                double y = Math.min(COVERAGE_BOTTOM - EMPTY_BAR,
                        COVERAGE_BOTTOM - (COVERAGE_BOTTOM - COVERAGE_TOP) * coverage);
                bars.add(new Bar(DashboardText.coordinate(x - BAR / 2), DashboardText.coordinate(y),
                        DashboardText.coordinate(BAR), DashboardText.coordinate(COVERAGE_BOTTOM - y), coverage >= 1,
                        coverage == 0, title, href));
            }
            QualitySummary q = w.quality();
            if (!q.scored()) {
                continue;
            }
            measured++;
            last = w;
            String py = y(q.metric(primary), top);
            String sy = y(q.metric(secondary), top);
            if (py != null) {
                primaryLine.append(primaryLine.length() == 0 ? 'M' : 'L').append(xs).append(' ').append(py);
            }
            if (sy != null) {
                secondaryLine.append(secondaryLine.length() == 0 ? 'M' : 'L').append(xs).append(' ').append(sy);
            }
            points.add(new Point(xs, py, sy, q.failed(), title, href));
        }
        List<ShareChart.Tick> yTicks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            yTicks.add(new ShareChart.Tick(y(v, top), DashboardText.score(v), null));
        }
        List<ShareChart.Tick> coverageTicks = List.of(
                new ShareChart.Tick(DashboardText.coordinate(COVERAGE_BOTTOM), "0%", null),
                new ShareChart.Tick(DashboardText.coordinate(COVERAGE_TOP), "100%", null));
        String label = name(primary) + " and " + name(secondary) + " of the model in " + measured
                + (measured == 1 ? " window" : " windows") + " whose quality is known, with the label coverage of "
                + bars.size() + (bars.size() == 1 ? " window" : " windows")
                + (last == null ? "" : "; the latest: " + name(primary) + " " + value(last.quality().metric(primary))
                        + coverageText(last));
        return new ModelQualityChart(name(primary), name(secondary), primaryLine.toString(), secondaryLine.toString(), yTicks,
                coverageTicks, ShareChart.xTicks(time), points, bars, label);
    }

    /**
     * The tooltip: when, the two metrics and the verdict, where they come from, the coverage and the
     * labels' latency, e.g. {@code accuracy 0.85 · F1 0.8125 · 100 of 100 predictions labelled (100%)}.
     */
    static String title(QualityWindow w, String primary, String secondary) {
        QualitySummary q = w.quality();
        StringBuilder t = new StringBuilder(DashboardText.timeWithSeconds(w.observedAt())).append('\n');
        if (q.scored()) {
            t.append(name(primary)).append(' ').append(value(q.metric(primary))).append(" · ").append(name(secondary))
                    .append(' ').append(value(q.metric(secondary))).append(" on ").append(DashboardText.count(q.rows()))
                    .append(q.rows() == 1 ? " row" : " rows").append(q.failed() ? " · tests failed" : "")
                    .append('\n');
        } else {
            t.append("Model quality not measured yet\n");
        }
        if (w.coverage() != null) {
            t.append(DashboardText.count(w.labelled())).append(" of ").append(DashboardText.count(w.predictions()))
                    .append(" predictions labelled (").append(DashboardText.percent(w.coverage())).append(')');
            QualityWindow.Evaluation e = w.evaluation();
            if (e != null) {
                t.append(" · labels ").append(duration(e.latency().median())).append(" later (median), at most ")
                        .append(duration(e.latency().max()));
            }
            t.append('\n');
        } else {
            t.append("Scored when checked (the batch had its target)\n");
        }
        return t.append("Click to open the report").toString();
    }

    /** {@code accuracy}, {@code F1}, {@code MAE}, {@code RMSE}. */
    static String name(String key) {
        return switch (key) {
            case "f1_score" -> "F1";
            case "mae", "rmse" -> key.toUpperCase(Locale.ROOT);
            default -> key;
        };
    }

    /** A metric as the report prints it (four significant digits), {@code –} when undefined. */
    static String value(Double v) {
        return v == null ? "–" : DashboardText.score(v);
    }

    /** {@code 1 h}, {@code 23 h}, {@code 2 d 1 h}, {@code 45 min}, {@code 12 s}. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 48 * 3600) {
            return s / 3600 + " h";
        }
        long h = s / 3600;
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    private static String coverageText(QualityWindow w) {
        return w.coverage() == null ? "" : ", " + DashboardText.percent(w.coverage()) + " of its predictions labelled";
    }

    private static String y(Double v, double top) {
        if (v == null) {
            return null;
        }
        double clipped = Math.max(0, Math.min(top, v));
        return DashboardText.coordinate(BOTTOM - (BOTTOM - TOP) * clipped / top);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code max} (1 when it is 0). */
    static double niceTop(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= max) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
