package io.driftwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dataset facts against a direct transcription of pandas' definitions (every pair of rows, every
 * pair of columns, cell by cell), on tables built so that hashes collide, blocks match by chance,
 * columns are nearly equal and cells are missing.
 */
class TableFactsTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    void countsRowsEqualToAnEarlierRowMissingEqualToMissingAndMinusZeroToZero() {
        Table t = Table.of(List.of(
                numbers("x", PhysicalType.FLOAT, 1, Double.NaN, 0.0, 1, Double.NaN, -0.0, 2),
                CategoricalColumn.of("c", "a", null, "b", "a", null, "b", "a")));
        TableFacts facts = TableFacts.of(t);
        assertThat(facts.duplicatedRows()).isEqualTo(3); // rows 3, 4 and 5 repeat rows 0, 1 and 2
        assertThat(facts.emptyRows()).isEqualTo(2);
    }

    @Test
    void keepsDistinctRowsApartWhenTheirHashesCollide() {
        List<Column> columns = List.of(numbers("x", PhysicalType.INTEGER, 1, 2, 1, 3, 2, 3, 4),
                CategoricalColumn.of("c", "a", "a", "a", "b", "a", "c", "a"));
        long[] allEqual = new long[7];
        Arrays.fill(allEqual, 42L);
        // rows: (1,a) (2,a) (1,a) (3,b) (2,a) (3,c) (4,a): rows 2 and 4 repeat rows 0 and 1
        assertThat(RowDuplicates.duplicates(columns, allEqual, Runnable::run)).isEqualTo(2);
    }

    @Test
    void countsDuplicatedColumnsInPairsOfTheSameStorageType() {
        Table t = Table.of(List.of(
                numbers("a", PhysicalType.FLOAT, 1, 2, Double.NaN, 4),
                numbers("b", PhysicalType.FLOAT, 1, 2, Double.NaN, 4),
                numbers("c", PhysicalType.FLOAT, 1, 2, Double.NaN, 4),
                numbers("d", PhysicalType.INTEGER, 1, 2, 3, 4),
                numbers("e", PhysicalType.FLOAT, 1, 2, 3, 4),
                numbers("f", PhysicalType.INTEGER, 1, 2, 3, 4),
                CategoricalColumn.of("g", "1", "2", null, "4")));
        TableFacts facts = TableFacts.of(t);
        assertThat(facts.duplicatedColumnPairs()).isEqualTo(3 + 1); // a-b, a-c, b-c; d-f (e is FLOAT)
    }

    @Test
    void splitsColumnsWhoseHashesCollideButValuesDiffer() {
        List<Column> columns = List.of(numbers("a", PhysicalType.FLOAT, 1, 2, 3, 4),
                numbers("b", PhysicalType.FLOAT, 1, 2, 3, 5),
                numbers("c", PhysicalType.FLOAT, 1, 2, 3, 4),
                numbers("d", PhysicalType.FLOAT, 1, 2, 3, 5));
        Blocks blocks = Blocks.of(4);
        ColumnScan.Scratch scratch = new ColumnScan.Scratch(4);
        ColumnScan[] scans = new ColumnScan[4];
        for (int i = 0; i < 4; i++) {
            ColumnScan s = ColumnScan.of(columns.get(i), i, blocks, scratch);
            long[] sameBlocks = new long[s.blockHashes.length];
            scans[i] = new ColumnScan(s.facts, 7L, sameBlocks, s.missingBlocks); // every hash collides
        }
        ColumnDuplicates.Pairs pairs = ColumnDuplicates.count(columns, scans, blocks, Runnable::run);
        assertThat(pairs.duplicated()).isEqualTo(2); // a-c, b-d
        assertThat(pairs.almostDuplicated()).isEqualTo(2); // 4 rows: only equal columns reach 95 %
    }

    @Test
    void countsMissingCellsAsUnequalInAlmostDuplicatedColumns() {
        int n = 100;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 6 ? Double.NaN : i;
        }
        double[] y = x.clone();
        y[50] = -1; // one more difference
        Table t = Table.of(List.of(NumericColumn.of("x", PhysicalType.FLOAT, x, 0, n),
                NumericColumn.of("y", PhysicalType.FLOAT, x, 0, n),
                NumericColumn.of("z", PhysicalType.FLOAT, y, 0, n)));
        TableFacts facts = TableFacts.of(t);
        assertThat(facts.duplicatedColumnPairs()).isEqualTo(1); // x-y, NaN equal to NaN
        assertThat(facts.almostDuplicatedColumnPairs()).isZero(); // 94 equal cells of 100
        double[] w = x.clone();
        w[0] = 0; // 5 missing: x and w agree on 95 cells of 100
        double[] v = w.clone();
        v[99] = -1;
        Table t2 = Table.of(List.of(NumericColumn.of("w1", PhysicalType.FLOAT, w, 0, n),
                NumericColumn.of("w2", PhysicalType.FLOAT, w, 0, n),
                NumericColumn.of("v", PhysicalType.FLOAT, v, 0, n)));
        assertThat(TableFacts.of(t2).almostDuplicatedColumnPairs()).isEqualTo(1); // w1-w2 only: v agrees on 94
    }

    @Test
    void countsEveryColumnEmptyAndConstantWithoutRows() {
        Table t = Table.of(List.of(numbers("a", PhysicalType.FLOAT), numbers("b", PhysicalType.FLOAT),
                numbers("c", PhysicalType.INTEGER), CategoricalColumn.of("d")));
        TableFacts facts = TableFacts.of(t);
        assertThat(facts.duplicatedColumnPairs()).isEqualTo(1); // two empty float64 columns are equal
        assertThat(facts.almostDuplicatedColumnPairs()).isZero(); // 0 / 0 is NaN
        assertThat(facts.duplicatedRows()).isZero();
        assertThat(facts.columns()).allMatch(c -> c.constant() && c.missing() == c.rows() && c.majority() == 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithPandasDefinitionsOnSmallTablesOfFewValues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(60);
        int m = 2 + random.nextInt(12);
        Table t = randomTable(random, n, m, 3);
        assertMatchesDefinitions(t, TableFacts.of(t, names(t), POOL));
    }

    @Test
    void agreesWithPandasDefinitionsOnMoreThanAThousandColumns() {
        SplittableRandom random = new SplittableRandom(99);
        int n = 80;
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 1200; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(1000);
            }
            columns.add(NumericColumn.of("n" + c, PhysicalType.FLOAT, v, 0, n));
        }
        // planted: exact copies and copies with up to 5 % (4 of 80) cells changed, or 5 changed
        for (int k = 0; k < 40; k++) {
            NumericColumn source = (NumericColumn) columns.get(random.nextInt(1200));
            double[] v = source.values();
            int changes = k % 6;
            for (int j = 0; j < changes; j++) {
                v[random.nextInt(n)] = -1 - j;
            }
            columns.add(NumericColumn.of("copy" + k, PhysicalType.FLOAT, v, 0, n));
        }
        Table t = Table.of(columns);
        TableFacts facts = TableFacts.of(t, names(t), POOL);
        assertThat(facts.almostDuplicatedColumnPairs()).isPositive();
        assertMatchesDefinitions(t, facts);
    }

    @Test
    void findsTheSameFactsOnOneThreadAsOnMany() {
        SplittableRandom random = new SplittableRandom(5);
        Table t = randomTable(random, 20_000, 12, 2);
        assertThat(TableFacts.of(t, names(t), POOL)).isEqualTo(TableFacts.of(t));
    }

    @Test
    void countsDuplicatedRowsOfALargeTableAsThePairwiseDefinitionDoes() {
        SplittableRandom random = new SplittableRandom(11);
        Table t = randomTable(random, 3000, 3, 4);
        TableFacts facts = TableFacts.of(t, names(t), POOL);
        assertThat(facts.duplicatedRows()).isEqualTo(duplicatedRows(t)).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"normal", "lognormal", "ties", "almost-constant", "missing-and-infinite", "tiny-range"})
    void computesPandasStatisticsOfLargeColumnsBitForBit(String shape) {
        SplittableRandom random = new SplittableRandom(shape.hashCode());
        int n = 60_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (shape) {
                case "normal" -> -7.5 + 0.5 * random.nextGaussian();
                case "lognormal" -> Math.exp(1.2 + 1.45 * random.nextGaussian());
                case "ties" -> random.nextInt(7) - 3;
                case "almost-constant" -> random.nextInt(100) < 97 ? (random.nextBoolean() ? 0.0 : -0.0) : i;
                case "missing-and-infinite" -> random.nextInt(50) == 0 ? Double.NaN : random.nextInt(200) == 0
                        ? (random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
                        : random.nextGaussian();
                default -> 1.0 + random.nextInt(5) * Math.ulp(1.0);
            };
        }
        NumericColumn column = numbers("x", PhysicalType.FLOAT, v);
        ColumnFacts facts = TableFacts.of(Table.of(List.of(column))).column("x").orElseThrow();

        double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        double[] filled = Arrays.stream(v).map(x -> Double.isNaN(x) ? 0 : x).toArray();
        int m = present.length;
        double mean = io.driftwatch.stats.PairwiseSummation.sum(filled, 0, n) / m;
        double[] squares = Arrays.stream(v).map(x -> Double.isNaN(x) ? 0 : (mean - x) * (mean - x)).toArray();
        double[] sorted = present.clone();
        Arrays.sort(sorted);
        double[] q = new double[3];
        Quantiles.linear(present.clone(), m, Quantiles.QUARTILES, q);
        double[] numpy = numpyQuartiles(sorted);
        ColumnFacts.Numbers got = facts.numbers();
        double std = Math.sqrt(io.driftwatch.stats.PairwiseSummation.sum(squares, 0, n) / (m - 1));
        // arrays compare as Double.equals does: NaN equals NaN; zeros' signs are normalised (ties of −0.0 and 0.0)
        assertThat(new double[] {got.min() + 0.0, got.max() + 0.0, got.mean(), got.std()})
                .isEqualTo(new double[] {sorted[0] + 0.0, sorted[m - 1] + 0.0, mean, std});
        assertThat(new double[] {got.quantile25() + 0.0, got.quantile50() + 0.0, got.quantile75() + 0.0})
                .isEqualTo(numpy).isEqualTo(new double[] {q[0] + 0.0, q[1] + 0.0, q[2] + 0.0});
        assertThat(got.negativeInfinite()).isEqualTo((int) Arrays.stream(v).filter(x -> x == Double.NEGATIVE_INFINITY).count());
        assertThat(got.positiveInfinite()).isEqualTo((int) Arrays.stream(v).filter(x -> x == Double.POSITIVE_INFINITY).count());
        java.util.Map<Double, Integer> counts = new java.util.HashMap<>();
        for (double x : present) {
            counts.merge(x + 0.0, 1, Integer::sum);
        }
        int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(facts.majority()).isEqualTo(2 * top > n ? top : 0);
        assertThat(facts.constant()).isEqualTo(counts.size() <= 1);
    }

    /** NumPy 1.24's linear quartiles of sorted values (zero signs ignored: −0.0 and 0.0 sort either way). */
    private static double[] numpyQuartiles(double[] s) {
        int n = s.length;
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double v = (n - 1) * Quantiles.QUARTILES[k];
            int prev = (int) Math.floor(v);
            int next = prev + 1;
            double gamma = v - prev;
            if (v >= n - 1) {
                prev = n - 1;
                next = n - 1;
                gamma = v + 1;
            }
            double diff = s[next] - s[prev];
            out[k] = (gamma >= 0.5 ? s[next] - diff * (1 - gamma) : s[prev] + diff * gamma) + 0.0;
        }
        return out;
    }

    // ------------------------------------------------------------------ pandas, transcribed

    private static void assertMatchesDefinitions(Table t, TableFacts facts) {
        int n = t.rowCount();
        assertThat(facts.rows()).isEqualTo(n);
        assertThat(facts.duplicatedRows()).as("duplicated rows").isEqualTo(duplicatedRows(t));
        long empty = 0;
        for (int r = 0; r < n; r++) {
            boolean all = true;
            for (Column c : t.columns()) {
                all &= c.isMissing(r);
            }
            empty += all ? 1 : 0;
        }
        assertThat(facts.emptyRows()).as("empty rows").isEqualTo(empty);
        long duplicated = 0;
        long almost = 0;
        for (int i = 0; i < t.columnCount(); i++) {
            for (int j = i + 1; j < t.columnCount(); j++) {
                Column a = t.column(i);
                Column b = t.column(j);
                if (a.physicalType() != b.physicalType()) {
                    continue;
                }
                boolean equals = true;
                long eq = 0;
                for (int r = 0; r < n; r++) {
                    Object x = cell(a, r);
                    Object y = cell(b, r);
                    equals &= x == null ? y == null : x.equals(y);
                    eq += x != null && x.equals(y) ? 1 : 0;
                }
                duplicated += equals ? 1 : 0;
                almost += n > 0 && (double) eq / n >= 0.95 ? 1 : 0;
            }
        }
        assertThat(facts.duplicatedColumnPairs()).as("duplicated column pairs").isEqualTo(duplicated);
        assertThat(facts.almostDuplicatedColumnPairs()).as("almost-duplicated column pairs").isEqualTo(almost);
        for (Column c : t.columns()) {
            java.util.Map<Object, Integer> counts = new java.util.HashMap<>();
            for (int r = 0; r < n; r++) {
                Object x = cell(c, r);
                if (x != null) {
                    counts.merge(x, 1, Integer::sum);
                }
            }
            int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            ColumnFacts f = facts.column(c.name()).orElseThrow();
            assertThat(f.majority()).as("majority of %s", c.name()).isEqualTo(2 * top > n ? top : 0);
            assertThat(f.constant()).as("constant %s", c.name()).isEqualTo(counts.size() <= 1);
            assertThat(f.missing()).isEqualTo(c.missingCount());
        }
    }

    private static long duplicatedRows(Table t) {
        long d = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            for (int e = 0; e < r; e++) {
                boolean same = true;
                for (Column c : t.columns()) {
                    Object x = cell(c, r);
                    Object y = cell(c, e);
                    same &= x == null ? y == null : x.equals(y);
                }
                if (same) {
                    d++;
                    break;
                }
            }
        }
        return d;
    }

    /** A cell as pandas compares it: null when missing, −0.0 as 0.0. */
    private static Object cell(Column c, int r) {
        if (c instanceof NumericColumn x) {
            double v = x.value(r);
            return v != v ? null : (Object) (v + 0.0);
        }
        return ((CategoricalColumn) c).labelAt(r);
    }

    /** Columns of few values (so blocks and rows match by chance), some missing cells, some copies. */
    private static Table randomTable(SplittableRandom random, int n, int m, int values) {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            int kind = random.nextInt(4);
            if (c > 0 && random.nextInt(4) == 0) {
                Column source = columns.get(random.nextInt(c));
                columns.add(copyWithChanges(source, "c" + c, random, random.nextInt(3)));
                continue;
            }
            double missing = random.nextInt(3) == 0 ? 0.1 : 0;
            if (kind == 0) {
                String[] labels = new String[n];
                for (int r = 0; r < n; r++) {
                    labels[r] = random.nextDouble() < missing ? null : "v" + random.nextInt(values);
                }
                columns.add(CategoricalColumn.of("c" + c, labels));
            } else {
                PhysicalType type = kind == 1 ? PhysicalType.FLOAT : kind == 2 ? PhysicalType.INTEGER
                        : PhysicalType.BOOLEAN;
                NumericColumnBuilder b = new NumericColumnBuilder("c" + c, type, n);
                for (int r = 0; r < n; r++) {
                    if (random.nextDouble() < missing) {
                        b.appendMissing();
                    } else {
                        int v = random.nextInt(type == PhysicalType.BOOLEAN ? 2 : values);
                        b.append(v == 0 && random.nextBoolean() ? -0.0 : v);
                    }
                }
                columns.add(b.build());
            }
        }
        return Table.of(columns);
    }

    private static Column copyWithChanges(Column source, String name, SplittableRandom random, int changes) {
        int n = source.length();
        if (source instanceof NumericColumn x) {
            double[] v = x.values();
            for (int k = 0; k < changes && n > 0; k++) {
                v[random.nextInt(n)] = random.nextBoolean() ? Double.NaN : 7;
            }
            NumericColumnBuilder b = new NumericColumnBuilder(name, x.physicalType(), n);
            for (double d : v) {
                b.append(d);
            }
            return b.build();
        }
        CategoricalColumn c = (CategoricalColumn) source;
        String[] labels = new String[n];
        for (int r = 0; r < n; r++) {
            labels[r] = c.labelAt(r);
        }
        for (int k = 0; k < changes && n > 0; k++) {
            labels[random.nextInt(n)] = random.nextBoolean() ? null : "other";
        }
        return CategoricalColumn.of(name, labels);
    }

    private static NumericColumn numbers(String name, PhysicalType type, double... values) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, type, values.length);
        for (double v : values) {
            b.append(v);
        }
        return b.build();
    }

    private static List<String> names(Table t) {
        List<String> names = new ArrayList<>();
        for (Column c : t.columns()) {
            names.add(c.name());
        }
        return names;
    }
}
