package io.driftwatch.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a Parquet table in the shape of the benchmark kit's {@code gen_data.py} for measuring the
 * profile job (scripts/spark-profile-bench.sh; not a test): 50 columns, 40 numeric (normal, lognormal,
 * uniform floats of ten significant digits; whole numbers with many ties; whole numbers of at most ten
 * values; floats with 2–20 % missing) and 10 text categories of 3 to 200 skewed labels (the last with
 * 1 % missing). Drawn by Spark SQL's seeded {@code rand}/{@code randn}, so the values are not the
 * kit's, only its shape; {@code current} shifts the columns the kit shifts.
 *
 * <pre>java … io.driftwatch.spark.BenchTable ROWS OUT.parquet [current]</pre>
 *
 * <p>Thread-safe: a main method.
 */
public final class BenchTable {
    private static final int[] CARDINALITY = {3, 5, 8, 12, 20, 35, 50, 80, 120, 200};
    private static final double[] MISSING = {0.02, 0.05, 0.10, 0.15, 0.20, 0.08};

    private BenchTable() {
    }

    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]);
        String out = args[1];
        boolean current = args.length > 2 && args[2].equals("current");
        SparkSession spark = SparkSession.builder().appName("driftwatch bench table").getOrCreate();
        try {
            frame(spark, rows, current).write().mode(SaveMode.Overwrite).parquet(out);
        } finally {
            spark.stop();
        }
    }

    static Dataset<Row> frame(SparkSession spark, long rows, boolean current) {
        List<String> raw = new ArrayList<>();
        int seed = current ? 1000 : 0;
        for (int i = 0; i < 10; i++) {
            double mu = (i - 5) * 1.5;
            double sd = 0.5 + 0.3 * i;
            if (current && i < 3) {
                mu += new double[] {0.05, 0.2, 0.5}[i] * sd;
            }
            raw.add(f("randn(%d) * %s + %s AS r_%02d", seed + i, sd, mu, i));
        }
        for (int j = 0; j < 8; j++) {
            int i = 10 + j;
            double sigma = 0.4 + 0.15 * j * (current && i == 10 ? 1.1 : 1);
            double mean = 0.2 * j + (current && i == 11 ? 0.3 : 0);
            raw.add(f("exp(randn(%d) * %s + %s) AS r_%02d", seed + i, sigma, mean, i));
        }
        for (int j = 0; j < 8; j++) {
            int i = 18 + j;
            double lo = -j * 2.0;
            double hi = 1.0 + j * 3.0;
            if (current && i == 18) {
                double w = hi - lo;
                lo += 0.1 * w;
                hi += 0.1 * w;
            }
            raw.add(f("rand(%d) * %s + %s AS r_%02d", seed + i, hi - lo, lo, i));
        }
        double lambda = 7.0 * (current ? 1.15 : 1);
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            cols.add(f("CASE WHEN r_%02d = 0 THEN 0D ELSE rint(r_%02d * pow(10, 9 - floor(log10(abs(r_%02d)))))"
                    + " / pow(10, 9 - floor(log10(abs(r_%02d)))) END AS num_%02d", i, i, i, i, i));
        }
        cols.add(f("CAST(greatest(0, rint(randn(%d) * %s + %s)) AS BIGINT) AS num_26", seed + 26, Math.sqrt(lambda),
                lambda));
        cols.add(f("CAST(least(40, greatest(0, rint(randn(%d) * %s + 12))) AS BIGINT) AS num_27", seed + 27,
                Math.sqrt(8.4)));
        cols.add(f("CAST(rint(randn(%d) * 15 + 100) AS BIGINT) AS num_28", seed + 28));
        cols.add(f("CAST(floor(rand(%d) * 1000) AS BIGINT) AS num_29", seed + 29));
        cols.add(f("CAST(floor(pow(rand(%d), %s) * 4) AS BIGINT) AS num_30", seed + 30, current ? 1.2 : 1.6));
        cols.add(f("CAST(floor(rand(%d) * 2) AS BIGINT) AS num_31", seed + 31));
        cols.add(f("CAST(floor(rand(%d) * 6) AS BIGINT) AS num_32", seed + 32));
        cols.add(f("CAST(least(9, greatest(0, rint(randn(%d) * 1.5 + 4.5))) AS BIGINT) AS num_33", seed + 33));
        for (int j = 0; j < 6; j++) {
            int i = 34 + j;
            String v = j % 2 == 0 ? f("(randn(%d) * %s + %s)", seed + i, 1.0 + j, 10.0 * j)
                    : f("(exp(randn(%d) * 0.5) * %s)", seed + i, (2.0 + j) * 1.5);
            if (current && i == 34) {
                v = f("(%s + %s)", v, 0.3 * (1.0 + j));
            } else if (current && i == 35) {
                v = f("(%s * 1.2)", v);
            }
            cols.add(f("IF(rand(%d) < %s, NULL, rint(%s * 1e6) / 1e6) AS num_%02d", seed + 100 + i, MISSING[j], v, i));
        }
        for (int c = 0; c < CARDINALITY.length; c++) {
            int k = CARDINALITY[c] + (current && (c == 2 || c == 7) ? Math.max(1, CARDINALITY[c] / 4) : 0);
            double skew = current && (c == 3 || c == 8) ? 1.5 : 2.5;
            String label = f("concat('c%d_v', lpad(CAST(CAST(floor(pow(rand(%d), %s) * %d) AS INT) AS STRING), 3, '0'))",
                    c, seed + 200 + c, skew, k);
            cols.add(c == 9 ? f("IF(rand(%d) < 0.01, NULL, %s) AS cat_%02d", seed + 300, label, c)
                    : f("%s AS cat_%02d", label, c));
        }
        return spark.range(0, rows, 1, Math.max(1, (int) (rows / 1_000_000)) * 2).selectExpr(raw.toArray(new String[0]))
                .selectExpr(cols.toArray(new String[0]));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
