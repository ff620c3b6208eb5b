package io.driftwatch.stats;

/**
 * Evidently's {@code ks} on quantile summaries: the two-sample Kolmogorov-Smirnov statistic from the
 * two summaries' distribution functions, its error bound, and the p-value from the true sample sizes.
 *
 * <p><b>Statistic.</b> {@code D̂ = max_x |F̂_R(x) − F̂_C(x)|} over the pooled summary points (the
 * step functions change only there), each difference formed as the exact test forms it,
 * {@code W_R(x)/n − W_C(x)/m} in doubles; on exact summaries (weights 1, or exact value counts) it is
 * the exact statistic to the bit.
 *
 * <p><b>Error bound.</b> With {@code |F̂_R − F_R| <= ε_R} and {@code |F̂_C − F_C| <= ε_C}, the triangle
 * inequality gives {@code |D̂ − D| <= ε_R + ε_C =: b}, the result's {@code statisticError}. ε is a KLL
 * sketch's single-sided normalised rank error, which DataSketches guarantees with about 99 %
 * confidence for one rank at a time; the supremum over all points is not covered by that guarantee,
 * and docs/sketches.md measures how often it holds for the maximum.
 *
 * <p><b>P-value.</b> The exact test's p-value function ({@link KolmogorovSmirnovTest#pValue}) with the
 * true counts {@code n, m} (not the number of retained items): exact for {@code max(n, m) <= 10000},
 * else asymptotic. The score interval is {@code [p(min(1, D̂ + b)), p(max(0, D̂ − b))]}; the verdict is
 * {@link Verdict#UNDECIDED} when the threshold falls inside it. (DataSketches' own
 * {@code kolmogorovSmirnovTest} returns only a boolean against a conservative threshold.)
 *
 * <p><b>Edge cases.</b> An empty side throws {@link InsufficientDataException}; categorical columns
 * {@link InapplicableTestException}; more than {@link Integer#MAX_VALUE} values on a side too, since the
 * p-value functions count in ints.
 *
 * <p>Thread-safe: immutable.
 */
public final class SketchKolmogorovSmirnovTest extends SketchTestBase {
    private static final SketchKolmogorovSmirnovTest DEFAULTS =
            new SketchKolmogorovSmirnovTest(KolmogorovSmirnovTest.withDefaults());

    private final KolmogorovSmirnovTest ks;

    private SketchKolmogorovSmirnovTest(KolmogorovSmirnovTest ks) {
        super(ks);
        this.ks = ks;
    }

    /** {@code ks} with the automatic p-value method. */
    public static SketchKolmogorovSmirnovTest withDefaults() {
        return DEFAULTS;
    }

    /** This test with another p-value method. */
    public SketchKolmogorovSmirnovTest withPValueMethod(KolmogorovSmirnovTest.PValueMethod method) {
        return new SketchKolmogorovSmirnovTest(ks.withPValueMethod(method));
    }

    /** {@code D̂}, the largest gap between the summaries' distribution functions. */
    public static double statistic(QuantileSummary reference, QuantileSummary current) {
        QuantileSummary r = reference;
        QuantileSummary c = current;
        int nr = r.size();
        int nc = c.size();
        double dn = r.count();
        double dm = c.count();
        int i = 0;
        int j = 0;
        long wr = 0;
        long wc = 0;
        double d = 0.0;
        while (i < nr || j < nc) {
            double x = j >= nc || (i < nr && r.item(i) <= c.item(j)) ? r.item(i) : c.item(j);
            while (i < nr && r.item(i) == x) {
                wr = r.cumulativeWeight(i);
                i++;
            }
            while (j < nc && c.item(j) == x) {
                wc = c.cumulativeWeight(j);
                j++;
            }
            double gap = Math.abs(wr / dn - wc / dm);
            if (gap > d) {
                d = gap;
            }
        }
        return d;
    }

    @Override
    public SketchTestResult test(SketchSample sample, double threshold) {
        SketchSample.Numeric s = numeric(sample);
        long n = s.referenceSize();
        long m = s.currentSize();
        if (n > Integer.MAX_VALUE || m > Integer.MAX_VALUE) {
            throw new InapplicableTestException("ks counts at most " + Integer.MAX_VALUE + " values a side (reference "
                    + n + ", current " + m + ")");
        }
        double d = statistic(s.reference(), s.current());
        double bound = s.reference().rankError() + s.current().rankError();
        KolmogorovSmirnovTest.PValue p = ks.pValue(d, (int) n, (int) m);
        double low = p.value();
        double high = p.value();
        if (bound > 0) {
            low = Math.min(low, ks.pValue(Math.min(1.0, d + bound), (int) n, (int) m).value());
            high = Math.max(high, ks.pValue(Math.max(0.0, d - bound), (int) n, (int) m).value());
        }
        return SketchTestResult.of(this, p.value(), low, high, threshold, p.statistic(), bound, p.method(), null);
    }
}
