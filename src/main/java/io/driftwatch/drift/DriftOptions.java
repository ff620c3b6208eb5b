package io.driftwatch.drift;

import io.driftwatch.stats.BinningStrategy;
import io.driftwatch.stats.PopulationStabilityIndex;
import java.util.Map;
import java.util.Objects;

/**
 * How a check chooses tests and decides drift, with Evidently's data-drift option names and
 * precedence: a per-column setting beats the type-wide one ({@code numMethod}/{@code catMethod},
 * {@code numThreshold}/{@code catThreshold}), which beats the global one ({@code method},
 * {@code threshold}), which beats the automatic choice and the test's default threshold.
 *
 * <p>Thread-safe: immutable; {@code with…} methods return new instances.
 */
public final class DriftOptions {
    /** Evidently's {@code DataDriftPreset} default: dataset drift when half the columns drift. */
    public static final double DEFAULT_SHARE = 0.5;

    private final String method;
    private final String numMethod;
    private final String catMethod;
    private final Double threshold;
    private final Double numThreshold;
    private final Double catThreshold;
    private final Map<String, ColumnOverride> perColumn;
    private final double share;
    private final Correction correction;
    private final double missingShareThreshold;
    private final BinningStrategy binning;
    private final int binCount;

    /** A column's missing share moving by this much (absolute) is flagged; 0.05 = five percentage points. */
    public static final double DEFAULT_MISSING_SHARE_THRESHOLD = 0.05;

    private DriftOptions(String method, String numMethod, String catMethod, Double threshold, Double numThreshold,
            Double catThreshold, Map<String, ColumnOverride> perColumn, double share, Correction correction,
            double missingShareThreshold, BinningStrategy binning, int binCount) {
        this.method = method;
        this.numMethod = numMethod;
        this.catMethod = catMethod;
        this.threshold = threshold;
        this.numThreshold = numThreshold;
        this.catThreshold = catThreshold;
        this.perColumn = Map.copyOf(perColumn);
        this.share = share;
        this.correction = Objects.requireNonNull(correction, "correction");
        this.missingShareThreshold = missingShareThreshold;
        this.binning = Objects.requireNonNull(binning, "binning");
        this.binCount = binCount;
    }

    /** Evidently's defaults: automatic tests, default thresholds, share 0.5, no correction. */
    public static DriftOptions defaults() {
        return new DriftOptions(null, null, null, null, null, null, Map.of(), DEFAULT_SHARE, Correction.NONE,
                DEFAULT_MISSING_SHARE_THRESHOLD,
                BinningStrategy.EVIDENTLY, PopulationStabilityIndex.DEFAULT_BIN_COUNT);
    }

    public DriftOptions withMethod(String m) {
        return new DriftOptions(m, numMethod, catMethod, threshold, numThreshold, catThreshold, perColumn, share,
                correction, missingShareThreshold, binning, binCount);
    }

    public DriftOptions withNumMethod(String m) {
        return new DriftOptions(method, m, catMethod, threshold, numThreshold, catThreshold, perColumn, share,
                correction, missingShareThreshold, binning, binCount);
    }

    public DriftOptions withCatMethod(String m) {
        return new DriftOptions(method, numMethod, m, threshold, numThreshold, catThreshold, perColumn, share,
                correction, missingShareThreshold, binning, binCount);
    }

    public DriftOptions withThreshold(Double t) {
        return new DriftOptions(method, numMethod, catMethod, t, numThreshold, catThreshold, perColumn, share,
                correction, missingShareThreshold, binning, binCount);
    }

    public DriftOptions withNumThreshold(Double t) {
        return new DriftOptions(method, numMethod, catMethod, threshold, t, catThreshold, perColumn, share,
                correction, missingShareThreshold, binning, binCount);
    }

    public DriftOptions withCatThreshold(Double t) {
        return new DriftOptions(method, numMethod, catMethod, threshold, numThreshold, t, perColumn, share,
                correction, missingShareThreshold, binning, binCount);
    }

    public DriftOptions withPerColumn(Map<String, ColumnOverride> overrides) {
        return new DriftOptions(method, numMethod, catMethod, threshold, numThreshold, catThreshold, overrides, share,
                correction, missingShareThreshold, binning, binCount);
    }

    /** Dataset drift when the share of drifted columns is at least {@code s} (Evidently's {@code >=}). */
    public DriftOptions withShare(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("drift share must be between 0 and 1, got " + s);
        }
        return new DriftOptions(method, numMethod, catMethod, threshold, numThreshold, catThreshold, perColumn, s,
                correction, missingShareThreshold, binning, binCount);
    }

    public DriftOptions withCorrection(Correction c) {
        return new DriftOptions(method, numMethod, catMethod, threshold, numThreshold, catThreshold, perColumn,
                share, c, missingShareThreshold, binning, binCount);
    }

    /** The method set for a column of the given kind, or null for the automatic choice. */
    String methodFor(String column, boolean numerical) {
        ColumnOverride o = perColumn.get(column);
        if (o != null && o.method() != null) {
            return o.method();
        }
        String typed = numerical ? numMethod : catMethod;
        return typed != null ? typed : method;
    }

    /** The threshold set for a column of the given kind, or null for the test's default. */
    Double thresholdFor(String column, boolean numerical) {
        ColumnOverride o = perColumn.get(column);
        if (o != null && o.threshold() != null) {
            return o.threshold();
        }
        Double typed = numerical ? numThreshold : catThreshold;
        return typed != null ? typed : threshold;
    }

    /**
     * Flags a column whose share of missing cells moves by at least {@code t} (absolute, in [0, 1])
     * between reference and current; 1 turns the signal off.
     */
    public DriftOptions withMissingShareThreshold(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("missing share threshold must be between 0 and 1, got " + t);
        }
        return new DriftOptions(method, numMethod, catMethod, threshold, numThreshold, catThreshold, perColumn, share,
                correction, t, binning, binCount);
    }

    /**
     * How {@code psi}, {@code kl_div} and {@code jensenshannon} bin numerical columns, and into how
     * many bins for the two reference-only strategies. Evidently's rule ({@link BinningStrategy#EVIDENTLY})
     * ignores the count, as Evidently ignores its {@code n_bins}.
     */
    public DriftOptions withBinning(BinningStrategy strategy, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bin count must be at least 1, got " + bins);
        }
        return new DriftOptions(method, numMethod, catMethod, threshold, numThreshold, catThreshold, perColumn, share,
                correction, missingShareThreshold, strategy, bins);
    }

    public BinningStrategy binning() {
        return binning;
    }

    public int binCount() {
        return binCount;
    }

    public double missingShareThreshold() {
        return missingShareThreshold;
    }

    public double share() {
        return share;
    }

    public Correction correction() {
        return correction;
    }

    public Map<String, ColumnOverride> perColumn() {
        return perColumn;
    }

    public String method() {
        return method;
    }

    public String numMethod() {
        return numMethod;
    }

    public String catMethod() {
        return catMethod;
    }

    public Double threshold() {
        return threshold;
    }

    public Double numThreshold() {
        return numThreshold;
    }

    public Double catThreshold() {
        return catThreshold;
    }
}
