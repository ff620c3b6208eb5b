package io.driftwatch.integrity;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.bench.SyntheticBatches;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.Table;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The reference conditions on a 1,000,000-row × 50-column batch (40 numeric, 10 categorical) against a
 * cached profile of the same shape, after parsing: on the calling thread ({@code oneThread}) and with
 * the columns in parallel on all cores ({@code allCores}). {@code fault = scaled} multiplies every
 * numeric column by 100, so every value is out of range (the slow path keeps the extremes).
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar ReferenceConditionsBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-XX:+UseParallelGC"})
public class ReferenceConditionsBenchmark {

    @State(Scope.Benchmark)
    public static class Batch {
        @Param({"1000000"})
        int rows;

        @Param({"none", "scaled"})
        String fault;

        CheckData data;
        DuplicatedRows duplicates;
        ReferenceConditions conditions;
        ExecutorService pool;

        @Setup(Level.Trial)
        public void setUp() {
            ReferenceProfile profile = ReferenceProfile.of(SyntheticBatches.table(rows, 40, 10, 0, 11));
            Table current = SyntheticBatches.table(rows, 40, 10, 0.05, 12);
            if (fault.equals("scaled")) {
                List<Column> columns = new ArrayList<>();
                for (Column c : current.columns()) {
                    columns.add(c instanceof NumericColumn n ? scaled(n) : c);
                }
                current = Table.of(columns);
            }
            data = new CheckData(java.util.Optional.of(profile), current, TypeInference.infer(current, Map.of()));
            duplicates = new DuplicatedRows(rows, 0, rows, 0);
            conditions = new ReferenceConditions(IntegrityOptions.defaults().withTests(IntegrityOptions.Tests.REFERENCE),
                    Set.of());
            pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdownNow();
        }

        private static NumericColumn scaled(NumericColumn column) {
            NumericColumnBuilder b = new NumericColumnBuilder(column.name(), column.physicalType(), column.length());
            for (int i = 0; i < column.length(); i++) {
                b.append(column.value(i) * 100 + 1e6);
            }
            return b.build();
        }
    }

    @Benchmark
    public List<IntegrityFinding> oneThread(Batch batch) {
        return batch.conditions.evaluate(batch.data, batch.duplicates, Runnable::run);
    }

    @Benchmark
    public List<IntegrityFinding> allCores(Batch batch) {
        return batch.conditions.evaluate(batch.data, batch.duplicates, batch.pool);
    }
}
