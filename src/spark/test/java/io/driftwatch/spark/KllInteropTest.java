package io.driftwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.profile.NumericSketch;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.QuantileSummary;
import io.driftwatch.stats.SketchKolmogorovSmirnovTest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Sketches made by Spark SQL's own {@code kll_sketch_agg_double} (Spark 4.1+) are the KLL doubles
 * sketches of a Driftwatch profile: the same DataSketches 6.2.0 serialisation, read by the same
 * {@code KllDoublesSketch.heapify} the profile reader uses, of the same {@code n}, min and max, with
 * ranks and the KS statistic within the sketches' error bounds of Driftwatch's own; the two merge;
 * and Spark SQL reads the sketch a Driftwatch profile holds.
 */
class KllInteropTest {
    private static final int ROWS = 30_000;
    private static final int K = 200;

    @Test
    void acceptsSparkSqlKllSketchesAsItsOwn() throws IOException {
        SparkSession spark = LocalSpark.session();
        Batches reference = Batches.generate(ROWS, 11, 0);
        Batches shifted = Batches.generate(ROWS, 12, 0.3);
        reference.frame(spark, 3).createOrReplaceTempView("kll_reference");
        shifted.frame(spark, 3).createOrReplaceTempView("kll_shifted");

        // Spark SQL's sketch of x, read as a profile reader reads a KLL block
        byte[] sparkBytes = (byte[]) spark.sql("SELECT kll_sketch_agg_double(x, " + K + ") FROM kll_reference")
                .first().get(0);
        KllDoublesSketch sparkKll = KllDoublesSketch.heapify(Memory.wrap(sparkBytes));
        // Driftwatch's sketch of the same column, made by the profile job's code
        SketchSettings settings = SketchSettings.defaults().withK(K);
        SketchProfile oursProfile = SparkProfiler.profile(spark.table("kll_reference"), List.of("x"), settings, 10)
                .profile();
        SketchProfile shiftedProfile = SparkProfiler.profile(spark.table("kll_shifted"), List.of("x"), settings, 10)
                .profile();
        NumericSketch ours = numeric(oursProfile, "x");
        NumericSketch oursShifted = numeric(shiftedProfile, "x");

        assertThat(sparkKll.getK()).isEqualTo(K);
        assertThat(sparkKll.isEstimationMode()).isTrue();
        assertThat(sparkKll.getN()).isEqualTo(ours.count()); // nulls left out on both sides
        assertThat(sparkKll.getMinItem()).isEqualTo(ours.min());
        assertThat(sparkKll.getMaxItem()).isEqualTo(ours.max());
        double epsilon = sparkKll.getNormalizedRankError(false);
        assertThat(epsilon).isEqualTo(ours.rankError());

        // ranks: both within their error of each other at every decile (2ε each, as ProfileJobTest explains)
        QuantileSummary q = ours.summary();
        for (int d = 1; d < 10; d++) {
            double x = sparkKll.getQuantile(d / 10.0);
            assertThat(q.rankBelow(x)).as("rank of %s", x)
                    .isCloseTo(sparkKll.getRank(x, QuantileSearchCriteria.EXCLUSIVE), within(4 * epsilon));
        }

        // the KS statistic against a shifted batch: Spark's sketch as the reference gives Driftwatch's D
        // within the bounds of the three sketches involved
        QuantileSummary sparkSummary = summaryOf(sparkKll, ours);
        double dSpark = SketchKolmogorovSmirnovTest.statistic(sparkSummary, oursShifted.summary());
        double dOurs = SketchKolmogorovSmirnovTest.statistic(q, oursShifted.summary());
        assertThat(dOurs).isGreaterThan(4 * epsilon); // a shift the sketches see
        assertThat(dSpark).isCloseTo(dOurs, within(2 * (2 * epsilon)));

        // they merge: Spark's sketch into Driftwatch's
        KllDoublesSketch union = KllDoublesSketch.heapify(Memory.wrap(sparkBytes));
        union.merge(KllDoublesSketch.heapify(Memory.wrap(kllBytes(shiftedProfile))));
        assertThat(union.getN()).isEqualTo(ours.count() + oursShifted.count());

        // and Spark SQL reads the sketch of a Driftwatch profile
        StructType schema = new StructType().add("s", DataTypes.BinaryType);
        Dataset<Row> held = spark.createDataFrame(List.of(RowFactory.create((Object) kllBytes(oursProfile))), schema);
        Row read = held.selectExpr("kll_sketch_get_n_double(s)", "kll_sketch_get_quantile_double(s, 0.5)").first();
        assertThat(read.getLong(0)).isEqualTo(ours.count());
        double median = read.getDouble(1);
        assertThat(q.rankBelow(median)).isCloseTo(0.5, within(4 * epsilon));
    }

    private static NumericSketch numeric(SketchProfile profile, String column) {
        return (NumericSketch) profile.column(column).orElseThrow();
    }

    /**
     * The KLL block of a one-column numeric profile's file, found by the byte layout of
     * docs/sketch-profile.md (as another program reading the file would).
     */
    private static byte[] kllBytes(SketchProfile oneColumn) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(oneColumn.toByteArray()));
        in.skipNBytes(8 + 4 * 5 + 8); // magic, version, four settings, row count
        assertThat(in.readInt()).isEqualTo(1); // one column
        assertThat(in.readByte()).isEqualTo((byte) 0); // numeric
        in.skipNBytes(in.readInt()); // name
        in.skipNBytes(1 + 8 + 8 + 8 + 8 + 8 * 4); // type, rows, missing, infinite, count, min, max, mean, m2
        int kept = in.readInt();
        in.skipNBytes(Math.max(0, kept) * 16L);
        byte[] kll = new byte[in.readInt()];
        in.readFully(kll);
        return kll;
    }

    /** A Driftwatch summary of Spark's sketch, with the exact moments of the same column. */
    private static QuantileSummary summaryOf(KllDoublesSketch kll, NumericSketch exactFacts) {
        var view = kll.getSortedView();
        double[] items = view.getQuantiles();
        long[] cumulative = view.getCumulativeWeights();
        return QuantileSummary.of(items, cumulative, kll.getNormalizedRankError(false), kll.getNormalizedRankError(true),
                exactFacts.min(), exactFacts.max(), exactFacts.mean(), exactFacts.m2() / exactFacts.count());
    }
}
