package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.Field;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables written with {@link ArrowFileWriter} and read back with {@link ArrowReader}. */
class ArrowFileWriterTest {
    private static final double T = Instant.parse("2024-03-10T05:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** Every physical type, each column with missing cells except the integers. */
    private static Table everyType() {
        return Table.of(List.of(
                NumericColumn.of("float", PhysicalType.FLOAT, new double[] {1.5, Double.NaN, -0.0,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE}, 0, 6),
                NumericColumn.of("int", PhysicalType.INTEGER, new double[] {0, -1, 0x1p53, -0x1p53, 42, 7}, 0, 6),
                NumericColumn.of("bool", PhysicalType.BOOLEAN, new double[] {1, 0, Double.NaN, 1, 1, 0}, 0, 6),
                NumericColumn.of("time", PhysicalType.TIMESTAMP, new double[] {T, Double.NaN, -1, 0, T + 1,
                        -86_400_000L * 365}, 0, 6),
                CategoricalColumn.of("text", "Oslo", null, "", "Zürich 東京", "Oslo", null)));
    }

    private static void assertSameTable(Table actual, Table expected) {
        assertThat(actual.schema().fields()).containsExactlyElementsOf(expected.schema().fields());
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column want = expected.column(c);
            Column got = actual.column(c);
            assertThat(got.missingCount()).as(want.name()).isEqualTo(want.missingCount());
            // Arrays.mismatch, not containsExactly, which is slow on 100k cells: NaN equals NaN, -0.0 is not 0.0
            if (want instanceof NumericColumn numbers) {
                assertThat(Arrays.mismatch(((NumericColumn) got).values(), numbers.values()))
                        .as("first differing row of %s", want.name()).isEqualTo(-1);
            } else {
                CategoricalColumn labels = (CategoricalColumn) want;
                assertThat(((CategoricalColumn) got).dictionary()).as(want.name())
                        .containsExactly(labels.dictionary());
                assertThat(Arrays.mismatch(((CategoricalColumn) got).codes(), labels.codes()))
                        .as("first differing row of %s", want.name()).isEqualTo(-1);
            }
        }
    }

    private Table roundTrip(Table table) throws IOException {
        Path path = dir.resolve("table.arrow");
        ArrowFileWriter.write(table, path);
        return ArrowReader.read(path);
    }

    @Test
    void roundTripsEveryPhysicalTypeWithMissingCells() throws IOException {
        Table table = everyType();

        Table read = roundTrip(table);

        assertThat(read.schema().fields()).containsExactly(new Field("float", PhysicalType.FLOAT),
                new Field("int", PhysicalType.INTEGER), new Field("bool", PhysicalType.BOOLEAN),
                new Field("time", PhysicalType.TIMESTAMP), new Field("text", PhysicalType.STRING));
        assertSameTable(read, table);
    }

    @Test
    void roundTripsASelectedSubset() throws IOException {
        Table subset = Chunks.select(everyType(), new int[] {5, 1, 3});

        assertSameTable(roundTrip(subset), subset);
    }

    @Test
    void roundTripsAnEmptyTableAsItsSchema() throws IOException {
        Table empty = Chunks.select(everyType(), new int[0]);

        Table read = roundTrip(empty);

        assertThat(read.rowCount()).isZero();
        assertSameTable(read, empty);
    }

    @Test
    void roundTripsATableSpanningSeveralRecordBatches() throws IOException {
        int n = 2 * ArrowFileWriter.BATCH_ROWS + 1234;
        Random random = new Random(3);
        double[] floats = new double[n];
        double[] ints = new double[n];
        double[] times = new double[n];
        CategoricalColumnBuilder text = new CategoricalColumnBuilder("text", n);
        for (int i = 0; i < n; i++) {
            floats[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian();
            ints[i] = random.nextInt();
            times[i] = random.nextInt(20) == 0 ? Double.NaN : T + random.nextInt(1_000_000);
            if (random.nextInt(30) == 0) {
                text.appendMissing();
            } else {
                text.append("label-" + random.nextInt(500));
            }
        }
        Table table = Table.of(List.of(NumericColumn.of("float", PhysicalType.FLOAT, floats, 0, n),
                NumericColumn.of("int", PhysicalType.INTEGER, ints, 0, n),
                NumericColumn.of("time", PhysicalType.TIMESTAMP, times, 0, n), text.build()));

        assertSameTable(roundTrip(table), table);
    }

    @Test
    void writesAnArrowFileThatDatasetsRecognises() throws IOException {
        Path path = dir.resolve("chunk-0001.arrow");
        ArrowFileWriter.write(everyType(), path);

        Datasets.Dataset dataset = Datasets.read(path);

        assertThat(dataset.format()).isEqualTo(Datasets.Format.ARROW_FILE);
        assertSameTable(dataset.table(), everyType());
    }

    @Test
    void writesToAStreamWithoutClosingIt() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ArrowFileWriter.write(everyType(), out);

        assertThat(closed[0]).isFalse();
        byte[] bytes = out.toByteArray();
        assertThat(Datasets.detect(bytes)).isEqualTo(Datasets.Format.ARROW_FILE);
        assertSameTable(ArrowReader.read(new ByteArrayInputStream(bytes), "chunk"), everyType());
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path path = dir.resolve("table.arrow");
        ArrowFileWriter.write(everyType(), path);
        Table small = Chunks.select(everyType(), new int[] {0});

        ArrowFileWriter.write(small, path);

        assertSameTable(ArrowReader.read(path), small);
    }

    @Test
    void anIntegerColumnWithMissingCellsReadsBackAsFloatAsPandasWouldHaveIt() throws IOException {
        Table table = Table.of(List.of(
                NumericColumn.of("n", PhysicalType.INTEGER, new double[] {3, Double.NaN, -4}, 0, 3)));

        Column read = roundTrip(table).column(0);

        assertThat(read.physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(((NumericColumn) read).values()).containsExactly(3, Double.NaN, -4);
    }

    @Test
    void refusesAFractionalIntegerOrTimestampBeforeWritingAnything() {
        Path path = dir.resolve("bad.arrow");
        Table fractional = Table.of(List.of(
                NumericColumn.of("n", PhysicalType.INTEGER, new double[] {1, Double.NaN, 2.5}, 0, 3)));
        Table huge = Table.of(List.of(
                NumericColumn.of("t", PhysicalType.TIMESTAMP, new double[] {0x1p63}, 0, 1)));

        assertThatThrownBy(() -> ArrowFileWriter.write(fractional, path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write column 'n' (INTEGER) as Arrow: row 2 holds 2.5, not a whole number within "
                        + "the range of a 64-bit integer");
        assertThatThrownBy(() -> ArrowFileWriter.write(huge, path))
                .hasMessage("cannot write column 't' (TIMESTAMP) as Arrow: row 0 holds 9.223372036854776E18, not a "
                        + "whole number within the range of a 64-bit integer");
        assertThat(path).doesNotExist();
    }

    @Test
    void refusesABooleanOtherThanZeroOrOneLeavingTheStreamEmpty() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Table table = Table.of(List.of(
                NumericColumn.of("flag", PhysicalType.BOOLEAN, new double[] {1, 2}, 0, 2)));

        assertThatThrownBy(() -> ArrowFileWriter.write(table, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write column 'flag' (BOOLEAN) as Arrow: row 1 holds 2.0, neither 0 nor 1");
        assertThat(out.size()).isZero();
    }

    @Test
    void failsWithTheIoErrorWhenTheFileCannotBeCreated() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("taken"));

        assertThatThrownBy(() -> ArrowFileWriter.write(everyType(), directory)).isInstanceOf(IOException.class);
    }
}
