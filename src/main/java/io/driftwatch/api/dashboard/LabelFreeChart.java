package io.driftwatch.api.dashboard;

import io.driftwatch.api.Links;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.LabelFreeSummary;
import io.driftwatch.monitor.checks.QualityWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One chart of the monitor page's label-free panels, on the drift-share chart's time axis (a check sits
 * at the same x in every chart): an estimated metric (CBPE, DLE) or a multivariate method (PCA
 * reconstruction error, domain classifier ROC AUC) over the recent checks. Each check that has it is
 * a point at the mean over its chunks (weighted by their rows), with a whisker from its lowest to its
 * highest chunk, filled red when some chunk alerted; its thresholds are dashed steps from check to
 * check. For an estimated metric, where labels are known, the value realized on the labelled rows
 * (those that came with the batch, or the newest evaluation of labels that arrived later) is a
 * diamond beside the estimate. Each point links to its check's report. Coordinates are in a
 * {@value #WIDTH} × {@value #HEIGHT} view box.
 *
 * <p>Thread-safe: immutable.
 *
 * @param id the element id, e.g. {@code estimate-roc_auc}
 * @param name what is drawn, e.g. {@code ROC AUC (CBPE)}
 * @param lower the lower threshold's path; empty when no check has one
 * @param upper the upper threshold's path
 * @param yTicks the value scale's ticks
 * @param xTicks round times along the axis (those of the drift-share chart)
 * @param points the checks that have it
 * @param realized whether any point has a realized value (the legend shows the diamond then)
 * @param label what the chart says, for screen readers
 */
public record LabelFreeChart(String id, String name, String lower, String upper, List<ShareChart.Tick> yTicks,
        List<ShareChart.Tick> xTicks, List<Point> points, boolean realized, String label) {
    static final int WIDTH = ShareChart.WIDTH;
    static final int HEIGHT = 200;
    static final double TOP = 12;
    static final double BOTTOM = 152;
    /** Half the width of a realized value's diamond. */
    private static final double DIAMOND = 5;

    public LabelFreeChart {
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
        points = List.copyOf(points);
    }

    /**
     * A check's value: the point, its whisker from {@code low} to {@code high}, whether a chunk alerted,
     * the realized value's diamond (null without one), the tooltip and the report.
     */
    public record Point(String x, String y, String low, String high, boolean alert, String diamond, String title,
            String href) {
    }

    /**
     * The panels' charts of {@code checks} (oldest first, the drift-share chart's), one per estimated
     * metric in the order the checks give them; empty when none has an estimate.
     *
     * @param windows the checks' model quality (for realized values from labels that arrived later)
     */
    static List<LabelFreeChart> estimates(List<Check> checks, Map<String, LabelFreeSummary> findings,
            Map<String, QualityWindow> windows) {
        return charts(checks, findings, LabelFreeSummary::estimate, (c, s) -> realized(c, s, windows), "estimate");
    }

    /** The charts of {@code checks}, one per multivariate method; empty when none has one. */
    static List<LabelFreeChart> multivariate(List<Check> checks, Map<String, LabelFreeSummary> findings) {
        return charts(checks, findings, LabelFreeSummary::multivariate, (c, s) -> null, "multivariate");
    }

    /** The realized value of series {@code s} of check {@code c}: from later labels, else its own; null without. */
    private static Double realized(Check c, LabelFreeSummary.Series s, Map<String, QualityWindow> windows) {
        QualityWindow w = windows.get(c.id());
        if (w != null && w.evaluation() != null && w.evaluation().estimateRealized().containsKey(s.name())) {
            return w.evaluation().estimateRealized().get(s.name());
        }
        return s.realized();
    }

    private interface Realized {
        Double of(Check check, LabelFreeSummary.Series series);
    }

    private static List<LabelFreeChart> charts(List<Check> checks, Map<String, LabelFreeSummary> findings,
            Function<LabelFreeSummary, List<LabelFreeSummary.Series>> part, Realized realized, String kind) {
        Map<String, String> methods = new LinkedHashMap<>();
        for (Check c : checks) {
            LabelFreeSummary f = findings.get(c.id());
            if (f != null) {
                for (LabelFreeSummary.Series s : part.apply(f)) {
                    methods.putIfAbsent(s.name(), f.estimateMethod());
                }
            }
        }
        List<LabelFreeChart> out = new ArrayList<>();
        if (methods.isEmpty()) {
            return out;
        }
        TimeScale time = ShareChart.timeScale(checks);
        for (Map.Entry<String, String> m : methods.entrySet()) {
            out.add(chart(checks, findings, part, realized, kind, m.getKey(), m.getValue(), time));
        }
        return out;
    }

    private static LabelFreeChart chart(List<Check> checks, Map<String, LabelFreeSummary> findings,
            Function<LabelFreeSummary, List<LabelFreeSummary.Series>> part, Realized realized, String kind,
            String series, String estimateMethod, TimeScale time) {
        boolean estimate = kind.equals("estimate");
        List<Check> having = new ArrayList<>();
        List<LabelFreeSummary.Series> values = new ArrayList<>();
        List<Double> truths = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (Check c : checks) {
            LabelFreeSummary f = findings.get(c.id());
            if (f == null) {
                continue;
            }
            for (LabelFreeSummary.Series s : part.apply(f)) {
                if (!s.name().equals(series) || s.mean() == null) {
                    continue;
                }
                Double truth = realized.of(c, s);
                having.add(c);
                values.add(s);
                truths.add(truth);
                for (Double v : new Double[] {s.min(), s.max(), s.lower(), s.upper(), truth}) {
                    if (v != null) {
                        lowest = Math.min(lowest, v);
                        highest = Math.max(highest, v);
                    }
                }
            }
        }
        double[] scale = scale(lowest, highest, bounded(series));
        StringBuilder lower = new StringBuilder();
        StringBuilder upper = new StringBuilder();
        List<Point> points = new ArrayList<>();
        boolean anyRealized = false;
        int alerting = 0;
        for (int i = 0; i < having.size(); i++) {
            Check c = having.get(i);
            LabelFreeSummary.Series s = values.get(i);
            double x = time.x(c.observedAt());
            step(lower, x, s.lower(), scale, i == 0);
            step(upper, x, s.upper(), scale, i == 0);
            Double truth = truths.get(i);
            String diamond = null;
            if (truth != null) {
                anyRealized = true;
                double dx = x + 9;
                double dy = y(truth, scale);
                diamond = "M" + DashboardText.coordinate(dx) + ' ' + DashboardText.coordinate(dy - DIAMOND) + 'L'
                        + DashboardText.coordinate(dx + DIAMOND) + ' ' + DashboardText.coordinate(dy) + 'L'
                        + DashboardText.coordinate(dx) + ' ' + DashboardText.coordinate(dy + DIAMOND) + 'L'
                        + DashboardText.coordinate(dx - DIAMOND) + ' ' + DashboardText.coordinate(dy) + 'Z';
            }
            alerting += s.alerts() ? 1 : 0;
            points.add(new Point(DashboardText.coordinate(x), DashboardText.coordinate(y(s.mean(), scale)),
                    DashboardText.coordinate(y(s.min(), scale)), DashboardText.coordinate(y(s.max(), scale)),
                    s.alerts(), diamond, title(c, s, truth, estimate),
                    Links.ofCheck(c.id(), c.monitorId()).report()));
        }
        List<ShareChart.Tick> yTicks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            double v = scale[0] + (scale[1] - scale[0]) * t / 4;
            yTicks.add(new ShareChart.Tick(DashboardText.coordinate(y(v, scale)), DashboardText.score(v), null));
        }
        String name = estimate ? metricName(series) + " (" + estimateMethod.toUpperCase(Locale.ROOT) + ")"
                : methodName(series);
        String label = name + " in " + having.size() + (having.size() == 1 ? " check" : " checks") + ", "
                + alerting + " of them alerting on some chunk"
                + (having.isEmpty() ? "" : "; the latest: " + DashboardText.score(values.get(values.size() - 1).mean()));
        return new LabelFreeChart(kind + "-" + series, name, lower.toString(), upper.toString(), yTicks,
                ShareChart.xTicks(time), points, anyRealized, label);
    }

    /** Extends a threshold's path to a check: a step at its x when the threshold changed. */
    private static void step(StringBuilder path, double x, Double value, double[] scale, boolean first) {
        if (value == null) {
            return;
        }
        String xs = DashboardText.coordinate(x);
        String ys = DashboardText.coordinate(y(value, scale));
        path.append(path.length() == 0 || first ? 'M' : 'L').append(xs).append(' ').append(ys);
    }

    /**
     * The tooltip: when, the mean and the range over the chunks, how many alerted, the thresholds,
     * the realized value and the drivers.
     */
    private static String title(Check c, LabelFreeSummary.Series s, Double truth, boolean estimate) {
        StringBuilder t = new StringBuilder(DashboardText.timeWithSeconds(c.observedAt())).append('\n');
        t.append(estimate ? "Estimated " : "").append(DashboardText.score(s.mean())).append(" (mean of ")
                .append(s.chunks()).append(s.chunks() == 1 ? " chunk" : " chunks").append(", ")
                .append(DashboardText.score(s.min())).append('–').append(DashboardText.score(s.max())).append(")\n");
        t.append(s.alerting()).append(" of ").append(s.chunks()).append(" chunks alerting · thresholds [")
                .append(s.lower() == null ? "none" : DashboardText.score(s.lower())).append(", ")
                .append(s.upper() == null ? "none" : DashboardText.score(s.upper())).append("]\n");
        if (truth != null) {
            t.append("Realized from labels ").append(DashboardText.score(truth)).append('\n');
        }
        if (!s.drivers().isEmpty()) {
            t.append("Driven by ").append(String.join(", ", s.drivers())).append('\n');
        }
        return t.append("Click to open the report").toString();
    }

    /** Whether the metric lives in [0, 1] (the classifier metrics and the domain classifier's AUC). */
    private static boolean bounded(String series) {
        return switch (series) {
            case "mae", "mse", "rmse", "mape", "pca" -> false;
            default -> true;
        };
    }

    /**
     * The value range drawn: the values with a little room, in four round steps, kept within [0, 1] for
     * a bounded metric and above 0 for the others (errors and distances are never negative).
     */
    static double[] scale(double lowest, double highest, boolean bounded) {
        if (!(lowest <= highest)) {
            return new double[] {0, 1};
        }
        double pad = Math.max((highest - lowest) * 0.1, Math.max(Math.abs(highest), 1e-9) * 0.02);
        double lo = Math.max(0, lowest - pad);
        double hi = bounded ? Math.min(1, highest + pad) : highest + pad;
        double step = ModelQualityChart.niceTop((hi - lo) / 4);
        double start = Math.floor(lo / step) * step;
        while (start + 4 * step < hi) {
            step = ModelQualityChart.niceTop(step * 1.0001);
            start = Math.floor(lo / step) * step;
        }
        if (bounded && start + 4 * step > 1) {
            start = Math.max(0, 1 - 4 * step);
        }
        return new double[] {start, start + 4 * step};
    }

    private static double y(double v, double[] scale) {
        double clipped = Math.max(scale[0], Math.min(scale[1], v));
        return BOTTOM - (BOTTOM - TOP) * (clipped - scale[0]) / (scale[1] - scale[0]);
    }

    /** {@code ROC AUC}, {@code F1}, {@code accuracy}, {@code MAE}… */
    static String metricName(String key) {
        return switch (key) {
            case "roc_auc" -> "ROC AUC";
            case "f1_score" -> "F1";
            case "average_precision" -> "average precision";
            case "mae", "mse", "rmse", "mape" -> key.toUpperCase(Locale.ROOT);
            default -> key;
        };
    }

    /** {@code PCA reconstruction error}, {@code Domain classifier ROC AUC}. */
    static String methodName(String method) {
        return method.equals("pca") ? "PCA reconstruction error" : "Domain classifier ROC AUC";
    }
}
