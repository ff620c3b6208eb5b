package io.driftwatch.bench;

import io.driftwatch.data.Table;
import io.driftwatch.io.ArrowReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a 1,000,000-row × 50-column Arrow IPC file into a {@link Table}: 40 float64 columns and
 * 10 dictionary-encoded string columns of 20 labels each, in record batches of 65,536 rows, for the
 * file and the stream format. The file is generated once per trial (fixed seed) in a temporary
 * directory and read from the page cache.
 *
 * <p>Besides the time per read, the auxiliary counters {@code bytes} and {@code rows} are reported
 * per second: {@code bytes} is file bytes read, so GB/s = bytes/s / 1e9. At the end of a trial one
 * extra read measures the heap it needs beyond the result (peak of the heap pools after a GC,
 * minus the baseline, minus {@link Table#sizeInBytes()}) and prints it.
 *
 * <p>Run: {@code mvn -q -B -o -Pbench package -DskipTests && java -jar target/benchmarks.jar
 * ArrowIngest -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class ArrowIngestBenchmark {
    static final int ROWS = 1_000_000;
    static final int FLOAT_COLUMNS = 40;
    static final int STRING_COLUMNS = 10;
    static final int LABELS = 20;
    static final int BATCH_ROWS = 65_536;
    static final long SEED = 20_240_601L;

    /** Which IPC format the generated data is written in. */
    public enum Format { FILE, STREAM }

    @Param({"FILE", "STREAM"})
    public Format format;

    private Path directory;
    private Path data;
    private long fileBytes;

    /** File bytes and rows read, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public long bytes;
        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            rows = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        // Without a logging configuration Logback logs at DEBUG, and Arrow's readers log every
        // buffer they read; the service configures INFO, so measure without that noise.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.arrow"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        directory = Files.createTempDirectory("arrow-ingest");
        data = directory.resolve(format == Format.FILE ? "data.arrow" : "data.arrows");
        write(data, format);
        fileBytes = Files.size(data);
        System.out.printf("%n# %s: %,d bytes, %,d rows x %d columns%n", data.getFileName(), fileBytes, ROWS,
                FLOAT_COLUMNS + STRING_COLUMNS);
    }

    @TearDown(Level.Trial)
    public void measureHeapAndCleanUp() throws IOException {
        List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool);
            }
        }
        System.gc();
        long baseline = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            baseline += pool.getUsage().getUsed();
            pool.resetPeakUsage();
        }
        Table table = ArrowReader.read(data);
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            peak += pool.getPeakUsage().getUsed();
        }
        long result = table.sizeInBytes();
        long beyond = peak - baseline - result;
        System.out.printf("%n# heap: result %,d bytes (Table.sizeInBytes), peak beyond the result %,d bytes "
                + "= %.2f x the result (sum of pool peaks, an upper bound)%n", result, beyond,
                (double) beyond / result);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Table read(Volume volume) {
        Table table = ArrowReader.read(data);
        volume.bytes += fileBytes;
        volume.rows += table.rowCount();
        return table;
    }

    /** Writes the data set with Arrow Java's writers. */
    static void write(Path path, Format format) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < FLOAT_COLUMNS; c++) {
            fields.add(new Field(String.format("x%02d", c),
                    FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null));
        }
        for (int c = 0; c < STRING_COLUMNS; c++) {
            DictionaryEncoding encoding = new DictionaryEncoding(c, false, new ArrowType.Int(32, true));
            fields.add(new Field(String.format("s%02d", c),
                    new FieldType(true, new ArrowType.Int(32, true), encoding), null));
        }
        try (BufferAllocator allocator = new RootAllocator();
                DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider()) {
            for (int c = 0; c < STRING_COLUMNS; c++) {
                VarCharVector labels = new VarCharVector("labels" + c, allocator);
                labels.allocateNew();
                for (int k = 0; k < LABELS; k++) {
                    labels.setSafe(k, ("column" + c + "-label" + k).getBytes(StandardCharsets.UTF_8));
                }
                labels.setValueCount(LABELS);
                provider.put(new Dictionary(labels, new DictionaryEncoding(c, false, new ArrowType.Int(32, true))));
            }
            try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowWriter writer = format == Format.FILE ? new ArrowFileWriter(root, provider, channel)
                            : new ArrowStreamWriter(root, provider, channel)) {
                writer.start();
                for (int start = 0; start < ROWS; start += BATCH_ROWS) {
                    int n = Math.min(BATCH_ROWS, ROWS - start);
                    for (int c = 0; c < FLOAT_COLUMNS; c++) {
                        Float8Vector v = (Float8Vector) root.getVector(c);
                        v.allocateNew(n);
                        double mean = c;
                        for (int i = 0; i < n; i++) {
                            v.set(i, mean + random.nextDouble() * 2.0 - 1.0);
                        }
                        v.setValueCount(n);
                    }
                    for (int c = 0; c < STRING_COLUMNS; c++) {
                        IntVector v = (IntVector) root.getVector(FLOAT_COLUMNS + c);
                        v.allocateNew(n);
                        for (int i = 0; i < n; i++) {
                            v.set(i, random.nextInt(LABELS));
                        }
                        v.setValueCount(n);
                    }
                    root.setRowCount(n);
                    writer.writeBatch();
                }
                writer.end();
            }
        }
    }
}
