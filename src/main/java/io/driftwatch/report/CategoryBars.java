package io.driftwatch.report;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.profile.CategoricalProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The categories of a categorical column on both sides, as shares of each side's non-missing cells,
 * with categories new in the current batch and gone from it marked. At most {@value #SHOWN} are
 * kept (the most frequent on either side; numbers in ascending order when they all fit), and the
 * rest are counted.
 *
 * <p>Thread-safe: immutable once built.
 */
final class CategoryBars {
    static final int SHOWN = 20;
    private static final int LABEL_CHARS = 40;

    /** One category: its label and its share on each side. */
    record Entry(String label, double referenceShare, double currentShare) {
        boolean isNew() {
            return referenceShare == 0 && currentShare > 0;
        }

        boolean isGone() {
            return currentShare == 0 && referenceShare > 0;
        }
    }

    private final List<Entry> shown;
    private final int hidden;

    private CategoryBars(List<Entry> shown, int hidden) {
        this.shown = shown;
        this.hidden = hidden;
    }

    /** Text categories: the reference profile's counts against the current column's. */
    static CategoryBars ofLabels(CategoricalProfile reference, CategoricalColumn current) {
        Map<String, Integer> index = new HashMap<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            index.put(reference.label(i), labels.size());
            labels.add(reference.label(i));
        }
        long[] byCode = current.countsByCode();
        long[] cur = new long[labels.size() + byCode.length];
        for (int code = 0; code < byCode.length; code++) {
            if (byCode[code] == 0) {
                continue;
            }
            String label = current.label(code);
            Integer k = index.get(label);
            if (k == null) {
                k = labels.size();
                index.put(label, k);
                labels.add(label);
            }
            cur[k] += byCode[code];
        }
        long[] ref = new long[labels.size()];
        for (int i = 0; i < reference.size(); i++) {
            ref[i] = reference.count(i);
        }
        return of(labels.toArray(new String[0]), ref, Arrays.copyOf(cur, labels.size()), false);
    }

    /** Numbers treated as categories: both sides' finite values, sorted ascending. */
    static CategoryBars ofSortedNumbers(double[] reference, double[] current) {
        List<String> labels = new ArrayList<>();
        long[] ref = new long[16];
        long[] cur = new long[16];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < reference.length || j < current.length) {
            double v = j >= current.length || (i < reference.length && reference[i] <= current[j]) ? reference[i] : current[j];
            int i0 = i;
            int j0 = j;
            i = runEnd(reference, i, v);
            j = runEnd(current, j, v);
            long r = i - i0;
            long c = j - j0;
            if (n == ref.length) {
                ref = Arrays.copyOf(ref, 2 * n);
                cur = Arrays.copyOf(cur, 2 * n);
            }
            ref[n] = r;
            cur[n] = c;
            labels.add(numberLabel(v));
            n++;
        }
        return of(labels.toArray(new String[0]), Arrays.copyOf(ref, n), Arrays.copyOf(cur, n), n <= SHOWN);
    }

    /**
     * The index after the run of {@code v} that starts at {@code from} in {@code sorted} ({@code from}
     * itself when none does). A method of its own: the runs are long (a million values over a few
     * labels), and C2 compiles this small loop once, where in {@link #ofSortedNumbers} it compiled
     * all of that method again, on the stack, for each column.
     */
    private static int runEnd(double[] sorted, int from, double v) {
        int i = from;
        while (i < sorted.length && sorted[i] == v) {
            i++;
        }
        return i;
    }

    private static String numberLabel(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static CategoryBars of(String[] labels, long[] ref, long[] cur, boolean keepOrder) {
        long refTotal = 0;
        long curTotal = 0;
        for (int k = 0; k < labels.length; k++) {
            refTotal += ref[k];
            curTotal += cur[k];
        }
        List<Entry> entries = new ArrayList<>(labels.length);
        for (int k = 0; k < labels.length; k++) {
            entries.add(new Entry(labels[k], refTotal == 0 ? 0 : (double) ref[k] / refTotal,
                    curTotal == 0 ? 0 : (double) cur[k] / curTotal));
        }
        if (!keepOrder) {
            entries.sort(Comparator.comparingDouble((Entry e) -> -Math.max(e.referenceShare(), e.currentShare()))
                    .thenComparing(Entry::label));
        }
        int shown = Math.min(SHOWN, entries.size());
        return new CategoryBars(List.copyOf(entries.subList(0, shown)), entries.size() - shown);
    }

    /** Categories not shown. */
    int hidden() {
        return hidden;
    }

    List<Entry> shown() {
        return shown;
    }

    /** Sparkline bars for one side, in the order shown, both sides on the same scale. */
    Sparkline sparkline(boolean currentSide) {
        double[] shares = new double[shown.size()];
        double max = 0;
        for (int k = 0; k < shares.length; k++) {
            Entry e = shown.get(k);
            shares[k] = currentSide ? e.currentShare() : e.referenceShare();
            max = Math.max(max, Math.max(e.referenceShare(), e.currentShare()));
        }
        return Sparkline.bars(shares, max);
    }

    /** The detail panel's side-by-side bars. */
    HtmlColumnView.CategoryChart detail() {
        double max = 0;
        for (Entry e : shown) {
            max = Math.max(max, Math.max(e.referenceShare(), e.currentShare()));
        }
        List<HtmlColumnView.CategoryRow> rows = new ArrayList<>(shown.size());
        for (Entry e : shown) {
            String tag = e.isNew() ? "new" : e.isGone() ? "gone" : null;
            rows.add(new HtmlColumnView.CategoryRow(shorten(e.label()), width(e.referenceShare(), max),
                    width(e.currentShare(), max), DisplayNumbers.percent(e.referenceShare()),
                    DisplayNumbers.percent(e.currentShare()), tag));
        }
        return new HtmlColumnView.CategoryChart(rows, hidden);
    }

    private static String width(double share, double max) {
        if (max <= 0 || share <= 0) {
            return "0";
        }
        double percent = 100 * share / max;
        return percent >= 1 ? Long.toString(Math.round(percent)) : DisplayNumbers.coordinate(percent);
    }

    static String shorten(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }
}
