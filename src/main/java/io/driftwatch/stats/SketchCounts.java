package io.driftwatch.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The category counts a sketch test runs the exact categorical tests on, with the two extreme
 * count tables that bound the score ({@link ShareBounds}).
 *
 * <ul>
 *   <li>Exact summaries on both sides (labels with exact counts, or numbers with exact value counts)
 *       give the exact {@link CategoryCounts}: the exact test's result, bit for bit.</li>
 *   <li>Otherwise the keys are the labels either side lists plus {@link FrequencySummary#OTHER}, which
 *       pools what the listed estimates leave of each side's total. Each count lies in its interval
 *       (a listed label: the sketch's bounds; a label the other side lists but this one does not:
 *       {@code [0, maxError]}; the pool: the total minus the listed upper and lower bounds), and the
 *       extreme tables pull the shares together and push them apart within those intervals. Method
 *       {@code frequent_items}: the score is of this coarser partition, not of every label.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class SketchCounts {

    private SketchCounts() {
    }

    /** The point table and, unless exact, the two bounding tables. */
    record Bounded(CategoryCounts point, CategoryCounts closer, CategoryCounts apart) {
        boolean exact() {
            return closer == null;
        }
    }

    /**
     * The counts of {@code sample}; numbers need exact value counts on both sides.
     *
     * @throws InapplicableTestException when a numerical side has no exact value counts
     */
    static Bounded of(SketchSample sample, String test) {
        SketchTestBase.requireBothSides(sample);
        if (sample instanceof SketchSample.Numeric n) {
            if (!n.reference().hasExactValues() || !n.current().hasExactValues()) {
                throw new InapplicableTestException(test + " on a numerical column needs the exact value counts a"
                        + " sketch profile keeps only for columns with few distinct values; this one has more");
            }
            return new Bounded(n.reference().valueCountsAgainst(n.current()), null, null);
        }
        SketchSample.Categorical c = (SketchSample.Categorical) sample;
        FrequencySummary r = c.reference();
        FrequencySummary k = c.current();
        Map<String, Integer> index = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (FrequencySummary side : new FrequencySummary[] {r, k}) {
            for (int i = 0; i < side.size(); i++) {
                if (index.putIfAbsent(side.label(i), keys.size()) == null) {
                    keys.add(side.label(i));
                }
            }
        }
        boolean exact = r.isExact() && k.isExact();
        int size = keys.size() + (exact ? 0 : 1);
        double[][] ref = intervals(r, index, size, exact);
        double[][] cur = intervals(k, index, size, exact);
        String[] labels = keys.toArray(new String[size]);
        if (!exact) {
            labels[size - 1] = FrequencySummary.OTHER;
        }
        CategoryCounts point = table(labels, ref[1], cur[1]);
        if (exact) {
            return new Bounded(point, null, null);
        }
        double n = r.total();
        double m = k.total();
        double[][] rs = shares(ref, n);
        double[][] cs = shares(cur, m);
        ShareBounds.Pair closer = ShareBounds.closer(rs[0], rs[1], rs[2], cs[0], cs[1], cs[2]);
        ShareBounds.Pair apart = ShareBounds.apart(rs[0], rs[1], rs[2], cs[0], cs[1], cs[2]);
        return new Bounded(point, table(labels, scale(closer.reference(), n), scale(closer.current(), m)),
                table(labels, scale(apart.reference(), n), scale(apart.current(), m)));
    }

    /** Per key: lower bound, estimate, upper bound (rows 0, 1, 2); the last key the pool when not exact. */
    private static double[][] intervals(FrequencySummary side, Map<String, Integer> index, int size, boolean exact) {
        double[][] out = new double[3][size];
        if (!side.isExact()) {
            for (int i = 0; i < size - 1; i++) {
                out[2][i] = side.maxError(); // not listed on this side: [0, maxError]
            }
        }
        double listedLo = 0;
        double listedEstimate = 0;
        double listedHi = 0;
        for (int i = 0; i < side.size(); i++) {
            int key = index.get(side.label(i));
            out[0][key] = side.lowerBound(i);
            out[1][key] = side.estimate(i);
            out[2][key] = side.upperBound(i);
            listedLo += side.lowerBound(i);
            listedEstimate += side.estimate(i);
            listedHi += side.upperBound(i);
        }
        if (!exact) {
            int pool = size - 1;
            double total = side.total();
            out[0][pool] = Math.max(0, total - listedHi);
            out[1][pool] = Math.max(0, total - listedEstimate);
            out[2][pool] = Math.max(0, total - listedLo);
        }
        return out;
    }

    private static double[][] shares(double[][] counts, double total) {
        double[][] out = new double[3][];
        for (int row = 0; row < 3; row++) {
            out[row] = new double[counts[row].length];
            for (int i = 0; i < out[row].length; i++) {
                out[row][i] = counts[row][i] / total;
            }
        }
        return out;
    }

    private static double[] scale(double[] shares, double total) {
        double[] out = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            out[i] = shares[i] * total;
        }
        return out;
    }

    /** A table of the keys with a count on some side (rounded to whole counts). */
    private static CategoryCounts table(String[] labels, double[] reference, double[] current) {
        List<String> keys = new ArrayList<>(labels.length);
        long[] r = new long[labels.length];
        long[] c = new long[labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            long rc = Math.round(reference[i]);
            long cc = Math.round(current[i]);
            if (rc > 0 || cc > 0) {
                keys.add(labels[i]);
                r[n] = rc;
                c[n] = cc;
                n++;
            }
        }
        return CategoryCounts.ofLabels(keys.toArray(new String[0]), java.util.Arrays.copyOf(r, n),
                java.util.Arrays.copyOf(c, n));
    }
}
