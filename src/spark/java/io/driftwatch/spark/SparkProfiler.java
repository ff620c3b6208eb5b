package io.driftwatch.spark;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ColumnSketch;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * A Spark table reduced to a {@link SketchProfile}: every partition turns its rows (Spark's internal
 * rows, read by primitive getters) into Driftwatch columns ({@link CellKind}) in tables of a few million cells, adds them to a
 * {@link SketchProfile.Builder} (the very code {@code driftwatch profile --sketch} streams a file
 * through) and hands on the profile's bytes; the partitions' profiles merge pairwise
 * ({@code treeReduce}), which the profile's merge makes independent of partitioning and order.
 *
 * <p>Columns go through in groups of {@code columnBatch}: one Spark job per group, selecting only its
 * columns (Parquet then reads only those), so a table of thousands of columns never makes one plan or
 * one task's buffers that wide. The groups' profiles, of the same rows, are put side by side
 * ({@link SketchProfile#withColumnsOf}).
 *
 * <p>Whole-number columns are {@link PhysicalType#INTEGER} unless they hold a null, as the command
 * line's readers decide: known once the partitions are merged, so each group's result is rebuilt on
 * an empty profile of the decided types, whose types a merge keeps.
 *
 * <p>Thread-safe: stateless; each call runs its own Spark jobs.
 */
public final class SparkProfiler {
    /** The default number of columns profiled by one Spark job. */
    public static final int DEFAULT_COLUMN_BATCH = 500;
    /** About how many cells one partition holds in its column buffers at a time. */
    private static final int CELLS_PER_TABLE = 1 << 22;

    /**
     * A profile and the columns left out of it.
     *
     * @param profile the sketch profile of the profiled columns
     * @param skipped columns of a type a profile does not read, with that type
     */
    public record Result(SketchProfile profile, Map<String, String> skipped) {
        public Result {
            skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }
    }

    private SparkProfiler() {
    }

    /**
     * Profiles {@code columns} of {@code data} (all of them when empty).
     *
     * @param columnBatch the most columns one Spark job profiles
     * @throws JobArgumentException when a named column is not in the table or of a type a profile does
     *     not read
     */
    public static Result profile(Dataset<Row> data, List<String> columns, SketchSettings settings, int columnBatch) {
        if (columnBatch < 1) {
            throw new IllegalArgumentException("columnBatch must be positive, got " + columnBatch);
        }
        Map<String, StructField> fields = new LinkedHashMap<>();
        for (StructField f : data.schema().fields()) {
            fields.put(f.name(), f);
        }
        List<String> names = new ArrayList<>();
        List<CellKind> kinds = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String name : columns.isEmpty() ? List.copyOf(fields.keySet()) : columns) {
            StructField f = fields.get(name);
            if (f == null) {
                throw new JobArgumentException("column '" + name + "' is not in the table (its columns: "
                        + String.join(", ", fields.keySet()) + ")");
            }
            CellKind kind = CellKind.of(f.dataType());
            if (kind == null) {
                if (!columns.isEmpty()) {
                    throw new JobArgumentException("column '" + name + "' is of type " + f.dataType().simpleString()
                            + ", which a sketch profile does not read (numbers, booleans, dates, timestamps, text)");
                }
                skipped.put(name, f.dataType().simpleString());
                continue;
            }
            if (names.contains(name)) {
                throw new JobArgumentException("column '" + name + "' is named twice");
            }
            names.add(name);
            kinds.add(kind);
        }
        SketchProfile whole = null;
        for (int from = 0; from < names.size() || whole == null; from += columnBatch) {
            int to = Math.min(names.size(), from + columnBatch);
            SketchProfile group = profileGroup(data, names.subList(from, to), kinds.subList(from, to), settings);
            whole = whole == null ? group : whole.withColumnsOf(group);
        }
        return new Result(whole, skipped);
    }

    private static SketchProfile profileGroup(Dataset<Row> data, List<String> names, List<CellKind> kinds,
            SketchSettings settings) {
        org.apache.spark.sql.Column[] selected = new org.apache.spark.sql.Column[names.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = functions.col("`" + names.get(i).replace("`", "``") + "`");
        }
        Dataset<Row> columns = data.select(selected);
        int[] precision = new int[selected.length];
        int[] scale = new int[selected.length];
        StructField[] fields = columns.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].dataType() instanceof DecimalType d) {
                precision[i] = d.precision();
                scale[i] = d.scale();
            }
        }
        PartitionProfile task = new PartitionProfile(names.toArray(new String[0]), kinds.toArray(new CellKind[0]),
                precision, scale, settings);
        // Spark's internal rows: primitive getters, no conversion to Row objects and their boxed values
        JavaRDD<byte[]> parts = columns.queryExecution().toRdd().toJavaRDD().mapPartitions(task);
        SketchProfile merged = parts.getNumPartitions() == 0 ? SketchProfile.of(task.empty(null), settings)
                : read(parts.treeReduce(SparkProfiler::mergeBytes, 2));
        // the types a merge keeps: those of the first profile merged, here an empty one of the decided types
        return SketchProfile.builder(settings).add(task.empty(merged)).merge(merged).build();
    }

    /** The merge of two partitions' profiles, as bytes (what Spark ships between tasks). */
    private static byte[] mergeBytes(byte[] a, byte[] b) {
        return read(a).merge(read(b)).toByteArray();
    }

    private static SketchProfile read(byte[] bytes) {
        try {
            return SketchProfile.readFrom(new ByteArrayInputStream(bytes), "a partition's profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
    }

    /**
     * One partition's rows to the bytes of their profile. Serialisable: Spark ships it to the
     * executors; holds only the column names, kinds and settings.
     *
     * <p>Thread-safe: each call works on its own builders.
     */
    static final class PartitionProfile implements FlatMapFunction<Iterator<InternalRow>, byte[]> {
        private static final long serialVersionUID = 1L;
        private final String[] names;
        private final CellKind[] kinds;
        private final int[] precision;
        private final int[] scale;
        private final int k;
        private final int exactValues;
        private final int exactLabels;
        private final int mapSize;

        PartitionProfile(String[] names, CellKind[] kinds, int[] precision, int[] scale, SketchSettings settings) {
            this.names = names.clone();
            this.kinds = kinds.clone();
            this.precision = precision.clone();
            this.scale = scale.clone();
            this.k = settings.k();
            this.exactValues = settings.exactValues();
            this.exactLabels = settings.exactLabels();
            this.mapSize = settings.frequentItemsMapSize();
        }

        @Override
        public Iterator<byte[]> call(Iterator<InternalRow> rows) {
            SketchSettings settings = new SketchSettings(k, exactValues, exactLabels, mapSize);
            SketchProfile.Builder profile = SketchProfile.builder(settings);
            int width = names.length;
            int tableRows = Math.max(1024, Math.min(65_536, CELLS_PER_TABLE / Math.max(1, width)));
            NumericColumnBuilder[] numbers = new NumericColumnBuilder[width];
            CategoricalColumnBuilder[] labels = new CategoricalColumnBuilder[width];
            CellKind[] kind = kinds;
            int[] p = precision;
            int[] s = scale;
            reset(numbers, labels, tableRows);
            int n = 0;
            while (rows.hasNext()) {
                InternalRow row = rows.next(); // reused by Spark: read, not kept
                for (int c = 0; c < width; c++) {
                    if (kind[c] == CellKind.STRING) {
                        if (row.isNullAt(c)) {
                            labels[c].appendMissing();
                        } else {
                            labels[c].append(row.getUTF8String(c).toString());
                        }
                    } else if (row.isNullAt(c)) {
                        numbers[c].appendMissing();
                    } else {
                        numbers[c].append(kind[c].number(row, c, p[c], s[c]));
                    }
                }
                if (++n == tableRows) {
                    profile.add(table(numbers, labels));
                    reset(numbers, labels, tableRows);
                    n = 0;
                }
            }
            profile.add(table(numbers, labels)); // also an empty partition: its columns are there
            return List.of(profile.build().toByteArray()).iterator();
        }

        private void reset(NumericColumnBuilder[] numbers, CategoricalColumnBuilder[] labels, int rows) {
            for (int c = 0; c < names.length; c++) {
                if (kinds[c].isText()) {
                    labels[c] = new CategoricalColumnBuilder(names[c], rows);
                } else {
                    numbers[c] = new NumericColumnBuilder(names[c], kinds[c].physicalType(0), rows);
                }
            }
        }

        private static Table table(NumericColumnBuilder[] numbers, CategoricalColumnBuilder[] labels) {
            List<Column> columns = new ArrayList<>(numbers.length);
            for (int c = 0; c < numbers.length; c++) {
                columns.add(numbers[c] != null ? numbers[c].build() : labels[c].build());
            }
            return Table.of(columns);
        }

        /**
         * A table of no rows with these columns, whole-number ones {@link PhysicalType#FLOAT} where
         * {@code merged} (the merged profile, or null) counts a missing cell.
         */
        Table empty(SketchProfile merged) {
            List<Column> columns = new ArrayList<>(names.length);
            for (int c = 0; c < names.length; c++) {
                if (kinds[c].isText()) {
                    columns.add(CategoricalColumn.of(names[c]));
                } else {
                    long missing = merged == null ? 0
                            : merged.column(names[c]).map(ColumnSketch::missing).orElse(0L);
                    columns.add(NumericColumn.wrap(names[c], kinds[c].physicalType(missing), new double[0], 0));
                }
            }
            return Table.of(columns);
        }
    }
}
