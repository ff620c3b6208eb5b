package io.driftwatch.bench;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.IntegrityAnalysis;
import io.driftwatch.integrity.IntegrityResult;
import io.driftwatch.io.CsvReader;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The integrity analysis's targets (issue 16), after parsing, on all cores: Evidently's data summary
 * and default tests of a 1,000,000-row × 50-column batch shaped as the benchmark kit's files
 * ({@code kit}: {@link PandasStyleBatches}, 40 numeric columns, 10 string categories, inferred types),
 * and of a 10,000-row × 2,000-column batch (40 kit-like blocks of 50 columns side by side,
 * {@code wide}), where Evidently's pairwise duplicate-column checks hang. The reference side is a
 * profile (of the batch itself: reading it costs nothing that depends on its size). The CSV files
 * are generated once per trial under a temporary directory and parsed before the measurement.
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar IntegrityBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-XX:+UseParallelGC"})
public class IntegrityBenchmark {

    /** A batch, its types, a reference profile and the analysis on a pool of one thread per core. */
    abstract static class Batch {
        Table current;
        Map<String, ColumnType> types;
        ReferenceProfile profile;
        ExecutorService pool;
        IntegrityAnalysis analysis;

        void prepare(Table table) {
            current = table;
            types = TypeInference.infer(table, Map.of());
            pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            profile = ReferenceProfile.of(table, Set.of(), pool);
            analysis = IntegrityAnalysis.on(pool);
        }

        void close() {
            pool.shutdownNow();
        }
    }

    /** 1,000,000 rows × 50 kit-like columns. */
    @State(Scope.Benchmark)
    public static class Kit extends Batch {
        @Param("1000000")
        int rows;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            prepare(kitTable(rows, 20240602L));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** 10,000 rows × 2,000 columns: 40 blocks of the kit's 50 columns, each block drawn with its own seed. */
    @State(Scope.Benchmark)
    public static class Wide extends Batch {
        @Param("10000")
        int rows;

        @Param("40")
        int blocks;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            List<Column> columns = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                for (Column c : kitTable(rows, 7_000L + b).columns()) {
                    columns.add(renamed(c, "b" + b + "_" + c.name()));
                }
            }
            prepare(Table.of(columns));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    @Benchmark
    public IntegrityResult kit(Kit state) {
        return state.analysis.run(new CheckData(Optional.of(state.profile), state.current, state.types));
    }

    @Benchmark
    public IntegrityResult wide(Wide state) {
        return state.analysis.run(new CheckData(Optional.of(state.profile), state.current, state.types));
    }

    /** A kit-like batch, written as pandas writes it and parsed as a check parses it. */
    static Table kitTable(int rows, long seed) throws IOException {
        Path dir = Files.createTempDirectory("integrity-bench");
        Path file = dir.resolve("batch.csv");
        try {
            PandasStyleBatches.write(file, rows, true, seed);
            return CsvReader.read(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static Column renamed(Column c, String name) {
        if (c instanceof NumericColumn n) {
            return NumericColumn.wrap(name, n.physicalType(), n.values(), n.length());
        }
        CategoricalColumn l = (CategoricalColumn) c;
        return CategoricalColumn.wrap(name, l.codes(), l.length(), l.dictionary());
    }
}
