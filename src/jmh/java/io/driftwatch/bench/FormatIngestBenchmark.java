package io.driftwatch.bench;

import io.driftwatch.data.Table;
import io.driftwatch.io.ArrowReader;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.ParquetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Reading a Parquet or (compressed) Arrow file given by {@code path} into a {@link Table}, through
 * the reader its first bytes select ({@link ParquetReader}, {@link ArrowReader}), from the page
 * cache. The files are made outside the build from the side-by-side kit's pandas-style CSV (see the
 * README's performance section for the commands): Parquet as pandas writes it (Snappy, dictionary
 * pages, one row group), Feather v2 with LZ4 or ZSTD buffers.
 *
 * <p>Reads per second (the time per read is its inverse), with auxiliary counters per second: {@code fileBytes} (bytes of the file
 * read), {@code decodedBytes} (bytes of {@code uncompressed}, the same data as an uncompressed Arrow
 * file, when given: GB/s decoded = decodedBytes/s / 1e9) and {@code rows}.
 *
 * <p>Run: {@code mvn -q -B -o -Pbench package -DskipTests && java -jar target/benchmarks.jar
 * FormatIngest -f 1 -wi 3 -i 5 -p path=/tmp/bench/current_1000000.parquet}.
 *
 * <p>On a shared machine the wall time follows the other work; {@link #main} also reports the CPU
 * time of the whole process per read, which does not: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED
 * -cp target/benchmarks.jar io.driftwatch.bench.FormatIngestBenchmark FILE [READS]} (after three
 * warm-up reads). CPU seconds / 2 is the least wall time two idle cores could take.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class FormatIngestBenchmark {
    /** The file to read (Parquet or Arrow IPC). */
    @Param("")
    public String path;

    /** The same data as an uncompressed Arrow IPC file, whose size counts as the bytes decoded; or empty. */
    @Param("")
    public String uncompressed;

    private Path file;
    private Datasets.Format format;
    private long fileBytes;
    private long decodedBytes;

    /** Bytes and rows read, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public long fileBytes;
        public long decodedBytes;
        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            fileBytes = 0;
            decodedBytes = 0;
            rows = 0;
        }
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("give the file to read: -p path=FILE");
        }
        file = Path.of(path);
        format = Datasets.detect(file);
        fileBytes = Files.size(file);
        decodedBytes = uncompressed.isEmpty() ? 0 : Files.size(Path.of(uncompressed));
        System.out.printf("%n# %s: %s, %,d bytes%s%n", file, format, fileBytes,
                decodedBytes == 0 ? "" : String.format(", %,d bytes as uncompressed Arrow", decodedBytes));
    }

    /** Reads {@code args[0]} three times to warm up, then {@code args[1]} (default 5) times, timed. */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        boolean parquet = Datasets.detect(file) == Datasets.Format.PARQUET;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 3; i++) {
            Table t = parquet ? ParquetReader.read(file) : ArrowReader.read(file);
            if (t.rowCount() < 0) {
                throw new IllegalStateException();
            }
        }
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        long rows = 0;
        for (int i = 0; i < reads; i++) {
            rows += (parquet ? ParquetReader.read(file) : ArrowReader.read(file)).rowCount();
        }
        double wallPer = (System.nanoTime() - wall) / 1e9 / reads;
        double cpuPer = (os.getProcessCpuTime() - cpu) / 1e9 / reads;
        System.out.printf("%s: %d reads, %,d rows each: wall %.3f s per read, process CPU %.3f s per read "
                + "(%.3f s on 2 idle cores at best)%n", file, reads, rows / reads, wallPer, cpuPer, cpuPer / 2);
    }

    @Benchmark
    public Table read(Volume volume) {
        Table table = format == Datasets.Format.PARQUET ? ParquetReader.read(file) : ArrowReader.read(file);
        volume.fileBytes += fileBytes;
        volume.decodedBytes += decodedBytes;
        volume.rows += table.rowCount();
        return table;
    }
}
