package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArrowReader#stream}: bounded tables that hold, cell for cell, what {@link ArrowReader#read} reads. */
class ArrowStreamTest {
    @TempDir
    Path dir;

    @Test
    void handsOnTablesOfRecordBatchesHoldingTheWholeReadsCells() throws IOException {
        int rows = 3 * ArrowFileWriter.BATCH_ROWS + 123;
        double[] x = new double[rows];
        String[] label = new String[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i % 17 == 0 ? Double.NaN : i * 0.5;
            label[i] = "l" + (i % 5);
        }
        Path file = dir.resolve("data.arrow");
        ArrowFileWriter.write(Table.of(List.of(NumericColumn.of("x", PhysicalType.FLOAT, x, 0, rows),
                CategoricalColumn.of("label", label))), file);
        Table whole = ArrowReader.read(file);
        List<Table> tables = new ArrayList<>();

        long read = ArrowReader.stream(file, tables::add);

        assertThat(read).isEqualTo(rows);
        assertThat(tables).hasSizeGreaterThan(1);
        assertThat(tables).allMatch(t -> t.rowCount() <= 2 * ArrowReader.STREAM_ROWS);
        int row = 0;
        for (Table t : tables) {
            NumericColumn a = (NumericColumn) t.column("x").orElseThrow();
            CategoricalColumn b = (CategoricalColumn) t.column("label").orElseThrow();
            NumericColumn wa = (NumericColumn) whole.column("x").orElseThrow();
            CategoricalColumn wb = (CategoricalColumn) whole.column("label").orElseThrow();
            for (int r = 0; r < t.rowCount(); r++, row++) {
                assertThat(a.isMissing(r)).isEqualTo(wa.isMissing(row));
                if (!wa.isMissing(row)) {
                    assertThat(a.value(r)).isEqualTo(wa.value(row));
                }
                assertThat(b.labelAt(r)).isEqualTo(wb.labelAt(row));
            }
        }
        assertThat(row).isEqualTo(rows);
    }

    @Test
    void refusesATruncatedFileAsReadDoes() throws IOException {
        Path file = dir.resolve("data.arrow");
        ArrowFileWriter.write(Table.of(List.of(CategoricalColumn.of("a", "x", "y"))), file);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 10));
        String expected = CsvFailuresArrow.failure(file);
        assertThatThrownBy(() -> ArrowReader.stream(file, t -> { })).isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(expected);
    }

    /** The message {@link ArrowReader#read} fails with. */
    private static final class CsvFailuresArrow {
        static String failure(Path file) {
            try {
                ArrowReader.read(file);
            } catch (UnreadableDatasetException e) {
                return e.getMessage();
            }
            throw new AssertionError(file + " must fail to read");
        }
    }
}
