package io.driftwatch.bench;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.estimate.BinaryCbpe;
import io.driftwatch.estimate.Cbpe;
import io.driftwatch.estimate.CbpeResult;
import io.driftwatch.estimate.Dle;
import io.driftwatch.estimate.DleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The estimate analysis's targets (issue 17), after parsing:
 * <ul>
 *   <li>{@code cbpeEstimate}: binary CBPE on 1,000,000 rows in 10 chunks (probabilities rounded to 4
 *       decimals, as a CSV export holds them), every metric with its sampling error, thresholds and
 *       alert; {@code labels=all} adds the realized metrics; target ≤ 500 ms;</li>
 *   <li>{@code cbpeFit}: fitting it on a 1,000,000-row reference (the cross-validated calibration
 *       decision, the isotonic fit, sampling-error components, reference-chunk thresholds) — what a
 *       reference profile would keep;</li>
 *   <li>{@code dleFitAndEstimate}: DLE on 100,000 reference + 100,000 analysis rows × 10 features (8
 *       numeric, 2 categorical) plus the prediction: three loss models of 100 trees fitted, then
 *       estimated on 10 chunks; one shot per iteration.</li>
 * </ul>
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar EstimateBenchmark -f 1 -wi 3 -i 5 -w 2 -r 2
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
public class EstimateBenchmark {
    static final int ROWS = 1_000_000;
    static final int DLE_ROWS = 100_000;

    /** A binary classifier's outputs: predicted label, P(positive) rounded to 4 decimals, label. */
    static final class Outputs {
        final int[] actual;
        final int[] predicted;
        final double[] probability;

        Outputs(int n, double shift, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            actual = new int[n];
            predicted = new int[n];
            probability = new double[n];
            for (int i = 0; i < n; i++) {
                double x = gaussian(r) + shift;
                double p = 1 / (1 + Math.exp(-(1.5 * x - 0.5)));
                actual[i] = r.nextDouble() < p ? 1 : 0;
                probability[i] = Math.round(Math.pow(p, 0.8) * 1e4) / 1e4;
                predicted[i] = probability[i] >= 0.5 ? 1 : 0;
            }
        }
    }

    @State(Scope.Benchmark)
    public static class CbpeState {
        @Param({"none", "all"})
        String labels;

        Outputs reference;
        Outputs analysis;
        List<Chunks.RowChunk> referenceChunks;
        List<Chunks.RowChunk> chunks;
        BinaryCbpe fitted;

        @Setup(Level.Trial)
        public void setUp() {
            reference = new Outputs(ROWS, 0, 1);
            analysis = new Outputs(ROWS, 0.4, 2);
            referenceChunks = Chunks.byCount(ROWS, 10, Chunks.Remainder.KEEP);
            chunks = Chunks.byCount(ROWS, 10, Chunks.Remainder.KEEP);
            fitted = Cbpe.withDefaults().fitBinary(reference.actual, reference.predicted, reference.probability,
                    referenceChunks);
        }
    }

    @Benchmark
    public CbpeResult cbpeEstimate(CbpeState s) {
        return s.fitted.estimate(s.analysis.predicted, s.analysis.probability,
                s.labels.equals("all") ? s.analysis.actual : null, s.chunks);
    }

    /** The reference alone, for {@code cbpeFit}. */
    @State(Scope.Benchmark)
    public static class ReferenceState {
        Outputs reference;
        List<Chunks.RowChunk> referenceChunks;

        @Setup(Level.Trial)
        public void setUp() {
            reference = new Outputs(ROWS, 0, 1);
            referenceChunks = Chunks.byCount(ROWS, 10, Chunks.Remainder.KEEP);
        }
    }

    @Benchmark
    public BinaryCbpe cbpeFit(ReferenceState s) {
        return Cbpe.withDefaults().fitBinary(s.reference.actual, s.reference.predicted, s.reference.probability,
                s.referenceChunks);
    }

    /** A regressor's batch: 8 numeric and 2 categorical features, target and prediction. */
    static final class Regression {
        final Table features;
        final double[] actual;
        final double[] predicted;

        Regression(int n, double shift, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double[][] x = new double[8][n];
            String[] a = new String[n];
            String[] b = new String[n];
            actual = new double[n];
            predicted = new double[n];
            String[] levelsA = {"north", "south", "east", "west"};
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 8; j++) {
                    x[j][i] = gaussian(r) + (j == 0 ? shift : 0);
                }
                a[i] = levelsA[r.nextInt(4)];
                b[i] = "k" + r.nextInt(12);
                predicted[i] = 10 + 2 * x[1][i] - x[2][i] + 0.5 * x[3][i];
                double sd = 0.5 + 0.7 * Math.abs(x[0][i]) + (a[i].equals("west") ? 0.5 : 0);
                actual[i] = predicted[i] + sd * gaussian(r);
            }
            List<Column> columns = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                columns.add(NumericColumn.wrap("x" + j, PhysicalType.FLOAT, x[j], n));
            }
            columns.add(CategoricalColumn.of("region", a));
            columns.add(CategoricalColumn.of("kind", b));
            features = Table.of(columns);
        }
    }

    @State(Scope.Benchmark)
    public static class DleState {
        Regression reference;
        Regression analysis;
        List<Chunks.RowChunk> referenceChunks;
        List<Chunks.RowChunk> chunks;

        @Setup(Level.Trial)
        public void setUp() {
            reference = new Regression(DLE_ROWS, 0, 3);
            analysis = new Regression(DLE_ROWS, 0.8, 4);
            referenceChunks = Chunks.byCount(DLE_ROWS, 10, Chunks.Remainder.KEEP);
            chunks = Chunks.byCount(DLE_ROWS, 10, Chunks.Remainder.KEEP);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public DleResult dleFitAndEstimate(DleState s) {
        return Dle.withDefaults().fit(s.reference.features, s.reference.actual, s.reference.predicted,
                s.referenceChunks).estimate(s.analysis.features, s.analysis.predicted, null, s.chunks);
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
