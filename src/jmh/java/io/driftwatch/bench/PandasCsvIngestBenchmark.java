package io.driftwatch.bench;

import io.driftwatch.data.Table;
import io.driftwatch.io.CsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Reading the CSV files users have, as pandas writes them ({@link PandasStyleBatches}: floats with
 * ten significant digits, integers with ties, empty cells, string categories of 3–200 labels),
 * 50 columns, with {@link CsvReader}. The reference-shaped file is generated once per trial,
 * deterministically, under a temporary directory (about 490 MB at 1,000,000 rows).
 *
 * <p>Throughput mode with auxiliary counters: {@code bytes} and {@code rows} are per second.
 *
 * <p>Run: {@code mvn -q -B -Pbench package -DskipTests && java -jar target/benchmarks.jar
 * PandasCsvIngest -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
public class PandasCsvIngestBenchmark {
    @Param("1000000")
    public int rows;

    private Path dir;
    private Path file;
    private long fileBytes;

    /** Per-invocation counters, reported by JMH as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public long bytes;
        public long rows;
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("pandas-ingest-bench");
        file = dir.resolve("reference.csv");
        PandasStyleBatches.write(file, rows, false, 20240601L);
        fileBytes = Files.size(file);
        System.out.printf("%n# generated %s: %,d bytes, %,d rows%n", file, fileBytes, rows);
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public Table read(Volume volume) {
        Table table = CsvReader.read(file);
        volume.bytes += fileBytes;
        volume.rows += table.rowCount();
        return table;
    }
}
