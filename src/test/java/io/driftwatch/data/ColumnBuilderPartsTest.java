package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parts of a column read in parallel fill slices of one shared array ({@link NumericColumnBuilder.Parts})
 * and join into the column one builder fed every cell gives, whether or not the parts held the rows
 * their slices were sized for.
 */
class ColumnBuilderPartsTest {

    private static double cell(int i) {
        return i % 7 == 3 ? Double.NaN : i * 0.25 - 40;
    }

    /** Feeds cells {@code [from, to)} to {@code builder}, in batches as the CSV reader does, some one by one. */
    private static void feed(NumericColumnBuilder builder, int from, int to) {
        double[] batch = new double[37];
        int i = from;
        while (i < to) {
            if (i % 5 == 0) {
                if (i % 11 == 0) {
                    builder.appendMissing();
                } else {
                    builder.append(cell(i));
                }
                i++;
                continue;
            }
            int n = Math.min(batch.length, to - i);
            for (int k = 0; k < n; k++) {
                batch[k] = (i + k) % 11 == 0 ? Double.NaN : cell(i + k);
            }
            builder.appendAll(batch, 0, n);
            i += n;
        }
    }

    private static NumericColumn oneBuilder(int rows) {
        NumericColumnBuilder one = new NumericColumnBuilder("x", PhysicalType.FLOAT, 4);
        feed(one, 0, rows);
        return one.build();
    }

    private static void assertSameColumn(NumericColumn actual, NumericColumn expected) {
        assertThat(actual.length()).isEqualTo(expected.length());
        assertThat(actual.missingCount()).isEqualTo(expected.missingCount());
        for (int i = 0; i < expected.length(); i++) {
            assertThat(actual.isMissing(i)).as("row %d", i).isEqualTo(expected.isMissing(i));
            assertThat(Double.doubleToLongBits(actual.value(i))).as("row %d", i)
                    .isEqualTo(Double.doubleToLongBits(expected.value(i)));
        }
    }

    /**
     * Parts of {@code actual} rows each, with slices sized for {@code predicted} rows each, filled on
     * their own threads and joined in order.
     */
    private static NumericColumn readInParts(int[] actual, int[] predicted) throws Exception {
        NumericColumnBuilder.Parts parts = new NumericColumnBuilder.Parts("x", predicted);
        NumericColumnBuilder[] builders = new NumericColumnBuilder[actual.length];
        ExecutorService pool = Executors.newFixedThreadPool(actual.length);
        try {
            Future<?>[] done = new Future<?>[actual.length];
            int from = 0;
            for (int j = 0; j < actual.length; j++) {
                builders[j] = parts.part(j, PhysicalType.FLOAT);
                NumericColumnBuilder builder = builders[j];
                int start = from;
                int end = from + actual[j];
                done[j] = pool.submit(() -> feed(builder, start, end));
                from = end;
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int j = 1; j < builders.length; j++) {
            builders[0].appendAll(builders[j]);
        }
        return builders[0].build();
    }

    @ParameterizedTest(name = "rows {0} + {1} + {2}, slices {3} + {4} + {5}")
    @CsvSource({
        "1000, 1000, 1000, 1000, 1000, 1000", // as predicted
        "64, 640, 6400, 64, 640, 6400",       // slices that end on a word of validity bits
        "999, 1001, 10, 1000, 1000, 64",      // one part short, one over its slice: it moves to its own array
        "500, 1000, 10, 1000, 1000, 64",      // a gap after a short part: the next part moves down
        "1000, 1000, 900, 1000, 1000, 64",    // the last part far over its slice
        "0, 300, 300, 10, 300, 300",          // an empty first part
        "300, 0, 300, 300, 0, 300",           // an empty slice
    })
    void partsJoinIntoTheColumnOfOneBuilder(int a, int b, int c, int sa, int sb, int sc) throws Exception {
        NumericColumn joined = readInParts(new int[] {a, b, c}, new int[] {sa, sb, sc});
        assertSameColumn(joined, oneBuilder(a + b + c));
    }

    @Test
    void partsThatHoldTheirPredictedRowsJoinWithoutMovingAnyValue() {
        NumericColumnBuilder.Parts parts = new NumericColumnBuilder.Parts("x", new int[] {100, 200});
        NumericColumnBuilder first = parts.part(0, PhysicalType.FLOAT);
        NumericColumnBuilder second = parts.part(1, PhysicalType.FLOAT);
        feed(second, 100, 300); // the later part may start first
        feed(first, 0, 100);
        assertThat(first.inSharedArray()).isTrue();
        assertThat(second.inSharedArray()).isTrue();
        first.appendAll(second);
        assertThat(first.inSharedArray()).isTrue();
        assertThat(first.capacity()).isEqualTo(300);
        assertSameColumn(first.build(), oneBuilder(300));
    }

    @Test
    void aPartOverItsSliceNeverWritesIntoTheNextPartsSlice() {
        NumericColumnBuilder.Parts parts = new NumericColumnBuilder.Parts("x", new int[] {10, 10});
        NumericColumnBuilder first = parts.part(0, PhysicalType.FLOAT);
        NumericColumnBuilder second = parts.part(1, PhysicalType.FLOAT);
        feed(second, 50, 60);
        feed(first, 0, 50);
        assertThat(first.inSharedArray()).isFalse();
        assertThat(second.inSharedArray()).isTrue();
        first.appendAll(second);
        assertSameColumn(first.build(), oneBuilder(60));
    }

    @Test
    void aPartReadAgainStartsEmptyInTheSameSlice() {
        NumericColumnBuilder.Parts parts = new NumericColumnBuilder.Parts("x", new int[] {20, 20});
        NumericColumnBuilder discarded = parts.part(1, PhysicalType.FLOAT);
        discarded.append(12345);
        NumericColumnBuilder first = parts.part(0, PhysicalType.FLOAT);
        NumericColumnBuilder second = parts.part(1, PhysicalType.FLOAT);
        feed(first, 0, 20);
        feed(second, 20, 40);
        first.appendAll(second);
        assertSameColumn(first.build(), oneBuilder(40));
    }

    private static String label(int i) {
        return i % 13 == 4 ? null : "l" + (i * 7 % 23);
    }

    private static void feedLabels(CategoricalColumnBuilder builder, int from, int to) {
        for (int i = from; i < to; i++) {
            String l = label(i);
            if (l == null) {
                builder.appendMissing();
            } else {
                builder.append(l.toCharArray(), 0, l.length());
            }
        }
    }

    @ParameterizedTest(name = "rows {0} + {1} + {2}, slices {3} + {4} + {5}")
    @CsvSource({
        "400, 400, 400, 400, 400, 400",
        "399, 401, 10, 400, 400, 64",
        "200, 400, 10, 400, 400, 64",
        "0, 300, 300, 10, 300, 300",
        "300, 0, 300, 300, 0, 300",
    })
    void textPartsJoinIntoTheColumnOfOneBuilder(int a, int b, int c, int sa, int sb, int sc) {
        CategoricalColumnBuilder.Parts parts = new CategoricalColumnBuilder.Parts("x", new int[] {sa, sb, sc});
        int[] rows = {a, b, c};
        CategoricalColumnBuilder[] builders = new CategoricalColumnBuilder[3];
        int from = a + b + c;
        for (int j = 2; j >= 0; j--) { // the later parts first: order of filling does not matter
            from -= rows[j];
            builders[j] = parts.part(j);
            feedLabels(builders[j], from, from + rows[j]);
        }
        builders[0].appendAll(builders[1]);
        builders[0].appendAll(builders[2]);
        CategoricalColumnBuilder one = new CategoricalColumnBuilder("x", 4);
        feedLabels(one, 0, a + b + c);
        CategoricalColumn expected = one.build();
        CategoricalColumn actual = builders[0].build();
        assertThat(actual.dictionary()).containsExactly(expected.dictionary());
        assertThat(actual.codes()).containsExactly(expected.codes());
        assertThat(actual.missingCount()).isEqualTo(expected.missingCount());
    }

    @Test
    void textPartsThatHoldTheirPredictedRowsJoinInTheSharedArray() {
        CategoricalColumnBuilder.Parts parts = new CategoricalColumnBuilder.Parts("x", new int[] {50, 70});
        CategoricalColumnBuilder first = parts.part(0);
        CategoricalColumnBuilder second = parts.part(1);
        feedLabels(second, 50, 120);
        feedLabels(first, 0, 50);
        first.appendAll(second);
        assertThat(first.inSharedArray()).isTrue();
        assertThat(first.capacity()).isEqualTo(120);
        assertThat(first.build().length()).isEqualTo(120);
    }
}
