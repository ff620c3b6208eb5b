package io.driftwatch.bench;

import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Table;
import io.driftwatch.drift.DriftAnalysis;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
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
 * How a check's time grows with the batch: a 10-column batch (8 numeric, 2 categorical, automatic
 * tests) from 10,000 to 10,000,000 rows against a cached profile of the same size. Divide the
 * score by the row count for time per row. {@code java -jar target/benchmarks.jar DriftScalingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
public class DriftScalingBenchmark {
    @Param({"10000", "100000", "1000000", "10000000"})
    int rows;

    ReferenceProfile profile;
    Table current;
    Map<String, ColumnType> types;
    ExecutorService pool;
    DriftAnalysis analysis;

    @Setup(Level.Trial)
    public void setUp() {
        profile = ReferenceProfile.of(SyntheticBatches.table(rows, 8, 2, 0, 21));
        current = SyntheticBatches.table(rows, 8, 2, 0.05, 22);
        types = TypeInference.infer(current, Map.of());
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        analysis = DriftAnalysis.on(pool);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    @Benchmark
    public DriftResult check() {
        return analysis.run(profile, current, types, DriftOptions.defaults());
    }
}
