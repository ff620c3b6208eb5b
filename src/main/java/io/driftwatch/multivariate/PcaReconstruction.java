package io.driftwatch.multivariate;

import io.driftwatch.data.Chunks;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.Table;
import java.util.List;

/**
 * Multivariate drift by PCA reconstruction error, as NannyML's
 * {@code DataReconstructionDriftCalculator} computes it (nannyml 0.13,
 * {@code nannyml/drift/multivariate/data_reconstruction/calculator.py}), with scikit-learn's
 * semantics for every step:
 * <ol>
 * <li>impute missing cells from the reference: continuous columns with the mean
 *     ({@code SimpleImputer(strategy='mean')}), categorical columns with the most frequent label
 *     ({@code SimpleImputer(strategy='most_frequent')}; a tie goes to the least label, as Python
 *     orders strings, by code point);</li>
 * <li>frequency-encode categorical columns ({@code category_encoders.CountEncoder(normalize=True)}):
 *     a label becomes its share of the imputed reference rows; a label the reference never had
 *     becomes 0;</li>
 * <li>standardise with the reference's mean and population standard deviation
 *     ({@code StandardScaler}); a constant column (scikit-learn's {@code _is_constant_feature}) keeps
 *     scale 1;</li>
 * <li>PCA on the standardised reference: the fewest components whose cumulative explained variance
 *     ratio is <em>strictly greater</em> than {@code varianceExplained} (default 0.65; scikit-learn's
 *     {@code searchsorted(cumsum, 0.65, side="right") + 1}, so a cumulative ratio of exactly 0.65
 *     takes one more component — Smile's PCA stops at "at least", which is why this is our own
 *     code; a cumulative ratio within 1e-12 of the share counts as equal to it, so that rounding in
 *     the last bits of the eigenvalues cannot flip the count where the ratio is exactly the share);
 *     the components come from a Jacobi eigendecomposition of the covariance matrix
 *     ({@link SymmetricEigen}), not an SVD, which changes nothing but rounding;</li>
 * <li>a row's error is the Euclidean distance between its standardised values and their
 *     reconstruction from the kept components; a chunk's value is the mean error over its rows, its
 *     sampling error the rows' standard deviation (ddof 1) over √rows, shown as a ±3 band;</li>
 * <li>thresholds: mean ± 3σ of the values of the reference chunks (NannyML's
 *     {@code StandardDeviationThreshold}, population σ); a lower threshold at or below 0 is dropped
 *     (NannyML overrides it with None); a chunk alerts unless {@code lower < value < upper}.</li>
 * </ol>
 * Beyond NannyML, each chunk says how much each column contributes ({@link ColumnContribution}).
 *
 * <p>Options differ from NannyML's in one way: the number of components is given as a variance
 * share only (NannyML also passes an integer or {@code 'mle'} through to scikit-learn).
 *
 * <p>Thread-safe: immutable. Instances are configured with {@code with…} methods, each returning a
 * new instance.
 */
public final class PcaReconstruction {
    /** NannyML's default: keep the components explaining more than 65 % of the variance. */
    public static final double DEFAULT_VARIANCE_EXPLAINED = 0.65;

    private final double varianceExplained;
    private final double thresholdMultiplier;
    private final Parallelism parallelism;

    private PcaReconstruction(double varianceExplained, double thresholdMultiplier, Parallelism parallelism) {
        this.varianceExplained = varianceExplained;
        this.thresholdMultiplier = thresholdMultiplier;
        this.parallelism = parallelism;
    }

    /** NannyML's defaults: 65 % of the variance, thresholds at ±3σ, on all cores. */
    public static PcaReconstruction withDefaults() {
        return new PcaReconstruction(DEFAULT_VARIANCE_EXPLAINED, 3.0, Parallelism.ALL_CORES);
    }

    /**
     * Keep the fewest components explaining strictly more than {@code share} of the variance.
     *
     * @throws IllegalArgumentException unless {@code 0 < share < 1}
     */
    public PcaReconstruction withVarianceExplained(double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("varianceExplained must be strictly between 0 and 1, got " + share);
        }
        return new PcaReconstruction(share, thresholdMultiplier, parallelism);
    }

    /**
     * Thresholds at the mean of the reference chunks' values ± {@code multiplier} standard deviations.
     *
     * @throws IllegalArgumentException unless {@code multiplier} is finite and {@code >= 0}
     */
    public PcaReconstruction withThresholdMultiplier(double multiplier) {
        if (!(multiplier >= 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("threshold multiplier must be a finite number >= 0, got " + multiplier);
        }
        return new PcaReconstruction(varianceExplained, multiplier, parallelism);
    }

    /** Whether large chunks are split across the common fork-join pool; the results are the same either way. */
    public PcaReconstruction withParallelism(Parallelism parallelism) {
        return new PcaReconstruction(varianceExplained, thresholdMultiplier, java.util.Objects.requireNonNull(parallelism));
    }

    public double varianceExplained() {
        return varianceExplained;
    }

    public double thresholdMultiplier() {
        return thresholdMultiplier;
    }

    /**
     * Fits the imputation, encoding, scaling and PCA on {@code reference}, then computes the error
     * of each of {@code referenceChunks} (chunks of the reference) and the thresholds from them.
     *
     * @param reference the reference batch
     * @param features the feature columns, in order
     * @param referenceChunks chunks of {@code reference}, at least one
     * @throws InvalidFeaturesException when a feature cannot be used (see the exception)
     * @throws io.driftwatch.stats.InsufficientDataException when the reference has fewer than 2 rows,
     *     every feature is constant in it, or no reference chunk is given
     */
    public ReconstructionModel fit(Table reference, List<String> features, List<? extends Chunks.Chunk> referenceChunks) {
        return ReconstructionModel.fit(this, reference, features, referenceChunks);
    }

    Parallelism parallelism() {
        return parallelism;
    }
}
