package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV format and type rules of {@link CsvReader}, one behaviour per test. */
class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Table read(String content) throws IOException {
        return CsvReader.read(write("data.csv", content));
    }

    private static CategoricalColumn text(Table table, String name) {
        Column column = table.column(name).orElseThrow();
        assertThat(column).isInstanceOf(CategoricalColumn.class);
        return (CategoricalColumn) column;
    }

    private static NumericColumn numbers(Table table, String name) {
        Column column = table.column(name).orElseThrow();
        assertThat(column).isInstanceOf(NumericColumn.class);
        return (NumericColumn) column;
    }

    private static String[] labels(CategoricalColumn column) {
        String[] out = new String[column.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column.labelAt(i);
        }
        return out;
    }

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws IOException {
        Table table = read("id,comment\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,plain\n");
        assertThat(table.rowCount()).isEqualTo(4);
        assertThat(labels(text(table, "comment"))).containsExactly("a, b", "say \"hi\"", "two\nlines", "plain");
        assertThat(numbers(table, "id").values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void reportsLinesOfRecordsAfterMultiLineQuotedFields() throws IOException {
        Path file = write("data.csv", "id,comment\n1,\"two\nlines\"\n2\n");
        try {
            CsvReader.read(file);
        } catch (UnreadableDatasetException e) {
            assertThat(e.getMessage()).contains("line 4:");
            return;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void readsEmptyCellsAsMissing() throws IOException {
        Table table = read("a,b,c\n1,,x\n,2,\n3,4,y\n");
        assertThat(numbers(table, "a").isMissing(1)).isTrue();
        assertThat(numbers(table, "b").isMissing(0)).isTrue();
        assertThat(text(table, "c").isMissing(1)).isTrue();
        assertThat(table.column("a").orElseThrow().missingCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NA", "NaN", "null", "?", "", " ?", "NA  ", "\"NA\"", "\"\""})
    void readsEachDefaultMissingTokenAsMissing(String token) throws IOException {
        Table table = read("num,txt\n1.5,a\n" + token + "," + token + "\n2.5,b\n");
        NumericColumn num = numbers(table, "num");
        assertThat(num.physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(num.isMissing(1)).isTrue();
        assertThat(text(table, "txt").isMissing(1)).isTrue();
        assertThat(text(table, "txt").cardinality()).isEqualTo(2);
    }

    @Test
    void quotedCellsAreNotTrimmed() throws IOException {
        Table table = read("txt\n\" ?\"\n\" a \"\nb\n");
        assertThat(labels(text(table, "txt"))).containsExactly(" ?", " a ", "b");
    }

    @Test
    void unquotedCellsAreTrimmedForNumbersButTextKeepsItsSpaces() throws IOException {
        Table table = read("n,t\n 1 ,x\n2, y \n");
        assertThat(numbers(table, "n").physicalType()).isEqualTo(PhysicalType.INTEGER);
        assertThat(numbers(table, "n").values()).containsExactly(1, 2);
        assertThat(labels(text(table, "t"))).containsExactly("x", " y ");
    }

    @Test
    void readsConfiguredMissingTokensOnly() throws IOException {
        Path file = write("data.csv", "v\n1\n-999\nNA\n");
        CsvOptions options = CsvOptions.defaults().withMissingTokens(Set.of("-999"));
        Table table = CsvReader.read(file, options);
        // NA is no longer missing, so the column is text; -999 still is
        CategoricalColumn v = text(table, "v");
        assertThat(labels(v)).containsExactly("1", null, "NA");
    }

    @Test
    void skipsUtf8ByteOrderMark() throws IOException {
        Path file = dir.resolve("bom.csv");
        byte[] body = "name,x\nzoë,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(file, all);
        Table table = CsvReader.read(file);
        assertThat(table.schema().field(0).name()).isEqualTo("name");
        assertThat(text(table, "name").labelAt(0)).isEqualTo("zoë");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void readsLineEndings(String eol) throws IOException {
        Table table = read("a,b" + eol + "1,x" + eol + "2,y" + eol);
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(labels(text(table, "b"))).containsExactly("x", "y");
        assertThat(numbers(table, "a").values()).containsExactly(1, 2);
    }

    @Test
    void readsLastLineWithoutLineBreak() throws IOException {
        Table table = read("a,b\n1,x\n2,y");
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(text(table, "b").labelAt(1)).isEqualTo("y");
    }

    @Test
    void skipsBlankLines() throws IOException {
        Table table = read("a,b\n1,x\n\n2,y\n\n");
        assertThat(table.rowCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t', '|'})
    void detectsEachDelimiterFromTheHeader(char delimiter) throws IOException {
        String d = String.valueOf(delimiter);
        // the other candidates appear in the data, never in the header
        Table table = read(String.join(d, "id", "label", "score") + "\n"
                + String.join(d, "1", "\"a,b;c|d\"", "0.5") + "\n"
                + String.join(d, "2", "e", "1.5") + "\n");
        assertThat(table.columnCount()).isEqualTo(3);
        assertThat(table.schema().field(1).name()).isEqualTo("label");
        assertThat(numbers(table, "score").values()).containsExactly(0.5, 1.5);
        assertThat(text(table, "label").labelAt(0)).isEqualTo("a,b;c|d");
    }

    @Test
    void honoursAFixedDelimiter() throws IOException {
        Path file = write("data.csv", "a;b,c\n1;2,3\n");
        Table table = CsvReader.read(file, CsvOptions.defaults().withDelimiter(';'));
        assertThat(table.columnCount()).isEqualTo(2);
        assertThat(text(table, "b,c").labelAt(0)).isEqualTo("2,3");
    }

    @Test
    void readsGzipTransparently() throws IOException {
        Path file = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        Table table = CsvReader.read(file);
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(numbers(table, "a").physicalType()).isEqualTo(PhysicalType.INTEGER);
    }

    @Test
    void readsGzipFromAStream() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        Table table = CsvReader.read(new ByteArrayInputStream(bytes.toByteArray()), "upload", CsvOptions.defaults());
        assertThat(table.rowCount()).isEqualTo(2);
    }

    @Test
    void detectsIntegerFloatBooleanTimestampAndString() throws IOException {
        Table table = read("""
                i,f,e,b,t,s,im
                1,1.5,1e3,True,2011-01-01,a,7
                -2,2,2E-1,false,2011-01-01 13:00:00,b,
                +3,.5,3,TRUE,2011-01-01T13:00:00Z,1,9
                """);
        assertThat(numbers(table, "i").physicalType()).isEqualTo(PhysicalType.INTEGER);
        assertThat(numbers(table, "i").values()).containsExactly(1, -2, 3);
        assertThat(numbers(table, "f").physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(numbers(table, "f").values()).containsExactly(1.5, 2, 0.5);
        assertThat(numbers(table, "e").physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(numbers(table, "e").values()).containsExactly(1000, 0.2, 3);
        assertThat(numbers(table, "b").physicalType()).isEqualTo(PhysicalType.BOOLEAN);
        assertThat(numbers(table, "b").values()).containsExactly(1, 0, 1);
        assertThat(numbers(table, "t").physicalType()).isEqualTo(PhysicalType.TIMESTAMP);
        assertThat(numbers(table, "t").values()).containsExactly(
                Instant.parse("2011-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2011-01-01T13:00:00Z").toEpochMilli(),
                Instant.parse("2011-01-01T13:00:00Z").toEpochMilli());
        assertThat(table.column("s").orElseThrow().physicalType()).isEqualTo(PhysicalType.STRING);
        // an integer column with a missing cell is float, as in pandas
        assertThat(numbers(table, "im").physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(numbers(table, "im").isMissing(1)).isTrue();
    }

    @Test
    void readsTimestampsWithOffsetsAndFractions() throws IOException {
        Table table = read("t\n2011-01-01T13:00:00.250+02:00\n2011-01-01 13:00\nNA\n");
        NumericColumn t = numbers(table, "t");
        assertThat(t.physicalType()).isEqualTo(PhysicalType.TIMESTAMP);
        assertThat(t.value(0)).isEqualTo(Instant.parse("2011-01-01T11:00:00.250Z").toEpochMilli());
        assertThat(t.value(1)).isEqualTo(Instant.parse("2011-01-01T13:00:00Z").toEpochMilli());
        assertThat(t.isMissing(2)).isTrue();
    }

    @Test
    void impossibleDatesAreText() throws IOException {
        Table table = read("t\n2011-01-01\n2011-02-30\n");
        assertThat(labels(text(table, "t"))).containsExactly("2011-01-01", "2011-02-30");
    }

    @Test
    void booleanColumnWithMissingCellIsTextWithOriginalSpelling() throws IOException {
        Table table = read("b\nTrue\n\nfalse\nTRUE\n".replace("\n\n", "\nNA\n"));
        assertThat(labels(text(table, "b"))).containsExactly("True", null, "false", "TRUE");
    }

    @Test
    void numericColumnMeetingTextKeepsOriginalTextOfEarlierCells() throws IOException {
        Table table = read("id,v,w\n1,1.0,5\n2,1,6\n3,NA,7\n4,2.50,8\n5,abc,9\n6,1,10\n");
        CategoricalColumn v = text(table, "v");
        assertThat(labels(v)).containsExactly("1.0", "1", null, "2.50", "abc", "1");
        assertThat(v.cardinality()).isEqualTo(4);
        // the other columns keep the types of the first pass
        assertThat(numbers(table, "id").physicalType()).isEqualTo(PhysicalType.INTEGER);
        assertThat(numbers(table, "w").values()).containsExactly(5, 6, 7, 8, 9, 10);
    }

    @Test
    void switchToTextWorksAcrossMultiLineQuotedFieldsAndGzip() throws IOException {
        Path file = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("note,v\n\"x\ny\",01\nz,1e0\nq,word\n".getBytes(StandardCharsets.UTF_8));
        }
        Table table = CsvReader.read(file);
        assertThat(labels(text(table, "v"))).containsExactly("01", "1e0", "word");
        assertThat(labels(text(table, "note"))).containsExactly("x\ny", "z", "q");
    }

    @Test
    void columnWithOnlyMissingCellsBeforeTextNeedsNoSecondLook() throws IOException {
        Table table = read("v\nNA\n\nfoo\n".replace("\n\n", "\n\"\"\n"));
        assertThat(labels(text(table, "v"))).containsExactly(null, null, "foo");
    }

    @Test
    void columnWithOnlyMissingCellsIsFloat() throws IOException {
        Table table = read("a,b\n1,NA\n2,\n");
        NumericColumn b = numbers(table, "b");
        assertThat(b.physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(b.missingCount()).isEqualTo(2);
    }

    @Test
    void declaredTextColumnStaysText() throws IOException {
        Path file = write("data.csv", "zip,n\n01234,1\n98765,2\n");
        Table table = CsvReader.read(file, CsvOptions.defaults().withTextColumns(Set.of("zip")));
        assertThat(labels(text(table, "zip"))).containsExactly("01234", "98765");
    }

    @Test
    void declaredNumericColumnAcceptsMissingTokens() throws IOException {
        Path file = write("data.csv", "n\n1\nNA\n3\n");
        Table table = CsvReader.read(file, CsvOptions.defaults().withNumericColumns(Set.of("n")));
        assertThat(numbers(table, "n").physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(numbers(table, "n").missingCount()).isEqualTo(1);
    }

    @Test
    void parsesNumbersExactly() throws IOException {
        Table table = read("x\n0.1\n123456.7\n-3.14159e-5\n1234567890123456789\n9007199254740993.5\n1e400\n-inf\n");
        NumericColumn x = numbers(table, "x");
        assertThat(x.values()).containsExactly(0.1, 123456.7, -3.14159e-5, 1234567890123456789.0,
                Double.parseDouble("9007199254740993.5"), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "0x10", "1_000", "1e", "--1", "1.2.3", ".", "+"})
    void javaOnlyOrBrokenNumberSyntaxIsText(String cell) throws IOException {
        Table table = read("x\n1\n" + cell + "\n");
        assertThat(labels(text(table, "x"))).containsExactly("1", cell);
    }

    @Test
    void largeFileWithSwitchAtTheEndKeepsAllTextAndTypes() throws IOException {
        StringBuilder csv = new StringBuilder("i,v,s\n");
        int rows = 20_000;
        for (int r = 0; r < rows; r++) {
            csv.append(r).append(',').append(r % 2 == 0 ? r + ".0" : String.valueOf(r)).append(",s").append(r % 7)
                    .append('\n');
        }
        csv.append(rows).append(",end,s0\n");
        Table table = read(csv.toString());
        assertThat(table.rowCount()).isEqualTo(rows + 1);
        CategoricalColumn v = text(table, "v");
        assertThat(v.labelAt(0)).isEqualTo("0.0");
        assertThat(v.labelAt(1)).isEqualTo("1");
        assertThat(v.labelAt(rows)).isEqualTo("end");
        assertThat(numbers(table, "i").physicalType()).isEqualTo(PhysicalType.INTEGER);
        assertThat(text(table, "s").cardinality()).isEqualTo(7);
    }
}
