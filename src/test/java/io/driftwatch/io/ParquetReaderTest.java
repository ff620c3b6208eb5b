package io.driftwatch.io;

import static io.driftwatch.io.FormatFixtures.assertSameTable;
import static io.driftwatch.io.FormatFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parquet files written by Polars and DuckDB (scripts/make-format-fixtures.mjs), read back. */
class ParquetReaderTest {
    @TempDir
    Path dir;

    private static Table fromStream(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return ParquetReader.read(in, "upload-3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bike-current.snappy.parquet", "bike-current.zstd.parquet", "bike-current.duckdb.parquet",
            "bike-current.uncompressed.parquet"})
    void readsTheSameTableAsTheCsvAndTheArrowFileOfTheSameData(String name) throws IOException {
        Table csv = CsvReader.read(FormatFixtures.BIKE_CSV);

        Table parquet = ParquetReader.read(fixture(name));

        assertThat(parquet.rowCount()).isEqualTo(741);
        assertSameTable(parquet, csv);
        assertSameTable(fromStream(fixture(name)), csv);
        assertSameTable(parquet, ArrowReader.read(fixture("bike-current.zstd.arrow")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"types.snappy.parquet", "types.zstd.parquet"})
    void readsEveryTypeWithNullsAsTheArrowReaderDoes(String name) throws IOException {
        Table parquet = ParquetReader.read(fixture(name));

        ArrowCompressedReadTest.assertEveryType(parquet);
        assertSameTable(parquet, ArrowReader.read(fixture("types.zstd.arrow")));
    }

    @Test
    void readsDecimalsOfEveryStorageAsFloats() {
        Table table = ParquetReader.read(fixture("decimals.duckdb.parquet"));
        Table csv = CsvReader.read(FormatFixtures.BIKE_CSV);

        assertThat(table.schema().fields()).extracting(io.driftwatch.data.Field::physicalType)
                .containsExactly(PhysicalType.INTEGER, PhysicalType.FLOAT, PhysicalType.FLOAT, PhysicalType.FLOAT);
        NumericColumn temp = (NumericColumn) csv.column("temp").orElseThrow();
        NumericColumn cnt = (NumericColumn) csv.column("cnt").orElseThrow();
        NumericColumn hum = (NumericColumn) csv.column("hum").orElseThrow();
        for (int i = 0; i < csv.rowCount(); i++) {
            assertThat(((NumericColumn) table.column(1)).value(i)).isEqualTo(
                    new java.math.BigDecimal(temp.value(i) * 10000).setScale(4, java.math.RoundingMode.HALF_UP)
                            .doubleValue());
            assertThat(((NumericColumn) table.column(2)).value(i)).isEqualTo(cnt.value(i));
            assertThat(((NumericColumn) table.column(3)).value(i)).isEqualTo(hum.value(i));
        }
    }

    @Test
    void refusesNestedColumnsNamingEachOne() {
        Path path = fixture("nested.parquet");

        assertThatThrownBy(() -> ParquetReader.read(path))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(path + ": nested columns cannot be read: 'tags' (list), 'point' (struct); Driftwatch "
                        + "reads flat columns of numbers, booleans, strings, dates and timestamps (flatten or drop "
                        + "them before writing, e.g. pandas.json_normalize)");
    }

    @Test
    void refusesATimeOfDayColumnNamingItAndItsType() {
        Path path = fixture("time-of-day.duckdb.parquet");

        assertThatThrownBy(() -> ParquetReader.read(path))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(path + ", column 'at_time': unsupported Parquet type INT64 (TIME); only numbers, "
                        + "booleans, strings, dates and timestamps can be read");
    }

    @Test
    void refusesACodecItCannotReadNamingTheRowGroupAndColumn() {
        Path path = fixture("bike-current.brotli.parquet");

        assertThatThrownBy(() -> ParquetReader.read(path))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessageStartingWith(path + ", row group 0, column 'instant': its pages are compressed with "
                        + "BROTLI, which Driftwatch cannot read; UNCOMPRESSED, SNAPPY, GZIP, ZSTD and LZ4_RAW can be "
                        + "read");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("bike-current.snappy.parquet"));
        Path cut = Files.write(dir.resolve("cut.parquet"), java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> ParquetReader.read(cut))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(cut + ": truncated Parquet file: it starts with 'PAR1' but does not end with it, so the "
                        + "footer that describes its columns is missing");
    }

    @Test
    void refusesSomethingThatIsNotParquet() {
        assertThatThrownBy(() -> ParquetReader.read(new ByteArrayInputStream("a,b\n1,2\n".getBytes()), "upload-4"))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessage("upload-4: not a Parquet file: only 8 bytes, fewer than a Parquet file's 12 bytes of "
                        + "framing");
    }

    @Test
    void refusesADamagedPageNamingTheRowGroupAndColumn() throws IOException {
        // the GZIP file has four row groups; damage the middle of the data of the last ones
        byte[] data = Files.readAllBytes(fixture("bike-current.duckdb.parquet"));
        for (int i = data.length / 2; i < data.length / 2 + 64; i++) {
            data[i] ^= 0x5A;
        }
        Path damaged = Files.write(dir.resolve("damaged.parquet"), data);

        assertThatThrownBy(() -> ParquetReader.read(damaged))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessageMatching("\\Q" + damaged + "\\E, row group \\d, column '[a-z]+': .+");
    }

    @Test
    void refusesADamagedFooter() throws IOException {
        byte[] data = Files.readAllBytes(fixture("types.snappy.parquet"));
        int footerLength = java.nio.ByteBuffer.wrap(data, data.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt();
        for (int i = data.length - 8 - footerLength; i < data.length - 8; i++) {
            data[i] = (byte) 0xEE;
        }
        Path damaged = Files.write(dir.resolve("footer.parquet"), data);

        assertThatThrownBy(() -> ParquetReader.read(damaged))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessageStartingWith(damaged + ": malformed Parquet footer (");
    }
}
