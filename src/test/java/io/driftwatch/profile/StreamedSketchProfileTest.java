package io.driftwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.CsvReader;
import io.driftwatch.stats.FrequencySummary;
import io.driftwatch.stats.QuantileSummary;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file streamed through {@link SketchProfile.Builder#read} gives the profile of the table
 * {@link CsvReader} reads from it: the exact parts equal, the quantiles within the sketch's rank
 * bound. The file is larger than one streamed batch and one type block, so several batches are
 * merged into each column's sketches.
 */
class StreamedSketchProfileTest {
    private static final int ROWS = 150_000;

    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void writeFile() throws IOException {
        file = dir.resolve("big.csv");
        Random random = new Random(7);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("normal,small,count,few,many,gappy\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(String.format(Locale.ROOT, "%.6f,%d,%d,%s,id%d,%s%n", random.nextGaussian() * 3 + 1,
                        random.nextInt(10), random.nextInt(5000), "abcde".charAt(random.nextInt(5)),
                        random.nextInt(20_000), random.nextInt(10) == 0 ? "" : Double.toString(random.nextDouble())));
            }
        }
    }

    @Test
    void streamedProfileEqualsTheWholeTablesOnItsExactPartsAndIsWithinTheRankBound() {
        Table table = CsvReader.read(file);
        SketchProfile whole = SketchProfile.of(table, SketchSettings.defaults());
        SketchProfile streamed = SketchProfile.builder(SketchSettings.defaults()).read(file, CsvOptions.defaults())
                .build();

        assertThat(streamed.rowCount()).isEqualTo(ROWS);
        assertThat(streamed.columns()).extracting(ColumnSketch::name)
                .containsExactly("normal", "small", "count", "few", "many", "gappy");
        for (String name : new String[] {"normal", "small", "count", "gappy"}) {
            NumericSketch x = (NumericSketch) streamed.column(name).orElseThrow();
            NumericSketch y = (NumericSketch) whole.column(name).orElseThrow();
            assertThat(x.physicalType()).as(name).isEqualTo(y.physicalType());
            assertThat(x.rows()).as(name).isEqualTo(y.rows());
            assertThat(x.missing()).as(name).isEqualTo(y.missing());
            assertThat(x.count()).as(name).isEqualTo(y.count());
            assertThat(x.min()).as(name).isEqualTo(y.min());
            assertThat(x.max()).as(name).isEqualTo(y.max());
            assertThat(x.mean()).as(name).isCloseTo(y.mean(), within(1e-12 * Math.max(1, Math.abs(y.mean()))));
            assertThat(x.m2()).as(name).isCloseTo(y.m2(), within(1e-10 * y.m2()));
            assertThat(x.keepsValues()).as(name).isEqualTo(y.keepsValues());
        }
        assertThat(((NumericSketch) streamed.column("gappy").orElseThrow()).missing()).isGreaterThan(10_000);

        // few distinct values: kept exactly, value by value
        QuantileSummary small = ((NumericSketch) streamed.column("small").orElseThrow()).summary();
        QuantileSummary smallWhole = ((NumericSketch) whole.column("small").orElseThrow()).summary();
        assertThat(small.hasExactValues()).isTrue();
        assertThat(small.size()).isEqualTo(10);
        for (int i = 0; i < small.size(); i++) {
            assertThat(small.item(i)).isEqualTo(smallWhole.item(i));
            assertThat(small.weight(i)).isEqualTo(smallWhole.weight(i));
        }

        // KLL: within twice its 99 % rank bound of the true ranks (KLL compacts with an unseeded
        // generator; 2ε keeps a spurious failure near 1e-7 per query)
        double[] sorted = ((NumericColumn) table.column("normal").orElseThrow()).sortedFiniteValues();
        QuantileSummary q = ((NumericSketch) streamed.column("normal").orElseThrow()).summary();
        assertThat(q.rankError()).isGreaterThan(0);
        for (double p = 0.01; p < 1; p += 0.07) {
            double x = sorted[(int) (p * sorted.length)];
            int below = lowerBound(sorted, x);
            assertThat(q.rankBelow(x)).as("rank of %s", x)
                    .isCloseTo((double) below / sorted.length, within(2 * q.rankError()));
        }

        // labels: exact counts while few, frequent items within their bounds when many
        CategoricalSketch few = (CategoricalSketch) streamed.column("few").orElseThrow();
        assertThat(few.isExact()).isTrue();
        assertThat(asMap(few.summary())).isEqualTo(asMap(((CategoricalSketch) whole.column("few").orElseThrow())
                .summary()));
        FrequencySummary many = ((CategoricalSketch) streamed.column("many").orElseThrow()).summary();
        assertThat(many.isExact()).isFalse();
        assertThat(many.total()).isEqualTo(ROWS);
    }

    private static int lowerBound(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == x) {
            i--;
        }
        return i;
    }

    private static Map<String, Long> asMap(FrequencySummary s) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            m.put(s.label(i), s.estimate(i));
        }
        return m;
    }
}
