package io.driftwatch.profile;

/**
 * How a {@link SketchProfile} summarises columns: the KLL parameter {@code k} of the numeric
 * quantile sketches, how many distinct numbers a numeric column keeps exact counts of, how many
 * distinct labels a categorical column counts exactly before it switches to a frequent-items sketch,
 * and that sketch's map size. Profiles merge only with profiles of the same settings.
 *
 * <p>Defaults (docs/sketches.md has the measurements behind them): {@code k = }{@value #DEFAULT_K},
 * exact counts of up to {@value #DEFAULT_EXACT_VALUES} numbers (Evidently bins a reference with at
 * most 20 distinct values per value and picks its test by whether there are at most 5), up to
 * {@value #DEFAULT_EXACT_LABELS} labels, and a frequent-items map of
 * {@value #DEFAULT_FREQUENT_ITEMS_MAP_SIZE} (count error at most {@code 3.5/4096 ≈ 0.09 %} of the rows).
 *
 * <p>Thread-safe: immutable.
 *
 * @param k the KLL parameter, 8 to 65535: rank error about {@code 2.3/k^0.97} (1.3 % at 200, 0.09 % at 3200)
 * @param exactValues the most distinct numbers a numeric column counts exactly, at least 20
 * @param exactLabels the most distinct labels a categorical column counts exactly
 * @param frequentItemsMapSize the frequent-items sketch's map size, a power of two of at least 8
 */
public record SketchSettings(int k, int exactValues, int exactLabels, int frequentItemsMapSize) {
    public static final int DEFAULT_K = 3200;
    public static final int DEFAULT_EXACT_VALUES = 64;
    /**
     * The least {@link #exactValues()}: a reference with at most 20 distinct values gets one bin per value,
     * which needs their exact counts.
     */
    public static final int MIN_EXACT_VALUES = 20;
    public static final int DEFAULT_EXACT_LABELS = 1000;
    public static final int DEFAULT_FREQUENT_ITEMS_MAP_SIZE = 4096;

    public SketchSettings {
        if (k < 8 || k > 65535) {
            throw new IllegalArgumentException("k must be in 8..65535, got " + k);
        }
        if (exactValues < MIN_EXACT_VALUES || exactLabels < 0) {
            throw new IllegalArgumentException("a profile counts at least " + MIN_EXACT_VALUES
                    + " distinct numbers exactly (Evidently bins up to 20 per value) and no negative number of labels, got "
                    + exactValues + " and " + exactLabels);
        }
        if (frequentItemsMapSize < 8 || Integer.bitCount(frequentItemsMapSize) != 1) {
            throw new IllegalArgumentException("the frequent-items map size must be a power of two of at least 8, got "
                    + frequentItemsMapSize);
        }
    }

    /** The defaults. */
    public static SketchSettings defaults() {
        return new SketchSettings(DEFAULT_K, DEFAULT_EXACT_VALUES, DEFAULT_EXACT_LABELS, DEFAULT_FREQUENT_ITEMS_MAP_SIZE);
    }

    /** These settings with KLL parameter {@code newK}. */
    public SketchSettings withK(int newK) {
        return new SketchSettings(newK, exactValues, exactLabels, frequentItemsMapSize);
    }

    /** These settings counting up to {@code limit} labels exactly. */
    public SketchSettings withExactLabels(int limit) {
        return new SketchSettings(k, exactValues, limit, frequentItemsMapSize);
    }

    /** These settings with frequent-items map size {@code size}. */
    public SketchSettings withFrequentItemsMapSize(int size) {
        return new SketchSettings(k, exactValues, exactLabels, size);
    }
}
