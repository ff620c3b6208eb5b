package io.driftwatch.spark;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A generated batch held twice: as Spark rows and as the Driftwatch {@link Table} a single machine would
 * read from the same data. Columns in the benchmark kit's shape: {@code x} doubles of ten significant
 * digits with 1 % missing, shifted by {@code shift}; {@code ties} whole numbers 0..999 (many ties, no
 * missing); {@code holes} whole numbers 0..49 with 2 % missing (a float column, as in a CSV file);
 * {@code level} five labels with 3 % missing; {@code flag} true/false.
 *
 * <p>Thread-safe: immutable once built.
 */
final class Batches {
    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("x", DataTypes.DoubleType, true),
        DataTypes.createStructField("ties", DataTypes.LongType, true),
        DataTypes.createStructField("holes", DataTypes.IntegerType, true),
        DataTypes.createStructField("level", DataTypes.StringType, true),
        DataTypes.createStructField("flag", DataTypes.BooleanType, true),
    });

    final List<Row> rows;
    final Table table;

    private Batches(List<Row> rows, Table table) {
        this.rows = rows;
        this.table = table;
    }

    static Batches generate(int n, long seed, double shift) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        double[] x = new double[n];
        double[] ties = new double[n];
        double[] holes = new double[n];
        String[] level = new String[n];
        double[] flag = new double[n];
        for (int i = 0; i < n; i++) {
            Double xi = random.nextDouble() < 0.01 ? null
                    : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.9e", random.nextGaussian() + shift));
            long t = random.nextInt(1000);
            Integer h = random.nextDouble() < 0.02 ? null : random.nextInt(50);
            String l = random.nextDouble() < 0.03 ? null : "L" + (int) Math.floor(5 * Math.pow(random.nextDouble(), 2));
            boolean f = random.nextDouble() < 0.3;
            rows.add(RowFactory.create(xi, t, h, l, f));
            x[i] = xi == null ? Double.NaN : xi;
            ties[i] = t;
            holes[i] = h == null ? Double.NaN : h;
            level[i] = l;
            flag[i] = f ? 1 : 0;
        }
        List<Column> columns = List.of(NumericColumn.wrap("x", PhysicalType.FLOAT, x, n),
                NumericColumn.wrap("ties", PhysicalType.INTEGER, ties, n),
                NumericColumn.wrap("holes", PhysicalType.FLOAT, holes, n), CategoricalColumn.of("level", level),
                NumericColumn.wrap("flag", PhysicalType.BOOLEAN, flag, n));
        return new Batches(rows, Table.of(columns));
    }

    /** The rows as a data frame of {@code partitions} partitions. */
    Dataset<Row> frame(SparkSession spark, int partitions) {
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }
}
