package io.driftwatch.estimate;

import io.driftwatch.data.Chunks;
import java.util.List;
import java.util.Objects;

/**
 * Confidence-based performance estimation (NannyML's {@code CBPE}): the options, and fitting on a
 * reference whose labels are known. A fitted {@link BinaryCbpe} or {@link MulticlassCbpe} then
 * estimates the metrics of batches without labels.
 *
 * <p>Inputs are primitive arrays, one value per row: class codes ({@code 0..k−1}; binary: {@code 1}
 * the positive class, {@code 0} the negative; {@link #UNKNOWN} a label not known), and probabilities
 * in {@code [0, 1]} (binary: of the positive class; multiclass: {@code probabilities[k][row]}, one
 * array per class in code order — NannyML orders classes by their sorted labels). Chunks come from
 * {@link Chunks}; the reference's chunks give the thresholds (NannyML chunks reference and analysis
 * data with the same chunker).
 *
 * <p>Defaults: {@link Calibration#AUTO}; seed {@value #DEFAULT_SEED} for the average precision's
 * bootstrap.
 *
 * <p>Thread-safe: immutable.
 */
public final class Cbpe {
    /** The class code of a row whose label is not known (yet). */
    public static final int UNKNOWN = -1;
    /** The default seed of the average precision's bootstrap. */
    public static final long DEFAULT_SEED = 42;

    private final Calibration calibration;
    private final long seed;

    private Cbpe(Calibration calibration, long seed) {
        this.calibration = calibration;
        this.seed = seed;
    }

    /** Calibration {@link Calibration#AUTO}, seed {@value #DEFAULT_SEED}. */
    public static Cbpe withDefaults() {
        return new Cbpe(Calibration.AUTO, DEFAULT_SEED);
    }

    /** These options with {@code calibration}. */
    public Cbpe withCalibration(Calibration calibration) {
        return new Cbpe(Objects.requireNonNull(calibration, "calibration"), seed);
    }

    /**
     * These options with the seed of the average precision's bootstrap (NumPy's legacy generator,
     * {@code np.random.seed(seed)}).
     *
     * @param seed in {@code [0, 2^32)}
     */
    public Cbpe withSeed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32 - 1], got " + seed);
        }
        return new Cbpe(calibration, seed);
    }

    /** The calibration option. */
    public Calibration calibration() {
        return calibration;
    }

    /** The bootstrap seed. */
    public long seed() {
        return seed;
    }

    /**
     * Fits a binary CBPE on the reference.
     *
     * @param actual the true class of each row: 1 positive, 0 negative (all known)
     * @param predicted the predicted class: 1 or 0
     * @param probability the model's probability of the positive class
     * @param referenceChunks the reference's chunks, whose realized metrics give the thresholds
     * @throws InvalidModelOutputException for unusable values (the message names the row)
     * @throws io.driftwatch.stats.InsufficientDataException when {@link Calibration#AUTO} cannot
     *     run its cross-validation (a class with fewer than 2 rows, too few rows)
     */
    public BinaryCbpe fitBinary(int[] actual, int[] predicted, double[] probability,
            List<? extends Chunks.Chunk> referenceChunks) {
        return BinaryCbpe.fit(this, actual, predicted, probability, referenceChunks);
    }

    /**
     * Fits a multiclass CBPE on the reference: one calibration decision and calibrator per class,
     * one-vs-rest, and the calibrated probabilities renormalised to sum to 1 per row.
     *
     * @param actual the true class code of each row, {@code 0..k−1} (all known; every class present)
     * @param predicted the predicted class code
     * @param probabilities {@code probabilities[k][row]}: the model's probability of class {@code k},
     *     {@code k >= 3} classes
     * @param referenceChunks the reference's chunks, whose realized metrics give the thresholds
     */
    public MulticlassCbpe fitMulticlass(int[] actual, int[] predicted, double[][] probabilities,
            List<? extends Chunks.Chunk> referenceChunks) {
        return MulticlassCbpe.fit(this, actual, predicted, probabilities, referenceChunks);
    }
}
