package io.driftwatch.profile;

import io.driftwatch.data.Column;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.internal.Workers;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The facts of a whole batch that Evidently's data summary needs and column profiles cannot give:
 * duplicated and empty rows, duplicated and almost-duplicated column pairs (all over the columns a
 * check considers), and each column's {@link ColumnFacts}. The integrity analysis computes them for
 * the current batch with {@link #of}, and the reference profile keeps them for the reference,
 * computed by the same code, so both sides of a check are summarised alike.
 *
 * <p>One pass per column for its facts and block hashes, columns in parallel; one pass over the rows
 * for their hashes, row ranges in parallel; then hash tables over rows and over column blocks (see
 * {@link RowDuplicates} and {@link ColumnDuplicates}). Every match of hashes is verified cell by
 * cell: the counts are exact.
 *
 * <p>Thread-safe: immutable.
 */
public final class TableFacts {
    private final int rows;
    private final Map<String, ColumnFacts> columns;
    private final long duplicatedRows;
    private final long emptyRows;
    private final long duplicatedColumnPairs;
    private final long almostDuplicatedColumnPairs;

    TableFacts(int rows, List<ColumnFacts> columns, long duplicatedRows, long emptyRows, long duplicatedColumnPairs,
            long almostDuplicatedColumnPairs) {
        this.rows = rows;
        Map<String, ColumnFacts> byName = new LinkedHashMap<>();
        for (ColumnFacts c : columns) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("column '" + c.name() + "' twice");
            }
        }
        this.columns = java.util.Collections.unmodifiableMap(byName);
        this.duplicatedRows = duplicatedRows;
        this.emptyRows = emptyRows;
        this.duplicatedColumnPairs = duplicatedColumnPairs;
        this.almostDuplicatedColumnPairs = almostDuplicatedColumnPairs;
    }

    /** The facts of every column of {@code table}, on the calling thread. */
    public static TableFacts of(Table table) {
        List<String> all = new ArrayList<>();
        for (Column c : table.columns()) {
            all.add(c.name());
        }
        return of(table, all, Runnable::run);
    }

    /**
     * The facts of {@code table} over the columns named {@code columns} (the others are left out as if
     * the table did not have them), parallel work on {@code executor}.
     *
     * @throws IllegalArgumentException when a name is not a column of {@code table}
     */
    public static TableFacts of(Table table, Collection<String> columns, Executor executor) {
        Set<String> wanted = new HashSet<>(columns);
        List<Column> considered = new ArrayList<>();
        for (Column c : table.columns()) {
            if (wanted.remove(c.name())) {
                considered.add(c);
            }
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("no column " + wanted + " in the table");
        }
        int n = table.rowCount();
        Blocks blocks = Blocks.of(n);
        ColumnScan[] scans = new ColumnScan[considered.size()];
        List<ColumnScan.Scratch> workers = java.util.Collections.synchronizedList(new ArrayList<>());
        Workers.run(executor, scans.length, () -> {
            ColumnScan.Scratch scratch = new ColumnScan.Scratch(n);
            workers.add(scratch);
            return scratch;
        }, (i, scratch) -> scans[i] = ColumnScan.of(considered.get(i), i, blocks, scratch));
        long duplicatedRows = 0;
        if (!considered.isEmpty()) {
            long[] rowHashes = workers.get(0).rowHashes;
            for (int w = 1; w < workers.size(); w++) {
                long[] other = workers.get(w).rowHashes;
                for (int r = 0; r < n; r++) {
                    rowHashes[r] += other[r];
                }
            }
            for (int r = 0; r < n; r++) {
                rowHashes[r] = ColumnScan.mix(rowHashes[r]);
            }
            workers.clear();
            duplicatedRows = RowDuplicates.duplicates(considered, rowHashes, executor);
        }
        long emptyRows = RowDuplicates.emptyRows(considered, n, executor);
        ColumnDuplicates.Pairs pairs = ColumnDuplicates.count(considered, scans, blocks, executor);
        List<ColumnFacts> facts = new ArrayList<>(scans.length);
        for (ColumnScan s : scans) {
            facts.add(s.facts);
        }
        return new TableFacts(n, facts, duplicatedRows, emptyRows, pairs.duplicated(), pairs.almostDuplicated());
    }

    /** Rows of the batch. */
    public int rows() {
        return rows;
    }

    /** The facts of each column considered, in table order. */
    public List<ColumnFacts> columns() {
        return List.copyOf(columns.values());
    }

    /** The facts of column {@code name}, if it was considered. */
    public Optional<ColumnFacts> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** The names of the columns considered, in table order. */
    public Set<String> columnNames() {
        return columns.keySet();
    }

    /** Rows equal in every considered column to an earlier row (missing equals missing). */
    public long duplicatedRows() {
        return duplicatedRows;
    }

    /** Rows missing in every considered column. */
    public long emptyRows() {
        return emptyRows;
    }

    /** Pairs of columns with the same storage type and equal values (missing equals missing). */
    public long duplicatedColumnPairs() {
        return duplicatedColumnPairs;
    }

    /** Pairs of columns with the same storage type equal in at least 95 % of the rows (missing never equal). */
    public long almostDuplicatedColumnPairs() {
        return almostDuplicatedColumnPairs;
    }

    /** Missing cells over the considered columns. */
    public long missingCells() {
        long total = 0;
        for (ColumnFacts c : columns.values()) {
            total += c.missing();
        }
        return total;
    }

    /** Writes the facts (the part of the profile format after the columns). */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(rows);
        out.writeLong(duplicatedRows);
        out.writeLong(emptyRows);
        out.writeLong(duplicatedColumnPairs);
        out.writeLong(almostDuplicatedColumnPairs);
        out.writeInt(columns.size());
        for (ColumnFacts c : columns.values()) {
            ReferenceProfile.writeString(out, c.name());
            out.writeByte(c.physicalType().ordinal());
            out.writeInt(c.rows());
            out.writeInt(c.missing());
            out.writeInt(c.majority());
            out.writeBoolean(c.constant());
            ColumnFacts.Numbers n = c.numbers();
            if (n != null) {
                out.writeInt(n.negativeInfinite());
                out.writeInt(n.positiveInfinite());
                for (double v : new double[] {n.min(), n.max(), n.mean(), n.std(), n.quantile25(), n.quantile50(),
                        n.quantile75()}) {
                    out.writeLong(Double.doubleToRawLongBits(v));
                }
            }
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    static TableFacts readFrom(DataInputStream in, String sourceName) throws IOException {
        int rows = in.readInt();
        long duplicatedRows = in.readLong();
        long emptyRows = in.readLong();
        long duplicatedPairs = in.readLong();
        long almostPairs = in.readLong();
        int count = in.readInt();
        if (count < 0) {
            throw new ReferenceProfile.InvalidProfileException(sourceName + ": the dataset facts have a negative column count");
        }
        PhysicalType[] types = PhysicalType.values();
        List<ColumnFacts> columns = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String name = ReferenceProfile.readString(in);
            int type = in.readByte();
            if (type < 0 || type >= types.length) {
                throw new ReferenceProfile.InvalidProfileException(sourceName + ": the dataset facts of column '" + name
                        + "' have an unknown type");
            }
            int columnRows = in.readInt();
            int missing = in.readInt();
            int majority = in.readInt();
            boolean constant = in.readBoolean();
            ColumnFacts.Numbers numbers = null;
            if (types[type].isNumericStorage()) {
                int negative = in.readInt();
                int positive = in.readInt();
                double[] v = new double[7];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.longBitsToDouble(in.readLong());
                }
                numbers = new ColumnFacts.Numbers(negative, positive, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
            }
            columns.add(new ColumnFacts(name, types[type], columnRows, missing, majority, constant, numbers));
        }
        return new TableFacts(rows, columns, duplicatedRows, emptyRows, duplicatedPairs, almostPairs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableFacts other && rows == other.rows && duplicatedRows == other.duplicatedRows
                && emptyRows == other.emptyRows && duplicatedColumnPairs == other.duplicatedColumnPairs
                && almostDuplicatedColumnPairs == other.almostDuplicatedColumnPairs
                && columns().equals(other.columns());
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, duplicatedRows, emptyRows, duplicatedColumnPairs, columns.keySet());
    }

    @Override
    public String toString() {
        return "TableFacts[" + rows + " rows, " + columns.size() + " columns, " + duplicatedRows + " duplicated, "
                + emptyRows + " empty rows, " + duplicatedColumnPairs + " duplicated and " + almostDuplicatedColumnPairs
                + " almost duplicated column pairs]";
    }
}
