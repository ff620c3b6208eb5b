package io.driftwatch.estimate;

import io.driftwatch.data.Chunks;
import io.driftwatch.data.Table;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Direct loss estimation (NannyML's {@code DLE}) for regressors: the options, and fitting on a
 * reference whose targets are known. For each loss — absolute error (MAE), squared error (MSE and
 * RMSE share one model), absolute percentage error (MAPE) — a gradient-boosted regression model of
 * the per-row loss is trained on the reference's features and the model's prediction; a chunk's
 * estimate is the mean of the predicted losses, each clipped at 0 (RMSE: the root of that mean).
 *
 * <p>The loss models are Smile 2.6.0's {@code GradientTreeBoost} with least-squares loss
 * ({@code Loss.ls()}; Smile's default is least absolute deviation), and defaults that follow
 * LightGBM's {@code LGBMRegressor()} defaults, which NannyML uses untuned: 100 trees, shrinkage 0.1,
 * at most 31 leaves ({@code num_leaves}), at least 20 rows per leaf ({@code min_child_samples}),
 * no row subsampling ({@code subsample=1.0}); depth is bounded by the leaf count. With no
 * subsampling the fit draws no random number; with {@code subsample < 1} Smile shuffles rows with
 * its thread-local generator, which {@link FittedDle} seeds ({@code smile.math.MathEx.setSeed}) on the
 * fitting thread just before each fit, so the same inputs give the same models.
 *
 * <p>Thread-safe: immutable.
 */
public final class Dle {
    /** The default seed of Smile's generator. */
    public static final long DEFAULT_SEED = 42;

    final int trees;
    final double shrinkage;
    final int maxDepth;
    final int maxLeaves;
    final int minLeafRows;
    final double subsample;
    final long seed;
    final Set<DleMetric> metrics;

    private Dle(int trees, double shrinkage, int maxDepth, int maxLeaves, int minLeafRows, double subsample, long seed,
            Set<DleMetric> metrics) {
        this.trees = trees;
        this.shrinkage = shrinkage;
        this.maxDepth = maxDepth;
        this.maxLeaves = maxLeaves;
        this.minLeafRows = minLeafRows;
        this.subsample = subsample;
        this.seed = seed;
        this.metrics = metrics;
    }

    /** LightGBM's defaults as above, seed {@value #DEFAULT_SEED}. */
    public static Dle withDefaults() {
        return new Dle(100, 0.1, 20, 31, 20, 1.0, DEFAULT_SEED, Collections.unmodifiableSet(EnumSet.allOf(DleMetric.class)));
    }

    /** These options with {@code trees} boosting rounds. */
    public Dle withTrees(int trees) {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, got " + trees);
        }
        return new Dle(trees, shrinkage, maxDepth, maxLeaves, minLeafRows, subsample, seed, metrics);
    }

    /** These options with learning rate {@code shrinkage} in (0, 1]. */
    public Dle withShrinkage(double shrinkage) {
        if (!(shrinkage > 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("shrinkage must be in (0, 1], got " + shrinkage);
        }
        return new Dle(trees, shrinkage, maxDepth, maxLeaves, minLeafRows, subsample, seed, metrics);
    }

    /** These options with trees of at most {@code maxLeaves} leaves (at least 2). */
    public Dle withMaxLeaves(int maxLeaves) {
        if (maxLeaves < 2) {
            throw new IllegalArgumentException("maxLeaves must be at least 2, got " + maxLeaves);
        }
        return new Dle(trees, shrinkage, maxDepth, maxLeaves, minLeafRows, subsample, seed, metrics);
    }

    /** These options with leaves of at least {@code minLeafRows} rows. */
    public Dle withMinLeafRows(int minLeafRows) {
        if (minLeafRows < 1) {
            throw new IllegalArgumentException("minLeafRows must be at least 1, got " + minLeafRows);
        }
        return new Dle(trees, shrinkage, maxDepth, maxLeaves, minLeafRows, subsample, seed, metrics);
    }

    /** These options with each tree fitted on a {@code subsample} share of the rows, in (0, 1]. */
    public Dle withSubsample(double subsample) {
        if (!(subsample > 0 && subsample <= 1)) {
            throw new IllegalArgumentException("subsample must be in (0, 1], got " + subsample);
        }
        return new Dle(trees, shrinkage, maxDepth, maxLeaves, minLeafRows, subsample, seed, metrics);
    }

    /** These options with Smile's generator seeded with {@code seed} before each fit. */
    public Dle withSeed(long seed) {
        return new Dle(trees, shrinkage, maxDepth, maxLeaves, minLeafRows, subsample, seed, metrics);
    }

    /**
     * These options estimating only {@code metrics} (all four by default); only the loss models they
     * need are fitted (MSE and RMSE share one), as NannyML fits one per metric asked for.
     */
    public Dle withMetrics(Set<DleMetric> metrics) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric to estimate is needed");
        }
        return new Dle(trees, shrinkage, maxDepth, maxLeaves, minLeafRows, subsample, seed,
                Collections.unmodifiableSet(EnumSet.copyOf(metrics)));
    }

    /**
     * Fits the loss models on the reference.
     *
     * @param features the reference's feature columns (every column of the table is a feature)
     * @param actual the true values; a NaN row is left out of the fit, as NannyML drops it
     * @param predicted the model's predictions (all finite)
     * @param referenceChunks the reference's chunks, whose realized metrics give the thresholds
     */
    public FittedDle fit(Table features, double[] actual, double[] predicted, List<? extends Chunks.Chunk> referenceChunks) {
        return FittedDle.fit(this, features, actual, predicted, referenceChunks);
    }
}
