package io.driftwatch.bench;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.multivariate.ClassifierChunk;
import io.driftwatch.multivariate.DomainClassifier;
import io.driftwatch.multivariate.PcaReconstruction;
import io.driftwatch.multivariate.ReconstructionChunk;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The multivariate analyses' targets (issue 17), after parsing, on all cores:
 * <ul>
 *   <li>{@code pca}: fit the PCA reconstruction on a 100,000-row reference (10 reference chunks for
 *       the thresholds), then the reconstruction error of 1,000,000 current rows × 50 columns in 10
 *       chunks; target ≤ 2 s;</li>
 *   <li>{@code domainClassifier}: the domain classifier (defaults: 5 folds, 100 trees) telling one
 *       100,000-row chunk from a 100,000-row reference, 20 columns; target ≤ 20 s on 2 cores.</li>
 * </ul>
 * Columns: numbers loading on 5 latent factors plus noise, and (for {@code pca}) 5 text columns of 8
 * labels cut from the factors, a few cells missing; the current batch's second half loses the
 * factor structure of one group of columns.
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar MultivariateBenchmark -f 1 -wi 2 -i 3 -w 2 -r 2
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class MultivariateBenchmark {

    /** 100,000 reference rows and 1,000,000 current rows of 45 numbers and 5 labels. */
    @State(Scope.Benchmark)
    public static class Pca {
        Table reference;
        Table current;
        List<String> features;

        @Setup(Level.Trial)
        public void setUp() {
            reference = table(100_000, 45, 5, 1, false);
            current = table(1_000_000, 45, 5, 2, true);
            features = names(45, 5);
        }
    }

    /** 100,000 reference rows and one 100,000-row chunk of 20 numbers. */
    @State(Scope.Benchmark)
    public static class Classifier {
        Table reference;
        Table current;
        List<String> features;

        @Setup(Level.Trial)
        public void setUp() {
            reference = table(100_000, 20, 0, 3, false);
            current = table(100_000, 20, 0, 4, true);
            features = names(20, 0);
        }
    }

    @Benchmark
    public List<ReconstructionChunk> pca(Pca state) {
        return PcaReconstruction.withDefaults()
                .fit(state.reference, state.features, Chunks.byRows(state.reference, 10_000))
                .evaluate(state.current, Chunks.byRows(state.current, 100_000));
    }

    @Benchmark
    public List<ClassifierChunk> domainClassifier(Classifier state) {
        return DomainClassifier.withDefaults().fit(state.reference, state.features)
                .evaluate(state.current, Chunks.byRows(state.current, state.current.rowCount()));
    }

    static List<String> names(int numeric, int categorical) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < numeric; j++) {
            names.add("x" + j);
        }
        for (int j = 0; j < categorical; j++) {
            names.add("c" + j);
        }
        return names;
    }

    /**
     * Numbers {@code x_j = z_(j mod 5) + noise}; labels {@code c_j} cut the factor {@code z_j} into
     * 8 bins; about 1 % of the cells missing. With {@code drifted}, rows of the second half draw
     * group 0's columns from independent factors (same marginals, broken correlation).
     */
    static Table table(int rows, int numeric, int categorical, long seed, boolean drifted) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[numeric][rows];
        String[][] labels = new String[categorical][rows];
        double[] z = new double[5];
        for (int i = 0; i < rows; i++) {
            for (int f = 0; f < 5; f++) {
                z[f] = gaussian(random);
            }
            boolean broken = drifted && i >= rows / 2;
            for (int j = 0; j < numeric; j++) {
                double factor = broken && j % 5 == 0 ? gaussian(random) : z[j % 5];
                double v = 0.8 * factor + 0.6 * gaussian(random);
                x[j][i] = random.nextInt(100) == 0 ? Double.NaN : v;
            }
            for (int j = 0; j < categorical; j++) {
                int bin = (int) Math.max(0, Math.min(7, Math.floor((z[j % 5] + 2) * 2)));
                labels[j][i] = random.nextInt(100) == 0 ? null : "L" + bin;
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < numeric; j++) {
            columns.add(NumericColumn.wrap("x" + j, PhysicalType.FLOAT, x[j], rows));
        }
        for (int j = 0; j < categorical; j++) {
            columns.add(CategoricalColumn.of("c" + j, labels[j]));
        }
        return Table.of(columns);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
