package io.driftwatch.report;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.ColumnProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.stats.Comparison;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.util.List;

/**
 * One row of the report's column table and its detail panel, everything already formatted: the
 * template only lays it out (and escapes every string). Chart geometry is computed here from the
 * reference profile and the current column.
 *
 * <p>Thread-safe: immutable.
 *
 * @param id the DOM id of the column's panel
 * @param name the column name (data: escaped by the template)
 * @param type numerical or categorical
 * @param role "target", "prediction" or null
 * @param error why the column could not be tested, or null
 * @param drifted the verdict
 * @param test the test's display name, or null for an error
 * @param score the drift score as printed
 * @param rule when the test calls drift, e.g. "p ≤ 0.05"
 * @param adjusted the p-value after multiple-testing correction when it differs from the score, or null
 * @param statistic the test's own statistic when it has one, or null
 * @param method how the score was computed when the test has several ways, or null
 * @param sortKey the drift score's sort key: the column's {@link ColumnDrift#strength()}, drifted on top
 * @param referenceMissing missing share in the reference, printed
 * @param currentMissing missing share in the current batch, printed
 * @param referenceRows reference cells, printed
 * @param currentRows current cells, printed
 * @param referenceSpark the reference sparkline, or null when there is nothing to draw
 * @param currentSpark the current sparkline, or null
 * @param histogram the overlaid histograms (numerical), or null
 * @param categories the category bars (categorical), or null
 * @param overTime the values over time (numerical), or null
 * @param referenceStats summary of the reference values (numerical), or null
 * @param currentStats summary of the current values (numerical), or null
 * @param newCategories categories new in the current batch, at most {@value #LISTED}
 * @param moreNew how many more new categories there are
 * @param goneCategories categories gone from the current batch, at most {@value #LISTED}
 * @param moreGone how many more gone categories there are
 */
record HtmlColumnView(
        String id,
        String name,
        String type,
        String role,
        String error,
        boolean drifted,
        String test,
        String score,
        String rule,
        String adjusted,
        String statistic,
        String method,
        String sortKey,
        String referenceMissing,
        String currentMissing,
        String referenceRows,
        String currentRows,
        Sparkline referenceSpark,
        Sparkline currentSpark,
        HistogramChart histogram,
        CategoryChart categories,
        TimeChart overTime,
        Stats referenceStats,
        Stats currentStats,
        List<String> newCategories,
        int moreNew,
        List<String> goneCategories,
        int moreGone) {

    static final int LISTED = 12;

    /** An axis tick: its position in the view box and its label. */
    record Tick(String at, String label) {
    }

    /** Overlaid step-area histograms in a {@code 0 0 600 216} view box. */
    record HistogramChart(String referencePath, String currentPath, List<Tick> xTicks, List<Tick> yTicks) {
    }

    /** One category's bars; widths are percentages of the widest bar. */
    record CategoryRow(String label, String referenceWidth, String currentWidth, String referenceShare,
            String currentShare, String tag) {
    }

    /** Side-by-side category bars and how many categories were left out. */
    record CategoryChart(List<CategoryRow> rows, int hidden) {
    }

    /**
     * Bucket means over time in a {@code 0 0 600 216} view box; band and mean are null without a
     * reference.
     */
    record TimeChart(String path, String bandTop, String bandHeight, String meanY, List<Tick> xTicks,
            List<Tick> yTicks, String orderedBy, int buckets) {
    }

    /** Count, mean, sd, min and max, printed. */
    record Stats(String count, String mean, String sd, String min, String max) {
        static Stats of(NumericSummary s) {
            return new Stats(DisplayNumbers.count(s.count()), DisplayNumbers.score(s.mean()), DisplayNumbers.score(s.sd()),
                    DisplayNumbers.score(s.min()), DisplayNumbers.score(s.max()));
        }
    }

    /**
     * Builds the view of {@code drift}.
     *
     * @param scratch a buffer of at least {@code current.length()} doubles, overwritten
     * @param time the datetime column ordering "values over time", or null
     */
    static HtmlColumnView of(int index, ColumnDrift drift, ColumnProfile profile, Column current, String role,
            double[] scratch, NumericColumn time) {
        Sparkline refSpark = null;
        Sparkline curSpark = null;
        HistogramChart histogram = null;
        CategoryChart categories = null;
        TimeChart overTime = null;
        Stats refStats = null;
        Stats curStats = null;
        if (profile instanceof NumericProfile numbers && current instanceof NumericColumn column) {
            double[] refSorted = numbers.sortedValues();
            if (drift.type() == ColumnType.NUMERICAL) {
                int length = column.copyValues(scratch, 0);
                NumericSummary cur = NumericSummary.of(scratch, length);
                NumericSummary ref = NumericSummary.ofSorted(refSorted);
                SharedHistogram bins = SharedHistogram.of(refSorted, scratch, length, cur, numbers.physicalType());
                if (bins != null) {
                    refSpark = bins.sparkline(false);
                    curSpark = bins.sparkline(true);
                    histogram = bins.detail();
                }
                overTime = ValuesOverTime.chart(scratch, length, cur, time, ref);
                refStats = Stats.of(ref);
                curStats = Stats.of(cur);
            } else {
                CategoryBars bars = CategoryBars.ofSortedNumbers(refSorted, column.sortedFiniteValues());
                refSpark = bars.sparkline(false);
                curSpark = bars.sparkline(true);
                categories = bars.detail();
            }
        } else if (profile instanceof CategoricalProfile labels && current instanceof CategoricalColumn column) {
            CategoryBars bars = CategoryBars.ofLabels(labels, column);
            refSpark = bars.sparkline(false);
            curSpark = bars.sparkline(true);
            categories = bars.detail();
        }
        TestResult r = drift.result();
        String test = null;
        String score = null;
        String rule = null;
        String adjusted = null;
        String statistic = null;
        String method = null;
        if (r != null) {
            test = r.displayName();
            score = DisplayNumbers.score(r.score());
            rule = (r.scoreKind() == ScoreKind.P_VALUE ? "p " : "score ") + symbol(r.comparison()) + " "
                    + DisplayNumbers.score(r.threshold());
            if (r.scoreKind() == ScoreKind.P_VALUE && !Double.isNaN(drift.adjustedScore())
                    && drift.adjustedScore() != r.score()) {
                adjusted = DisplayNumbers.score(drift.adjustedScore());
            }
            statistic = Double.isNaN(r.statistic()) ? null : DisplayNumbers.score(r.statistic());
            method = r.method();
        }
        return new HtmlColumnView("c" + index, drift.name(), drift.type().label(), role, drift.error(), drift.drifted(),
                test, score, rule, adjusted, statistic, method, sortKey(drift),
                DisplayNumbers.percent(drift.referenceMissingShare()), DisplayNumbers.percent(drift.currentMissingShare()),
                DisplayNumbers.count(drift.referenceRows()), DisplayNumbers.count(drift.currentRows()),
                refSpark, curSpark, histogram, categories, overTime, refStats, curStats,
                shorten(drift.newCategories()), Math.max(0, drift.newCategories().size() - LISTED),
                shorten(drift.goneCategories()), Math.max(0, drift.goneCategories().size() - LISTED));
    }

    /** Whether the column has a role that pins it to the top of the table. */
    boolean pinned() {
        return role != null;
    }

    /**
     * The table's sort key: {@link ColumnDrift#strength()} (capped at a million), plus ten million for
     * a drifted column; -1 when the score is undefined and -2 for an error.
     */
    private static String sortKey(ColumnDrift drift) {
        double s = !drift.tested() ? -2 : Double.isNaN(drift.strength()) ? -1 : drift.strength();
        return Double.toString(Math.min(s, 1e6) + (drift.drifted() ? 1e7 : 0));
    }

    static String symbol(Comparison c) {
        return switch (c) {
            case LESS -> "<";
            case LESS_OR_EQUAL -> "≤";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> "≥";
        };
    }

    private static List<String> shorten(List<String> labels) {
        int n = Math.min(LISTED, labels.size());
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = CategoryBars.shorten(labels.get(i));
        }
        return List.of(out);
    }
}
