package io.driftwatch.profile;

import io.driftwatch.DriftwatchException;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.internal.Workers;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A reference batch reduced once for every check against it: one {@link ColumnProfile} per column,
 * in the reference's column order, the batch's row count, and the {@link TableFacts} the data
 * summary needs (over the columns the monitor does not ignore).
 *
 * <p>Binary format ({@link #writeTo}, {@link #readFrom}), big-endian: the magic
 * {@code DWPROFIL}, a format version (int), the row count (int), the column count (int), then per
 * column: kind (byte: 0 numeric, 1 categorical), name (int length + UTF-8), physical type
 * ordinal (byte), rows (int), missing (int); numeric: infinite (int), value count (int), the sorted
 * values as raw IEEE-754 doubles; categorical: label count (int), then per label its UTF-8 bytes
 * (int length + bytes) and count (long). Version 2 adds the dataset facts: rows (int), duplicated
 * rows, empty rows, duplicated and almost-duplicated column pairs (longs), the column count (int),
 * then per column its name, physical type ordinal (byte), rows, missing and majority (ints),
 * constant (boolean) and, for numbers, the −∞ and +∞ counts (ints) and min, max, mean, std and the
 * three quartiles (raw doubles). Version 3, written only by a profile that keeps rows
 * ({@link #keepingRows}), has a boolean before the facts (whether they follow) and after them the kept
 * rows: rows and columns (ints), then per column its name, physical type ordinal and kind (bytes);
 * numeric: the values as raw doubles (NaN missing); categorical: the dictionary (int size, strings)
 * and one code per row (ints, −1 missing). Version 1 profiles still read, without facts. Doubles are stored
 * bit for bit, so a check against a profile read back gives the same results as against the profile
 * built from the raw reference.
 *
 * <p>Thread-safe: immutable.
 */
public final class ReferenceProfile {
    private static final byte[] MAGIC = "DWPROFIL".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 2;
    /** The first version, without dataset facts: still read. */
    private static final int FORMAT_VERSION_WITHOUT_FACTS = 1;
    /** Version 2 plus the rows kept for row-by-row analyses; written only by a profile that keeps some. */
    private static final int FORMAT_VERSION_WITH_ROWS = 3;

    private final int rowCount;
    private final Map<String, ColumnProfile> columns;
    private final TableFacts facts; // null when read from a version-1 profile
    private final Table rows; // null when no rows are kept

    private ReferenceProfile(int rowCount, Map<String, ColumnProfile> columns, TableFacts facts, Table rows) {
        this.rowCount = rowCount;
        this.columns = Collections.unmodifiableMap(columns);
        this.facts = facts;
        this.rows = rows;
    }

    /** Profiles every column of {@code reference}, with the facts of all of them, on the calling thread. */
    public static ReferenceProfile of(Table reference) {
        return of(reference, Set.of(), Runnable::run);
    }

    /**
     * Profiles every column of {@code reference}, with the dataset facts of those not
     * {@code ignored} (the columns a check considers), parallel work on {@code executor}.
     */
    public static ReferenceProfile of(Table reference, Set<String> ignored, Executor executor) {
        Map<String, ColumnProfile> columns = new LinkedHashMap<>();
        List<String> considered = new ArrayList<>();
        for (Column column : reference.columns()) {
            columns.put(column.name(), profile(column));
            if (!ignored.contains(column.name())) {
                considered.add(column.name());
            }
        }
        return new ReferenceProfile(reference.rowCount(), columns, TableFacts.of(reference, considered, executor), null);
    }

    /**
     * Profiles every column of {@code reference} without the dataset facts, as a version-1 profile
     * holds it: all a drift check needs, at a fraction of the cost (no row hashing, no column pairs).
     */
    public static ReferenceProfile columnsOnly(Table reference) {
        Map<String, ColumnProfile> columns = new LinkedHashMap<>();
        for (Column column : reference.columns()) {
            columns.put(column.name(), profile(column));
        }
        return new ReferenceProfile(reference.rowCount(), columns, null, null);
    }

    /**
     * {@link #of(Table, Set, Executor)} (with {@code facts}: {@link Facts#ALL}) or
     * {@link #columnsOnly(Table)} ({@link Facts#NONE}) of a reference whose rows nobody reads
     * afterwards but for the columns in {@code intact}: the other numeric columns are sorted in their
     * own arrays where they can be ({@link NumericColumn#sortedFiniteValuesConsuming()}), so that
     * profiling a large reference allocates little beyond the table already read. The dataset facts,
     * which read the rows in order, are computed first.
     */
    public static ReferenceProfile consuming(Table reference, Facts facts, Set<String> ignored, Set<String> intact,
            Executor executor) {
        TableFacts tableFacts = null;
        if (facts == Facts.ALL) {
            List<String> considered = new ArrayList<>();
            for (Column column : reference.columns()) {
                if (!ignored.contains(column.name())) {
                    considered.add(column.name());
                }
            }
            tableFacts = TableFacts.of(reference, considered, executor);
        }
        // columns on the executor's threads, each sorted on the thread that profiles it
        List<Column> all = reference.columns();
        ColumnProfile[] profiles = new ColumnProfile[all.size()];
        Workers.run(executor, profiles.length, () -> null, (i, none) -> {
            Column column = all.get(i);
            profiles[i] = column instanceof NumericColumn numbers && !intact.contains(column.name())
                    ? profileNumbers(numbers, numbers.sortedFiniteValuesConsuming(Parallelism.SINGLE_THREAD))
                    : profile(column, Parallelism.SINGLE_THREAD);
        });
        Map<String, ColumnProfile> columns = new LinkedHashMap<>();
        for (ColumnProfile profile : profiles) {
            columns.put(profile.name(), profile);
        }
        return new ReferenceProfile(reference.rowCount(), columns, tableFacts, null);
    }

    /** Whether a profile holds the dataset facts (which the integrity analysis reads) or only the columns. */
    public enum Facts { ALL, NONE }

    /** Profiles one column. */
    public static ColumnProfile profile(Column column) {
        return profile(column, Parallelism.ALL_CORES);
    }

    private static ColumnProfile profile(Column column, Parallelism sort) {
        if (column instanceof NumericColumn numbers) {
            return profileNumbers(numbers, numbers.sortedFiniteValues(sort));
        }
        return profileCategories((CategoricalColumn) column);
    }

    private static NumericProfile profileNumbers(NumericColumn column, double[] sortedFinite) {
        return new NumericProfile(column.name(), column.physicalType(), column.length(), column.missingCount(),
                column.infiniteCount(), sortedFinite);
    }

    private static CategoricalProfile profileCategories(CategoricalColumn column) {
        long[] byCode = column.countsByCode();
        Integer[] order = new Integer[byCode.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> column.label(a).compareTo(column.label(b)));
        List<String> labels = new ArrayList<>(order.length);
        long[] counts = new long[order.length];
        int k = 0;
        for (Integer code : order) {
            if (byCode[code] > 0) {
                labels.add(column.label(code));
                counts[k++] = byCode[code];
            }
        }
        return new CategoricalProfile(column.name(), column.length(), column.missingCount(),
                labels.toArray(new String[0]), Arrays.copyOf(counts, k));
    }

    /** Number of rows of the reference batch. */
    public int rowCount() {
        return rowCount;
    }

    /** The profile of the column called {@code name}, if the reference has it. */
    public Optional<ColumnProfile> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** All column profiles, in the reference's column order. */
    public List<ColumnProfile> columns() {
        return List.copyOf(columns.values());
    }

    /**
     * The reference's dataset facts (over the columns not ignored when it was profiled); absent for a
     * profile written by a Driftwatch before they existed (format version 1).
     */
    public Optional<TableFacts> facts() {
        return Optional.ofNullable(facts);
    }

    /**
     * This profile keeping, row by row, the columns of {@code reference} named in {@code names} (those
     * it has, in its column order): what analyses that score each row need of the reference, such as
     * the model's target, prediction and probabilities. The columns are the reference's own, not
     * copies; the profile must have been built from the same reference.
     *
     * @throws IllegalArgumentException when {@code reference} does not have this profile's row count
     */
    public ReferenceProfile keepingRows(Table reference, Collection<String> names) {
        if (reference.rowCount() != rowCount) {
            throw new IllegalArgumentException("the reference has " + reference.rowCount() + " rows, its profile "
                    + rowCount);
        }
        List<Column> kept = new ArrayList<>();
        for (Column column : reference.columns()) {
            if (names.contains(column.name())) {
                kept.add(column);
            }
        }
        return new ReferenceProfile(rowCount, columns, facts, kept.isEmpty() ? null : Table.of(kept));
    }

    /**
     * The reference's rows of the columns kept by {@link #keepingRows}; absent when none were kept
     * (and in profiles written before rows were kept, format versions 1 and 2).
     */
    public Optional<Table> rows() {
        return Optional.ofNullable(rows);
    }

    /** Writes the binary form described in the class comment. Does not close {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        // the oldest version that holds everything, so profiles without kept rows keep their bytes (and hashes)
        int version = rows != null ? FORMAT_VERSION_WITH_ROWS
                : facts == null ? FORMAT_VERSION_WITHOUT_FACTS : FORMAT_VERSION;
        data.writeInt(version);
        data.writeInt(rowCount);
        data.writeInt(columns.size());
        for (ColumnProfile column : columns.values()) {
            data.writeByte(column instanceof NumericProfile ? 0 : 1);
            writeString(data, column.name());
            data.writeByte(column.physicalType().ordinal());
            data.writeInt(column.rows());
            data.writeInt(column.missing());
            if (column instanceof NumericProfile numbers) {
                data.writeInt(numbers.infinite());
                double[] values = numbers.sortedValues();
                data.writeInt(values.length);
                writeDoubles(data, values);
            } else {
                CategoricalProfile categories = (CategoricalProfile) column;
                data.writeInt(categories.size());
                for (int i = 0; i < categories.size(); i++) {
                    writeString(data, categories.label(i));
                    data.writeLong(categories.count(i));
                }
            }
        }
        if (version == FORMAT_VERSION_WITH_ROWS) {
            data.writeBoolean(facts != null);
        }
        if (facts != null) {
            facts.writeTo(data);
        }
        if (version == FORMAT_VERSION_WITH_ROWS) {
            writeRows(data, rows);
        }
        data.flush();
    }

    private static void writeRows(DataOutputStream data, Table rows) throws IOException {
        data.writeInt(rows.rowCount());
        data.writeInt(rows.columnCount());
        for (Column column : rows.columns()) {
            writeString(data, column.name());
            data.writeByte(column.physicalType().ordinal());
            if (column instanceof NumericColumn numbers) {
                data.writeByte(0);
                writeDoubles(data, numbers.values());
            } else {
                CategoricalColumn categories = (CategoricalColumn) column;
                data.writeByte(1);
                String[] dictionary = categories.dictionary();
                data.writeInt(dictionary.length);
                for (String label : dictionary) {
                    writeString(data, label);
                }
                int[] codes = categories.codes();
                for (int i = 0; i < categories.length(); i++) {
                    data.writeInt(codes[i]);
                }
            }
        }
    }

    /** The kept rows, which must number {@code profileRows}: checked before anything of that size is made. */
    private static Table readRows(DataInputStream data, String sourceName, int profileRows) throws IOException {
        int rowCount = data.readInt();
        int count = data.readInt();
        if (rowCount < 0 || count < 0) {
            throw new InvalidProfileException(sourceName + ": the kept rows have a negative size");
        }
        if (rowCount != profileRows) {
            throw new InvalidProfileException(sourceName + ": the kept rows number " + rowCount + ", the reference "
                    + profileRows);
        }
        PhysicalType[] types = PhysicalType.values();
        List<Column> columns = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            String name = readString(data);
            int typeOrdinal = data.readByte();
            if (typeOrdinal < 0 || typeOrdinal >= types.length) {
                throw new InvalidProfileException(sourceName + ": kept column '" + name + "' has an unknown type");
            }
            int kind = data.readByte();
            if (kind == 0) {
                columns.add(NumericColumn.wrap(name, types[typeOrdinal], readDoubles(data, rowCount), rowCount));
            } else if (kind == 1) {
                int size = data.readInt();
                if (size < 0) {
                    throw new InvalidProfileException(sourceName + ": kept column '" + name + "' has a negative size");
                }
                // grown as labels arrive: a corrupt size ends the file early instead of allocating it
                List<String> labels = new ArrayList<>(Math.min(size, 1024));
                for (int i = 0; i < size; i++) {
                    labels.add(readString(data));
                }
                String[] dictionary = labels.toArray(new String[0]);
                int[] codes = new int[rowCount];
                for (int i = 0; i < rowCount; i++) {
                    int code = data.readInt();
                    if (code < CategoricalColumn.MISSING || code >= size) {
                        throw new InvalidProfileException(sourceName + ": kept column '" + name + "' has code " + code
                                + " outside its " + size + " labels");
                    }
                    codes[i] = code;
                }
                columns.add(CategoricalColumn.wrap(name, codes, rowCount, dictionary));
            } else {
                throw new InvalidProfileException(sourceName + ": kept column '" + name + "' has an unknown kind " + kind);
            }
        }
        return Table.of(columns);
    }

    /**
     * Reads a profile written by {@link #writeTo}.
     *
     * @param sourceName names the source in error messages
     * @throws InvalidProfileException when the bytes are not a complete profile of a known version
     */
    public static ReferenceProfile readFrom(InputStream in, String sourceName) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidProfileException(sourceName + " is not a Driftwatch reference profile");
            }
            int version = data.readInt();
            if (version < FORMAT_VERSION_WITHOUT_FACTS || version > FORMAT_VERSION_WITH_ROWS) {
                throw new InvalidProfileException(sourceName + " is a profile of format version " + version
                        + "; this Driftwatch reads versions " + FORMAT_VERSION_WITHOUT_FACTS + " to "
                        + FORMAT_VERSION_WITH_ROWS);
            }
            int rows = data.readInt();
            int count = data.readInt();
            Map<String, ColumnProfile> columns = new LinkedHashMap<>();
            PhysicalType[] types = PhysicalType.values();
            for (int c = 0; c < count; c++) {
                int kind = data.readByte();
                String name = readString(data);
                int typeOrdinal = data.readByte();
                if (typeOrdinal < 0 || typeOrdinal >= types.length) {
                    throw new InvalidProfileException(sourceName + ": column '" + name + "' has an unknown type");
                }
                int columnRows = data.readInt();
                int missing = data.readInt();
                if (kind == 0) {
                    int infinite = data.readInt();
                    double[] values = readDoubles(data, data.readInt());
                    columns.put(name, new NumericProfile(name, types[typeOrdinal], columnRows, missing, infinite, values));
                } else if (kind == 1) {
                    int size = data.readInt();
                    String[] labels = new String[size];
                    long[] counts = new long[size];
                    for (int i = 0; i < size; i++) {
                        labels[i] = readString(data);
                        counts[i] = data.readLong();
                    }
                    columns.put(name, new CategoricalProfile(name, columnRows, missing, labels, counts));
                } else {
                    throw new InvalidProfileException(sourceName + ": column '" + name + "' has an unknown kind " + kind);
                }
            }
            boolean hasFacts = version == FORMAT_VERSION_WITH_ROWS ? data.readBoolean()
                    : version == FORMAT_VERSION;
            TableFacts facts = hasFacts ? TableFacts.readFrom(data, sourceName) : null;
            Table kept = version == FORMAT_VERSION_WITH_ROWS ? readRows(data, sourceName, rows) : null;
            return new ReferenceProfile(rows, columns, facts, kept);
        } catch (EOFException e) {
            throw new InvalidProfileException(sourceName + " is truncated: the profile ends early", e);
        }
    }

    /** Whether {@code head} starts like a profile written by {@link #writeTo}. */
    public static boolean looksLikeProfile(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > (1 << 24)) {
            throw new InvalidProfileException("profile holds a string of impossible length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 * 8192);
        for (int i = 0; i < values.length; i += 8192) {
            int n = Math.min(8192, values.length - i);
            buffer.clear();
            buffer.asDoubleBuffer().put(values, i, n);
            out.write(buffer.array(), 0, 8 * n);
        }
    }

    /**
     * {@code n} raw doubles. The array grows as blocks arrive, so a corrupt count in a short file ends
     * in {@link EOFException} rather than an allocation of what the count claims.
     */
    private static double[] readDoubles(DataInputStream in, int n) throws IOException {
        if (n < 0) {
            throw new InvalidProfileException("profile holds a negative value count");
        }
        double[] values = new double[Math.min(n, 1 << 16)];
        byte[] bytes = new byte[8 * 8192];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int i = 0; i < n; i += 8192) {
            int k = Math.min(8192, n - i);
            in.readFully(bytes, 0, 8 * k);
            if (i + k > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(n, Math.max(2L * values.length, i + k)));
            }
            buffer.clear();
            buffer.asDoubleBuffer().get(values, i, k);
        }
        return values;
    }

    /** The bytes are not a readable reference profile. */
    public static final class InvalidProfileException extends DriftwatchException {
        private static final long serialVersionUID = 1L;

        InvalidProfileException(String message) {
            super(message);
        }

        InvalidProfileException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
