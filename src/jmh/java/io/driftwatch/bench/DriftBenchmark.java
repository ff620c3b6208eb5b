package io.driftwatch.bench;

import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.drift.DriftAnalysis;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.stats.DriftTest;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.NumericSamples;
import io.driftwatch.stats.TestResult;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The drift engine's targets (issue 3): one numeric column of 1,000,000 current values against a
 * cached profile of 1,000,000 ({@code singleColumn}: sorting the current column plus the test),
 * and a whole 1,000,000-row × 50-column check (40 numeric, 10 categorical, automatic test choice)
 * against a cached profile, after parsing ({@code wholeCheck}), columns in parallel on all cores.
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar DriftBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-XX:+UseParallelGC"})
public class DriftBenchmark {

    /** One numeric column, 1M current values against a cached 1M-value profile. */
    @State(Scope.Benchmark)
    public static class OneColumn {
        @Param({"ks", "wasserstein", "psi", "jensenshannon"})
        String test;

        NumericProfile reference;
        NumericColumn current;
        DriftTest driftTest;

        @Setup(Level.Trial)
        public void setUp() {
            Table ref = SyntheticBatches.table(1_000_000, 1, 0, 0, 1);
            Table cur = SyntheticBatches.table(1_000_000, 1, 0, 0.05, 2);
            reference = (NumericProfile) ReferenceProfile.of(ref).column("n0").orElseThrow();
            current = (NumericColumn) cur.column(0);
            driftTest = DriftTests.byName(test).orElseThrow();
        }
    }

    @Benchmark
    public TestResult singleColumn(OneColumn state) {
        NumericSamples sample = NumericSamples.ofSorted(state.reference.sortedValues(), state.current.sortedFiniteValues());
        return state.driftTest.test(sample);
    }

    /** A whole check of a 50-column batch (40 numeric, 10 categorical) against a cached profile. */
    @State(Scope.Benchmark)
    public static class WholeBatch {
        @Param({"1000000"})
        int rows;

        ReferenceProfile profile;
        Table current;
        Map<String, ColumnType> types;
        ExecutorService pool;
        DriftAnalysis analysis;

        @Setup(Level.Trial)
        public void setUp() {
            profile = ReferenceProfile.of(SyntheticBatches.table(rows, 40, 10, 0, 11));
            current = SyntheticBatches.table(rows, 40, 10, 0.05, 12);
            types = TypeInference.infer(current, Map.of());
            pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            analysis = DriftAnalysis.on(pool);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public DriftResult wholeCheck(WholeBatch state) {
        return state.analysis.run(state.profile, state.current, state.types, DriftOptions.defaults());
    }
}
