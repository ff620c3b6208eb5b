package io.driftwatch.multivariate;

import io.driftwatch.data.Table;
import java.util.List;

/**
 * Multivariate drift by a domain classifier, as NannyML's {@code DomainClassifierCalculator}
 * computes it (nannyml 0.13, {@code nannyml/drift/multivariate/domain_classifier/calculator.py}):
 * for each chunk, a gradient-boosted tree classifier learns to tell the chunk's rows (class 1) from
 * the whole reference's (class 0) under stratified k-fold cross-validation (k = 5, scikit-learn's
 * {@code StratifiedKFold} without shuffling), and the chunk's value is the ROC AUC of the
 * out-of-fold predictions. A reference chunk is told apart from the rest of the reference (its rows
 * are class 1 in place). Thresholds are fixed, 0.45 and 0.65 (NannyML's {@code ConstantThreshold}); a
 * chunk alerts when its AUC is strictly outside them.
 *
 * <p>The classifier is Smile 2.6's {@code GradientTreeBoost} (binary: logistic loss) where NannyML
 * trains LightGBM, with LightGBM's defaults carried over where Smile has the same knob: 100 trees,
 * at most 31 leaves grown best-first, at least 20 rows per leaf, learning rate 0.1, no row
 * subsampling. Encoding (documented, since LightGBM's differs): a continuous column is replaced by
 * the rank of its value among the distinct values of the rows being compared (trees split on order
 * only, so this changes no split, and it avoids Smile's 1e-7 tie tolerance on raw values); a
 * missing cell ranks below every value (LightGBM sends missing values to whichever side of a split
 * is better; here they go with the smallest values). A categorical column is nominal, its labels
 * sorted as scikit-learn's {@code OrdinalEncoder} sorts them and a missing cell one more label;
 * Smile splits a nominal column one label against the rest (LightGBM does so too up to 4 labels, and
 * groups labels beyond). The ROC AUC ranks the trees' summed raw scores, which order rows as the
 * probabilities do without their saturation at 0 and 1.
 *
 * <p>Determinism: with no row subsampling (the default) training draws no random number. With
 * {@link #withSubsample subsampling}, Smile draws rows from its per-thread generator
 * ({@code smile.math.MathEx}); each fold seeds it with {@code seed + fold} on the thread that trains
 * the fold, right before training, while holding the lock on {@code MathEx.class} (its
 * {@code setSeed} mutates shared state unguarded). Smile searches a node's best split over the
 * columns in parallel and keeps the first best in column order, so results do not depend on the
 * number of threads.
 *
 * <p>Thread-safe: immutable. Instances are configured with {@code with…} methods, each returning a
 * new instance.
 */
public final class DomainClassifier {
    /** NannyML's default thresholds on the ROC AUC. */
    public static final double DEFAULT_LOWER = 0.45;
    public static final double DEFAULT_UPPER = 0.65;
    /** Our default cap on the training rows of each class in a fold (see the class comment). */
    public static final int DEFAULT_MAX_TRAINING_ROWS_PER_CLASS = 10_000;

    private final int folds;
    private final FoldAssignment foldAssignment;
    private final int trees;
    private final int maxLeaves;
    private final int minLeafSize;
    private final double learningRate;
    private final double subsample;
    private final int maxTrainingRowsPerClass;
    private final long seed;
    private final double lower;
    private final double upper;

    private DomainClassifier(int folds, FoldAssignment foldAssignment, int trees, int maxLeaves, int minLeafSize,
            double learningRate, double subsample, int maxTrainingRowsPerClass, long seed, double lower, double upper) {
        this.folds = folds;
        this.foldAssignment = foldAssignment;
        this.trees = trees;
        this.maxLeaves = maxLeaves;
        this.minLeafSize = minLeafSize;
        this.learningRate = learningRate;
        this.subsample = subsample;
        this.maxTrainingRowsPerClass = maxTrainingRowsPerClass;
        this.seed = seed;
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * NannyML's defaults: 5 folds in order, LightGBM's default tree settings (100 trees, 31
     * leaves, 20 rows per leaf, learning rate 0.1, no subsampling), seed 13 (NannyML's
     * {@code random_state}), thresholds 0.45 and 0.65.
     */
    public static DomainClassifier withDefaults() {
        return new DomainClassifier(5, FoldAssignment.IN_ORDER, 100, 31, 20, 0.1, 1.0,
                DEFAULT_MAX_TRAINING_ROWS_PER_CLASS, 13L, DEFAULT_LOWER, DEFAULT_UPPER);
    }

    /** Cross-validate over {@code folds} folds (at least 2). */
    public DomainClassifier withFolds(int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, subsample,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    public DomainClassifier withFoldAssignment(FoldAssignment assignment) {
        return new DomainClassifier(folds, java.util.Objects.requireNonNull(assignment), trees, maxLeaves, minLeafSize,
                learningRate, subsample, maxTrainingRowsPerClass, seed, lower, upper);
    }

    /** Boost {@code trees} trees (at least 1). */
    public DomainClassifier withTrees(int trees) {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, got " + trees);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, subsample,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    /** Grow each tree to at most {@code maxLeaves} leaves (at least 2). */
    public DomainClassifier withMaxLeaves(int maxLeaves) {
        if (maxLeaves < 2) {
            throw new IllegalArgumentException("maxLeaves must be at least 2, got " + maxLeaves);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, subsample,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    /** Keep at least {@code minLeafSize} rows in every leaf (at least 1). */
    public DomainClassifier withMinLeafSize(int minLeafSize) {
        if (minLeafSize < 1) {
            throw new IllegalArgumentException("minLeafSize must be at least 1, got " + minLeafSize);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, subsample,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    /** Shrink each tree's output by {@code rate} (0 < rate ≤ 1). */
    public DomainClassifier withLearningRate(double rate) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1], got " + rate);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, rate, subsample,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    /** Train each tree on this share of the rows, drawn per class (0 < share ≤ 1; 1 draws nothing). */
    public DomainClassifier withSubsample(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("subsample must be in (0, 1], got " + share);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, share,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    /**
     * Train each fold on at most {@code rows} rows of each class (reference, chunk), a seeded sample
     * without replacement; every held-out row is still scored. {@link Integer#MAX_VALUE} trains on
     * all rows, as NannyML does.
     */
    public DomainClassifier withMaxTrainingRowsPerClass(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("maxTrainingRowsPerClass must be at least 1, got " + rows);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, subsample,
                rows, seed, lower, upper);
    }

    /** The seed of every random draw (shuffled folds, training samples, subsampling). */
    public DomainClassifier withSeed(long seed) {
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, subsample,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    /**
     * Alert when the AUC is strictly below {@code lower} or above {@code upper}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= lower <= upper <= 1}
     */
    public DomainClassifier withThresholds(double lower, double upper) {
        if (!(lower >= 0 && lower <= upper && upper <= 1)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 <= lower <= upper <= 1, got " + lower
                    + " and " + upper);
        }
        return new DomainClassifier(folds, foldAssignment, trees, maxLeaves, minLeafSize, learningRate, subsample,
                maxTrainingRowsPerClass, seed, lower, upper);
    }

    /**
     * Checks the features against {@code reference} and keeps it to compare chunks with.
     *
     * @throws InvalidFeaturesException when a feature cannot be used (see the exception)
     * @throws io.driftwatch.stats.InsufficientDataException when the reference has fewer rows than folds
     */
    public DomainClassifierModel fit(Table reference, List<String> features) {
        return DomainClassifierModel.fit(this, reference, features);
    }

    public int folds() {
        return folds;
    }

    public FoldAssignment foldAssignment() {
        return foldAssignment;
    }

    public int trees() {
        return trees;
    }

    public int maxLeaves() {
        return maxLeaves;
    }

    public int minLeafSize() {
        return minLeafSize;
    }

    public double learningRate() {
        return learningRate;
    }

    public double subsample() {
        return subsample;
    }

    public int maxTrainingRowsPerClass() {
        return maxTrainingRowsPerClass;
    }

    public long seed() {
        return seed;
    }

    public double lowerThreshold() {
        return lower;
    }

    public double upperThreshold() {
        return upper;
    }
}
