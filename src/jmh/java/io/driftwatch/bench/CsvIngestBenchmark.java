package io.driftwatch.bench;

import io.driftwatch.data.Table;
import io.driftwatch.io.CsvReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Reading a 1,000,000-row × 50-column CSV file with {@link CsvReader}, in one of two shapes
 * ({@code shape}): {@code six-digit} (40 numeric columns with about six significant digits, 10
 * categorical columns drawn from 20 labels) or {@code pandas} (as pandas writes the files users have:
 * {@link PandasStyleBatches}, floats with ten significant digits, integers with ties, empty cells,
 * string categories of 3–200 labels). The file is generated once per trial, deterministically, under
 * a temporary directory.
 *
 * <p>Throughput mode with auxiliary counters: the {@code bytes} and {@code rows} lines of the
 * result are bytes per second (file size / time) and rows per second.
 *
 * <p>Run: {@code mvn -q -B -o -Pbench package -DskipTests && java -jar target/benchmarks.jar
 * CsvIngest -f 1 -wi 2 -i 3 -p shape=six-digit} (or {@code -p shape=pandas}). {@code main} reads the
 * six-digit file once and prints the columnar size, for a peak-heap run under
 * {@code /usr/bin/time -v java -Xmx… -cp target/benchmarks.jar io.driftwatch.bench.CsvIngestBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class CsvIngestBenchmark {
    static final int NUMERIC_COLUMNS = 40;
    static final int CATEGORICAL_COLUMNS = 10;
    static final String[] LABELS = {
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
        "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    };

    @Param("1000000")
    public int rows;

    @Param({"six-digit", "pandas"})
    public String shape;

    /**
     * A CSV file to read instead of a generated one (for example a file of the side-by-side kit's
     * {@code gen_data.py}); empty: generate one of {@code shape}.
     */
    @Param("")
    public String path;

    /**
     * For {@link #readPair} and {@link #readPairAtOnce}: the current batch read with {@link #path}
     * (the kit's {@code current_N.csv} beside {@code reference_N.csv}).
     */
    @Param("")
    public String current;

    private Path dir;
    private Path file;
    private long fileBytes;
    /** For {@link #readPairAtOnce}: one thread per core, as {@code CheckRunner}'s pool. */
    private final ExecutorService checkThreads = checkThreads();

    /** Per-invocation counters, reported by JMH as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public long bytes;
        public long rows;
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        if (!path.isEmpty()) {
            file = Path.of(path);
            fileBytes = Files.size(file);
            return;
        }
        dir = Files.createTempDirectory("csv-ingest-bench");
        file = dir.resolve("ingest.csv");
        if ("pandas".equals(shape)) {
            PandasStyleBatches.write(file, rows, false, 20240601L);
        } else {
            write(file, rows);
        }
        fileBytes = Files.size(file);
        System.out.printf("%n# generated %s: %,d bytes, %,d rows%n", file, fileBytes, rows);
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        checkThreads.shutdownNow();
        if (dir == null) {
            return; // the user's file
        }
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

    /**
     * Reading a reference and a current batch one after the other: run with
     * {@code -p path=DIR/reference_N.csv -p current=DIR/current_N.csv}; the {@code bytes} rate counts
     * both files.
     */
    @Benchmark
    public Table[] readPair(Volume volume) throws IOException {
        if (current.isEmpty()) {
            throw new IllegalArgumentException("readPair needs -p current=FILE");
        }
        Path second = Path.of(current);
        Table reference = CsvReader.read(file);
        Table currentTable = CsvReader.read(second);
        volume.bytes += fileBytes + Files.size(second);
        volume.rows += reference.rowCount() + currentTable.rowCount();
        return new Table[] {reference, currentTable};
    }

    /**
     * Reading a reference and a current batch at once, each on a thread of a pool of one thread per
     * core, as {@code check} reads them ({@code CheckRunner}); each file is still cut into parts of
     * its own. Run with {@code -p path=… -p current=…} as {@link #readPair}.
     */
    @Benchmark
    public Table[] readPairAtOnce(Volume volume) throws IOException {
        if (current.isEmpty()) {
            throw new IllegalArgumentException("readPairAtOnce needs -p current=FILE");
        }
        Path second = Path.of(current);
        Table[] both = readAtOnce(file, second, checkThreads);
        volume.bytes += fileBytes + Files.size(second);
        volume.rows += both[0].rowCount() + both[1].rowCount();
        return both;
    }

    /** One daemon thread per core, as {@code CheckRunner}'s pool. */
    static ExecutorService checkThreads() {
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "bench-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code reference} and {@code current} read at once on {@code pool}, as {@code check} reads them. */
    static Table[] readAtOnce(Path reference, Path current, ExecutorService pool) {
        CompletableFuture<Table> first = CompletableFuture.supplyAsync(() -> CsvReader.read(reference), pool);
        CompletableFuture<Table> second = CompletableFuture.supplyAsync(() -> CsvReader.read(current), pool);
        return new Table[] {first.join(), second.join()};
    }

    /** Writes the benchmark file: header, then {@code rows} rows, LF line ends. */
    static void write(Path target, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(20240611L);
        byte[] line = new byte[4096];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            StringBuilder header = new StringBuilder();
            for (int c = 0; c < NUMERIC_COLUMNS; c++) {
                header.append("num_").append(c).append(',');
            }
            for (int c = 0; c < CATEGORICAL_COLUMNS; c++) {
                header.append("cat_").append(c).append(c == CATEGORICAL_COLUMNS - 1 ? "\n" : ",");
            }
            out.write(header.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int r = 0; r < rows; r++) {
                int n = 0;
                for (int c = 0; c < NUMERIC_COLUMNS; c++) {
                    n = writeNumber(line, n, random);
                    line[n++] = ',';
                }
                for (int c = 0; c < CATEGORICAL_COLUMNS; c++) {
                    String label = LABELS[random.nextInt(LABELS.length)];
                    for (int i = 0; i < label.length(); i++) {
                        line[n++] = (byte) label.charAt(i);
                    }
                    line[n++] = c == CATEGORICAL_COLUMNS - 1 ? (byte) '\n' : (byte) ',';
                }
                out.write(line, 0, n);
            }
        }
    }

    /** Six significant digits with the decimal point anywhere from 0.xxxxxx to xxxxxx, a fifth negative. */
    private static int writeNumber(byte[] buf, int n, SplittableRandom random) {
        if (random.nextInt(5) == 0) {
            buf[n++] = '-';
        }
        int digits = 100_000 + random.nextInt(900_000);
        int integerDigits = random.nextInt(7); // 0..6 digits before the point
        if (integerDigits == 0) {
            buf[n++] = '0';
        }
        int divisor = 100_000;
        for (int i = 0; i < 6; i++) {
            if (i == integerDigits && i > 0 || i == 0 && integerDigits == 0) {
                buf[n++] = '.';
            }
            buf[n++] = (byte) ('0' + digits / divisor % 10);
            divisor /= 10;
        }
        return n;
    }

    /** Reads the file once (generating it if absent) and prints rows, columnar size and time. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/ingest.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (!Files.exists(target)) {
            write(target, rows);
        }
        long start = System.nanoTime();
        Table table = CsvReader.read(target);
        double seconds = (System.nanoTime() - start) / 1e9;
        long size = Files.size(target);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%s: %,d bytes, %,d rows, columnar %,d bytes, %.2f s, %.0f MB/s, heap used after %,d%n",
                target, size, table.rowCount(), table.sizeInBytes(), seconds, size / seconds / 1e6,
                runtime.totalMemory() - runtime.freeMemory());
    }
}
