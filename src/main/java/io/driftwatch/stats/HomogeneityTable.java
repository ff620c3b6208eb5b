package io.driftwatch.stats;

/**
 * The 2×K contingency table of a two-sample homogeneity test: row 0 the reference counts, row 1 the
 * current counts, one column per union key. Expected counts under homogeneity are
 * {@code E[i][k] = rowTotal[i] · columnTotal[k] / N}, as {@code scipy.stats.contingency.expected_freq};
 * the optional Yates correction and the statistics follow {@code scipy.stats.chi2_contingency}
 * (SciPy 1.10), summed in NumPy's pairwise order over the table in row-major order.
 *
 * <p>Thread-safe: stateless.
 */
final class HomogeneityTable {

    private HomogeneityTable() {
    }

    /** Which power-divergence statistic to compute over the table. */
    enum Statistic {
        /** Pearson's {@code Σ (O − E)² / E}. */
        PEARSON,
        /** The likelihood ratio {@code G = 2 Σ O ln(O / E)}. */
        LOG_LIKELIHOOD
    }

    /** Degrees of freedom: number of union keys − 1. */
    static int degreesOfFreedom(CategoryCounts counts) {
        return TestInput.unionKeys(counts) - 1;
    }

    /** The statistic over the 2×K table of {@code counts}; 0 when there is a single key. */
    static double statistic(CategoryCounts counts, Statistic statistic, ContinuityCorrection correction) {
        int keys = TestInput.unionKeys(counts);
        if (keys <= 1) {
            return 0.0; // SciPy: no degrees of freedom, statistic 0 and p = 1
        }
        boolean yates = keys == 2 && correction == ContinuityCorrection.YATES_WHEN_ONE_DEGREE_OF_FREEDOM;
        double n = counts.referenceSize();
        double m = counts.currentSize();
        double total = n + m;
        double[] terms = new double[2 * keys];
        int k = 0;
        for (int i = 0; i < counts.size(); i++) {
            long r = counts.referenceCount(i);
            long c = counts.currentCount(i);
            if (r == 0 && c == 0) {
                continue;
            }
            double column = (double) r + c;
            terms[k] = term(r, n * column / total, statistic, yates);
            terms[keys + k] = term(c, m * column / total, statistic, yates);
            k++;
        }
        return PairwiseSummation.sum(terms);
    }

    private static double term(double observed, double expected, Statistic statistic, boolean yates) {
        double o = observed;
        if (yates) {
            double diff = expected - observed;
            o = observed + Math.min(0.5, Math.abs(diff)) * Math.signum(diff);
        }
        return switch (statistic) {
            case PEARSON -> {
                double d = o - expected;
                yield d * d / expected;
            }
            case LOG_LIKELIHOOD -> 2.0 * EntropyTerms.xLogXOverY(o, expected);
        };
    }

    /** The p-value of {@code statistic}: 1 for a single key (SciPy's convention), else the chi-squared tail. */
    static double pValue(double statistic, int degreesOfFreedom) {
        return degreesOfFreedom == 0 ? 1.0 : ChiSquaredTail.survival(statistic, degreesOfFreedom);
    }
}
