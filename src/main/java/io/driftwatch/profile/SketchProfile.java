package io.driftwatch.profile;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.io.ArrowReader;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.CsvStream;
import io.driftwatch.io.Datasets;
import io.driftwatch.profile.ReferenceProfile.InvalidProfileException;
import io.driftwatch.stats.SketchSample;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;
import org.apache.datasketches.common.SketchesException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A batch reduced to mergeable sketches, for data that does not fit one machine or one pass: per
 * numeric column a {@link NumericSketch} (exact counts, min, max and moments, a KLL quantile sketch,
 * exact value counts while few), per categorical column a {@link CategoricalSketch} (exact label
 * counts while few, then a frequent-items sketch). Profiles of parts of a table (files, partitions,
 * chunks of a stream) {@link #merge} into the profile of the whole; merging is associative and
 * commutative: the exact parts come out the same in any order (the moments up to rounding), the
 * sketches within their documented error.
 *
 * <p>The binary form ({@link #writeTo}, {@link #readFrom}) is documented byte by byte in
 * docs/sketch-profile.md: the magic {@code DWSKETCH}, a format version, the settings, the row count,
 * per column its exact facts and the DataSketches serialisation of its sketch, and a CRC-32 of all of
 * it, so a corrupt file is refused rather than read as different numbers.
 *
 * <p>Thread-safe: immutable once built (every column's summary is computed before the profile is
 * returned). {@link Builder} is not thread-safe.
 */
public final class SketchProfile {
    private static final byte[] MAGIC = "DWSKETCH".getBytes(StandardCharsets.US_ASCII);
    /** The format version this Driftwatch writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final byte NUMERIC = 0;
    private static final byte CATEGORICAL = 1;
    private static final int MAX_SKETCH_BYTES = 1 << 28;

    private final SketchSettings settings;
    private final long rowCount;
    private final Map<String, ColumnSketch> columns;

    private SketchProfile(SketchSettings settings, long rowCount, Map<String, ColumnSketch> columns) {
        this.settings = settings;
        this.rowCount = rowCount;
        this.columns = Collections.unmodifiableMap(columns);
        for (ColumnSketch c : columns.values()) {
            if (c instanceof NumericSketch n) {
                n.seal();
            } else {
                ((CategoricalSketch) c).seal();
            }
        }
    }

    /** The profile of {@code table} with {@code settings}. */
    public static SketchProfile of(Table table, SketchSettings settings) {
        return builder(settings).add(table).build();
    }

    /** An empty builder to add batches and merge profiles into. */
    public static Builder builder(SketchSettings settings) {
        return new Builder(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * The profile of both batches, as if profiled together: columns of either (in this profile's order,
     * then the other's new ones), rows added.
     *
     * @throws IllegalArgumentException when the settings differ or a column is numeric in one and
     *     categorical in the other
     */
    public SketchProfile merge(SketchProfile other) {
        return builder(settings).merge(this).merge(other).build();
    }

    /**
     * This profile beside {@code other}, a profile of the same rows' other columns (as a job that
     * profiles a wide table a group of columns at a time makes): this profile's columns, then the
     * other's; the row count stays. Nothing is merged: the sketches are the two profiles' own.
     *
     * @throws IllegalArgumentException when the settings or row counts differ or a column is in both
     */
    public SketchProfile withColumnsOf(SketchProfile other) {
        if (!other.settings.equals(settings)) {
            throw new IllegalArgumentException("profiles of different settings do not join: " + settings + " and "
                    + other.settings);
        }
        if (other.rowCount != rowCount) {
            throw new IllegalArgumentException("profiles of " + rowCount + " and " + other.rowCount
                    + " rows are not of the same rows");
        }
        Map<String, ColumnSketch> all = new LinkedHashMap<>(columns);
        for (ColumnSketch c : other.columns.values()) {
            if (all.put(c.name(), c) != null) {
                throw new IllegalArgumentException("column '" + c.name() + "' is in both profiles");
            }
        }
        return new SketchProfile(settings, rowCount, all);
    }

    public SketchSettings settings() {
        return settings;
    }

    /** Number of rows profiled. */
    public long rowCount() {
        return rowCount;
    }

    /** The sketch of the column called {@code name}, if profiled. */
    public Optional<ColumnSketch> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** All columns, in order. */
    public List<ColumnSketch> columns() {
        return List.copyOf(columns.values());
    }

    /**
     * The input of a sketch test for one column of this (reference) profile against the same column of
     * {@code current}.
     *
     * @throws IllegalArgumentException when either profile lacks the column or its kinds differ
     */
    public SketchSample sample(String column, SketchProfile current) {
        ColumnSketch r = column(column).orElseThrow(
                () -> new IllegalArgumentException("the reference has no column '" + column + "'"));
        ColumnSketch c = current.column(column).orElseThrow(
                () -> new IllegalArgumentException("the current batch has no column '" + column + "'"));
        if (r instanceof NumericSketch rn && c instanceof NumericSketch cn) {
            return new SketchSample.Numeric(rn.summary(), cn.summary());
        }
        if (r instanceof CategoricalSketch rc && c instanceof CategoricalSketch cc) {
            return new SketchSample.Categorical(rc.summary(), cc.summary());
        }
        throw new IllegalArgumentException("column '" + column + "' holds numbers on one side and text on the other");
    }

    /** Accumulates batches and profiles into one profile. Not thread-safe. */
    public static final class Builder {
        private final SketchSettings settings;
        private final Map<String, ColumnSketch> columns = new LinkedHashMap<>();
        private long rows;
        private boolean built;

        private Builder(SketchSettings settings) {
            this.settings = settings;
        }

        /** Adds every row of {@code batch}. */
        public Builder add(Table batch) {
            open();
            for (Column column : batch.columns()) {
                if (column instanceof NumericColumn numbers) {
                    NumericSketch s = numeric(numbers.name(), numbers.physicalType());
                    double[] cells = new double[Math.min(numbers.length(), 1 << 16)];
                    for (int from = 0; from < numbers.length(); from += cells.length) {
                        int n = Math.min(cells.length, numbers.length() - from);
                        numbers.copyValues(from, cells, 0, n);
                        s.update(cells, 0, n);
                    }
                } else {
                    CategoricalColumn labels = (CategoricalColumn) column;
                    CategoricalSketch s = categorical(labels.name());
                    long[] byCode = labels.countsByCode();
                    for (int code = 0; code < byCode.length; code++) {
                        if (byCode[code] > 0) {
                            s.update(labels.label(code), byCode[code]);
                        }
                    }
                    if (labels.missingCount() > 0) {
                        s.update(null, labels.missingCount());
                    }
                }
            }
            rows += batch.rowCount();
            return this;
        }

        /**
         * Adds every row of the CSV or Arrow file {@code file}. A CSV file is streamed in bounded batches
         * ({@link CsvStream}: column types decided from its first rows, the heap needed independent of
         * the file's length); an Arrow file or stream record batch by record batch
         * ({@link ArrowReader#stream}), likewise; any other format {@link Datasets} reads is read
         * whole, then added.
         *
         * @throws io.driftwatch.io.UnreadableDatasetException naming file, line or record batch, and
         *     column, when the file cannot be read or a cell does not fit its column's type
         */
        public Builder read(Path file, CsvOptions csv) {
            open();
            switch (Datasets.detect(file)) {
                case CSV -> CsvStream.read(file, csv, this::add);
                case ARROW_FILE, ARROW_STREAM -> ArrowReader.stream(file, this::add);
                default -> add(Datasets.readTable(file, csv)); // a format without a streamed read: whole
            }
            return this;
        }

        /** Merges {@code profile} in (its sketches are copied, not changed). */
        public Builder merge(SketchProfile profile) {
            open();
            if (!profile.settings.equals(settings)) {
                throw new IllegalArgumentException("profiles of different settings do not merge: " + settings + " and "
                        + profile.settings);
            }
            for (ColumnSketch c : profile.columns.values()) {
                ColumnSketch mine = columns.get(c.name());
                if (mine == null) {
                    columns.put(c.name(), c instanceof NumericSketch n ? n.copy() : ((CategoricalSketch) c).copy());
                } else if (mine instanceof NumericSketch a && c instanceof NumericSketch b) {
                    a.merge(b);
                } else if (mine instanceof CategoricalSketch a && c instanceof CategoricalSketch b) {
                    a.merge(b);
                } else {
                    throw new IllegalArgumentException("column '" + c.name()
                            + "' is numeric in one profile and categorical in the other");
                }
            }
            rows += profile.rowCount;
            return this;
        }

        /** The profile of everything added; the builder cannot be used after. */
        public SketchProfile build() {
            open();
            built = true;
            return new SketchProfile(settings, rows, columns);
        }

        private void open() {
            if (built) {
                throw new IllegalStateException("this builder has built its profile");
            }
        }

        private NumericSketch numeric(String name, PhysicalType type) {
            ColumnSketch c = columns.computeIfAbsent(name, n -> new NumericSketch(n, type, settings));
            if (!(c instanceof NumericSketch s)) {
                throw new IllegalArgumentException("column '" + name + "' is categorical in an earlier batch, numeric now");
            }
            return s;
        }

        private CategoricalSketch categorical(String name) {
            ColumnSketch c = columns.computeIfAbsent(name, n -> new CategoricalSketch(n, settings));
            if (!(c instanceof CategoricalSketch s)) {
                throw new IllegalArgumentException("column '" + name + "' is numeric in an earlier batch, categorical now");
            }
            return s;
        }
    }

    // ---- binary form (docs/sketch-profile.md) ----

    /** Writes the binary form. Does not close {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        data.write(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(settings.k());
        data.writeInt(settings.exactValues());
        data.writeInt(settings.exactLabels());
        data.writeInt(settings.frequentItemsMapSize());
        data.writeLong(rowCount);
        data.writeInt(columns.size());
        for (ColumnSketch c : columns.values()) {
            data.writeByte(c instanceof NumericSketch ? NUMERIC : CATEGORICAL);
            ReferenceProfile.writeString(data, c.name());
            data.writeByte(c.physicalType().ordinal());
            data.writeLong(c.rows());
            data.writeLong(c.missing());
            if (c instanceof NumericSketch n) {
                data.writeLong(n.infinite());
                data.writeLong(n.count());
                data.writeDouble(n.min());
                data.writeDouble(n.max());
                data.writeDouble(n.mean());
                data.writeDouble(n.m2());
                double[] values = n.keptValues();
                long[] counts = n.keptCounts();
                data.writeInt(values == null ? -1 : values.length);
                if (values != null) {
                    for (int i = 0; i < values.length; i++) {
                        data.writeDouble(values[i]);
                        data.writeLong(counts[i]);
                    }
                }
                byte[] kll = n.kllBytes();
                data.writeInt(kll.length);
                data.write(kll);
            } else {
                CategoricalSketch s = (CategoricalSketch) c;
                Map<String, long[]> exact = s.exactCounts();
                if (exact != null) {
                    data.writeByte(0);
                    data.writeInt(exact.size());
                    String[] labels = exact.keySet().toArray(new String[0]);
                    Arrays.sort(labels); // the same bytes for the same counts
                    for (String label : labels) {
                        ReferenceProfile.writeString(data, label);
                        data.writeLong(exact.get(label)[0]);
                    }
                } else {
                    data.writeByte(1);
                    byte[] bytes = s.frequentBytes();
                    data.writeInt(bytes.length);
                    data.write(bytes);
                }
            }
        }
        data.flush();
        byte[] bytes = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        DataOutputStream sink = new DataOutputStream(out);
        sink.write(bytes);
        sink.writeInt((int) crc.getValue());
        sink.flush();
    }

    /** The binary form as bytes. */
    public byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    /** Whether {@code head} starts like a sketch profile. */
    public static boolean looksLikeSketchProfile(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /**
     * Reads a profile written by {@link #writeTo}: the whole stream.
     *
     * @param sourceName names the source in error messages
     * @throws InvalidProfileException when the bytes are not a sketch profile, of an unknown version,
     *     truncated, or corrupt (the checksum or a sketch does not hold)
     */
    public static SketchProfile readFrom(InputStream in, String sourceName) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new InvalidProfileException(sourceName + " is not a Driftwatch sketch profile");
        }
        DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(all));
        try {
            data.skipNBytes(MAGIC.length);
            int version = data.readInt();
            if (version != FORMAT_VERSION) {
                throw new InvalidProfileException(sourceName + " is a sketch profile of format version " + version
                        + "; this Driftwatch reads version " + FORMAT_VERSION);
            }
            if (all.length < MAGIC.length + 8) {
                throw new EOFException();
            }
            int bodyLength = all.length - 4;
            CRC32 crc = new CRC32();
            crc.update(all, 0, bodyLength);
            int stored = ((all[bodyLength] & 0xff) << 24) | ((all[bodyLength + 1] & 0xff) << 16)
                    | ((all[bodyLength + 2] & 0xff) << 8) | (all[bodyLength + 3] & 0xff);
            if (stored != (int) crc.getValue()) {
                throw new InvalidProfileException(sourceName + " is corrupt or truncated: its checksum does not match"
                        + " its contents");
            }
            SketchSettings settings;
            try {
                settings = new SketchSettings(data.readInt(), data.readInt(), data.readInt(), data.readInt());
            } catch (IllegalArgumentException e) {
                throw new InvalidProfileException(sourceName + ": invalid settings: " + e.getMessage(), e);
            }
            long rows = data.readLong();
            int count = data.readInt();
            if (rows < 0 || count < 0) {
                throw new InvalidProfileException(sourceName + ": negative row or column count");
            }
            Map<String, ColumnSketch> columns = new LinkedHashMap<>();
            PhysicalType[] types = PhysicalType.values();
            for (int c = 0; c < count; c++) {
                int kind = data.readByte();
                String name = ReferenceProfile.readString(data);
                int typeOrdinal = data.readByte();
                if (typeOrdinal < 0 || typeOrdinal >= types.length) {
                    throw new InvalidProfileException(sourceName + ": column '" + name + "' has an unknown type");
                }
                long columnRows = data.readLong();
                long missing = data.readLong();
                ColumnSketch sketch;
                if (kind == NUMERIC) {
                    sketch = readNumeric(data, sourceName, name, types[typeOrdinal], settings, columnRows, missing);
                } else if (kind == CATEGORICAL) {
                    sketch = readCategorical(data, sourceName, name, settings, columnRows, missing);
                } else {
                    throw new InvalidProfileException(sourceName + ": column '" + name + "' has an unknown kind " + kind);
                }
                if (columns.put(name, sketch) != null) {
                    throw new InvalidProfileException(sourceName + ": column '" + name + "' appears twice");
                }
            }
            if (data.available() != 4) {
                throw new InvalidProfileException(sourceName + ": " + (data.available() - 4)
                        + " bytes follow the last column");
            }
            return new SketchProfile(settings, rows, columns);
        } catch (EOFException e) {
            throw new InvalidProfileException(sourceName + " is truncated: the sketch profile ends early", e);
        }
    }

    private static NumericSketch readNumeric(DataInputStream data, String source, String name, PhysicalType type,
            SketchSettings settings, long rows, long missing) throws IOException {
        long infinite = data.readLong();
        long count = data.readLong();
        double min = data.readDouble();
        double max = data.readDouble();
        double mean = data.readDouble();
        double m2 = data.readDouble();
        if (infinite < 0 || count < 0 || missing < 0 || missing + infinite + count != rows) {
            throw new InvalidProfileException(source + ": column '" + name + "' has counts that do not add up ("
                    + rows + " rows, " + missing + " missing, " + infinite + " infinite, " + count + " finite)");
        }
        int kept = data.readInt();
        if (kept > settings.exactValues()) {
            throw new InvalidProfileException(source + ": column '" + name + "' keeps " + kept
                    + " exact values, more than its settings allow");
        }
        double[] values = null;
        long[] counts = null;
        if (kept >= 0) {
            values = new double[kept];
            counts = new long[kept];
            long total = 0;
            for (int i = 0; i < kept; i++) {
                values[i] = data.readDouble();
                counts[i] = data.readLong();
                if (counts[i] <= 0 || (i > 0 && !(values[i] > values[i - 1]))) {
                    throw new InvalidProfileException(source + ": column '" + name
                            + "' has exact values out of order or with a count below 1");
                }
                total += counts[i];
            }
            if (total != count) {
                throw new InvalidProfileException(source + ": column '" + name + "' has exact value counts adding up to "
                        + total + ", not its " + count + " finite values");
            }
        }
        byte[] bytes = readBlock(data, source, name);
        KllDoublesSketch kll;
        try {
            kll = KllDoublesSketch.heapify(Memory.wrap(bytes));
        } catch (SketchesException | IndexOutOfBoundsException e) {
            throw new InvalidProfileException(source + ": column '" + name + "' holds an unreadable KLL sketch: "
                    + e.getMessage(), e);
        }
        if (kll.getN() != count) {
            throw new InvalidProfileException(source + ": column '" + name + "' has a KLL sketch of " + kll.getN()
                    + " values for " + count + " finite values");
        }
        return NumericSketch.restore(name, type, settings, rows, missing, infinite, count, min, max, mean, m2, values,
                counts, kll);
    }

    private static CategoricalSketch readCategorical(DataInputStream data, String source, String name,
            SketchSettings settings, long rows, long missing) throws IOException {
        int mode = data.readByte();
        if (mode == 0) {
            int size = data.readInt();
            if (size < 0 || size > settings.exactLabels()) {
                throw new InvalidProfileException(source + ": column '" + name + "' has " + size
                        + " exact labels, outside what its settings allow");
            }
            Map<String, long[]> counts = new HashMap<>();
            long total = 0;
            for (int i = 0; i < size; i++) {
                String label = ReferenceProfile.readString(data);
                long n = data.readLong();
                if (n <= 0 || counts.put(label, new long[] {n}) != null) {
                    throw new InvalidProfileException(source + ": column '" + name + "' has label '" + label
                            + "' twice or with a count below 1");
                }
                total += n;
            }
            if (total + missing != rows) {
                throw new InvalidProfileException(source + ": column '" + name + "' has label counts adding up to "
                        + total + " with " + missing + " missing, not its " + rows + " rows");
            }
            return CategoricalSketch.restoreExact(name, settings, rows, missing, counts);
        }
        if (mode != 1) {
            throw new InvalidProfileException(source + ": column '" + name + "' has an unknown label mode " + mode);
        }
        byte[] bytes = readBlock(data, source, name);
        try {
            return CategoricalSketch.restoreFrequent(name, settings, rows, missing,
                    CategoricalSketch.readFrequent(Memory.wrap(bytes)));
        } catch (SketchesException | IndexOutOfBoundsException e) {
            throw new InvalidProfileException(source + ": column '" + name
                    + "' holds an unreadable frequent-items sketch: " + e.getMessage(), e);
        }
    }

    private static byte[] readBlock(DataInputStream data, String source, String name) throws IOException {
        int length = data.readInt();
        if (length < 0 || length > MAX_SKETCH_BYTES || length > data.available()) {
            if (length > data.available()) {
                throw new EOFException();
            }
            throw new InvalidProfileException(source + ": column '" + name + "' claims a sketch of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        data.readFully(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "SketchProfile[" + rowCount + " rows, " + columns.size() + " columns, k=" + settings.k() + "]";
    }
}
