package io.driftwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.ReferenceProfile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart data behind the report, checked on inputs whose answer is known by hand. */
class HtmlChartsTest {
    private static final Pattern POINT = Pattern.compile("[ML]([-\\d.]+) ([-\\d.]+)");

    @Test
    void histogramBinsBothSidesOverThePooledRangeAsShares() {
        double[] ref = new double[100];
        double[] cur = new double[102];
        for (int i = 0; i < 100; i++) {
            ref[i] = i;
            cur[i] = 48 + i;
        }
        cur[100] = Double.NaN;
        cur[101] = Double.POSITIVE_INFINITY;
        SharedHistogram h = SharedHistogram.of(ref, cur, cur.length, NumericSummary.of(cur, cur.length), PhysicalType.FLOAT);

        assertThat(h.bins()).isEqualTo(SharedHistogram.BINS);
        double[] refShares = shares(h, false);
        double[] curShares = shares(h, true);
        assertThat(sum(refShares)).isCloseTo(1, within(1e-12));
        assertThat(sum(curShares)).as("NaN and infinity left out").isCloseTo(1, within(1e-12));
        // pooled range [0, 147] in 24 bins of 6.125: the reference fills bins 0..16, current starts in bin 7
        assertThat(refShares[0]).isCloseTo(7 / 100.0, within(1e-12));
        assertThat(refShares[23]).isZero();
        assertThat(curShares[0]).isZero();
        assertThat(curShares[23]).isPositive();
    }

    @Test
    void wholeNumberColumnGetsOneBinPerValue() {
        double[] hours = new double[48];
        for (int i = 0; i < 48; i++) {
            hours[i] = i % 24;
        }
        double[] sorted = hours.clone();
        java.util.Arrays.sort(sorted);
        SharedHistogram h = SharedHistogram.of(sorted, hours, 48, NumericSummary.of(hours, 48), PhysicalType.INTEGER);
        assertThat(h.bins()).isEqualTo(24);
        assertThat(h.edges()[0]).isEqualTo(-0.5);
        assertThat(h.edges()[24]).isEqualTo(23.5);
        assertThat(shares(h, false)).containsOnly(1 / 24.0);
        assertThat(shares(h, true)).containsOnly(1 / 24.0);
    }

    @Test
    void constantColumnStillDraws() {
        double[] five = {5, 5, 5};
        SharedHistogram h = SharedHistogram.of(five, five, 3, NumericSummary.of(five, 3), PhysicalType.FLOAT);
        assertThat(sum(shares(h, true))).isEqualTo(1.0);
        assertThat(h.detail().referencePath()).startsWith("M48 186V186H70.7");
    }

    @Test
    void categoriesAreSharesOfNonMissingCellsWithNewAndGoneMarked() {
        CategoricalProfile ref = (CategoricalProfile) ReferenceProfile.of(Table.of(List.of(
                CategoricalColumn.of("c", "a", "a", "b", "gone", null)))).column("c").orElseThrow();
        CategoryBars bars = CategoryBars.ofLabels(ref, CategoricalColumn.of("c", "a", "new", "new", "b", null, null));

        assertThat(bars.shown()).extracting(CategoryBars.Entry::label).containsExactly("a", "new", "b", "gone");
        assertThat(bars.shown().get(0).referenceShare()).isEqualTo(0.5);
        assertThat(bars.shown().get(1).currentShare()).isEqualTo(0.5);
        assertThat(bars.shown().get(1).isNew()).isTrue();
        assertThat(bars.shown().get(3).isGone()).isTrue();
        assertThat(bars.detail().rows()).extracting(HtmlColumnView.CategoryRow::tag).containsExactly(null, "new", null, "gone");
        assertThat(bars.hidden()).isZero();
    }

    @Test
    void atMostTwentyCategoriesAreShownAndTheRestCounted() {
        String[] labels = new String[35 * 3];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = "v" + (i % 35);
        }
        CategoricalProfile ref = (CategoricalProfile) ReferenceProfile.of(Table.of(List.of(CategoricalColumn.of("c", labels))))
                .column("c").orElseThrow();
        CategoryBars bars = CategoryBars.ofLabels(ref, CategoricalColumn.of("c", labels));
        assertThat(bars.shown()).hasSize(CategoryBars.SHOWN);
        assertThat(bars.hidden()).isEqualTo(15);
    }

    @Test
    void numbersAsCategoriesKeepTheirOrderWhenTheyAllFit() {
        CategoryBars bars = CategoryBars.ofSortedNumbers(new double[] {1, 1, 2, 4}, new double[] {1, 3, 3, 4});
        assertThat(bars.shown()).extracting(CategoryBars.Entry::label).containsExactly("1", "2", "3", "4");
        assertThat(bars.shown().get(2).isNew()).isTrue();
        assertThat(bars.shown().get(1).isGone()).isTrue();
        // each value's run counted on both sides: 1 1 2 4 against 1 3 3 4
        assertThat(bars.shown()).extracting(CategoryBars.Entry::referenceShare).containsExactly(0.5, 0.25, 0.0, 0.25);
        assertThat(bars.shown()).extracting(CategoryBars.Entry::currentShare).containsExactly(0.25, 0.0, 0.5, 0.25);
    }

    @Test
    void valuesOverTimeAreDownsampledToAtMostAHundredBucketMeans() {
        int n = 100_000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        HtmlColumnView.TimeChart chart = ValuesOverTime.chart(values, n, NumericSummary.of(values, n), null,
                new NumericSummary(10, 50_000, 10_000, 0, 1));
        List<double[]> points = points(chart.path());
        assertThat(points).hasSize(ValuesOverTime.BUCKETS);
        assertThat(points.get(0)[1]).as("row order: rising values, falling y").isGreaterThan(points.get(99)[1]);
        assertThat(chart.orderedBy()).isNull();
        assertThat(chart.xTicks()).extracting(HtmlColumnView.Tick::label).containsExactly("row 1", "row 50,000", "row 100,000");
        double bandTop = Double.parseDouble(chart.bandTop());
        double bandBottom = bandTop + Double.parseDouble(chart.bandHeight());
        assertThat(Double.parseDouble(chart.meanY())).isCloseTo((bandTop + bandBottom) / 2, within(0.11));
    }

    @Test
    void valuesOverTimeFollowTheDatetimeColumnNotTheRowOrder() {
        int n = 500;
        double[] values = new double[n];
        NumericColumnBuilder time = new NumericColumnBuilder("ts", PhysicalType.TIMESTAMP, n);
        for (int i = 0; i < n; i++) {
            values[i] = i;
            time.append(1_300_000_000_000.0 - 3_600_000.0 * i); // rows newest first
        }
        NumericColumn ts = time.build();
        HtmlColumnView.TimeChart chart = ValuesOverTime.chart(values, n, NumericSummary.of(values, n), ts, NumericSummary.EMPTY);
        List<double[]> points = points(chart.path());
        assertThat(points.get(0)[1]).as("by time: values fall, y rises").isLessThan(points.get(points.size() - 1)[1]);
        assertThat(chart.orderedBy()).isEqualTo("ts");
        assertThat(chart.bandTop()).isNull();
        assertThat(chart.xTicks().get(0).label()).isEqualTo("2011-02-20"); // 1.3e12 ms is 2011-03-13 07:06:40 UTC, minus 499 hours
    }

    @Test
    void numbersPrintAsAnalystsExpect() {
        assertThat(DisplayNumbers.score(0.0456789)).isEqualTo("0.04568");
        assertThat(DisplayNumbers.score(0.78523)).isEqualTo("0.7852");
        assertThat(DisplayNumbers.score(1.0)).isEqualTo("1");
        assertThat(DisplayNumbers.score(1.45349e-8)).isEqualTo("1.453e-8");
        assertThat(DisplayNumbers.score(2e-300)).isEqualTo("2e-300");
        assertThat(DisplayNumbers.score(0)).isEqualTo("0");
        assertThat(DisplayNumbers.score(Double.NaN)).isEqualTo("n/a");
        assertThat(DisplayNumbers.score(123.456)).isEqualTo("123.5");
        assertThat(DisplayNumbers.percent(6 / 11.0)).isEqualTo("54.5%");
        assertThat(DisplayNumbers.percent(0.004)).isEqualTo("0.4%");
        assertThat(DisplayNumbers.percent(1)).isEqualTo("100%");
        assertThat(DisplayNumbers.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(DisplayNumbers.coordinate(12.34)).isEqualTo("12.3");
        assertThat(DisplayNumbers.coordinate(-1.26)).isEqualTo("-1.3");
        assertThat(DisplayNumbers.coordinate(186.0)).isEqualTo("186");
    }

    private static double[] shares(SharedHistogram h, boolean current) {
        return h.shares(current);
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static List<double[]> points(String path) {
        List<double[]> out = new java.util.ArrayList<>();
        Matcher m = POINT.matcher(path);
        while (m.find()) {
            out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return out;
    }
}
