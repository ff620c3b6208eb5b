package io.driftwatch.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Both sides of a categorical column as counts over the union of their categories ("union keys"),
 * keys in natural order: numbers numerically, strings by code point ({@link String#compareTo}),
 * which is the order Evidently's {@code z} test uses to pick its first category. A key present on
 * one side only has count 0 on the other.
 *
 * <p>Thread-safe: immutable; accessors return copies, hot loops use the indexed getters.
 */
public final class CategoryCounts implements ColumnSample {
    private final String[] labels;   // null when keys are numbers
    private final double[] numbers;  // null when keys are labels
    private final long[] reference;
    private final long[] current;
    private final long referenceSize;
    private final long currentSize;

    private CategoryCounts(String[] labels, double[] numbers, long[] reference, long[] current) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("reference and current counts differ in length");
        }
        this.labels = labels;
        this.numbers = numbers;
        this.reference = reference;
        this.current = current;
        this.referenceSize = sum(reference);
        this.currentSize = sum(current);
    }

    /** Counts over string keys given in any order; sorted here. Keys must be distinct. */
    public static CategoryCounts ofLabels(String[] keys, long[] reference, long[] current) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> keys[i]));
        String[] k = new String[keys.length];
        long[] r = new long[keys.length];
        long[] c = new long[keys.length];
        for (int i = 0; i < order.length; i++) {
            k[i] = keys[order[i]];
            r[i] = reference[order[i]];
            c[i] = current[order[i]];
            if (i > 0 && k[i].equals(k[i - 1])) {
                throw new IllegalArgumentException("duplicate category '" + k[i] + "'");
            }
        }
        return new CategoryCounts(k, null, r, c);
    }

    /** Counts over numeric keys already sorted ascending and distinct. Arrays are not copied. */
    public static CategoryCounts ofSortedNumbers(double[] keys, long[] reference, long[] current) {
        return new CategoryCounts(null, keys, reference, current);
    }

    /** Counts the raw labels of each side ({@code null} = missing, dropped). */
    public static CategoryCounts countLabels(String[] reference, String[] current) {
        java.util.Map<String, long[]> counts = new java.util.HashMap<>();
        for (String s : reference) {
            if (s != null) {
                counts.computeIfAbsent(s, x -> new long[2])[0]++;
            }
        }
        for (String s : current) {
            if (s != null) {
                counts.computeIfAbsent(s, x -> new long[2])[1]++;
            }
        }
        String[] keys = counts.keySet().toArray(new String[0]);
        long[] r = new long[keys.length];
        long[] c = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            long[] rc = counts.get(keys[i]);
            r[i] = rc[0];
            c[i] = rc[1];
        }
        return ofLabels(keys, r, c);
    }

    /** Number of union keys. */
    public int size() {
        return reference.length;
    }

    /** Whether keys are numbers ({@link #number(int)}) rather than labels ({@link #label(int)}). */
    public boolean numericKeys() {
        return numbers != null;
    }

    /** Key {@code i} as a label; numeric keys are formatted as Java formats a double. */
    public String label(int i) {
        return labels != null ? labels[i] : formatNumber(numbers[i]);
    }

    /** Key {@code i} as a number; only for numeric keys. */
    public double number(int i) {
        if (numbers == null) {
            throw new IllegalStateException("keys are labels");
        }
        return numbers[i];
    }

    public long referenceCount(int i) {
        return reference[i];
    }

    public long currentCount(int i) {
        return current[i];
    }

    /** A copy of the reference counts, aligned with the keys. */
    public long[] referenceCounts() {
        return reference.clone();
    }

    /** A copy of the current counts, aligned with the keys. */
    public long[] currentCounts() {
        return current.clone();
    }

    @Override
    public long referenceSize() {
        return referenceSize;
    }

    @Override
    public long currentSize() {
        return currentSize;
    }

    private static String formatNumber(double v) {
        return numberLabel(v);
    }

    /**
     * A number as a category label: whole numbers without a decimal point ({@code "3"}), others as
     * Java prints a double ({@code "1.5"}). The one rule for numbers shown as categories.
     */
    public static String numberLabel(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            if (x < 0) {
                throw new IllegalArgumentException("negative count " + x);
            }
            s += x;
        }
        return s;
    }
}
