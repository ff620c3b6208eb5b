package io.driftwatch.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The upper tail of the chi-squared distribution as SciPy's {@code chi2.sf} returns it for the
 * chi-square and G tests: NaN for zero degrees of freedom (a single category), 0 for an infinite
 * statistic (a category with zero expected count), otherwise the regularised upper incomplete gamma
 * function {@code Q(dof/2, x/2)} from Apache Commons Statistics.
 *
 * <p>Thread-safe: stateless.
 */
final class ChiSquaredTail {

    private ChiSquaredTail() {
    }

    static double survival(double statistic, int degreesOfFreedom) {
        if (degreesOfFreedom <= 0 || Double.isNaN(statistic)) {
            return Double.NaN;
        }
        if (statistic == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        return ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(statistic);
    }
}
