package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.Chunks.RowChunk;
import io.driftwatch.data.Chunks.TimeChunk;
import io.driftwatch.data.Chunks.TimeChunking;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChunksTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long WEEK = Duration.ofDays(7).toMillis();
    private static final long H = millis("2024-03-10T05:00:00Z");

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static Table times(double... millis) {
        return Table.of(List.of(NumericColumn.of("ts", PhysicalType.TIMESTAMP, millis, 0, millis.length)));
    }

    @Test
    void splitsUnsortedTimesIntoHoursAlignedOnTheHourSkippingEmptyHoursAndMissingTimes() {
        Table table = times(
                H + 2 * HOUR + 10 * 60_000, // 0
                H + 5 * 60_000,             // 1
                Double.NaN,                 // 2
                H + HOUR,                   // 3: on the boundary, in the later hour
                H + HOUR - 1,               // 4
                H + 2 * HOUR + 59 * 60_000, // 5
                Double.NaN,                 // 6
                H + HOUR + 30 * 60_000,     // 7
                H + 5 * HOUR + 1);          // 8: after two empty hours

        TimeChunking chunking = Chunks.byTime(table, "ts", HOUR);

        assertThat(chunking.rowsWithoutTime()).isEqualTo(2);
        assertThat(chunking.chunks()).containsExactly(
                new TimeChunk(H, H + HOUR, new int[] {1, 4}),
                new TimeChunk(H + HOUR, H + 2 * HOUR, new int[] {3, 7}),
                new TimeChunk(H + 2 * HOUR, H + 3 * HOUR, new int[] {0, 5}),
                new TimeChunk(H + 5 * HOUR, H + 6 * HOUR, new int[] {8}));
        assertThat(chunking.chunks().get(0).from()).isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));
        assertThat(chunking.chunks().get(0).rowCount()).isEqualTo(2);
    }

    @Test
    void alignsDaysOnMidnightUtcIncludingBeforeTheEpoch() {
        Table table = times(millis("2024-03-11T00:00:00Z"), millis("2024-03-10T23:59:59.999Z"),
                millis("1969-12-31T12:00:00Z"), millis("2024-03-10T00:00:00Z"));

        List<TimeChunk> chunks = Chunks.byTime(table, "ts", DAY).chunks();

        assertThat(chunks).containsExactly(
                new TimeChunk(millis("1969-12-31T00:00:00Z"), 0, new int[] {2}),
                new TimeChunk(millis("2024-03-10T00:00:00Z"), millis("2024-03-11T00:00:00Z"), new int[] {1, 3}),
                new TimeChunk(millis("2024-03-11T00:00:00Z"), millis("2024-03-12T00:00:00Z"), new int[] {0}));
    }

    @Test
    void alignsWeeksOnMondayMidnightUtcNotOnTheEpochThursday() {
        Table table = times(
                millis("2024-03-10T12:00:00Z"),  // a Sunday: the week of Monday 4 March
                millis("2024-03-11T00:00:00Z"),  // Monday 11 March starts a week
                millis("1970-01-01T00:00:00Z"),  // a Thursday: the week of Monday 29 December 1969
                millis("2024-03-04T00:00:00Z"));

        List<TimeChunk> chunks = Chunks.byTime(table, "ts", WEEK).chunks();

        assertThat(chunks).containsExactly(
                new TimeChunk(millis("1969-12-29T00:00:00Z"), millis("1970-01-05T00:00:00Z"), new int[] {2}),
                new TimeChunk(millis("2024-03-04T00:00:00Z"), millis("2024-03-11T00:00:00Z"), new int[] {0, 3}),
                new TimeChunk(millis("2024-03-11T00:00:00Z"), millis("2024-03-18T00:00:00Z"), new int[] {1}));
        for (TimeChunk chunk : Chunks.byTime(table, "ts", 2 * WEEK).chunks()) {
            assertThat(chunk.from().atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(chunk.from().atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay()).isZero();
        }
    }

    @Test
    void matchesAPlainMapOfWindowsOverManyShuffledTimes() {
        Random random = new Random(7);
        int n = 20_000;
        double[] values = new double[n];
        Map<Long, List<Integer>> expected = new TreeMap<>();
        int missing = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextInt(50) == 0) {
                values[i] = Double.NaN;
                missing++;
                continue;
            }
            long t = H + (long) (random.nextDouble() * 3000 * 15 * 60_000L) - 1000 * 15 * 60_000L;
            values[i] = t;
            expected.computeIfAbsent(Math.floorDiv(t, 15 * 60_000L) * 15 * 60_000L, k -> new ArrayList<>()).add(i);
        }

        TimeChunking chunking = Chunks.byTime(times(values), "ts", 15 * 60_000L);

        assertThat(chunking.rowsWithoutTime()).isEqualTo(missing);
        List<TimeChunk> want = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> e : expected.entrySet()) {
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            want.add(new TimeChunk(e.getKey(), e.getKey() + 15 * 60_000L, rows));
        }
        assertThat(chunking.chunks()).hasSizeGreaterThan(2000).containsExactlyElementsOf(want);
    }

    @Test
    void aTableWithoutTimesHasNoChunk() {
        assertThat(Chunks.byTime(times(Double.NaN, Double.NaN), "ts", HOUR))
                .isEqualTo(new TimeChunking(List.of(), 2));
        assertThat(Chunks.byTime(times(), "ts", HOUR)).isEqualTo(new TimeChunking(List.of(), 0));
    }

    @Test
    void refusesToChunkByTimeOnAColumnThatIsNotATimestamp() {
        Table table = Table.of(List.of(
                NumericColumn.of("x", PhysicalType.FLOAT, new double[] {1, 2}, 0, 2),
                CategoricalColumn.of("city", "Oslo", "Lima")));

        assertThatThrownBy(() -> Chunks.byTime(table, "x", HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot chunk by time on column 'x': it holds FLOAT values, not dates or timestamps "
                        + "(TIMESTAMP)");
        assertThatThrownBy(() -> Chunks.byTime(table, "city", HOUR))
                .hasMessage("cannot chunk by time on column 'city': it holds STRING values, not dates or timestamps "
                        + "(TIMESTAMP)");
        assertThatThrownBy(() -> Chunks.byTime(table, "when", HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot chunk by time: no column 'when' among [x, city]");
    }

    @Test
    void refusesAWindowThatIsNotPositiveAndATimeFarFromTheEpoch() {
        assertThatThrownBy(() -> Chunks.byTime(times(0), "ts", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk window must be between 1 ms and 4611686018427387904 ms, got 0 ms");
        assertThatThrownBy(() -> Chunks.byTime(times(0, 1e18), "ts", HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot chunk by time on column 'ts': row 1 holds 1.0E18 ms, more than 8.64e15 ms "
                        + "from 1970-01-01");
    }

    @Test
    void splitsByRowsWithTheRemainderInTheLastChunk() {
        Table table = times(new double[10]);

        List<RowChunk> chunks = Chunks.byRows(table, 4);

        assertThat(chunks).containsExactly(new RowChunk(0, 4), new RowChunk(4, 8), new RowChunk(8, 10));
        assertThat(chunks.get(2).rows()).containsExactly(8, 9);
        assertThat(chunks.get(2).rowCount()).isEqualTo(2);
        assertThat(Chunks.byRows(table, 10)).containsExactly(new RowChunk(0, 10));
        assertThat(Chunks.byRows(table, 25)).containsExactly(new RowChunk(0, 10));
        assertThat(Chunks.byRows(times(), 5)).isEmpty();
        assertThatThrownBy(() -> Chunks.byRows(table, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk size must be at least 1 row, got 0");
    }

    @Test
    void aTimeChunkKeepsItsOwnCopyOfTheRows() {
        int[] rows = {1, 2};
        TimeChunk chunk = new TimeChunk(0, HOUR, rows);
        rows[0] = 9;
        chunk.rows()[1] = 9;
        assertThat(chunk.rows()).containsExactly(1, 2);
    }

    @Test
    void selectKeepsValuesMissingCellsAndCategoriesOfTheChosenRows() {
        Table table = Table.of(List.of(
                NumericColumn.of("f", PhysicalType.FLOAT, new double[] {1.5, Double.NaN, -0.0, Double.POSITIVE_INFINITY,
                        4}, 0, 5),
                NumericColumn.of("i", PhysicalType.INTEGER, new double[] {10, 20, 30, 40, 50}, 0, 5),
                NumericColumn.of("b", PhysicalType.BOOLEAN, new double[] {1, 0, Double.NaN, 1, 0}, 0, 5),
                NumericColumn.of("t", PhysicalType.TIMESTAMP, new double[] {H, Double.NaN, H + 1, H + 2, -5}, 0, 5),
                CategoricalColumn.of("c", "a", "b", null, "c", "b")));

        Table selected = Chunks.select(table, new int[] {4, 1, 2, 1});

        assertThat(selected.schema()).isEqualTo(table.schema());
        assertThat(selected.rowCount()).isEqualTo(4);
        NumericColumn f = (NumericColumn) selected.column(0);
        assertThat(f.values()).containsExactly(4, Double.NaN, -0.0, Double.NaN);
        assertThat(f.missingCount()).isEqualTo(2);
        assertThat(f.isMissing(1)).isTrue();
        assertThat(f.isMissing(2)).isFalse();
        assertThat(((NumericColumn) selected.column(1)).values()).containsExactly(50, 20, 30, 20);
        assertThat(selected.column(1).missingCount()).isZero();
        NumericColumn b = (NumericColumn) selected.column(2);
        assertThat(b.values()).containsExactly(0, 0, Double.NaN, 0);
        assertThat(b.missingCount()).isEqualTo(1);
        assertThat(((NumericColumn) selected.column(3)).values()).containsExactly(-5, Double.NaN, H + 1, Double.NaN);
        CategoricalColumn c = (CategoricalColumn) selected.column(4);
        assertThat(c.dictionary()).containsExactly("b");
        assertThat(c.codes()).containsExactly(0, 0, CategoricalColumn.MISSING, 0);
        assertThat(c.missingCount()).isEqualTo(1);
        assertThat(c.labelAt(1)).isEqualTo("b");
    }

    @Test
    void selectCompactsTheDictionaryInOrderOfFirstAppearance() {
        Table table = Table.of(List.of(CategoricalColumn.of("c", "a", "b", "c", "d")));

        CategoricalColumn c = (CategoricalColumn) Chunks.select(table, new int[] {3, 1, 3}).column(0);

        assertThat(c.dictionary()).containsExactly("d", "b");
        assertThat(c.codes()).containsExactly(0, 1, 0);
        assertThat(c.countsByCode()).containsExactly(2, 1);
    }

    @Test
    void selectOfNoRowsIsAnEmptyTableWithTheSameSchema() {
        Table table = Table.of(List.of(NumericColumn.of("f", PhysicalType.FLOAT, new double[] {1}, 0, 1),
                CategoricalColumn.of("c", "a")));

        Table selected = Chunks.select(table, new int[0]);

        assertThat(selected.schema()).isEqualTo(table.schema());
        assertThat(selected.rowCount()).isZero();
        assertThat(((CategoricalColumn) selected.column(1)).cardinality()).isZero();
    }

    @Test
    void selectRejectsARowOutsideTheTable() {
        Table table = times(1, 2, 3);

        assertThatThrownBy(() -> Chunks.select(table, new int[] {0, 3}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("rows[1] = 3 is outside the table of 3 rows");
        assertThatThrownBy(() -> Chunks.select(table, new int[] {-1}))
                .hasMessage("rows[0] = -1 is outside the table of 3 rows");
    }

    @Test
    void countBasedChunkingKeepsTheRemainderAsAShorterLastChunkByDefault() {
        // NannyML: CountBasedChunker(chunk_number=4) on 10 rows: chunk_size 10 // 4 = 2, incomplete='keep'
        assertThat(Chunks.byCount(10, 4, Chunks.Remainder.KEEP)).containsExactly(new RowChunk(0, 2),
                new RowChunk(2, 4), new RowChunk(4, 6), new RowChunk(6, 8), new RowChunk(8, 10));
        assertThat(Chunks.byCount(12, 4, Chunks.Remainder.KEEP)).hasSize(4);
    }

    @Test
    void countBasedChunkingAppendsOrDropsTheRemainderWhenAsked() {
        assertThat(Chunks.byCount(11, 3, Chunks.Remainder.APPEND)).containsExactly(new RowChunk(0, 3),
                new RowChunk(3, 6), new RowChunk(6, 11));
        assertThat(Chunks.byCount(11, 3, Chunks.Remainder.DROP)).containsExactly(new RowChunk(0, 3),
                new RowChunk(3, 6), new RowChunk(6, 9));
        assertThat(Chunks.byRows(5, 8, Chunks.Remainder.APPEND)).containsExactly(new RowChunk(0, 5));
        assertThat(Chunks.byRows(5, 8, Chunks.Remainder.DROP)).isEmpty();
        assertThat(Chunks.byCount(0, 3, Chunks.Remainder.KEEP)).isEmpty();
    }

    @Test
    void refusesMoreChunksThanRows() {
        assertThatThrownBy(() -> Chunks.byCount(3, 5, Chunks.Remainder.KEEP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot split 3 rows into 5 chunks: each chunk needs at least one row");
        assertThatThrownBy(() -> Chunks.byCount(3, 0, Chunks.Remainder.KEEP))
                .hasMessage("chunk count must be at least 1, got 0");
    }
}
