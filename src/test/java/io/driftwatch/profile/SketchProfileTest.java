package io.driftwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile.InvalidProfileException;
import io.driftwatch.stats.FrequencySummary;
import io.driftwatch.stats.QuantileSummary;
import io.driftwatch.stats.SketchKolmogorovSmirnovTest;
import io.driftwatch.stats.SketchSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sketch profiles: merging parts of a table in any partitioning and any order gives the whole
 * table's exact facts (the moments up to rounding) and sketches within their rank error; the binary
 * form round-trips and refuses what is not a whole profile of a known version.
 */
class SketchProfileTest {
    private static final int ROWS = 60_000;
    /** Small enough that 60,000 values put the KLL sketches in estimation mode. */
    private static final SketchSettings SETTINGS = SketchSettings.defaults().withK(200).withExactLabels(500)
            .withFrequentItemsMapSize(1024);

    /** Columns: normal floats with NaN and ±∞, integers 0..9, 40 labels with missing, 3000 labels. */
    static Table table(long seed) {
        Random random = new Random(seed);
        double[] normal = new double[ROWS];
        double[] small = new double[ROWS];
        String[] few = new String[ROWS];
        String[] many = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double u = random.nextDouble();
            normal[i] = u < 0.01 ? Double.NaN : u < 0.012 ? Double.POSITIVE_INFINITY : random.nextGaussian() * 3 + 1;
            small[i] = random.nextInt(10);
            few[i] = u < 0.02 ? null : "L" + (int) Math.floor(40 * Math.pow(random.nextDouble(), 2));
            many[i] = "M" + (int) Math.floor(3000 * Math.pow(random.nextDouble(), 3));
        }
        return Table.of(List.of(NumericColumn.wrap("normal", PhysicalType.FLOAT, normal, ROWS),
                NumericColumn.wrap("small", PhysicalType.INTEGER, small, ROWS), CategoricalColumn.of("few", few),
                CategoricalColumn.of("many", many)));
    }

    /** Rows {@code [from, to)} of {@code table}. */
    static Table slice(Table table, int from, int to) {
        List<Column> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                double[] v = new double[to - from];
                n.copyValues(from, v, 0, to - from);
                columns.add(NumericColumn.wrap(n.name(), n.physicalType(), v, v.length));
            } else {
                CategoricalColumn k = (CategoricalColumn) c;
                String[] labels = new String[to - from];
                for (int i = from; i < to; i++) {
                    labels[i - from] = k.isMissing(i) ? null : k.labelAt(i);
                }
                columns.add(CategoricalColumn.of(k.name(), labels));
            }
        }
        return Table.of(columns);
    }

    /** The profiles of a random partition of {@code table} into {@code parts} slices. */
    static List<SketchProfile> parts(Table table, int parts, Random random) {
        int[] cuts = new int[parts + 1];
        cuts[parts] = table.rowCount();
        for (int i = 1; i < parts; i++) {
            cuts[i] = random.nextInt(table.rowCount());
        }
        Arrays.sort(cuts);
        List<SketchProfile> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(SketchProfile.of(slice(table, cuts[i], cuts[i + 1]), SETTINGS));
        }
        return out;
    }

    /** Merged left to right after a shuffle, or pairwise as a tree (as Spark's treeAggregate does). */
    static SketchProfile merge(List<SketchProfile> parts, Random random, boolean tree) {
        List<SketchProfile> list = new ArrayList<>(parts);
        Collections.shuffle(list, random);
        if (!tree) {
            SketchProfile.Builder b = SketchProfile.builder(SETTINGS);
            for (SketchProfile p : list) {
                b.merge(p);
            }
            return b.build();
        }
        while (list.size() > 1) {
            List<SketchProfile> next = new ArrayList<>();
            for (int i = 0; i + 1 < list.size(); i += 2) {
                next.add(list.get(i).merge(list.get(i + 1)));
            }
            if (list.size() % 2 == 1) {
                next.add(list.get(list.size() - 1));
            }
            list = next;
        }
        return list.get(0);
    }

    @Test
    void mergesInAnyPartitioningAndOrderToTheWholeTablesProfile() {
        Table table = table(1);
        SketchProfile whole = SketchProfile.of(table, SETTINGS);
        double[] sortedNormal = ((NumericColumn) table.column("normal").orElseThrow()).sortedFiniteValues();
        Random random = new Random(2);
        for (int trial = 0; trial < 6; trial++) {
            SketchProfile merged = merge(parts(table, 2 + random.nextInt(9), random), random, trial % 2 == 0);
            assertThat(merged.rowCount()).isEqualTo(ROWS);
            assertSameExactParts(merged, whole);
            // the quantile sketch: within its rank error of the true ranks. KLL compacts with an unseeded
            // generator and its ε holds with 99 % confidence per query, so the test allows 2ε (about 5σ:
            // a chance near 1e-7 per query of a spurious failure) rather than flake once in a few runs
            QuantileSummary q = ((NumericSketch) merged.column("normal").orElseThrow()).summary();
            assertThat(q.rankError()).isGreaterThan(0);
            for (double p = 0.05; p < 1; p += 0.1) {
                double x = sortedNormal[(int) (p * sortedNormal.length)];
                double truth = (double) lowerBound(sortedNormal, x) / sortedNormal.length;
                assertThat(q.rankBelow(x)).as("rank of %s", x).isCloseTo(truth, within(2 * q.rankError()));
            }
            // any two merges estimate KS D against the whole within (twice) the sum of their bounds
            SketchSample.Numeric pair = (SketchSample.Numeric) merged.sample("normal", whole);
            assertThat(SketchKolmogorovSmirnovTest.statistic(pair.reference(), pair.current()))
                    .isLessThanOrEqualTo(2 * (pair.reference().rankError() + pair.current().rankError()));
            // the frequent items: every estimate within the sketch's error of the truth
            FrequencySummary many = ((CategoricalSketch) merged.column("many").orElseThrow()).summary();
            assertThat(many.isExact()).isFalse();
            Map<String, Long> truth = counts((CategoricalColumn) table.column("many").orElseThrow());
            for (int i = 0; i < many.size(); i++) {
                long t = truth.getOrDefault(many.label(i), 0L);
                assertThat(t).isBetween(many.lowerBound(i), many.upperBound(i));
                assertThat(Math.abs(many.estimate(i) - t)).isLessThanOrEqualTo(many.maxError());
            }
        }
    }

    private static void assertSameExactParts(SketchProfile a, SketchProfile b) {
        for (String name : List.of("normal", "small")) {
            NumericSketch x = (NumericSketch) a.column(name).orElseThrow();
            NumericSketch y = (NumericSketch) b.column(name).orElseThrow();
            assertThat(x.rows()).isEqualTo(y.rows());
            assertThat(x.missing()).isEqualTo(y.missing());
            assertThat(x.infinite()).isEqualTo(y.infinite());
            assertThat(x.count()).isEqualTo(y.count());
            assertThat(x.min()).isEqualTo(y.min());
            assertThat(x.max()).isEqualTo(y.max());
            assertThat(x.mean()).isCloseTo(y.mean(), within(1e-12 * Math.max(1, Math.abs(y.mean()))));
            assertThat(x.m2()).isCloseTo(y.m2(), within(1e-10 * y.m2()));
            assertThat(x.keepsValues()).isEqualTo(y.keepsValues());
        }
        NumericSketch small = (NumericSketch) a.column("small").orElseThrow();
        assertThat(small.keepsValues()).isTrue();
        QuantileSummary s = small.summary();
        QuantileSummary t = ((NumericSketch) b.column("small").orElseThrow()).summary();
        assertThat(s.size()).isEqualTo(10);
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.item(i)).isEqualTo(t.item(i));
            assertThat(s.weight(i)).isEqualTo(t.weight(i));
        }
        CategoricalSketch few = (CategoricalSketch) a.column("few").orElseThrow();
        CategoricalSketch fewWhole = (CategoricalSketch) b.column("few").orElseThrow();
        assertThat(few.isExact()).isTrue();
        assertThat(few.missing()).isEqualTo(fewWhole.missing());
        assertThat(asMap(few.summary())).isEqualTo(asMap(fewWhole.summary()));
        assertThat(a.column("many").orElseThrow().rows()).isEqualTo(b.column("many").orElseThrow().rows());
    }

    private static Map<String, Long> asMap(FrequencySummary s) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            m.put(s.label(i), s.estimate(i));
        }
        return m;
    }

    private static Map<String, Long> counts(CategoricalColumn c) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < c.length(); i++) {
            if (!c.isMissing(i)) {
                m.merge(c.labelAt(i), 1L, Long::sum);
            }
        }
        return m;
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void switchesToTheFrequentItemsSketchOnTheUnionOfLabelsInAnyOrder() {
        SketchSettings settings = SketchSettings.defaults().withExactLabels(3);
        SketchProfile ab = SketchProfile.of(Table.of(List.of(CategoricalColumn.of("c", "a", "b", "a"))), settings);
        SketchProfile cd = SketchProfile.of(Table.of(List.of(CategoricalColumn.of("c", "c", "d"))), settings);
        SketchProfile bc = SketchProfile.of(Table.of(List.of(CategoricalColumn.of("c", "b", "c"))), settings);
        assertThat(((CategoricalSketch) ab.merge(bc).column("c").orElseThrow()).isExact()).isTrue();
        CategoricalSketch one = (CategoricalSketch) ab.merge(cd).column("c").orElseThrow();
        CategoricalSketch other = (CategoricalSketch) cd.merge(ab).column("c").orElseThrow();
        assertThat(one.isExact()).isFalse();
        assertThat(other.isExact()).isFalse();
        assertThat(asMap(one.summary())).isEqualTo(asMap(other.summary())).containsEntry("a", 2L);
        assertThat(one.summary().total()).isEqualTo(5);
    }

    @Test
    void dropsExactValueCountsPastTheLimitInAnyOrder() {
        SketchSettings settings = SketchSettings.defaults().withK(200);
        SketchSettings limited = new SketchSettings(200, 20, settings.exactLabels(), settings.frequentItemsMapSize());
        SketchProfile a = SketchProfile.of(numbers(1, 2, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13), limited);
        SketchProfile b = SketchProfile.of(numbers(3, Double.NaN, 14, 15, 16, 17, 18, 19), limited);
        SketchProfile c = SketchProfile.of(numbers(4, 20, 21), limited);
        assertThat(((NumericSketch) a.merge(b).column("x").orElseThrow()).keepsValues()).isTrue();
        assertThat(((NumericSketch) a.merge(b).merge(c).column("x").orElseThrow()).keepsValues()).isFalse();
        assertThat(((NumericSketch) c.merge(a).merge(b).column("x").orElseThrow()).keepsValues()).isFalse();
        NumericSketch all = (NumericSketch) c.merge(b).merge(a).column("x").orElseThrow();
        assertThat(all.count()).isEqualTo(22);
        assertThat(all.missing()).isEqualTo(1);
        double mean = 233.0 / 22; // 1..21 and a second 2
        assertThat(all.mean()).isCloseTo(mean, within(1e-12));
        double m2 = 0;
        for (int v = 1; v <= 21; v++) {
            m2 += (v - mean) * (v - mean);
        }
        m2 += (2 - mean) * (2 - mean);
        assertThat(all.m2()).isCloseTo(m2, within(1e-9));
        // the KLL sketch still holds every value: the summary is exact, duplicates counted together
        assertThat(all.summary().rankError()).isZero();
        assertThat(all.summary().hasExactValues()).isTrue();
        assertThat(all.summary().size()).isEqualTo(21);
        assertThat(all.summary().weight(1)).isEqualTo(2);
        assertThat(all.summary().rankBelow(3)).isCloseTo(3.0 / 22, within(1e-12));
    }

    private static Table numbers(double... values) {
        return Table.of(List.of(NumericColumn.wrap("x", PhysicalType.FLOAT, values, values.length)));
    }

    @Test
    void refusesToMergeProfilesOfOtherSettingsOrKinds() {
        SketchProfile a = SketchProfile.of(numbers(1, 2), SketchSettings.defaults());
        assertThatThrownBy(() -> a.merge(SketchProfile.of(numbers(1), SketchSettings.defaults().withK(100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different settings");
        SketchProfile text = SketchProfile.of(Table.of(List.of(CategoricalColumn.of("x", "a"))), SketchSettings.defaults());
        assertThatThrownBy(() -> a.merge(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'x' is numeric in one profile and categorical in the other");
    }

    @Test
    void joinsProfilesOfTheSameRowsOtherColumnsIntoTheWholeTablesProfile() {
        Table table = table(4);
        Table left = Table.of(table.columns().subList(0, 2));
        Table right = Table.of(table.columns().subList(2, 4));
        SketchProfile joined = SketchProfile.of(left, SETTINGS).withColumnsOf(SketchProfile.of(right, SETTINGS));
        SketchProfile whole = SketchProfile.of(table, SETTINGS);
        assertThat(joined.rowCount()).isEqualTo(ROWS);
        assertThat(joined.columns()).extracting(ColumnSketch::name).containsExactly("normal", "small", "few", "many");
        assertSameExactParts(joined, whole);
        SketchProfile again = SketchProfile.of(left, SETTINGS);
        assertThatThrownBy(() -> again.withColumnsOf(SketchProfile.of(left, SETTINGS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column 'normal' is in both profiles");
        assertThatThrownBy(() -> again.withColumnsOf(SketchProfile.of(slice(right, 0, 10), SETTINGS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profiles of 60000 and 10 rows are not of the same rows");
        assertThatThrownBy(() -> again.withColumnsOf(SketchProfile.of(right, SketchSettings.defaults())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different settings do not join");
    }

    @Test
    void roundTripsToTheSameBytesAndSummaries() throws IOException {
        SketchProfile profile = SketchProfile.of(table(3), SETTINGS);
        byte[] bytes = profile.toByteArray();
        SketchProfile read = SketchProfile.readFrom(new ByteArrayInputStream(bytes), "p.dwsketch");
        assertThat(read.toByteArray()).isEqualTo(bytes);
        assertThat(read.settings()).isEqualTo(SETTINGS);
        assertThat(read.rowCount()).isEqualTo(ROWS);
        assertSameExactParts(read, profile);
        QuantileSummary a = ((NumericSketch) read.column("normal").orElseThrow()).summary();
        QuantileSummary b = ((NumericSketch) profile.column("normal").orElseThrow()).summary();
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.item(i)).isEqualTo(b.item(i));
            assertThat(a.cumulativeWeight(i)).isEqualTo(b.cumulativeWeight(i));
        }
        assertThat(asMap(((CategoricalSketch) read.column("many").orElseThrow()).summary()))
                .isEqualTo(asMap(((CategoricalSketch) profile.column("many").orElseThrow()).summary()));
        assertThat(SketchProfile.looksLikeSketchProfile(bytes)).isTrue();
    }

    @Test
    void refusesBytesThatAreNotASketchProfile() {
        assertThatThrownBy(() -> read("DWPROFIL and more".getBytes()))
                .isInstanceOf(InvalidProfileException.class).hasMessage("p.dwsketch is not a Driftwatch sketch profile");
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        byte[] bytes = SketchProfile.of(numbers(1, 2, 3), SketchSettings.defaults()).toByteArray();
        ByteBuffer.wrap(bytes).putInt(8, 7);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(InvalidProfileException.class)
                .hasMessage("p.dwsketch is a sketch profile of format version 7; this Driftwatch reads version 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 20, 60, 100})
    void refusesATruncatedFile(int keep) {
        byte[] bytes = SketchProfile.of(table(4), SETTINGS).toByteArray();
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, Math.min(keep, bytes.length))))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - keep)))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("truncated");
    }

    @Test
    void refusesACorruptFile() {
        byte[] bytes = SketchProfile.of(table(5), SETTINGS).toByteArray();
        bytes[bytes.length / 2] ^= 0x10;
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(InvalidProfileException.class)
                .hasMessage("p.dwsketch is corrupt or truncated: its checksum does not match its contents");
    }

    @Test
    void refusesCountsThatDoNotAddUpEvenWithAValidChecksum() {
        byte[] bytes = SketchProfile.of(numbers(1, 2, 3), SketchSettings.defaults()).toByteArray();
        // header: magic 8, version 4, settings 16, rows 8, columns 4; column: kind 1, name 4 + 1, type 1;
        // rows 8 at offset 47, missing 8 at 55
        ByteBuffer.wrap(bytes).putLong(55, 5);
        resealChecksum(bytes);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(InvalidProfileException.class)
                .hasMessage("p.dwsketch: column 'x' has counts that do not add up (3 rows, 5 missing, 0 infinite, 3 finite)");
    }

    @Test
    void refusesAnUnreadableSketchEvenWithAValidChecksum() {
        byte[] bytes = SketchProfile.of(numbers(1, 2, 3), SketchSettings.defaults()).toByteArray();
        // the KLL bytes follow the exact values: count 3 at offset 111, three (double, long) pairs, length
        int kll = 111 + 4 + 3 * 16 + 4;
        bytes[kll + 1] = 99; // the serialisation version byte of the KLL preamble
        resealChecksum(bytes);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(InvalidProfileException.class)
                .hasMessageStartingWith("p.dwsketch: column 'x' holds an unreadable KLL sketch");
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThatThrownBy(() -> SketchSettings.defaults().withK(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be in 8..65535, got 7");
        assertThatThrownBy(() -> new SketchSettings(200, 19, 10, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 20 distinct numbers");
        assertThatThrownBy(() -> SketchSettings.defaults().withFrequentItemsMapSize(100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
    }

    @Test
    void refusesAFileWithSettingsOutOfRangeEvenWithAValidChecksum() {
        byte[] bytes = SketchProfile.of(numbers(1, 2, 3), SketchSettings.defaults()).toByteArray();
        ByteBuffer.wrap(bytes).putInt(12, 3); // k
        resealChecksum(bytes);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(InvalidProfileException.class)
                .hasMessage("p.dwsketch: invalid settings: k must be in 8..65535, got 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jensenshannon", "hellinger", "psi"})
    void testsManyLabelsOnTheirFrequentItemsWithAnIntervalHoldingTheExactScore(String name) {
        Table a = table(6);
        Table b = table(7);
        io.driftwatch.stats.SketchTestResult result = io.driftwatch.stats.SketchTests.byName(name).orElseThrow()
                .test(SketchProfile.of(a, SETTINGS).sample("many", SketchProfile.of(b, SETTINGS)));
        assertThat(result.method()).isEqualTo("frequent_items");
        assertThat(result.score()).isBetween(result.scoreLow(), result.scoreHigh());
        double exact = io.driftwatch.stats.DriftTests.byName(name).orElseThrow().test(io.driftwatch.stats.CategoryCounts
                .countLabels(labels(a, "many"), labels(b, "many"))).score();
        assertThat(exact).isBetween(result.scoreLow(), result.scoreHigh());
        // two samples of one distribution: never drift (the pooled rare labels leave absence undecided)
        assertThat(result.verdict()).isNotEqualTo(io.driftwatch.stats.Verdict.DRIFT);
    }

    private static String[] labels(Table table, String column) {
        CategoricalColumn c = (CategoricalColumn) table.column(column).orElseThrow();
        String[] out = new String[c.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.isMissing(i) ? null : c.labelAt(i);
        }
        return out;
    }

    private static void resealChecksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }

    private static SketchProfile read(byte[] bytes) throws IOException {
        return SketchProfile.readFrom(new ByteArrayInputStream(bytes), "p.dwsketch");
    }
}
