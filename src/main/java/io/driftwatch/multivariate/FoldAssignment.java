package io.driftwatch.multivariate;

/** How the domain classifier's stratified folds are drawn. */
public enum FoldAssignment {
    /**
     * scikit-learn's {@code StratifiedKFold(n_splits=k)} without shuffling, as NannyML uses it: each
     * class's rows, in table order, go to fold 0, then fold 1, … in consecutive blocks. No randomness.
     */
    IN_ORDER,
    /** The same fold sizes, with each class's fold labels shuffled by the seed (Fisher–Yates, {@link java.util.SplittableRandom}). */
    SHUFFLED
}
