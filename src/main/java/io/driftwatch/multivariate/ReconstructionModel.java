package io.driftwatch.multivariate;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.Table;
import io.driftwatch.stats.ChunkThreshold;
import io.driftwatch.stats.InsufficientDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A {@link PcaReconstruction} fitted on a reference: the imputation values, frequency encodings,
 * scaler, principal components and thresholds, and the reference chunks' results. Evaluates
 * current batches chunk by chunk.
 *
 * <p>Low-level on purpose: rows are encoded a block of {@value #BLOCK} at a time into primitive
 * buffers, and each row's residual is computed against whichever basis is smaller — the kept
 * components ({@code r = c − V Vᵀ c}) or the discarded ones ({@code r = W Wᵀ c}, equal since
 * {@code V Vᵀ + W Wᵀ = I}) — so a row costs {@code 2 · d · min(k, d − k)} multiply-adds. Blocks run
 * in parallel when asked; every sum is taken in row order afterwards, so results do not depend on
 * the number of threads.
 *
 * <p>Thread-safe: immutable.
 */
public final class ReconstructionModel {
    static final int BLOCK = 4096;

    private final Features features;
    private final Parallelism parallelism;
    /** Continuous features: the reference mean that fills a missing cell. */
    private final double[] imputedMean;
    /** Categorical features: each reference label's share of the imputed reference; null for continuous. */
    private final Map<String, Double>[] shareByLabel;
    /** Categorical features: the share of the most frequent label, which fills a missing cell. */
    private final double[] imputedShare;
    private final double[] scalerMean;
    private final double[] scalerScale;
    /** The mean of the standardised reference (scikit-learn's {@code PCA.mean_}, 0 up to rounding). */
    private final double[] pcaMean;
    private final double[] explainedVarianceRatio;
    private final int components;
    /** Rows of the basis the residual is computed against (see the class comment), m × d row-major. */
    private final double[] basis;
    private final int basisRows;
    private final boolean basisIsDiscarded;
    private final double lowerThreshold;
    private final double upperThreshold;
    private final List<ReconstructionChunk> referenceResults;

    @SuppressWarnings("unchecked")
    private ReconstructionModel(Features features, Parallelism parallelism, double[] imputedMean,
            Map<String, Double>[] shareByLabel, double[] imputedShare, double[] scalerMean, double[] scalerScale,
            double[] pcaMean, double[] explainedVarianceRatio, int components, double[] basis, int basisRows,
            boolean basisIsDiscarded, double lowerThreshold, double upperThreshold,
            List<ReconstructionChunk> referenceResults) {
        this.features = features;
        this.parallelism = parallelism;
        this.imputedMean = imputedMean;
        this.shareByLabel = shareByLabel;
        this.imputedShare = imputedShare;
        this.scalerMean = scalerMean;
        this.scalerScale = scalerScale;
        this.pcaMean = pcaMean;
        this.explainedVarianceRatio = explainedVarianceRatio;
        this.components = components;
        this.basis = basis;
        this.basisRows = basisRows;
        this.basisIsDiscarded = basisIsDiscarded;
        this.lowerThreshold = lowerThreshold;
        this.upperThreshold = upperThreshold;
        this.referenceResults = referenceResults;
    }

    @SuppressWarnings("unchecked")
    static ReconstructionModel fit(PcaReconstruction options, Table reference, List<String> names,
            List<? extends Chunks.Chunk> referenceChunks) {
        Features features = Features.of(reference, names);
        Column[] columns = features.columns(reference, "reference");
        int n = reference.rowCount();
        if (n < 2) {
            throw new InsufficientDataException("the reference has " + n + " row(s); PCA reconstruction needs at least 2");
        }
        if (referenceChunks.isEmpty()) {
            throw new InsufficientDataException("no reference chunks: the thresholds come from the reconstruction"
                    + " error of the reference's chunks");
        }
        int d = features.size();
        double[] imputedMean = new double[d];
        Map<String, Double>[] shareByLabel = new Map[d];
        double[] imputedShare = new double[d];
        double[][] x = new double[d][n]; // encoded reference, column-major
        int[] allRows = IntStream.range(0, n).toArray();
        int[] codes = new int[n];
        for (int f = 0; f < d; f++) {
            if (features.kind(f) == FeatureKind.CONTINUOUS) {
                NumericColumn column = (NumericColumn) columns[f];
                double[] values = x[f];
                column.copyValues(values, 0);
                double sum = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    double v = values[i];
                    if (v == v) {
                        sum += v;
                        count++;
                    }
                }
                double mean = sum / count;
                imputedMean[f] = mean;
                if (count < n) {
                    for (int i = 0; i < n; i++) {
                        if (values[i] != values[i]) {
                            values[i] = mean;
                        }
                    }
                }
            } else {
                String[] labels = Features.labels(columns[f]);
                Features.codes(columns[f], allRows, 0, n, codes);
                long[] counts = new long[labels.length];
                int missing = 0;
                for (int i = 0; i < n; i++) {
                    int code = codes[i];
                    if (code == CategoricalColumn.MISSING) {
                        missing++;
                    } else {
                        counts[code]++;
                    }
                }
                int mode = mostFrequent(labels, counts);
                counts[mode] += missing;
                Map<String, Double> shares = new HashMap<>();
                double[] shareOfCode = new double[labels.length];
                for (int c = 0; c < labels.length; c++) {
                    if (counts[c] > 0) {
                        shareOfCode[c] = (double) counts[c] / n;
                        shares.put(labels[c], shareOfCode[c]);
                    }
                }
                shareByLabel[f] = Map.copyOf(shares);
                imputedShare[f] = shareOfCode[mode];
                double[] values = x[f];
                for (int i = 0; i < n; i++) {
                    int code = codes[i];
                    values[i] = code == CategoricalColumn.MISSING ? imputedShare[f] : shareOfCode[code];
                }
            }
        }
        double[] scalerMean = new double[d];
        double[] scalerScale = new double[d];
        double[] pcaMean = new double[d];
        boolean anyVaries = false;
        for (int f = 0; f < d; f++) {
            double[] values = x[f];
            double mean = sum(values) / n;
            // scikit-learn's _incremental_mean_and_var: two passes, with the rounding correction
            double correction = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double t = values[i] - mean;
                correction += t;
                squares += t * t;
            }
            double variance = (squares - correction * correction / n) / n;
            double eps = Math.ulp(1.0);
            double bound = n * eps * variance + (n * mean * eps) * (n * mean * eps);
            boolean constant = variance <= bound; // scikit-learn's _is_constant_feature
            double scale = constant ? 1.0 : Math.sqrt(variance);
            anyVaries |= !constant;
            scalerMean[f] = mean;
            scalerScale[f] = scale;
            for (int i = 0; i < n; i++) {
                values[i] = (values[i] - mean) / scale;
            }
            double centre = sum(values) / n;
            pcaMean[f] = centre;
            for (int i = 0; i < n; i++) {
                values[i] -= centre;
            }
        }
        if (!anyVaries) {
            throw new InsufficientDataException("every feature column is constant in the reference: the"
                    + " reconstruction error is 0 for every reference row and no threshold can be derived");
        }
        double[][] covariance = covariance(x, n, options.parallelism());
        SymmetricEigen.Decomposition eigen = SymmetricEigen.of(covariance);
        double[] variances = eigen.values();
        double total = 0;
        for (int r = 0; r < d; r++) {
            variances[r] = Math.max(variances[r], 0); // squared singular values are never negative
            total += variances[r];
        }
        double[] ratio = new double[d];
        for (int r = 0; r < d; r++) {
            ratio[r] = variances[r] / total;
        }
        int components = componentsFor(ratio, options.varianceExplained());
        boolean useDiscarded = d - components < components;
        int from = useDiscarded ? components : 0;
        int basisRows = useDiscarded ? d - components : components;
        double[] basis = new double[basisRows * d];
        for (int r = 0; r < basisRows; r++) {
            System.arraycopy(eigen.vectors()[from + r], 0, basis, r * d, d);
        }
        ReconstructionModel unthresholded = new ReconstructionModel(features, options.parallelism(), imputedMean,
                shareByLabel, imputedShare, scalerMean, scalerScale, pcaMean, ratio, components, basis, basisRows,
                useDiscarded, Double.NaN, Double.NaN, List.of());
        List<ReconstructionChunk> referenceResults = unthresholded.evaluate(reference, referenceChunks);
        double[] values = new double[referenceResults.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = referenceResults.get(c).reconstructionError();
        }
        ChunkThreshold.Band band = ChunkThreshold.of(values, options.thresholdMultiplier(),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        double lower = band.lower() <= 0 ? Double.NaN : band.lower(); // NannyML: limit 0, overridden with None
        ReconstructionModel model = new ReconstructionModel(features, options.parallelism(), imputedMean,
                shareByLabel, imputedShare, scalerMean, scalerScale, pcaMean, ratio, components, basis, basisRows,
                useDiscarded, lower, band.upper(), List.of());
        List<ReconstructionChunk> thresholded = model.withThresholds(referenceResults);
        return new ReconstructionModel(features, options.parallelism(), imputedMean, shareByLabel, imputedShare,
                scalerMean, scalerScale, pcaMean, ratio, components, basis, basisRows, useDiscarded, lower,
                band.upper(), thresholded);
    }

    /**
     * Cumulative ratios closer than this to the share count as equal to it: the eigensolver's
     * rounding (a few units in the last place) must not decide whether a ratio that is exactly the
     * share mathematically is "more".
     */
    static final double RATIO_TOLERANCE = 1e-12;

    /**
     * scikit-learn's rule for a float {@code n_components}: the number of cumulative ratios (summed
     * in order) that are at most {@code share}, plus one, so the kept components explain strictly
     * more than {@code share}; at most the number of ratios. A cumulative ratio within
     * {@link #RATIO_TOLERANCE} of {@code share} counts as equal to it, so a cumulative ratio of
     * exactly 0.65 takes one more component whatever the last bits of the eigenvalues are.
     */
    static int componentsFor(double[] ratio, double share) {
        double cumulative = 0;
        int atMost = 0;
        for (double r : ratio) {
            cumulative += r;
            if (cumulative <= share + RATIO_TOLERANCE) {
                atMost++;
            }
        }
        return Math.min(atMost + 1, ratio.length);
    }

    /** The feature columns, in order. */
    public List<String> features() {
        return features.names();
    }

    /** How each feature column is encoded, in feature order. */
    public List<FeatureKind> kinds() {
        List<FeatureKind> kinds = new ArrayList<>(features.size());
        for (int f = 0; f < features.size(); f++) {
            kinds.add(features.kind(f));
        }
        return List.copyOf(kinds);
    }

    /** Number of principal components kept. */
    public int components() {
        return components;
    }

    /**
     * The explained variance ratio of every principal component, largest first (one per feature;
     * scikit-learn's {@code explained_variance_ratio_} of a PCA keeping all of them). A copy.
     */
    public double[] explainedVarianceRatios() {
        return explainedVarianceRatio.clone();
    }

    /** Alert at or below this; NaN when there is no lower threshold. */
    public double lowerThreshold() {
        return lowerThreshold;
    }

    /** Alert at or above this. */
    public double upperThreshold() {
        return upperThreshold;
    }

    /** The reference chunks' results, from which the thresholds came (with alerts against them). */
    public List<ReconstructionChunk> referenceResults() {
        return referenceResults;
    }

    /**
     * The reconstruction error of each chunk of {@code current}.
     *
     * @throws InvalidFeaturesException when a feature is missing from {@code current} or stored differently
     * @throws IndexOutOfBoundsException when a chunk holds a row outside {@code current}
     * @throws InsufficientDataException when a chunk has no row
     */
    public List<ReconstructionChunk> evaluate(Table current, List<? extends Chunks.Chunk> chunks) {
        Encoder encoder = new Encoder(features.columns(current, "current batch"));
        List<ReconstructionChunk> results = new ArrayList<>(chunks.size());
        for (Chunks.Chunk chunk : chunks) {
            results.add(evaluate(encoder, chunk, current.rowCount()));
        }
        return List.copyOf(results);
    }

    /**
     * The reconstruction error of every row of {@code table}, in row order: the Euclidean distance
     * between the row's standardised values and their reconstruction.
     *
     * @throws InvalidFeaturesException when a feature is missing from {@code table} or stored differently
     */
    public double[] rowErrors(Table table) {
        Encoder encoder = new Encoder(features.columns(table, "table"));
        int n = table.rowCount();
        double[] errors = new double[n];
        int[] rows = IntStream.range(0, n).toArray();
        runBlocks(encoder, rows, errors, new double[blocks(n)][features.size()]);
        return errors;
    }

    private ReconstructionChunk evaluate(Encoder encoder, Chunks.Chunk chunk, int tableRows) {
        int[] rows = chunk.rows();
        int n = rows.length;
        int d = features.size();
        if (n == 0) {
            throw new InsufficientDataException("chunk " + chunk + " has no row: no reconstruction error to average");
        }
        if (rows[0] < 0 || rows[n - 1] >= tableRows) {
            throw new IndexOutOfBoundsException("chunk " + chunk + " holds rows outside the table of " + tableRows + " rows");
        }
        double[] errors = new double[n];
        double[][] blockSquares = new double[blocks(n)][d];
        runBlocks(encoder, rows, errors, blockSquares);
        double mean = sum(errors) / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double t = errors[i] - mean;
            squares += t * t;
        }
        double samplingError = n > 1 ? Math.sqrt(squares / (n - 1)) / Math.sqrt(n) : Double.NaN;
        double[] columnSquares = new double[d];
        for (double[] block : blockSquares) {
            for (int f = 0; f < d; f++) {
                columnSquares[f] += block[f];
            }
        }
        double totalSquares = 0;
        for (int f = 0; f < d; f++) {
            totalSquares += columnSquares[f];
        }
        List<ColumnContribution> contributions = new ArrayList<>(d);
        for (int f = 0; f < d; f++) {
            contributions.add(new ColumnContribution(features.name(f), columnSquares[f] / n,
                    totalSquares > 0 ? columnSquares[f] / totalSquares : Double.NaN));
        }
        return new ReconstructionChunk(chunk, n, mean, samplingError, Math.max(mean - 3 * samplingError, 0),
                mean + 3 * samplingError, lowerThreshold, upperThreshold, alerts(mean), contributions);
    }

    private List<ReconstructionChunk> withThresholds(List<ReconstructionChunk> results) {
        List<ReconstructionChunk> out = new ArrayList<>(results.size());
        for (ReconstructionChunk r : results) {
            out.add(new ReconstructionChunk(r.chunk(), r.rowCount(), r.reconstructionError(), r.samplingError(),
                    r.lowerConfidenceBound(), r.upperConfidenceBound(), lowerThreshold, upperThreshold,
                    alerts(r.reconstructionError()), r.columns()));
        }
        return List.copyOf(out);
    }

    /** NannyML: {@code not (lower < value < upper)}, a missing threshold being ∓∞. */
    private boolean alerts(double value) {
        double lower = Double.isNaN(lowerThreshold) ? Double.NEGATIVE_INFINITY : lowerThreshold;
        double upper = Double.isNaN(upperThreshold) ? Double.POSITIVE_INFINITY : upperThreshold;
        return !(lower < value && value < upper);
    }

    private static int blocks(int rows) {
        return (rows + BLOCK - 1) / BLOCK;
    }

    /** Fills {@code errors} (row order) and each block's per-column sums of squared residuals. */
    private void runBlocks(Encoder encoder, int[] rows, double[] errors, double[][] blockSquares) {
        int blocks = blockSquares.length;
        if (parallelism == Parallelism.ALL_CORES && blocks > 1) {
            IntStream.range(0, blocks).parallel().forEach(b -> runBlock(encoder, rows, b, errors, blockSquares[b]));
        } else {
            for (int b = 0; b < blocks; b++) {
                runBlock(encoder, rows, b, errors, blockSquares[b]);
            }
        }
    }

    private void runBlock(Encoder encoder, int[] rows, int block, double[] errors, double[] squares) {
        int from = block * BLOCK;
        int to = Math.min(rows.length, from + BLOCK);
        int len = to - from;
        int d = features.size();
        double[][] x = new double[d][len];
        encoder.encode(rows, from, to, x);
        double[] c = new double[d];
        double[] coef = new double[basisRows];
        double[] r = new double[d];
        double[] b = basis;
        int m = basisRows;
        boolean discarded = basisIsDiscarded;
        for (int i = 0; i < len; i++) {
            for (int f = 0; f < d; f++) {
                c[f] = (x[f][i] - scalerMean[f]) / scalerScale[f] - pcaMean[f];
            }
            for (int t = 0; t < m; t++) {
                double s = 0;
                int base = t * d;
                for (int f = 0; f < d; f++) {
                    s += c[f] * b[base + f];
                }
                coef[t] = s;
            }
            for (int f = 0; f < d; f++) {
                r[f] = discarded ? 0 : c[f];
            }
            for (int t = 0; t < m; t++) {
                double k = discarded ? coef[t] : -coef[t];
                int base = t * d;
                for (int f = 0; f < d; f++) {
                    r[f] += k * b[base + f];
                }
            }
            double sq = 0;
            for (int f = 0; f < d; f++) {
                double v = r[f] * r[f];
                sq += v;
                squares[f] += v;
            }
            errors[from + i] = Math.sqrt(sq);
        }
    }

    /** Imputes and encodes the feature columns of one table, with lookups built once per table. */
    private final class Encoder {
        private final Column[] columns;
        /** Categorical features: share of each of this table's codes (0 for a label the reference lacks). */
        private final double[][] shareOfCode;

        Encoder(Column[] columns) {
            this.columns = columns;
            this.shareOfCode = new double[columns.length][];
            for (int f = 0; f < columns.length; f++) {
                if (features.kind(f) == FeatureKind.CATEGORICAL) {
                    String[] labels = Features.labels(columns[f]);
                    double[] shares = new double[labels.length];
                    for (int c = 0; c < labels.length; c++) {
                        shares[c] = shareByLabel[f].getOrDefault(labels[c], 0.0);
                    }
                    shareOfCode[f] = shares;
                }
            }
        }

        /** Encoded values of {@code rows[from, to)} into {@code x[feature][0, to - from)}. */
        void encode(int[] rows, int from, int to, double[][] x) {
            int[] codes = null;
            for (int f = 0; f < columns.length; f++) {
                double[] out = x[f];
                if (features.kind(f) == FeatureKind.CONTINUOUS) {
                    NumericColumn column = (NumericColumn) columns[f];
                    double fill = imputedMean[f];
                    for (int i = from; i < to; i++) {
                        double v = column.value(rows[i]);
                        out[i - from] = v == v ? v : fill;
                    }
                } else {
                    if (codes == null) {
                        codes = new int[to - from];
                    }
                    Features.codes(columns[f], rows, from, to, codes);
                    double[] shares = shareOfCode[f];
                    double fill = imputedShare[f];
                    for (int i = 0; i < to - from; i++) {
                        int code = codes[i];
                        out[i] = code == CategoricalColumn.MISSING ? fill : shares[code];
                    }
                }
            }
        }
    }

    /** The covariance matrix (divisor n − 1) of the centred columns {@code x}, computed entry by entry. */
    private static double[][] covariance(double[][] x, int n, Parallelism parallelism) {
        int d = x.length;
        double[][] cov = new double[d][d];
        IntStream rowsOfMatrix = IntStream.range(0, d);
        (parallelism == Parallelism.ALL_CORES ? rowsOfMatrix.parallel() : rowsOfMatrix).forEach(j -> {
            double[] xj = x[j];
            for (int k = j; k < d; k++) {
                double[] xk = x[k];
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += xj[i] * xk[i];
                }
                cov[j][k] = s / (n - 1);
            }
        });
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                cov[j][k] = cov[k][j];
            }
        }
        return cov;
    }

    /**
     * The code of the most frequent label; a tie goes to the least label as Python compares strings
     * (by code point), as scikit-learn's most-frequent imputer breaks it.
     */
    private static int mostFrequent(String[] labels, long[] counts) {
        int best = -1;
        for (int c = 0; c < labels.length; c++) {
            if (best < 0 || counts[c] > counts[best]
                    || (counts[c] == counts[best] && Features.compareLabels(labels[c], labels[best]) < 0)) {
                best = c;
            }
        }
        return best;
    }


    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
