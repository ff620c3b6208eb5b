package io.driftwatch.drift;

/**
 * Evidently's automatic choice of test (oracle README 4.1), from the column type, the number of
 * reference values left after cleaning and the number of distinct values in the union of both
 * cleaned sides:
 * <pre>
 *                          n_ref &lt;= 1000   n_ref &gt; 1000
 *   numerical, k &lt;= 2      z               jensenshannon
 *   numerical, 3 &lt;= k &lt;= 5 chisquare       jensenshannon
 *   numerical, k &gt; 5       ks              wasserstein
 *   categorical, k &lt;= 2    z               jensenshannon
 *   categorical, k &gt; 2     chisquare       jensenshannon
 * </pre>
 */
final class TestSelection {
    static final int SMALL_REFERENCE = 1000;
    /** The choice is the same for every count of distinct values from this one on. */
    static final int DISTINCT_THAT_MATTER = 6;

    private TestSelection() {
    }

    /**
     * @param distinctInUnion the distinct values in both sides together, or any number from
     *     {@link #DISTINCT_THAT_MATTER} on when there are at least that many
     */
    static String automatic(boolean numerical, long referenceSize, int distinctInUnion) {
        boolean small = referenceSize <= SMALL_REFERENCE;
        if (numerical) {
            if (distinctInUnion <= 2) {
                return small ? "z" : "jensenshannon";
            }
            if (distinctInUnion <= 5) {
                return small ? "chisquare" : "jensenshannon";
            }
            return small ? "ks" : "wasserstein";
        }
        if (distinctInUnion <= 2) {
            return small ? "z" : "jensenshannon";
        }
        return small ? "chisquare" : "jensenshannon";
    }
}
