package io.driftwatch.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.IntegrityFinding.Condition;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each reference-derived condition on small tables built in memory. */
class ReferenceConditionsTest {
    private static final IntegrityOptions OPTIONS = IntegrityOptions.defaults().withTests(IntegrityOptions.Tests.REFERENCE);

    @Nested
    class OutOfRange {
        @Test
        void flagsValuesBeyondTheReferenceRangeWithTheMostExtremeAsExamples() {
            double[] cur = uniform(1000, 0.1, 0.9, 2);
            for (int i = 0; i < 50; i++) {
                cur[i * 20] = 100 + i; // 100 … 149
            }
            cur[7] = -3.5;
            cur[8] = -7.25;
            List<IntegrityFinding> found = findings(table(numbers("x", uniform(1000, 0, 1, 1))),
                    table(numbers("x", cur)));

            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.condition()).isEqualTo(Condition.OUT_OF_RANGE);
                assertThat(f.column()).isEqualTo("x");
                assertThat(f.rows()).isEqualTo(52);
                assertThat(f.examples()).containsExactly("149", "-7.25", "148", "-3.5", "147");
                assertThat(f.expected()).startsWith("values in [0.000").endsWith(", the reference's range");
                assertThat(f.seen()).contains("50 values above 0.99", "up to 149", "2 values below 0.000",
                        "down to -7.25");
            });
        }

        @Test
        void aFewValuesJustBeyondTheRangeOfAnEquallyLargeBatchAreChance() {
            double[] ref = uniform(1000, 0, 1, 3);
            double[] cur = uniform(1000, 0, 1, 4);
            for (int i = 0; i < 7; i++) {
                cur[i] = 1.0 + i * 1e-3; // 7 above the maximum: chance allows up to 7 with 1,000 + 1,000 values
            }
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur)))).isEmpty();

            cur[7] = 1.5; // the eighth is past chance at 99 % confidence
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur))))
                    .extracting(IntegrityFinding::condition).containsExactly(Condition.OUT_OF_RANGE);
        }

        @Test
        void aSmallBatchNeedsFewerValuesBeyondTheRange() {
            double[] ref = uniform(1000, 0, 1, 5);
            double[] cur = uniform(20, 0.2, 0.8, 6);
            cur[0] = 2;
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur)))).isEmpty();
            cur[1] = 3; // two of twenty beyond a 1,000-value range: 3.7e-4 by chance
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur))))
                    .extracting(IntegrityFinding::condition, IntegrityFinding::rows)
                    .containsExactly(tuple(Condition.OUT_OF_RANGE, 2L));
        }

        @Test
        void theMarginWidensTheReferenceRangeByAShareOfItsWidth() {
            double[] ref = uniform(1000, 0, 10, 7);
            ref[0] = 0;
            ref[1] = 10;
            double[] cur = uniform(1000, 2, 8, 8);
            for (int i = 0; i < 40; i++) {
                cur[i] = 10.5;
            }
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur))))
                    .extracting(IntegrityFinding::condition).containsExactly(Condition.OUT_OF_RANGE);
            IntegrityOptions wide = new IntegrityOptions(IntegrityOptions.Tests.REFERENCE, 0.1, 0.05, 0.05, 0.99);
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur)), wide)).isEmpty();

            cur[0] = 11.5; // past 10 + 10 % of the width, but one value alone is chance
            for (int i = 1; i < 40; i++) {
                cur[i] = 11.25;
            }
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur)), wide)).singleElement()
                    .satisfies(f -> assertThat(f.expected())
                            .isEqualTo("values in [-1, 11], the reference's range [0, 10] widened by 10 % of its"
                                    + " width on each side"));
        }

        @Test
        void infiniteValuesAreOutOfRange() {
            double[] cur = uniform(100, 0.2, 0.8, 10);
            for (int i = 0; i < 10; i++) {
                cur[i] = Double.POSITIVE_INFINITY;
            }
            assertThat(findings(table(numbers("x", uniform(100, 0, 1, 9))), table(numbers("x", cur))))
                    .singleElement().satisfies(f -> assertThat(f.examples()).first().isEqualTo("Infinity"));
        }
    }

    @Nested
    class NewCategory {
        @Test
        void flagsCategoriesTheReferenceNeverHadMostFrequentFirst() {
            String[] cur = labels(300, "a", "b", "c");
            for (int i = 0; i < 30; i++) {
                cur[i * 10] = i % 3 == 0 ? "y" : "z";
            }
            List<IntegrityFinding> found = findings(table(CategoricalColumn.of("k", labels(300, "a", "b", "c"))),
                    table(CategoricalColumn.of("k", cur)));

            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.condition()).isEqualTo(Condition.NEW_CATEGORY);
                assertThat(f.rows()).isEqualTo(30);
                assertThat(f.examples()).containsExactly("z", "y");
                assertThat(f.expected()).isEqualTo("one of the reference's 3 categories");
                assertThat(f.seen()).isEqualTo("2 categories the reference never had, in 30 rows (the most frequent in 20);"
                        + " by chance a category absent from the reference has up to 6 rows");
            });
        }

        @Test
        void aCategorySeenOnceOrTwiceMayBeAbsentFromTheReferenceByChance() {
            String[] cur = labels(300, "a", "b", "c");
            cur[0] = "rare";
            cur[1] = "rare";
            cur[2] = "other";
            assertThat(findings(table(CategoricalColumn.of("k", labels(300, "a", "b", "c"))),
                    table(CategoricalColumn.of("k", cur)))).isEmpty();
        }

        @Test
        void flagsANewCodeInACategoricalColumnOfNumbers() {
            double[] ref = codes(400, 1, 2, 3, 4);
            double[] cur = codes(400, 1, 2, 3, 4);
            for (int i = 0; i < 25; i++) {
                cur[i * 16] = 9;
            }
            Table current = table(numbers("code", PhysicalType.INTEGER, cur));
            assertThat(TypeInference.infer(current, Map.of())).containsEntry("code", ColumnType.CATEGORICAL);

            assertThat(findings(table(numbers("code", PhysicalType.INTEGER, ref)), current)).singleElement()
                    .satisfies(f -> {
                        assertThat(f.condition()).isEqualTo(Condition.NEW_CATEGORY);
                        assertThat(f.rows()).isEqualTo(25);
                        assertThat(f.examples()).containsExactly("9");
                        assertThat(f.expected()).isEqualTo("one of the reference's 4 categories");
                    });
        }

        @Test
        void aNumericalColumnHasNoCategories() {
            double[] ref = uniform(500, 0, 1, 11);
            double[] cur = ref.clone();
            cur[3] = 0.123456789; // a value the reference never had, inside its range
            assertThat(findings(table(numbers("x", ref)), table(numbers("x", cur)))).isEmpty();
        }
    }

    @Nested
    class MissingShare {
        private final Table reference = table(numbers("x", withMissing(uniform(1000, 0, 1, 12), 0.10)));

        @Test
        void aSmallBatchWithSlightlyMoreMissingValuesDoesNotAlarm() {
            // 7 of 40 missing (17.5 %) against 10 % + 5 %: the lower 99 % bound is about 6 %.
            Table current = table(numbers("x", withMissing(uniform(40, 0, 1, 13), 7.0 / 40)));
            assertThat(current.column(0).missingCount()).isEqualTo(7);
            assertThat(findings(reference, current)).isEmpty();
        }

        @Test
        void aLargeBatchWithTheSameShareAlarms() {
            Table current = table(numbers("x", withMissing(uniform(10_000, 0, 1, 14), 0.175)));
            assertThat(findings(reference, current)).singleElement().satisfies(f -> {
                assertThat(f.condition()).isEqualTo(Condition.MISSING_SHARE);
                assertThat(f.rows()).isEqualTo(1750);
                assertThat(f.expected()).isEqualTo("at most 15 % missing (the reference's 10 % + tolerance 5 %)");
                assertThat(f.seen()).startsWith("17.5 % missing: 1,750 of 10,000 rows (at least 16.")
                        .endsWith(" % with 99 % confidence)");
            });
        }

        @Test
        void fewerMissingValuesNeverAlarmEvenWithoutTolerance() {
            IntegrityOptions strict = new IntegrityOptions(IntegrityOptions.Tests.REFERENCE, 0, 0, 0, 0.99);
            for (double share : new double[] {0, 0.01, 0.09}) {
                Table current = table(numbers("x", withMissing(uniform(100_000, 0, 1, 15), share)));
                assertThat(findings(reference, current, strict)).as("share %s", share).isEmpty();
            }
            Table more = table(numbers("x", withMissing(uniform(100_000, 0, 1, 15), 0.11)));
            assertThat(findings(reference, more, strict)).extracting(IntegrityFinding::condition)
                    .containsExactly(Condition.MISSING_SHARE);
        }

        @Test
        void appliesToTextColumnsToo() {
            String[] ref = labels(1000, "a", "b");
            String[] cur = labels(1000, "a", "b");
            for (int i = 0; i < 300; i++) {
                cur[i * 3] = null;
            }
            assertThat(findings(table(CategoricalColumn.of("k", ref)), table(CategoricalColumn.of("k", cur))))
                    .extracting(IntegrityFinding::condition, IntegrityFinding::rows)
                    .containsExactly(tuple(Condition.MISSING_SHARE, 300L));
        }
    }

    @Nested
    class DuplicatedRowsCondition {
        private final Table table = table(numbers("x", uniform(100, 0, 1, 16)));

        @Test
        void aSmallBatchWithSlightlyMoreDuplicatesDoesNotAlarm() {
            assertThat(duplicates(new DuplicatedRows(40, 4, 1000, 10))).isEmpty();
        }

        @Test
        void aLargeBatchWithMoreDuplicatesThanTheReferenceAndTheToleranceAlarms() {
            assertThat(duplicates(new DuplicatedRows(10_000, 1000, 1000, 10))).singleElement().satisfies(f -> {
                assertThat(f.condition()).isEqualTo(Condition.DUPLICATED_ROWS);
                assertThat(f.column()).isNull();
                assertThat(f.rows()).isEqualTo(1000);
                assertThat(f.expected()).isEqualTo("at most 6 % duplicated rows (the reference's 1 % + tolerance 5 %)");
                assertThat(f.seen()).startsWith("10 % duplicated: 1,000 of 10,000 rows repeat an earlier row");
            });
        }

        @Test
        void fewerDuplicatesThanTheReferenceNeverAlarm() {
            IntegrityOptions strict = new IntegrityOptions(IntegrityOptions.Tests.REFERENCE, 0, 0, 0, 0.99);
            CheckData data = data(table, table);
            assertThat(new ReferenceConditions(strict, Set.of())
                    .evaluate(data, new DuplicatedRows(100_000, 500, 1000, 10), Runnable::run)).isEmpty();
        }

        private List<IntegrityFinding> duplicates(DuplicatedRows counts) {
            return new ReferenceConditions(OPTIONS, Set.of()).evaluate(data(table, table), counts, Runnable::run);
        }
    }

    @Nested
    class BecameEmptyOrConstant {
        @Test
        void flagsAColumnWithValuesInTheReferenceAndNoneNow() {
            double[] cur = new double[500];
            java.util.Arrays.fill(cur, Double.NaN);
            assertThat(findings(table(numbers("x", uniform(500, 0, 1, 17))), table(numbers("x", cur))))
                    .singleElement().satisfies(f -> {
                        assertThat(f.condition()).isEqualTo(Condition.BECAME_EMPTY);
                        assertThat(f.rows()).isEqualTo(500);
                        assertThat(f.expected()).isEqualTo("values, as in 100 % of the reference's rows");
                        assertThat(f.seen()).isEqualTo("every one of the 500 rows is missing");
                    });
        }

        @Test
        void aFewEmptyRowsOfAMostlyEmptyColumnAreChance() {
            double[] cur = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            Table reference = table(numbers("x", withMissing(uniform(1000, 0, 1, 18), 0.9)));
            assertThat(findings(reference, table(numbers("x", cur)))).isEmpty();
        }

        @Test
        void flagsAColumnWhoseValuesAreAllEqualWhereTheReferenceHasSeveral() {
            double[] cur = new double[500];
            java.util.Arrays.fill(cur, 0.5);
            cur[3] = Double.NaN;
            assertThat(findings(table(numbers("x", uniform(500, 0, 1, 19))), table(numbers("x", cur))))
                    .singleElement().satisfies(f -> {
                        assertThat(f.condition()).isEqualTo(Condition.BECAME_CONSTANT);
                        assertThat(f.rows()).isEqualTo(499);
                        assertThat(f.examples()).containsExactly("0.5");
                        assertThat(f.expected()).isEqualTo("several values, as the reference's 500 distinct ones");
                        assertThat(f.seen()).isEqualTo("the single value 0.5 in all 499 rows with a value");
                    });
        }

        @Test
        void aOneRowBatchIsNotConstant() {
            assertThat(findings(table(numbers("x", uniform(500, 0, 1, 20))), table(numbers("x", new double[] {0.5}))))
                    .isEmpty();
        }

        @Test
        void aSmallBatchOfTheDominantCategoryIsChanceButALargeOneIsNot() {
            String[] ref = labels(1000, "no");
            for (int i = 0; i < 10; i++) {
                ref[i * 100] = "yes"; // 1 % yes
            }
            Table reference = table(CategoricalColumn.of("flag", ref));
            assertThat(findings(reference, table(CategoricalColumn.of("flag", labels(50, "no"))))).isEmpty();
            assertThat(findings(reference, table(CategoricalColumn.of("flag", labels(5000, "no")))))
                    .extracting(IntegrityFinding::condition, IntegrityFinding::examples)
                    .containsExactly(tuple(Condition.BECAME_CONSTANT, List.of("no")));
        }
    }

    @Nested
    class TypeChanged {
        @Test
        void numbersThatBecameTextNameTheValuesThatAreNotNumbers() {
            String[] cur = new String[200];
            for (int i = 0; i < cur.length; i++) {
                cur[i] = i % 10 == 0 ? "1,5" : i % 25 == 1 ? "n/a " : Integer.toString(i);
            }
            assertThat(findings(table(numbers("x", uniform(200, 0, 200, 21))), table(CategoricalColumn.of("x", cur))))
                    .singleElement().satisfies(f -> {
                        assertThat(f.condition()).isEqualTo(Condition.TYPE_CHANGED);
                        assertThat(f.rows()).isEqualTo(28);
                        assertThat(f.examples()).containsExactly("1,5", "n/a ");
                        assertThat(f.expected()).isEqualTo("decimal numbers, as in the reference");
                        assertThat(f.seen()).isEqualTo("text: 28 of 200 values are not numbers");
                    });
        }

        @Test
        void textThatBecameNumbersIsEveryRowWithAValue() {
            double[] cur = codes(100, 1, 2, 3);
            assertThat(findings(table(CategoricalColumn.of("k", labels(300, "red", "green", "blue", "red"))),
                    table(numbers("k", PhysicalType.INTEGER, cur)))).singleElement().satisfies(f -> {
                        assertThat(f.condition()).isEqualTo(Condition.TYPE_CHANGED);
                        assertThat(f.rows()).isEqualTo(100);
                        assertThat(f.examples()).containsExactly("1", "2", "3");
                        assertThat(f.expected()).isEqualTo("text, as in the reference (such as red, blue, green)");
                        assertThat(f.seen()).isEqualTo("whole numbers in all 100 rows with a value");
                    });
        }

        @Test
        void wholeAndDecimalNumbersAreOneKind() {
            assertThat(findings(table(numbers("x", PhysicalType.INTEGER, codes(300, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))),
                    table(numbers("x", PhysicalType.FLOAT, codes(300, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))))).isEmpty();
        }

        @Test
        void datesThatBecameNumbersChangedType() {
            double[] millis = uniform(100, 1.6e12, 1.7e12, 22);
            assertThat(findings(table(numbers("t", PhysicalType.TIMESTAMP, millis)),
                    table(numbers("t", PhysicalType.FLOAT, millis))))
                    .extracting(IntegrityFinding::condition, IntegrityFinding::expected)
                    .containsExactly(tuple(Condition.TYPE_CHANGED, "dates, as in the reference"));
        }
    }

    @Nested
    class Columns {
        @Test
        void flagsAColumnMissingFromTheBatchAndANewOne() {
            Table reference = table(numbers("a", uniform(100, 0, 1, 23)), CategoricalColumn.of("b", labels(100, "x", "y")));
            Table current = table(numbers("a", uniform(100, 0, 1, 23)), CategoricalColumn.of("c", labels(100, "p", "q")));
            assertThat(findings(reference, current))
                    .extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::seen)
                    .containsExactly(
                            tuple(Condition.COLUMN_MISSING, "b", "no such column in the current batch"),
                            tuple(Condition.COLUMN_NEW, "c", "a column the reference does not have (text, categorical)"));
            assertThat(findings(reference, current).get(1).examples()).containsExactly("p", "q");
        }

        @Test
        void ignoredColumnsAreNeitherMissingNorNewNorChecked() {
            Table reference = table(numbers("a", uniform(100, 0, 1, 24)), numbers("id", uniform(100, 0, 1, 25)));
            double[] emptied = new double[100];
            java.util.Arrays.fill(emptied, Double.NaN);
            Table current = table(numbers("a", uniform(100, 0, 1, 24)), numbers("extra", emptied));
            CheckData data = new CheckData(Optional.of(ReferenceProfile.of(reference)), current, Map.of("a", ColumnType.NUMERICAL));
            assertThat(new ReferenceConditions(OPTIONS, Set.of("id", "extra")).evaluate(data, Runnable::run)).isEmpty();
        }

        @Test
        void anIdenticalBatchFindsNothing() {
            Table batch = mixedTable(2000, 26);
            assertThat(new ReferenceConditions(OPTIONS, Set.of()).evaluate(data(batch, batch),
                    new DuplicatedRows(2000, 3, 2000, 3), Runnable::run)).isEmpty();
        }

        @Test
        void criticalFindingsComeFirstThenTheReferencesColumnOrder() {
            double[] emptied = new double[300];
            java.util.Arrays.fill(emptied, Double.NaN);
            double[] scaled = uniform(300, 0, 100, 27);
            Table reference = table(numbers("first", uniform(300, 0, 1, 28)), numbers("second", uniform(300, 0, 1, 29)),
                    numbers("third", uniform(300, 0, 1, 30)), numbers("fourth", uniform(300, 0, 1, 31)));
            Table current = table(numbers("fourth", emptied), numbers("first", scaled), numbers("new", scaled),
                    numbers("second", withMissing(uniform(300, 0, 1, 32), 0.5)));
            List<IntegrityFinding> found = new ReferenceConditions(OPTIONS, Set.of()).evaluate(data(reference, current),
                    new DuplicatedRows(300, 100, 300, 0), Runnable::run);
            assertThat(found).extracting(IntegrityFinding::condition, IntegrityFinding::column).containsExactly(
                    tuple(Condition.COLUMN_MISSING, "third"),
                    tuple(Condition.BECAME_EMPTY, "fourth"),
                    tuple(Condition.DUPLICATED_ROWS, null),
                    tuple(Condition.OUT_OF_RANGE, "first"),
                    tuple(Condition.MISSING_SHARE, "second"),
                    tuple(Condition.COLUMN_NEW, "new"));
        }

        @Test
        void columnsEvaluatedInParallelGiveTheSameFindings() throws Exception {
            Table reference = mixedTable(3000, 33);
            List<Column> faulty = new ArrayList<>(reference.columns());
            double[] scaled = uniform(3000, 0, 1000, 34);
            faulty.set(0, numbers("n0", scaled));
            faulty.set(3, CategoricalColumn.of("c1", labels(3000, "new")));
            Table current = Table.of(faulty);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                ReferenceConditions conditions = new ReferenceConditions(OPTIONS, Set.of());
                List<IntegrityFinding> inline = conditions.evaluate(data(reference, current), Runnable::run);
                assertThat(inline).isNotEmpty();
                assertThat(conditions.evaluate(data(reference, current), pool)).isEqualTo(inline);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static List<IntegrityFinding> findings(Table reference, Table current) {
        return findings(reference, current, OPTIONS);
    }

    static List<IntegrityFinding> findings(Table reference, Table current, IntegrityOptions options) {
        return new ReferenceConditions(options, Set.of()).evaluate(data(reference, current), Runnable::run);
    }

    static CheckData data(Table reference, Table current) {
        return new CheckData(Optional.of(ReferenceProfile.of(reference)), current, TypeInference.infer(current, Map.of()));
    }

    static Table table(Column... columns) {
        return Table.of(List.of(columns));
    }

    static NumericColumn numbers(String name, double[] values) {
        return numbers(name, PhysicalType.FLOAT, values);
    }

    static NumericColumn numbers(String name, PhysicalType type, double[] values) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, type, values.length);
        for (double v : values) {
            b.append(v);
        }
        return b.build();
    }

    /** {@code n} values uniform in [lo, hi), deterministic. */
    static double[] uniform(int n, double lo, double hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * random.nextDouble();
        }
        return out;
    }

    /** Every {@code 1/share}-th value set missing: exactly {@code round(n · share)} missing values, spread out. */
    static double[] withMissing(double[] values, double share) {
        int missing = (int) Math.round(values.length * share);
        for (int k = 0; k < missing; k++) {
            values[(int) ((long) k * values.length / missing)] = Double.NaN;
        }
        return values;
    }

    /** {@code n} labels cycling through {@code labels}. */
    static String[] labels(int n, String... labels) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = labels[i % labels.length];
        }
        return out;
    }

    /** {@code n} codes cycling through {@code codes}. */
    static double[] codes(int n, double... codes) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = codes[i % codes.length];
        }
        return out;
    }

    /** Two numerical, two categorical and one integer-coded column, deterministic. */
    static Table mixedTable(int rows, long seed) {
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("n0", numbers("n0", uniform(rows, 0, 1, seed)));
        columns.put("n1", numbers("n1", withMissing(uniform(rows, -5, 5, seed + 1), 0.02)));
        columns.put("c0", CategoricalColumn.of("c0", labels(rows, "a", "b", "c", "a")));
        columns.put("c1", CategoricalColumn.of("c1", labels(rows, "x", "y")));
        columns.put("code", numbers("code", PhysicalType.INTEGER, codes(rows, 1, 2, 3)));
        return Table.of(new ArrayList<>(columns.values()));
    }
}
