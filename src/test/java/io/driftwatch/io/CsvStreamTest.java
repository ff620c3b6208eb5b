package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvStream}: bounded batches that hold, cell for cell, what {@link CsvReader} reads. */
class CsvStreamTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<Table> stream(Path file, int typeRows, int batchRows) {
        List<Table> batches = new ArrayList<>();
        long rows = CsvStream.read(file, CsvOptions.defaults(), typeRows, batchRows, batches::add);
        assertThat(batches.stream().mapToLong(Table::rowCount).sum()).isEqualTo(rows);
        return batches;
    }

    @Test
    void handsOnBatchesOfAtMostTheBatchSizeHoldingTheExactReadersCells() throws IOException {
        StringBuilder csv = new StringBuilder("x;label;flag;when;gappy\n");
        for (int i = 0; i < 23; i++) {
            csv.append(i).append(".5;\"l").append(i % 4).append("\";").append(i % 2 == 0 ? "true" : "False")
                    .append(";2024-01-").append(String.format("%02d", i % 28 + 1)).append(';')
                    .append(i % 3 == 0 ? "NA" : Integer.toString(i)).append('\n');
        }
        Path file = write(csv.toString());
        Table whole = CsvReader.read(file);
        List<Table> batches = stream(file, 10, 5);

        assertThat(batches).extracting(Table::rowCount).containsExactly(5, 5, 5, 5, 3);
        int row = 0;
        for (Table batch : batches) {
            assertThat(batch.schema()).isEqualTo(whole.schema());
            for (int r = 0; r < batch.rowCount(); r++, row++) {
                for (String name : List.of("x", "flag", "when", "gappy")) {
                    NumericColumn a = (NumericColumn) batch.column(name).orElseThrow();
                    NumericColumn b = (NumericColumn) whole.column(name).orElseThrow();
                    assertThat(a.isMissing(r)).as("%s row %d", name, row).isEqualTo(b.isMissing(row));
                    if (!b.isMissing(row)) {
                        assertThat(a.value(r)).as("%s row %d", name, row).isEqualTo(b.value(row));
                    }
                }
                CategoricalColumn a = (CategoricalColumn) batch.column("label").orElseThrow();
                CategoricalColumn b = (CategoricalColumn) whole.column("label").orElseThrow();
                assertThat(a.label(a.code(r))).isEqualTo(b.label(b.code(row)));
            }
        }
        assertThat(row).isEqualTo(23);
        assertThat(batches.get(0).column("flag").orElseThrow().physicalType()).isEqualTo(PhysicalType.BOOLEAN);
        assertThat(batches.get(0).column("when").orElseThrow().physicalType()).isEqualTo(PhysicalType.TIMESTAMP);
    }

    @Test
    void aWordAmongNumbersInsideTheTypeBlockMakesTheColumnText() throws IOException {
        Path file = write("a,b\n1,2\nx,3\n4,5\n6,7\n");
        List<Table> batches = stream(file, 10, 2);
        assertThat(batches).extracting(t -> t.column("a").orElseThrow()).allMatch(c -> c instanceof CategoricalColumn);
        CategoricalColumn first = (CategoricalColumn) batches.get(0).column("a").orElseThrow();
        assertThat(first.label(first.code(0))).isEqualTo("1");
        assertThat(first.label(first.code(1))).isEqualTo("x");
    }

    @Test
    void failsWhenAWordTurnsUpInANumericColumnAfterTheTypeBlock() throws IOException {
        Path file = write("a,b\n1,2\n3,4\n5,6\n7,oops\n");
        assertThatThrownBy(() -> stream(file, 2, 2))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(file + " line 5: column 'b' (column 2) holds 'oops', but held numbers in the first 2 rows,"
                        + " from which a streamed read decides each column's type; declare the column categorical"
                        + " (the monitor's columns.categorical) or fix the cell");
    }

    @Test
    void reportsARaggedLineAsTheExactReaderDoes() throws IOException {
        Path file = write("a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n");
        String exact = CsvFailures.failure(file);
        assertThatThrownBy(() -> stream(file, 2, 2)).isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(exact)
                .hasMessage(file + " line 4: expected 3 fields as in the header, found 2");
    }

    @Test
    void aDeclaredTextColumnIsTextWhateverTheFirstRowsHold() throws IOException {
        Path file = write("a,b\n1,2\n3,4\n5,x\n");
        List<Table> batches = new ArrayList<>();
        CsvStream.read(file, CsvOptions.defaults().withTextColumns(java.util.Set.of("b")), 1, 2, batches::add);
        assertThat(batches).extracting(t -> t.column("b").orElseThrow()).allMatch(c -> c instanceof CategoricalColumn);
    }

    @Test
    void refusesAFileWithAHeaderButNoRows() throws IOException {
        Path file = write("a,b\n");
        assertThatThrownBy(() -> stream(file, 2, 2)).isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(file + ": the file has a header line but no data rows");
    }
}
