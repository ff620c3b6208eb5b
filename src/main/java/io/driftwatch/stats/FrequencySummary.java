package io.driftwatch.stats;

/**
 * One side of a categorical column summarised for the sketch tests: per label an estimated count
 * with an interval holding the true count, and the true total.
 *
 * <ul>
 *   <li>Exact ({@link #exact}): every label with its count; intervals are points. A profile keeps
 *       this while a column has few distinct labels.</li>
 *   <li>Estimated ({@link #estimated}): the labels a frequent-items sketch tracks, each with its
 *       estimate and {@code [lower, upper]} bounds; a label not listed has a true count in
 *       {@code [0, maxError]}. The tests give the labels known to be frequent a category each and pool
 *       the rest into one {@link #OTHER} category.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable; arrays are copied in, never out.
 */
public final class FrequencySummary {
    /** The label of the pooled category in estimated summaries: every label not listed. */
    public static final String OTHER = "(other)";

    private final String[] labels;
    private final long[] estimates;
    private final long[] lower;
    private final long[] upper;
    private final long total;
    private final long maxError;
    private final boolean exact;

    private FrequencySummary(String[] labels, long[] estimates, long[] lower, long[] upper, long total, long maxError,
            boolean exact) {
        this.labels = labels;
        this.estimates = estimates;
        this.lower = lower;
        this.upper = upper;
        this.total = total;
        this.maxError = maxError;
        this.exact = exact;
    }

    /** Exact counts: distinct labels with positive counts. */
    public static FrequencySummary exact(String[] labels, long[] counts) {
        if (labels.length != counts.length) {
            throw new IllegalArgumentException("labels and counts differ in length");
        }
        long total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count " + c);
            }
            total += c;
        }
        return new FrequencySummary(labels.clone(), counts.clone(), counts.clone(), counts.clone(), total, 0, true);
    }

    /**
     * Estimated counts from a frequent-items sketch.
     *
     * @param labels the listed labels (none may be {@link #OTHER})
     * @param estimates their estimated counts
     * @param lower lower bounds on their true counts
     * @param upper upper bounds on their true counts
     * @param total the true number of values (the sketch's stream length)
     * @param maxError the bound on the true count of a label not listed
     */
    public static FrequencySummary estimated(String[] labels, long[] estimates, long[] lower, long[] upper, long total,
            long maxError) {
        int n = labels.length;
        if (estimates.length != n || lower.length != n || upper.length != n) {
            throw new IllegalArgumentException("labels, estimates and bounds differ in length");
        }
        for (int i = 0; i < n; i++) {
            if (lower[i] > estimates[i] || estimates[i] > upper[i] || lower[i] < 0) {
                throw new IllegalArgumentException("label '" + labels[i] + "' has bounds " + lower[i] + ".." + upper[i]
                        + " that do not hold its estimate " + estimates[i]);
            }
            if (OTHER.equals(labels[i])) {
                throw new IllegalArgumentException("the label " + OTHER + " is reserved for the pooled category");
            }
        }
        return new FrequencySummary(labels.clone(), estimates.clone(), lower.clone(), upper.clone(), total, maxError,
                false);
    }

    /** Whether the counts are exact. */
    public boolean isExact() {
        return exact;
    }

    /** The true number of values. */
    public long total() {
        return total;
    }

    /** The bound on the true count of a label not listed; 0 when exact. */
    public long maxError() {
        return maxError;
    }

    /** Number of listed labels. */
    public int size() {
        return labels.length;
    }

    public String label(int i) {
        return labels[i];
    }

    public long estimate(int i) {
        return estimates[i];
    }

    public long lowerBound(int i) {
        return lower[i];
    }

    public long upperBound(int i) {
        return upper[i];
    }

    @Override
    public String toString() {
        return "FrequencySummary[" + (exact ? "exact" : "estimated") + ", labels=" + labels.length + ", total="
                + total + "]";
    }
}
