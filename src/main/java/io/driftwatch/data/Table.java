package io.driftwatch.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch of data: a {@link Schema} and one {@link Column} per field, all of the same length.
 *
 * <p>Thread-safe: immutable.
 */
public final class Table {
    private final Schema schema;
    private final List<Column> columns;
    private final int rowCount;

    private Table(Schema schema, List<Column> columns, int rowCount) {
        this.schema = schema;
        this.columns = columns;
        this.rowCount = rowCount;
    }

    /**
     * A table of {@code columns}, in order. They must have distinct names and equal lengths.
     *
     * @throws IllegalArgumentException when names repeat or lengths differ
     */
    public static Table of(List<? extends Column> columns) {
        List<Field> fields = new ArrayList<>(columns.size());
        int rows = columns.isEmpty() ? 0 : columns.get(0).length();
        for (Column column : columns) {
            if (column.length() != rows) {
                throw new IllegalArgumentException("column '" + column.name() + "' has " + column.length()
                        + " rows, expected " + rows);
            }
            fields.add(new Field(column.name(), column.physicalType()));
        }
        return new Table(new Schema(fields), List.copyOf(columns), rows);
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** The column called {@code name}, if there is one. */
    public Optional<Column> column(String name) {
        return schema.indexOf(name).map(columns::get);
    }

    /** Bytes of primitive storage held by all columns: the "columnar size" of the batch. */
    public long sizeInBytes() {
        long total = 0;
        for (Column column : columns) {
            total += column.sizeInBytes();
        }
        return total;
    }

    @Override
    public String toString() {
        return "Table[" + rowCount + " rows x " + columns.size() + " columns]";
    }
}
