package io.driftwatch.profile;

import io.driftwatch.data.PhysicalType;
import io.driftwatch.stats.QuantileSummary;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSketchSortedView;

/**
 * A numeric column of a {@link SketchProfile}: exact counts (cells, missing, ±∞, finite values),
 * exact min and max, the mean and the sum of squared deviations {@code M2} (Chan, Golub and LeVeque's
 * mergeable form, doi:10.1080/00031305.1983.10483115), an Apache DataSketches KLL doubles sketch of the
 * finite values, and the exact count of every distinct finite value while there are at most
 * {@link SketchSettings#exactValues()} of them. Its {@link #summary()} is exact (every value with its
 * count) while either the value counts are kept or the KLL sketch has not yet compacted anything
 * (fewer than about k values).
 *
 * <p>Missing cells are NaN (as {@code NumericColumn} stores them); ±∞ are counted and left out of
 * everything else, as Evidently's cleaning drops them.
 *
 * <p>Thread-safety: a sketch is mutated only while its profile is built or merged (package-private
 * methods, on one thread); once a {@link SketchProfile} holds it, it is read-only and its summary is
 * computed, so concurrent checks may read it.
 */
public final class NumericSketch implements ColumnSketch {
    private static final int CHUNK = 4096;

    private final String name;
    private final PhysicalType physicalType;
    private final SketchSettings settings;
    private final KllDoublesSketch kll;
    private long rows;
    private long missing;
    private long infinite;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double m2;
    // exact value counts, values ascending; null once there are more than settings.exactValues()
    private double[] values = new double[8];
    private long[] valueCounts = new long[8];
    private int distinct;
    private boolean valuesKept = true;
    private QuantileSummary summary;

    NumericSketch(String name, PhysicalType physicalType, SketchSettings settings) {
        this(name, physicalType, settings, KllDoublesSketch.newHeapInstance(settings.k()));
    }

    private NumericSketch(String name, PhysicalType physicalType, SketchSettings settings, KllDoublesSketch kll) {
        this.name = name;
        this.physicalType = physicalType;
        this.settings = settings;
        this.kll = kll;
    }

    /** Restores a sketch read from a profile file; the caller has checked every field. */
    static NumericSketch restore(String name, PhysicalType type, SketchSettings settings, long rows, long missing,
            long infinite, long count, double min, double max, double mean, double m2, double[] values,
            long[] valueCounts, KllDoublesSketch kll) {
        NumericSketch s = new NumericSketch(name, type, settings, kll);
        s.rows = rows;
        s.missing = missing;
        s.infinite = infinite;
        s.count = count;
        s.min = min;
        s.max = max;
        s.mean = mean;
        s.m2 = m2;
        if (values == null) {
            s.dropValues();
        } else {
            s.values = values;
            s.valueCounts = valueCounts;
            s.distinct = values.length;
        }
        return s;
    }

    /**
     * Adds {@code length} cells from {@code offset}: NaN is missing, ±∞ infinite, the rest finite. The
     * finite values go to the sketch in chunks; each chunk's mean and {@code M2} are computed in two
     * passes and merged in.
     */
    void update(double[] cells, int offset, int length) {
        double[] chunk = new double[Math.min(CHUNK, Math.max(length, 1))];
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int n = 0;
            long nan = 0;
            long inf = 0;
            while (i < end && n < chunk.length) {
                double v = cells[i++];
                if (v != v) {
                    nan++;
                } else if (v == Double.POSITIVE_INFINITY || v == Double.NEGATIVE_INFINITY) {
                    inf++;
                } else {
                    chunk[n++] = v;
                }
            }
            missing += nan;
            infinite += inf;
            rows += n + nan + inf;
            if (n > 0) {
                addFinite(chunk, n);
            }
        }
        summary = null;
    }

    private void addFinite(double[] chunk, int n) {
        double sum = 0;
        double lo = min;
        double hi = max;
        for (int j = 0; j < n; j++) {
            double v = chunk[j];
            sum += v;
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
        }
        double chunkMean = sum / n;
        double chunkM2 = 0;
        for (int j = 0; j < n; j++) {
            double d = chunk[j] - chunkMean;
            chunkM2 += d * d;
        }
        min = lo;
        max = hi;
        combineMoments(n, chunkMean, chunkM2);
        kll.update(chunk, 0, n);
        if (valuesKept) {
            for (int j = 0; j < n && valuesKept; j++) {
                countValue(chunk[j], 1);
            }
        }
    }

    /** Chan et al.: the moments of this and a part of {@code nb} values with mean {@code mb} and {@code M2 = m2b}. */
    private void combineMoments(long nb, double mb, double m2b) {
        long na = count;
        long n = na + nb;
        double delta = mb - mean;
        mean = na == 0 ? mb : mean + delta * ((double) nb / n);
        m2 = na == 0 ? m2b : m2 + m2b + delta * delta * ((double) na * nb / n);
        count = n;
    }

    private void countValue(double v, long c) {
        // -0.0 and 0.0 are one value, as == says
        double key = v == 0 ? 0.0 : v;
        int at = Arrays.binarySearch(values, 0, distinct, key);
        if (at >= 0) {
            valueCounts[at] += c;
            return;
        }
        if (distinct == settings.exactValues()) {
            dropValues();
            return;
        }
        int insert = -at - 1;
        if (distinct == values.length) {
            values = Arrays.copyOf(values, Math.max(8, distinct * 2));
            valueCounts = Arrays.copyOf(valueCounts, Math.max(8, distinct * 2));
        }
        System.arraycopy(values, insert, values, insert + 1, distinct - insert);
        System.arraycopy(valueCounts, insert, valueCounts, insert + 1, distinct - insert);
        values[insert] = key;
        valueCounts[insert] = c;
        distinct++;
    }

    private void dropValues() {
        valuesKept = false;
        values = null;
        valueCounts = null;
        distinct = 0;
    }

    /** Merges {@code other} (same settings) into this sketch. */
    void merge(NumericSketch other) {
        rows += other.rows;
        missing += other.missing;
        infinite += other.infinite;
        if (other.count > 0) {
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            combineMoments(other.count, other.mean, other.m2);
        }
        kll.merge(other.kll);
        if (valuesKept && other.valuesKept) {
            for (int j = 0; j < other.distinct && valuesKept; j++) {
                countValue(other.values[j], other.valueCounts[j]);
            }
        } else if (valuesKept) {
            dropValues();
        }
        summary = null;
    }

    /** A deep copy (the sketch through its bytes). */
    NumericSketch copy() {
        return restore(name, physicalType, settings, rows, missing, infinite, count, min, max, mean, m2,
                valuesKept ? Arrays.copyOf(values, distinct) : null,
                valuesKept ? Arrays.copyOf(valueCounts, distinct) : null,
                KllDoublesSketch.heapify(org.apache.datasketches.memory.Memory.wrap(kll.toByteArray())));
    }

    /** Computes the summary once, before the profile is published. */
    void seal() {
        if (summary == null) {
            summary = computeSummary();
        }
    }

    private QuantileSummary computeSummary() {
        double variance = count == 0 ? Double.NaN : m2 / count;
        if (valuesKept) {
            return QuantileSummary.ofValueCounts(Arrays.copyOf(values, distinct), Arrays.copyOf(valueCounts, distinct),
                    count == 0 ? Double.NaN : mean, variance);
        }
        DoublesSketchSortedView view = kll.getSortedView();
        boolean estimated = kll.isEstimationMode();
        if (!estimated) {
            return exactFromSketch(view.getQuantiles(), view.getCumulativeWeights(), variance);
        }
        return QuantileSummary.of(view.getQuantiles(), view.getCumulativeWeights(),
                estimated ? kll.getNormalizedRankError(false) : 0.0, estimated ? kll.getNormalizedRankError(true) : 0.0,
                min, max, mean, variance);
    }

    /** A sketch not yet compacting holds every value once: their exact counts. */
    private QuantileSummary exactFromSketch(double[] items, long[] cumulative, double variance) {
        double[] distinctValues = new double[items.length];
        long[] counts = new long[items.length];
        int k = -1;
        long previous = 0;
        for (int i = 0; i < items.length; i++) {
            if (k < 0 || items[i] != distinctValues[k]) {
                distinctValues[++k] = items[i];
            }
            counts[k] += cumulative[i] - previous;
            previous = cumulative[i];
        }
        return QuantileSummary.ofValueCounts(Arrays.copyOf(distinctValues, k + 1), Arrays.copyOf(counts, k + 1),
                mean, variance);
    }

    /** The summary the sketch tests read: exact value counts while kept, else the KLL sketch's sorted view. */
    public QuantileSummary summary() {
        QuantileSummary s = summary;
        return s != null ? s : computeSummary();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhysicalType physicalType() {
        return physicalType;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public long missing() {
        return missing;
    }

    /** Number of ±∞ cells. */
    public long infinite() {
        return infinite;
    }

    /** Number of finite values. */
    public long count() {
        return count;
    }

    /** Smallest finite value; +∞ when there is none. */
    public double min() {
        return min;
    }

    /** Largest finite value; −∞ when there is none. */
    public double max() {
        return max;
    }

    /** Mean of the finite values; meaningless (0) when there is none. */
    public double mean() {
        return mean;
    }

    /** Sum of squared deviations from the mean, {@code M2}; the population variance is {@code M2 / count}. */
    public double m2() {
        return m2;
    }

    /** Whether exact counts of every distinct value are kept. */
    public boolean keepsValues() {
        return valuesKept;
    }

    /** The KLL sketch's rank error ε (0 while it holds every value). */
    public double rankError() {
        return kll.isEstimationMode() ? kll.getNormalizedRankError(false) : 0.0;
    }

    /** The KLL sketch's serialised size in bytes. */
    public int sketchBytes() {
        return kll.getSerializedSizeBytes();
    }

    SketchSettings settings() {
        return settings;
    }

    double[] keptValues() {
        return valuesKept ? Arrays.copyOf(values, distinct) : null;
    }

    long[] keptCounts() {
        return valuesKept ? Arrays.copyOf(valueCounts, distinct) : null;
    }

    byte[] kllBytes() {
        return kll.toByteArray();
    }

    @Override
    public String toString() {
        return "NumericSketch[" + name + ", rows=" + rows + ", k=" + settings.k() + "]";
    }
}
