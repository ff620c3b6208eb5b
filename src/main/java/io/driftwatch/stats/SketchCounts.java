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
 *   <li>Otherwise the keys are the labels both sides list and those known to be frequent on one
 *       side (an exact side's every label; an estimated side's labels whose lower bound exceeds its
 *       {@code maxError}) plus
 *       {@link FrequencySummary#OTHER}, which pools the rest of each side's total. Each count lies in
 *       its interval (a tracked label: the sketch's bounds, the point in their middle; a key this side
 *       does not track: {@code [0, maxError]}; the pool: the total minus the keys' upper and lower
 *       bounds), and the extreme tables pull the shares together and push them apart within those
 *       intervals. Method {@code frequent_items}: the score is of this coarser partition, not of every
 *       label.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class SketchCounts {

    private SketchCounts() {
    }

    /** The point table and, unless exact, the two bounding tables. */
    record Bounded(CategoryCounts point, CategoryCounts closer, CategoryCounts apart, double poolReference,
            double poolCurrent) {
        Bounded(CategoryCounts point) {
            this(point, null, null, 0, 0);
        }

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
            return new Bounded(n.reference().valueCountsAgainst(n.current()));
        }
        SketchSample.Categorical c = (SketchSample.Categorical) sample;
        FrequencySummary r = c.reference();
        FrequencySummary k = c.current();
        boolean exact = r.isExact() && k.isExact();
        Map<String, Integer> index = new HashMap<>();
        List<String> keys = new ArrayList<>();
        java.util.Set<String> inCurrent = new java.util.HashSet<>();
        for (int i = 0; i < k.size(); i++) {
            inCurrent.add(k.label(i));
        }
        java.util.Set<String> inReference = new java.util.HashSet<>();
        for (int i = 0; i < r.size(); i++) {
            inReference.add(r.label(i));
        }
        for (FrequencySummary side : new FrequencySummary[] {r, k}) {
            java.util.Set<String> other = side == r ? inCurrent : inReference;
            for (int i = 0; i < side.size(); i++) {
                // estimated: a label gets a key of its own when both sides track it or one knows it frequent
                String label = side.label(i);
                if ((exact || other.contains(label) || side.lowerBound(i) > side.maxError())
                        && index.putIfAbsent(label, keys.size()) == null) {
                    keys.add(label);
                }
            }
        }
        int size = keys.size() + (exact ? 0 : 1);
        double[][] ref = intervals(r, index, size, exact);
        double[][] cur = intervals(k, index, size, exact);
        String[] labels = keys.toArray(new String[size]);
        if (!exact) {
            labels[size - 1] = FrequencySummary.OTHER;
        }
        CategoryCounts point = table(labels, ref[1], cur[1]);
        if (exact) {
            return new Bounded(point);
        }
        double n = r.total();
        double m = k.total();
        double[][] rs = shares(ref, n);
        double[][] cs = shares(cur, m);
        ShareBounds.Pair closer = ShareBounds.closer(rs[0], rs[1], rs[2], cs[0], cs[1], cs[2]);
        ShareBounds.Pair apart = ShareBounds.apart(rs[0], rs[1], rs[2], cs[0], cs[1], cs[2]);
        return new Bounded(point, table(labels, scale(closer.reference(), n), scale(closer.current(), m)),
                table(labels, scale(apart.reference(), n), scale(apart.current(), m)), rs[2][size - 1],
                cs[2][size - 1]);
    }

    /**
     * Per key: lower bound, point estimate, upper bound (rows 0, 1, 2); the last key the pool when not
     * exact. An estimated count's point is the middle of its bounds (the sketch's own estimate is the
     * upper bound, and a label it does not track would be 0: taking either would bias the side that
     * tracks more labels); a key this side does not track lies in {@code [0, maxError]}.
     */
    private static double[][] intervals(FrequencySummary side, Map<String, Integer> index, int size, boolean exact) {
        double[][] out = new double[3][size];
        int keys = exact ? size : size - 1;
        if (!side.isExact()) {
            for (int i = 0; i < keys; i++) {
                out[1][i] = side.maxError() / 2.0;
                out[2][i] = side.maxError();
            }
        }
        for (int i = 0; i < side.size(); i++) {
            Integer key = index.get(side.label(i));
            if (key == null) {
                continue; // pooled
            }
            out[0][key] = side.lowerBound(i);
            out[1][key] = side.isExact() ? side.estimate(i) : (side.lowerBound(i) + side.upperBound(i)) / 2.0;
            out[2][key] = side.upperBound(i);
        }
        if (!exact) {
            double lo = 0;
            double point = 0;
            double hi = 0;
            for (int i = 0; i < keys; i++) {
                lo += out[0][i];
                point += out[1][i];
                hi += out[2][i];
            }
            double total = side.total();
            out[0][keys] = Math.max(0, total - hi);
            out[1][keys] = Math.max(0, total - point);
            out[2][keys] = Math.max(0, total - lo);
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
