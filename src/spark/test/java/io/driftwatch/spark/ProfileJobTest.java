package io.driftwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.profile.CategoricalSketch;
import io.driftwatch.profile.ColumnSketch;
import io.driftwatch.profile.NumericSketch;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.FrequencySummary;
import io.driftwatch.stats.QuantileSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile job end to end on a Parquet table of several partitions, its columns in two groups:
 * the file it writes is a sketch profile the command line reads, with the single-machine profile's
 * exact facts (counts, missing, min, max, kept values, label counts, types) and quantiles within the
 * KLL sketch's rank error. Every Spark type is read as the command line's readers store it. Bad
 * arguments exit 2 with one line naming them.
 */
class ProfileJobTest {
    private static final int ROWS = 40_000;
    /** A small k, so 40,000 values put the sketches past their exact mode. */
    private static final int K = 200;

    @TempDir
    Path dir;

    @Test
    void profilesAParquetTableAsTheSingleMachineProfileOfTheSameRows() throws IOException {
        SparkSession spark = LocalSpark.session();
        Batches batch = Batches.generate(ROWS, 7, 0);
        String parquet = dir.resolve("batch.parquet").toString();
        batch.frame(spark, 4).write().parquet(parquet);
        Path out = dir.resolve("batch.sketch");

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = ProfileJob.run(spark, new String[] {"--parquet", parquet, "--out", out.toString(), "--k",
            String.valueOf(K), "--column-batch", "2"}, new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo(out + ": sketch profile of " + parquet + " (40,000 rows, 5 columns)\n");
        SketchProfile profiled;
        try (InputStream in = Files.newInputStream(out)) {
            profiled = SketchProfile.readFrom(in, out.toString()); // what check --sketch reads
        }
        SketchSettings settings = SketchSettings.defaults().withK(K);
        SketchProfile single = SketchProfile.of(batch.table, settings);
        assertThat(profiled.settings()).isEqualTo(settings);
        assertThat(profiled.rowCount()).isEqualTo(ROWS);
        assertThat(profiled.columns()).extracting(ColumnSketch::name).containsExactly("x", "ties", "holes", "level", "flag");
        for (ColumnSketch s : profiled.columns()) {
            ColumnSketch m = single.column(s.name()).orElseThrow();
            assertThat(s.physicalType()).as(s.name()).isEqualTo(m.physicalType());
            assertThat(s.rows()).as(s.name()).isEqualTo(m.rows());
            assertThat(s.missing()).as(s.name()).isEqualTo(m.missing());
            if (s instanceof NumericSketch n) {
                NumericSketch e = (NumericSketch) m;
                assertThat(n.count()).isEqualTo(e.count());
                assertThat(n.min()).isEqualTo(e.min());
                assertThat(n.max()).isEqualTo(e.max());
                assertThat(n.mean()).isCloseTo(e.mean(), within(1e-12 * Math.max(1, Math.abs(e.mean()))));
                assertThat(n.m2()).isCloseTo(e.m2(), within(1e-10 * e.m2()));
                assertThat(n.keepsValues()).isEqualTo(e.keepsValues());
                assertWithinRankError(n.summary(), (NumericColumn) batch.table.column(s.name()).orElseThrow());
            } else {
                assertThat(labels(((CategoricalSketch) s).summary()))
                        .isEqualTo(labels(((CategoricalSketch) m).summary()));
            }
        }
        // the groups' and partitions' sketches merged, past exact mode for the two wide columns
        assertThat(((NumericSketch) profiled.column("x").orElseThrow()).keepsValues()).isFalse();
        assertThat(((NumericSketch) profiled.column("holes").orElseThrow()).keepsValues()).isTrue();
    }

    /**
     * Every decile's rank within 2ε of the truth: ε holds with 99 % confidence per query, so 2ε (about 5σ)
     * keeps a spurious failure near 1e-7 per query (KLL compaction is randomised, unseeded).
     */
    private static void assertWithinRankError(QuantileSummary q, NumericColumn column) {
        double[] sorted = column.sortedFiniteValues();
        for (int d = 1; d < 10; d++) {
            double x = sorted[sorted.length * d / 10];
            int below = 0;
            while (below < sorted.length && sorted[below] < x) {
                below++;
            }
            double truth = (double) below / sorted.length;
            assertThat(q.rankBelow(x)).as("%s: rank of %s", column.name(), x)
                    .isCloseTo(truth, within(2 * Math.max(q.rankError(), 1e-12)));
        }
    }

    private static Map<String, Long> labels(FrequencySummary f) {
        assertThat(f.isExact()).isTrue();
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < f.size(); i++) {
            m.put(f.label(i), f.estimate(i));
        }
        return m;
    }

    @Test
    void readsEverySparkTypeAsTheCommandLinesReadersStoreIt() {
        Dataset<Row> rows = LocalSpark.session().sql("""
                SELECT * FROM VALUES
                  (DATE '2026-01-02', TIMESTAMP '2026-01-02 03:04:05.678', TIMESTAMP_NTZ '2026-01-02 03:04:05.678',
                   CAST(1.25 AS DECIMAL(10, 2)), CAST(0.5 AS FLOAT), CAST(3 AS TINYINT), CAST(7 AS SMALLINT), 5, true,
                   'a', X'00', array(1)),
                  (DATE '1969-12-31', TIMESTAMP '1970-01-01 00:00:00', TIMESTAMP_NTZ '1970-01-01 00:00:00',
                   CAST(-2.5 AS DECIMAL(10, 2)), CAST('NaN' AS FLOAT), CAST(-3 AS TINYINT), CAST(-7 AS SMALLINT), NULL,
                   NULL, NULL, X'01', array(2))
                AS t(d, ts, ntz, dec, f, tiny, small, holes, flag, label, bin, arr)""");

        SparkProfiler.Result result = SparkProfiler.profile(rows, List.of(), SketchSettings.defaults(), 3);

        assertThat(result.skipped()).containsExactly(entry("bin", "binary"), entry("arr", "array<int>"));
        SketchProfile p = result.profile();
        long millis = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();
        assertNumbers(p, "d", PhysicalType.TIMESTAMP, 0, -86_400_000.0,
                Instant.parse("2026-01-02T00:00:00Z").toEpochMilli());
        assertNumbers(p, "ts", PhysicalType.TIMESTAMP, 0, 0, millis);
        assertNumbers(p, "ntz", PhysicalType.TIMESTAMP, 0, 0, millis);
        assertNumbers(p, "dec", PhysicalType.FLOAT, 0, -2.5, 1.25);
        assertNumbers(p, "f", PhysicalType.FLOAT, 1, 0.5, 0.5); // NaN is missing
        assertNumbers(p, "tiny", PhysicalType.INTEGER, 0, -3, 3);
        assertNumbers(p, "small", PhysicalType.INTEGER, 0, -7, 7);
        assertNumbers(p, "holes", PhysicalType.FLOAT, 1, 5, 5); // whole numbers with a null: float, as in a CSV file
        assertNumbers(p, "flag", PhysicalType.BOOLEAN, 1, 1, 1);
        CategoricalSketch label = (CategoricalSketch) p.column("label").orElseThrow();
        assertThat(label.missing()).isEqualTo(1);
        assertThat(labels(label.summary())).containsExactly(entry("a", 1L));
    }

    private static void assertNumbers(SketchProfile p, String column, PhysicalType type, long missing, double min,
            double max) {
        NumericSketch n = (NumericSketch) p.column(column).orElseThrow();
        assertThat(n.physicalType()).as(column).isEqualTo(type);
        assertThat(n.rows()).as(column).isEqualTo(2);
        assertThat(n.missing()).as(column).isEqualTo(missing);
        assertThat(n.min()).as(column).isEqualTo(min);
        assertThat(n.max()).as(column).isEqualTo(max);
    }

    @Test
    void refusesArgumentsItCannotRunWithInOneLine() {
        SparkSession spark = LocalSpark.session();
        assertThat(errorOf(spark, "--out", "p.sketch"))
                .isEqualTo("name exactly one input: --table T, --parquet PATH, --csv PATH or --sql QUERY\n");
        assertThat(errorOf(spark, "--parquet", "a", "--csv", "b", "--out", "p.sketch"))
                .isEqualTo("name exactly one input: --table T, --parquet PATH, --csv PATH or --sql QUERY"
                        + " (got --parquet, --csv)\n");
        assertThat(errorOf(spark, "--parquet", "a")).isEqualTo("argument --out is required\n");
        assertThat(errorOf(spark, "--parquet", "a", "--out", "p.sketch", "--k", "4"))
                .isEqualTo("argument --k: k must be in 8..65535, got 4\n");
        assertThat(errorOf(spark, "--parquet", "a", "--out", "p.sketch", "--column-batch", "none"))
                .isEqualTo("argument --column-batch must be a positive whole number, got 'none'\n");
        assertThat(errorOf(spark, "--parquet", "a", "--out")).isEqualTo("argument --out needs a value\n");
        assertThat(errorOf(spark, "--parquet", "a", "--outt", "p.sketch"))
                .startsWith("unknown argument '--outt'; expected one of --column-batch, --columns, --csv, --k,");
        assertThat(errorOf(spark, "--sql", "SELECT 1 AS a", "--out", "p.sketch", "--columns", "b"))
                .isEqualTo("column 'b' is not in the table (its columns: a)\n");
        assertThat(errorOf(spark, "--sql", "SELECT array(1) AS a", "--out", "p.sketch", "--columns", "a"))
                .isEqualTo("column 'a' is of type array<int>, which a sketch profile does not read (numbers,"
                        + " booleans, dates, timestamps, text)\n");
    }

    private static String errorOf(SparkSession spark, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ProfileJob.run(spark, args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        return err.toString(StandardCharsets.UTF_8);
    }
}
