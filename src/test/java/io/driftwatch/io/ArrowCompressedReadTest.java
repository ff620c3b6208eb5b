package io.driftwatch.io;

import static io.driftwatch.io.FormatFixtures.assertSameTable;
import static io.driftwatch.io.FormatFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compressed Arrow IPC files (Feather v2) written by Polars, read through every entry point. */
class ArrowCompressedReadTest {

    @ParameterizedTest
    @ValueSource(strings = {"bike-current.lz4.arrow", "bike-current.zstd.arrow"})
    void readsACompressedFileAsTheSameTableAsTheCsvItWasMadeFrom(String name) throws IOException {
        Table csv = CsvReader.read(FormatFixtures.BIKE_CSV);

        Table fromPath = ArrowReader.read(fixture(name));
        Table fromStream;
        try (InputStream in = Files.newInputStream(fixture(name))) {
            fromStream = ArrowReader.read(in, "upload");
        }

        assertThat(fromPath.rowCount()).isEqualTo(741);
        assertSameTable(fromPath, csv);
        assertSameTable(fromStream, csv);
    }

    @org.junit.jupiter.api.Test
    void readsEveryTypeFromLz4AndZstdFilesAlike() {
        Table lz4 = ArrowReader.read(fixture("types.lz4.arrow"));
        Table zstd = ArrowReader.read(fixture("types.zstd.arrow"));

        // the LZ4 file has no string columns (Polars writes them as string views there)
        List<Column> shared = new ArrayList<>();
        for (Column column : lz4.columns()) {
            shared.add(zstd.column(column.name()).orElseThrow());
        }
        assertThat(lz4.columnCount()).isEqualTo(zstd.columnCount() - 2);
        assertSameTable(lz4, Table.of(shared));
        assertEveryType(zstd);
    }

    @org.junit.jupiter.api.Test
    void readsPolarsStringViewsAsTheStringsTheyHold() {
        Table views = ArrowReader.read(fixture("string-views.lz4.arrow"));
        Table plain = ArrowReader.read(fixture("types.zstd.arrow"));

        assertThat(views.rowCount()).isEqualTo(300);
        assertSameTable(views, Table.of(List.of(plain.column("i64").orElseThrow(),
                plain.column("label").orElseThrow(), plain.column("colour").orElseThrow())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"string-views-long.lz4.arrow", "string-views-long.zstd.arrow"})
    void readsStringViewsLongerThanAViewFromTheDataBuffers(String name) throws IOException {
        Table fromPath = ArrowReader.read(fixture(name));
        Table fromStream;
        try (InputStream in = Files.newInputStream(fixture(name))) {
            fromStream = ArrowReader.read(in, "upload");
        }

        for (Table table : List.of(fromPath, fromStream)) {
            CategoricalColumn text = (CategoricalColumn) table.column("text").orElseThrow();
            assertThat(text.length()).isEqualTo(300);
            for (int i = 0; i < 300; i++) {
                // scripts/make-format-fixtures.mjs, longText(i)
                String expected = i % 11 == 0 ? null : i % 2 == 0 ? "short" + (i % 7)
                        : "a longer value, number " + i + ", ünïcode";
                assertThat(text.labelAt(i)).as("%s row %d", name, i).isEqualTo(expected);
            }
        }
    }

    /**
     * The values scripts/make-format-fixtures.mjs wrote into the "types" files, as the columnar
     * model holds them; shared by the Parquet tests.
     */
    static void assertEveryType(Table table) {
        assertThat(table.schema().fields()).extracting(io.driftwatch.data.Field::physicalType).containsExactly(
                PhysicalType.FLOAT, PhysicalType.FLOAT, PhysicalType.FLOAT, PhysicalType.INTEGER, PhysicalType.INTEGER,
                PhysicalType.INTEGER, PhysicalType.INTEGER, PhysicalType.FLOAT, PhysicalType.FLOAT,
                PhysicalType.BOOLEAN, PhysicalType.STRING, PhysicalType.STRING, PhysicalType.TIMESTAMP,
                PhysicalType.TIMESTAMP, PhysicalType.TIMESTAMP, PhysicalType.TIMESTAMP, PhysicalType.TIMESTAMP);
        assertThat(table.rowCount()).isEqualTo(300);
        for (int i = 0; i < 300; i++) {
            Integer small = i % 7 == 3 ? null : (i * 37) % 101 - 50;
            assertCell(table, "i8", i, small == null ? null : (double) small);
            assertCell(table, "i16", i, small == null ? null : small * 300.0);
            assertCell(table, "i32", i, small == null ? null : small * 40000.0);
            assertCell(table, "i64", i, i * 1000003.0);
            assertCell(table, "u8", i, (double) ((i * 7) % 256));
            assertCell(table, "u32", i, 4294967295.0 - i);
            assertCell(table, "f32", i, i % 11 == 0 ? null : i / 8.0);
            assertCell(table, "f64", i, i % 13 == 0 ? null : StrictMath.sin(i) * 1e3); // fdlibm, as V8
            assertCell(table, "flag", i, i % 5 == 0 ? null : i % 3 == 0 ? 1.0 : 0.0);
            assertCell(table, "day", i, i % 17 == 0 ? null : (18262.0 + i) * 86_400_000L);
            assertCell(table, "ts_ms", i, i * 1000003.0 * 1000);
            assertCell(table, "ts_us", i, i * 1000003.0 * 1000);
            assertCell(table, "ts_ns", i, i * 1000003.0 * 1000 + 123);
            assertCell(table, "ts_tz", i, i * 1000003.0 * 1000);
            CategoricalColumn label = (CategoricalColumn) table.column("label").orElseThrow();
            assertThat(label.labelAt(i)).as("label row %d", i).isEqualTo(i % 9 == 0 ? null : "s" + (i * 13) % 40 + "é");
            CategoricalColumn colour = (CategoricalColumn) table.column("colour").orElseThrow();
            assertThat(colour.labelAt(i)).as("colour row %d", i)
                    .isEqualTo(i % 10 == 4 ? null : new String[] {"red", "green", "blue"}[i % 3]);
        }
    }

    private static void assertCell(Table table, String name, int row, Double expected) {
        NumericColumn column = (NumericColumn) table.column(name).orElseThrow();
        if (expected == null) {
            assertThat(column.isMissing(row)).as("%s row %d missing", name, row).isTrue();
        } else {
            assertThat(column.value(row)).as("%s row %d", name, row).isEqualTo(expected);
        }
    }
}
