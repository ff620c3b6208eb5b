package io.driftwatch.api;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.io.Datasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;

/**
 * The batches API tests send: the bike-sharing example (January 2011 as reference, January 2012 as
 * current, which drift), cut, gzipped or converted to Arrow with Arrow Java's own writers.
 *
 * <p>Thread-safe: stateless.
 */
final class Batches {
    static final Path REFERENCE = Path.of("examples/bike-sharing/reference.csv");
    static final Path CURRENT = Path.of("examples/bike-sharing/current.csv");
    static final Path MONITOR = Path.of("examples/bike-sharing/monitor.yml");
    static final int REFERENCE_ROWS = 688;
    static final int CURRENT_ROWS = 741;
    static final List<String> COLUMNS = List.of("instant", "dteday", "season", "yr", "mnth", "hr", "holiday",
            "weekday", "workingday", "weathersit", "temp", "atemp", "hum", "windspeed", "casual", "registered", "cnt");

    private Batches() {
    }

    static byte[] reference() {
        return read(REFERENCE);
    }

    static byte[] current() {
        return read(CURRENT);
    }

    /** The example monitor definition (YAML) named {@code name}, on reference dataset {@code referenceId}. */
    static String monitorYaml(String name, String referenceId) {
        String yaml = new String(read(MONITOR), StandardCharsets.UTF_8)
                .replace("name: bike-sharing", "name: " + name)
                .replace("reference: examples/bike-sharing/reference.csv", "reference: " + referenceId);
        if (!yaml.contains("name: " + name + "\n") || !yaml.contains("reference: " + referenceId + "\n")) {
            throw new IllegalStateException("examples/bike-sharing/monitor.yml changed shape: " + yaml);
        }
        return yaml;
    }

    /** The header and the first {@code rows} data rows of a CSV. */
    static byte[] firstRows(byte[] csv, int rows) {
        int lines = 0;
        for (int i = 0; i < csv.length; i++) {
            if (csv[i] == '\n' && ++lines == rows + 1) {
                return java.util.Arrays.copyOf(csv, i + 1);
            }
        }
        return csv;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id the service gives a dataset of these (decompressed) bytes. */
    static String datasetId(byte[] bytes) {
        return sha256(bytes).substring(0, 24);
    }

    /**
     * {@code csv} as Arrow IPC, file format or stream format, in record batches of at most 256 rows:
     * whole-number columns as int64, decimals as float64, text as utf8.
     */
    static byte[] arrow(byte[] csv, boolean fileFormat) {
        Table table = readCsv(csv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = new RootAllocator()) {
            List<FieldVector> vectors = new ArrayList<>();
            for (Column c : table.columns()) {
                vectors.add(vector(c, allocator));
            }
            try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
                    ArrowWriter writer = fileFormat ? new ArrowFileWriter(root, null, Channels.newChannel(out))
                            : new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
                writer.start();
                for (int from = 0; from < table.rowCount(); from += 256) {
                    int n = Math.min(256, table.rowCount() - from);
                    for (int c = 0; c < table.columnCount(); c++) {
                        fill(vectors.get(c), table.column(c), from, n);
                    }
                    root.setRowCount(n);
                    writer.writeBatch();
                }
                writer.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Table readCsv(byte[] csv) {
        try {
            Path tmp = Files.createTempFile("driftwatch-batch", ".csv");
            try {
                Files.write(tmp, csv);
                return Datasets.read(tmp).table();
            } finally {
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FieldVector vector(Column c, BufferAllocator allocator) {
        if (c instanceof CategoricalColumn) {
            return new VarCharVector(c.name(), allocator);
        }
        return switch (c.physicalType()) {
            case INTEGER -> new BigIntVector(c.name(), allocator);
            case BOOLEAN -> new BitVector(c.name(), allocator);
            case TIMESTAMP -> new TimeStampMilliVector(c.name(), allocator);
            default -> new Float8Vector(c.name(), allocator);
        };
    }

    private static void fill(FieldVector vector, Column column, int from, int n) {
        vector.setInitialCapacity(n);
        vector.allocateNew();
        for (int i = 0; i < n; i++) {
            int row = from + i;
            if (column.isMissing(row)) {
                continue;
            }
            if (column instanceof CategoricalColumn cat) {
                ((VarCharVector) vector).setSafe(i, cat.labelAt(row).getBytes(StandardCharsets.UTF_8));
            } else {
                double v = ((NumericColumn) column).value(row);
                if (vector instanceof BigIntVector big) {
                    big.setSafe(i, (long) v);
                } else if (vector instanceof BitVector bit) {
                    bit.setSafe(i, v != 0 ? 1 : 0);
                } else if (vector instanceof TimeStampMilliVector ts) {
                    ts.setSafe(i, (long) v);
                } else {
                    ((Float8Vector) vector).setSafe(i, v);
                }
            }
        }
        vector.setValueCount(n);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
