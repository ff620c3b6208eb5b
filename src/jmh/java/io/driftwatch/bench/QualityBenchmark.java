package io.driftwatch.bench;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.quality.QualityAnalysis;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.quality.QualityEvaluator;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.QualitySide;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The quality analysis's targets (issue 15), after parsing: every metric of Evidently's
 * {@code ClassificationPreset} (ROC AUC and log loss included), its default tests and, without a
 * reference, its dummy baseline, on 1,000,000 current rows of
 * <ul>
 *   <li>{@code binary}: a binary classifier with an integer target and the positive class's
 *       probability rounded to 4 decimals (ties, as a CSV export holds them), target ≤ 150 ms;</li>
 *   <li>{@code multiclass}: a 10-class classifier with text classes and one probability column per
 *       class (a softmax rounded to 4 decimals), target ≤ 400 ms.</li>
 * </ul>
 * With {@code reference}, the reference (1,000,000 rows) is measured once in the set-up, as a profile
 * would keep it; with {@code none}, the dummy baseline is drawn instead.
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar QualityBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
public class QualityBenchmark {
    static final int ROWS = 1_000_000;
    static final int CLASSES = 10;

    /** A binary classifier's batch: {@code target} (0/1 integers), {@code proba} (P(1)). */
    @State(Scope.Benchmark)
    public static class Binary {
        @Param({"reference", "none"})
        String baseline;

        QualityEvaluator evaluator;
        Table current;
        QualitySide reference;

        @Setup(Level.Trial)
        public void setUp() {
            evaluator = QualityEvaluator.of(ModelSpec.binary("target", null, "proba"));
            current = binary(ROWS, 0.0, 2);
            reference = baseline.equals("reference") ? evaluator.measureReference(binary(ROWS, 0.0, 1)) : null;
        }
    }

    /** A 10-class classifier's batch: {@code target} ({@code c0…c9}) and one probability column per class. */
    @State(Scope.Benchmark)
    public static class Multiclass {
        @Param({"reference", "none"})
        String baseline;

        QualityEvaluator evaluator;
        Table current;
        QualitySide reference;

        @Setup(Level.Trial)
        public void setUp() {
            Map<String, String> columns = new LinkedHashMap<>();
            for (int k = 0; k < CLASSES; k++) {
                columns.put("c" + k, "p_c" + k);
            }
            evaluator = QualityEvaluator.of(ModelSpec.multiclass("target", null, columns));
            current = multiclass(ROWS, 2);
            reference = baseline.equals("reference") ? evaluator.measureReference(multiclass(ROWS, 1)) : null;
        }
    }

    /**
     * The analysis as a check runs it: the reference scored again from the rows its profile keeps
     * (1,000,000), with its chart data, then the current batch, with Evidently's default tests or the
     * degradation tests (standard errors of both sides).
     */
    @State(Scope.Benchmark)
    public static class BinaryCheck {
        @Param({"evidently", "degradation"})
        String tests;

        QualityAnalysis analysis;
        CheckData data;

        @Setup(Level.Trial)
        public void setUp() {
            ModelSpec spec = ModelSpec.binary("target", null, "proba");
            analysis = QualityAnalysis.of(spec).with(QualityOptions.defaults().withTests(
                    QualityOptions.Tests.valueOf(tests.toUpperCase(java.util.Locale.ROOT))));
            Table reference = binary(ROWS, 0.0, 1);
            ReferenceProfile profile = ReferenceProfile.columnsOnly(reference).keepingRows(reference, spec.columns());
            Table current = binary(ROWS, 0.0, 2);
            data = new CheckData(Optional.of(profile), current, Map.of("target", ColumnType.CATEGORICAL,
                    "proba", ColumnType.NUMERICAL));
        }
    }

    @Benchmark
    public QualityResult binaryCheck(BinaryCheck state) {
        return state.analysis.run(state.data);
    }

    @Benchmark
    public QualityResult binary(Binary state) {
        return state.reference == null ? state.evaluator.evaluate(state.current)
                : state.evaluator.evaluate(state.current, state.reference);
    }

    @Benchmark
    public QualityResult multiclass(Multiclass state) {
        return state.reference == null ? state.evaluator.evaluate(state.current)
                : state.evaluator.evaluate(state.current, state.reference);
    }

    /** Rows whose score {@code z ~ N(0, 1)} gives P(1) = sigmoid(2z); the label is drawn from it. */
    static Table binary(int rows, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NumericColumnBuilder target = new NumericColumnBuilder("target", PhysicalType.INTEGER, rows);
        NumericColumnBuilder proba = new NumericColumnBuilder("proba", PhysicalType.FLOAT, rows);
        for (int i = 0; i < rows; i++) {
            double z = gaussian(random) + shift;
            double p = 1 / (1 + Math.exp(-2 * z));
            target.append(random.nextDouble() < p ? 1 : 0);
            proba.append(Math.rint(p * 1e4) / 1e4);
        }
        return Table.of(List.of(target.build(), proba.build()));
    }

    /** Rows with a softmax over 10 Gaussian logits; the class is drawn from it. */
    static Table multiclass(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CategoricalColumnBuilder target = new CategoricalColumnBuilder("target", rows);
        List<NumericColumnBuilder> probas = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            probas.add(new NumericColumnBuilder("p_c" + k, PhysicalType.FLOAT, rows));
        }
        double[] p = new double[CLASSES];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int k = 0; k < CLASSES; k++) {
                p[k] = Math.exp(1.5 * gaussian(random) + 0.1 * k);
                sum += p[k];
            }
            double u = random.nextDouble() * sum;
            int drawn = CLASSES - 1;
            double cumulative = 0;
            for (int k = 0; k < CLASSES; k++) {
                cumulative += p[k];
                if (u < cumulative) {
                    drawn = k;
                    break;
                }
            }
            target.append("c" + drawn);
            for (int k = 0; k < CLASSES; k++) {
                probas.get(k).append(Math.rint(p[k] / sum * 1e4) / 1e4);
            }
        }
        List<Column> columns = new ArrayList<>();
        columns.add(target.build());
        for (NumericColumnBuilder b : probas) {
            columns.add(b.build());
        }
        return Table.of(columns);
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
