package io.driftwatch.report;

import io.driftwatch.quality.QualityCharts;
import io.driftwatch.report.HtmlColumnView.HistogramChart;
import io.driftwatch.report.HtmlColumnView.Tick;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the model-quality section's charts ({@code quality.ftlh}), from the chart data the
 * quality analysis computed ({@link QualityCharts}): ROC and precision-recall curves with the reference
 * and the current batch overlaid, a regression's (actual, predicted) density as one heat map per side on
 * the same grid and colour scale, and its error histogram (the drift section's overlaid step areas).
 * Reference is blue and solid, current orange and dashed, as in the drift section.
 *
 * <p>Curves and heat maps share a square plot box inside a {@code 0 0 300 292} view box: x from
 * {@value #LEFT} to {@value #RIGHT}, y from {@value #BOTTOM} up to {@value #TOP} (the template's numbers).
 * Coordinates are rounded to a tenth and repeated points dropped, so a curve costs at most a few kB.
 *
 * <p>Thread-safe: stateless.
 */
final class ModelCharts {
    static final double LEFT = 48;
    static final double RIGHT = 292;
    static final double TOP = 8;
    static final double BOTTOM = 252;
    /** Darkness levels of a heat map; each is about {@value #LEVEL_FACTOR}× the rows of the one below. */
    static final int LEVELS = 6;
    static final double LEVEL_FACTOR = 3;

    private ModelCharts() {
    }

    /**
     * One side's curve.
     *
     * @param cls {@code r} (reference) or {@code c} (current)
     * @param path the curve
     * @param baseline a precision-recall chart's random-ranking line (the class's share) as a y coordinate;
     *     null on a ROC chart
     */
    record Curve(String cls, String path, String baseline) {
    }

    /**
     * A ROC or precision-recall chart.
     *
     * @param aria what it shows, for screen readers
     * @param curves the reference's curve first (when there is one), then the current's
     * @param diagonal whether to draw the ROC chart's diagonal (a random ranking)
     * @param xTitle the x axis's title
     * @param yTitle the y axis's title
     */
    record CurveChart(String aria, List<Curve> curves, boolean diagonal, String xTitle, String yTitle, List<Tick> xTicks,
            List<Tick> yTicks) {
    }

    /**
     * One class's two charts and its legend.
     *
     * @param label the class, printed
     * @param legend one entry per side: {@code Reference · AUC 0.912}
     */
    record ClassCurves(String label, List<Legend> legend, CurveChart roc, CurveChart pr) {
    }

    /** A legend entry: the side's swatch class and its text. */
    record Legend(String cls, String text) {
    }

    /** A heat map level: {@code cls} is {@code l1} (fewest rows) … {@code l6}, {@code path} its cells. */
    record Level(String cls, String path) {
    }

    /**
     * One side's heat map.
     *
     * @param side {@code Reference} or {@code Current}
     * @param cls {@code hr} or {@code hc}, the side's colour
     * @param levels the cells, one path per darkness level
     * @param aria what it shows
     * @param note how many rows lie outside the grid, or null
     */
    record Heatmap(String side, String cls, List<Level> levels, String aria, String note) {
    }

    /**
     * The (actual, predicted) density of both sides on one grid.
     *
     * @param maps the reference's heat map first (when there is one), then the current's
     * @param diagonal the line {@code predicted = actual}
     * @param xTicks ticks along the actual axis
     * @param yTicks ticks along the predicted axis
     * @param legend what the darkest level means
     */
    record DensityChart(List<Heatmap> maps, String diagonal, List<Tick> xTicks, List<Tick> yTicks, String legend) {
    }

    /**
     * The error histogram of both sides on shared bins, in the drift section's {@code 0 0 600 216} view box.
     *
     * @param chart the step areas and ticks
     * @param zeroX where an error of zero is, or null when it is outside the bins
     * @param note the rows beyond the bins, or null
     */
    record ErrorChart(HistogramChart chart, String zeroX, String note) {
    }

    // ---------------------------------------------------------------------------------------------
    // Curves

    /** The ROC and precision-recall charts of one class, the reference's curves (null without) under the current's. */
    static ClassCurves curves(String label, QualityCharts.Curves reference, QualityCharts.Curves current) {
        List<Legend> legend = new ArrayList<>(2);
        List<Curve> roc = new ArrayList<>(2);
        List<Curve> pr = new ArrayList<>(2);
        StringBuilder aucs = new StringBuilder();
        for (QualityCharts.Curves c : new QualityCharts.Curves[] {reference, current}) {
            if (c == null) {
                continue;
            }
            String cls = c == reference ? "r" : "c";
            String side = c == reference ? "Reference" : "Current";
            legend.add(new Legend(cls, side + " · AUC " + DisplayNumbers.score(c.rocAuc())));
            aucs.append(aucs.length() == 0 ? "" : ", ").append(side.toLowerCase(java.util.Locale.ROOT)).append(" AUC ")
                    .append(DisplayNumbers.score(c.rocAuc()));
            roc.add(new Curve(cls, path(c.fpr(), c.tpr()), null));
            pr.add(new Curve(cls, path(c.recall(), c.precision()), DisplayNumbers.coordinate(y(c.prevalence()))));
        }
        List<Tick> ticks = unitTicks(false);
        List<Tick> yTicks = unitTicks(true);
        CurveChart rocChart = new CurveChart("ROC curve of class " + label + ": true-positive rate against"
                + " false-positive rate as the threshold falls; " + aucs, roc, true, "False-positive rate",
                "True-positive rate", ticks, yTicks);
        CurveChart prChart = new CurveChart("Precision-recall curve of class " + label + ": precision against recall"
                + " as the threshold falls", pr, false, "Recall", "Precision", ticks, yTicks);
        return new ClassCurves(label, legend, rocChart, prChart);
    }

    /** The points {@code (xs[k], ys[k])} in [0, 1]² as a path, repeated points (after rounding) left out. */
    static String path(double[] xs, double[] ys) {
        StringBuilder d = new StringBuilder(xs.length * 11);
        String last = null;
        StringBuilder point = new StringBuilder(12);
        for (int k = 0; k < xs.length; k++) {
            point.setLength(0);
            DisplayNumbers.coordinate(point, x(xs[k]));
            point.append(' ');
            DisplayNumbers.coordinate(point, y(ys[k]));
            String p = point.toString();
            if (p.equals(last) && k < xs.length - 1) {
                continue;
            }
            d.append(k == 0 ? 'M' : 'L').append(p);
            last = p;
        }
        return d.toString();
    }

    private static double x(double share) {
        return LEFT + (RIGHT - LEFT) * share;
    }

    private static double y(double share) {
        return BOTTOM - (BOTTOM - TOP) * share;
    }

    /** Ticks at 0, 0.25, 0.5, 0.75 and 1 along x or y. */
    private static List<Tick> unitTicks(boolean vertical) {
        List<Tick> ticks = new ArrayList<>(5);
        for (int k = 0; k <= 4; k++) {
            double v = k / 4.0;
            ticks.add(new Tick(DisplayNumbers.coordinate(vertical ? y(v) : x(v)), DisplayNumbers.axis(v)));
        }
        return ticks;
    }

    // ---------------------------------------------------------------------------------------------
    // Regression

    /**
     * Both sides' density on one colour scale: a cell's darkness is its share of its side's rows, so
     * sides of different sizes compare; the darkest level holds the largest share on either side.
     *
     * @param reference the reference's density, or null
     * @param current the current batch's density, or null
     * @return the chart, or null when neither side has one
     */
    static DensityChart density(QualityCharts.Density reference, QualityCharts.Density current) {
        QualityCharts.Density any = current != null ? current : reference;
        if (any == null) {
            return null;
        }
        double max = Math.max(maxShare(reference), maxShare(current));
        List<Heatmap> maps = new ArrayList<>(2);
        for (QualityCharts.Density d : new QualityCharts.Density[] {reference, current}) {
            if (d == null) {
                continue;
            }
            boolean ref = d == reference;
            String side = ref ? "Reference" : "Current";
            long rows = d.inside() + d.outside();
            String note = d.outside() == 0 ? null : side + ": " + DisplayNumbers.count(d.outside()) + " of "
                    + DisplayNumbers.count(rows) + " rows lie outside the range and are not drawn";
            maps.add(new Heatmap(side, ref ? "hr" : "hc", levels(d, max), side + ": density of " + DisplayNumbers.count(rows)
                    + " rows, predicted against actual from " + DisplayNumbers.axis(d.lo()) + " to "
                    + DisplayNumbers.axis(d.hi()) + "; the diagonal is a perfect prediction", note));
        }
        String diagonal = "M" + DisplayNumbers.coordinate(LEFT) + " " + DisplayNumbers.coordinate(BOTTOM) + "L"
                + DisplayNumbers.coordinate(RIGHT) + " " + DisplayNumbers.coordinate(TOP);
        // Axis.valueTicks maps lo to its `bottom` argument and hi to its `top`: given LEFT and RIGHT, positions along x
        List<Tick> xTicks = Axis.valueTicks(any.lo(), any.hi(), RIGHT, LEFT, Axis::compact);
        List<Tick> yTicks = Axis.valueTicks(any.lo(), any.hi(), TOP, BOTTOM, Axis::compact);
        String legend = "Heat maps: a cell's colour is its share of the side's rows, on one scale for both sides;"
                + " each darker step holds about " + (int) LEVEL_FACTOR + "× the rows, the darkest up to "
                + DisplayNumbers.percent(max) + " a cell";
        return new DensityChart(maps, diagonal, xTicks, yTicks, legend);
    }

    private static double maxShare(QualityCharts.Density d) {
        if (d == null) {
            return 0;
        }
        long rows = d.inside() + d.outside();
        long most = 0;
        for (long c : d.counts()) {
            most = Math.max(most, c);
        }
        return rows == 0 ? 0 : (double) most / rows;
    }

    /** The level of a share: {@link #LEVELS} within a factor {@value #LEVEL_FACTOR} of {@code max}, one less per factor. */
    static int level(double share, double max) {
        if (!(share > 0) || !(max > 0)) {
            return 0;
        }
        int steps = (int) Math.floor(Math.log(max / share) / Math.log(LEVEL_FACTOR));
        return Math.max(1, LEVELS - Math.max(0, steps));
    }

    /** The cells of one side, a path per level; neighbouring cells of a row at one level are one rectangle. */
    private static List<Level> levels(QualityCharts.Density d, double max) {
        int bins = d.bins();
        long rows = d.inside() + d.outside();
        long[] counts = d.counts();
        double cell = (RIGHT - LEFT) / bins;
        StringBuilder[] paths = new StringBuilder[LEVELS + 1];
        for (int j = 0; j < bins; j++) {
            int i = 0;
            while (i < bins) {
                int level = level(rows == 0 ? 0 : (double) counts[i * bins + j] / rows, max);
                int run = 1;
                while (i + run < bins && level(rows == 0 ? 0 : (double) counts[(i + run) * bins + j] / rows, max) == level) {
                    run++;
                }
                if (level > 0) {
                    StringBuilder p = paths[level] == null ? paths[level] = new StringBuilder() : paths[level];
                    double w = cell * run;
                    p.append('M');
                    DisplayNumbers.coordinate(p, LEFT + cell * i);
                    p.append(' ');
                    DisplayNumbers.coordinate(p, BOTTOM - cell * (j + 1));
                    p.append('h');
                    DisplayNumbers.coordinate(p, w);
                    p.append('v');
                    DisplayNumbers.coordinate(p, cell);
                    p.append('h');
                    DisplayNumbers.coordinate(p, -w);
                    p.append('z');
                }
                i += run;
            }
        }
        List<Level> out = new ArrayList<>();
        for (int level = 1; level <= LEVELS; level++) {
            if (paths[level] != null) {
                out.add(new Level("l" + level, paths[level].toString()));
            }
        }
        return out;
    }

    /**
     * Both sides' errors as shares of their rows on the shared bins.
     *
     * @return the chart, or null when neither side has one
     */
    static ErrorChart errors(QualityCharts.Histogram reference, QualityCharts.Histogram current) {
        QualityCharts.Histogram any = current != null ? current : reference;
        if (any == null) {
            return null;
        }
        double[] edges = any.edges();
        SharedHistogram h = SharedHistogram.ofShares(edges, shares(reference, edges.length - 1),
                shares(current, edges.length - 1));
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        String zero = lo <= 0 && 0 <= hi ? DisplayNumbers.coordinate(SharedHistogram.LEFT
                + (SharedHistogram.RIGHT - SharedHistogram.LEFT) * (0 - lo) / (hi - lo)) : null;
        List<String> notes = new ArrayList<>(2);
        for (QualityCharts.Histogram s : new QualityCharts.Histogram[] {reference, current}) {
            if (s != null && s.below() + s.above() > 0) {
                notes.add((s == reference ? "reference " : "current ") + DisplayNumbers.count(s.below()) + " below "
                        + DisplayNumbers.axis(lo) + " and " + DisplayNumbers.count(s.above()) + " above "
                        + DisplayNumbers.axis(hi));
            }
        }
        return new ErrorChart(h.detail(), zero, notes.isEmpty() ? null
                : "Rows beyond the bins, not drawn: " + String.join("; ", notes));
    }

    private static double[] shares(QualityCharts.Histogram h, int bins) {
        double[] out = new double[bins];
        if (h == null || h.total() == 0) {
            return out;
        }
        long[] counts = h.counts();
        double total = h.total();
        for (int k = 0; k < bins; k++) {
            out[k] = counts[k] / total;
        }
        return out;
    }
}
