package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading a file in parts gives the table, and the errors, of one pass. The parts are forced on
 * small files by a {@link CsvReader.Parallelism} with no size threshold; each test checks that the
 * file is really cut where the test means it to be.
 */
class CsvReaderParallelTest {
    private static final CsvReader.Parallelism TWO_PARTS = new CsvReader.Parallelism(0, 2);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static long[] cuts(Path file, int parts) throws IOException {
        return CsvSource.of(file).splitPoints(parts);
    }

    private static Table onePass(Path file) {
        return CsvReader.read(file, CsvOptions.defaults(), CsvReader.Parallelism.none());
    }

    private static String failure(Path file, CsvReader.Parallelism parallelism) {
        try {
            CsvReader.read(file, CsvOptions.defaults(), parallelism);
        } catch (UnreadableDatasetException e) {
            return e.getMessage();
        }
        throw new AssertionError("reading " + file.getFileName() + " must fail");
    }

    private static String[] labels(Table table, String name) {
        CategoricalColumn column = (CategoricalColumn) table.column(name).orElseThrow();
        String[] out = new String[column.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column.labelAt(i);
        }
        return out;
    }

    /** Every column equal: kind, type, cells (bit for bit), missing flags and dictionary order. */
    static void assertSameTable(Table actual, Table expected) {
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        assertThat(actual.columnCount()).isEqualTo(expected.columnCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column e = expected.column(c);
            Column a = actual.column(c);
            String what = "column " + e.name();
            assertThat(a.name()).as(what).isEqualTo(e.name());
            assertThat(a.getClass()).as(what).isEqualTo(e.getClass());
            assertThat(a.physicalType()).as(what).isEqualTo(e.physicalType());
            assertThat(a.missingCount()).as(what).isEqualTo(e.missingCount());
            if (e instanceof NumericColumn en) {
                NumericColumn an = (NumericColumn) a;
                for (int r = 0; r < en.length(); r++) {
                    if (Double.doubleToRawLongBits(an.value(r)) != Double.doubleToRawLongBits(en.value(r))
                            || an.isMissing(r) != en.isMissing(r)) {
                        throw new AssertionError(what + " row " + r + ": " + an.value(r) + " != " + en.value(r));
                    }
                }
            } else {
                CategoricalColumn ec = (CategoricalColumn) e;
                CategoricalColumn ac = (CategoricalColumn) a;
                assertThat(ac.dictionary()).as(what).containsExactly(ec.dictionary());
                assertThat(ac.codes()).as(what).isEqualTo(ec.codes());
            }
        }
    }

    @Test
    void quotedFieldWithLineBreaksAndDelimitersAcrossTheNaturalCutStaysOneCell() throws IOException {
        StringBuilder csv = new StringBuilder("id,note\n");
        for (int r = 0; r < 200; r++) {
            csv.append(r).append(",plain ").append(r).append('\n');
        }
        int quotedAt = csv.length();
        csv.append("200,\"");
        for (int k = 0; k < 40; k++) {
            csv.append("line ").append(k).append(", with a comma\n");
        }
        csv.append("end\"\n");
        int quotedEnd = csv.length();
        // as many bytes after the field as before it, so that the middle of the file is inside it
        for (int r = 201; csv.length() < quotedAt + quotedEnd; r++) {
            csv.append(r).append(",plain ").append(r).append('\n');
        }
        Path file = write("quoted.csv", csv.toString());
        long middle = Files.size(file) / 2;
        assertThat(middle).isBetween((long) quotedAt, (long) quotedEnd);
        long[] cuts = cuts(file, 2);
        assertThat(cuts).hasSize(2);
        assertThat(cuts[1]).isEqualTo(quotedEnd);

        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        assertThat(labels(table, "note")[200]).startsWith("line 0, with a comma\nline 1,").endsWith("\nend");
    }

    @Test
    void cutFallingBetweenCrAndLfStartsThePartAfterTheLf() throws IOException {
        for (int pad = 0; pad < 64; pad++) {
            StringBuilder csv = new StringBuilder("a,b\r\n").append("0,").append("x".repeat(pad)).append("\r\n");
            for (int r = 1; r < 300; r++) {
                csv.append(r).append(',').append(r % 3 == 0 ? "y" : "z").append("\r\n");
            }
            String content = csv.toString();
            int middle = content.length() / 2;
            if (content.charAt(middle - 1) != '\r' || content.charAt(middle) != '\n') {
                continue;
            }
            Path file = write("crlf.csv", content);
            assertThat(cuts(file, 2)).containsExactly(0, middle + 1);
            Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
            assertSameTable(table, onePass(file));
            assertThat(table.rowCount()).isEqualTo(300);
            assertThat(labels(table, "b")).doesNotContainNull().allMatch(s -> !s.contains("\r"));
            return;
        }
        throw new AssertionError("no padding puts the middle of the file between CR and LF");
    }

    /** {@code rows} rows of an id column and {@code value(r)} in column v, cut in the middle. */
    private Path halves(String name, int rows, java.util.function.IntFunction<String> value) throws IOException {
        StringBuilder csv = new StringBuilder("id,v\n");
        for (int r = 0; r < rows; r++) {
            csv.append(r).append(',').append(value.apply(r)).append('\n');
        }
        return write(name, csv.toString());
    }

    /** The first data row (0-based) of the second part. */
    private static int firstRowOfSecondPart(Path file) throws IOException {
        long cut = cuts(file, 2)[1];
        String content = Files.readString(file);
        int lines = 0;
        for (int i = 0; i < cut; i++) {
            lines += content.charAt(i) == '\n' ? 1 : 0;
        }
        return lines - 1; // minus the header
    }

    @Test
    void numericColumnTurningTextInTheSecondPartKeepsTheOriginalTextOfBothParts() throws IOException {
        int rows = 1000;
        Path file = halves("switch.csv", rows, r -> r == rows - 3 ? "word" : r % 2 == 0 ? r + ".0" : "0" + r);
        int second = firstRowOfSecondPart(file);
        assertThat(second).isBetween(1, rows - 4);
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        String[] v = labels(table, "v");
        assertThat(v[0]).isEqualTo("0.0");
        assertThat(v[1]).isEqualTo("01");
        assertThat(v[second]).isEqualTo(second % 2 == 0 ? second + ".0" : "0" + second);
        assertThat(v[rows - 3]).isEqualTo("word");
    }

    @Test
    void wordInTheFirstPartAndNumbersInTheSecondIsTextEverywhere() throws IOException {
        int rows = 1000;
        Path file = halves("textfirst.csv", rows, r -> r == 0 ? "NA" : r == 1 ? "word" : r + ".50");
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        String[] v = labels(table, "v");
        assertThat(v[0]).isNull();
        assertThat(v[rows - 1]).isEqualTo((rows - 1) + ".50");
    }

    @Test
    void onlyMissingCellsInTheFirstPartThenWordsIsTextWithMissingCellsFirst() throws IOException {
        int rows = 1000;
        Path file = halves("latewords.csv", rows, r -> r < rows - 10 ? "" : "w" + (r % 3));
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        assertThat(table.column("v").orElseThrow().missingCount()).isEqualTo(rows - 10);
    }

    @Test
    void integersInTheFirstPartAndDecimalsInTheSecondAreFloat() throws IOException {
        int rows = 1000;
        Path file = halves("intfloat.csv", rows, r -> r < rows - 5 ? String.valueOf(r) : r + ".25");
        assertThat(firstRowOfSecondPart(file)).isLessThan(rows - 5);
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        NumericColumn v = (NumericColumn) table.column("v").orElseThrow();
        assertThat(v.physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(v.value(0)).isEqualTo(0.0);
        assertThat(v.value(rows - 1)).isEqualTo(rows - 1 + 0.25);
        NumericColumn id = (NumericColumn) table.column("id").orElseThrow();
        assertThat(id.physicalType()).isEqualTo(PhysicalType.INTEGER);
    }

    @Test
    void decimalsInTheFirstPartAndIntegersInTheSecondAreFloat() throws IOException {
        int rows = 1000;
        Path file = halves("floatint.csv", rows, r -> r < 5 ? r + ".75" : String.valueOf(r));
        assertThat(firstRowOfSecondPart(file)).isGreaterThan(5);
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        assertThat(table.column("v").orElseThrow().physicalType()).isEqualTo(PhysicalType.FLOAT);
    }

    @Test
    void booleanColumnWithAMissingCellOnlyInTheSecondPartIsText() throws IOException {
        int rows = 1000;
        Path file = halves("bool.csv", rows, r -> r == rows - 2 ? "NA" : r % 2 == 0 ? "True" : "false");
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        assertThat(labels(table, "v")[0]).isEqualTo("True");
    }

    @Test
    void errorsInBothPartsReportTheEarliestLine() throws IOException {
        int rows = 1000;
        Path file = halves("ragged.csv", rows, r -> r == 100 || r == rows - 100 ? "1,2" : "7");
        assertThat(firstRowOfSecondPart(file)).isBetween(101, rows - 101);
        // row 100 is on line 102 (header on line 1)
        assertThat(failure(file, TWO_PARTS)).contains("ragged.csv line 102:").contains("found 3");
        assertThat(failure(file, TWO_PARTS)).isEqualTo(failure(file, CsvReader.Parallelism.none()));
    }

    @Test
    void errorOnlyInALaterPartNamesItsLineInTheFile() throws IOException {
        StringBuilder csv = new StringBuilder("id,v\n");
        for (int r = 0; r < 600; r++) {
            // multi-line quoted cells and CRLF line ends: lines are not rows and not LF bytes
            csv.append(r).append(r % 5 == 0 ? ",\"a\nb\"\r\n" : ",x\r\n");
        }
        csv.append("600\r\n");
        Path file = write("late.csv", csv.toString());
        assertThat(cuts(file, 3)).hasSize(3);
        // 600 rows, 120 of them two lines long, then the short row
        String expected = "late.csv line " + (1 + 600 + 120 + 1) + ":";
        assertThat(failure(file, new CsvReader.Parallelism(0, 3))).contains(expected);
        assertThat(failure(file, CsvReader.Parallelism.none())).contains(expected);
    }

    @Test
    void quoteLeftOpenInTheLastPartIsReportedWhereItOpens() throws IOException {
        StringBuilder csv = new StringBuilder("id,v\n");
        for (int r = 0; r < 500; r++) {
            csv.append(r).append(r == 400 ? ",\"open\n" : ",x\n");
        }
        Path file = write("open.csv", csv.toString());
        assertThat(cuts(file, 2)).hasSize(2);
        String message = failure(file, TWO_PARTS);
        assertThat(message).contains("open.csv line 402:").contains("unterminated quote");
        assertThat(message).isEqualTo(failure(file, CsvReader.Parallelism.none()));
    }

    @Test
    void quoteInsideAnUnquotedCellMisleadsTheCutWhichIsCaughtAndReadInOnePass() throws IOException {
        StringBuilder csv = new StringBuilder("id,v\n");
        csv.append("0,5\" screen\n"); // a literal quote: every later quote count is off by one
        for (int r = 1; r < 200; r++) {
            csv.append(r).append(",x\n");
        }
        int quotedAt = csv.length();
        csv.append("200,\"");
        for (int k = 0; k < 60; k++) {
            csv.append("inside ").append(k).append('\n');
        }
        csv.append("\"\n");
        int quotedEnd = csv.length();
        for (int r = 201; csv.length() < quotedAt + quotedEnd; r++) {
            csv.append(r).append(",y\n");
        }
        Path file = write("literal.csv", csv.toString());
        long cut = cuts(file, 2)[1];
        assertThat(cut).as("the misleading count puts the cut inside the quoted cell").isBetween(
                (long) quotedAt + 5, (long) quotedEnd - 1);
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertSameTable(table, onePass(file));
        assertThat(labels(table, "v")[0]).isEqualTo("5\" screen");
        assertThat(labels(table, "v")[200]).startsWith("inside 0\ninside 1\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void generatedFileWithEveryKindOfColumnGivesTheTableOfOnePass(int parts) throws IOException {
        Path file = dir.resolve("mixed.csv");
        int rows = generate(file, 20 << 20);
        assertThat(cuts(file, parts)).hasSize(parts);
        Table expected = onePass(file);
        assertThat(expected.rowCount()).isEqualTo(rows);
        Table actual = CsvReader.read(file, CsvOptions.defaults(), new CsvReader.Parallelism(1 << 20, parts));
        assertSameTable(actual, expected);
        assertThat(actual.column("late_word").orElseThrow().physicalType()).isEqualTo(PhysicalType.STRING);
        assertThat(actual.column("int").orElseThrow().physicalType()).isEqualTo(PhysicalType.INTEGER);
        assertThat(actual.column("int_late_float").orElseThrow().physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(actual.column("bool").orElseThrow().physicalType()).isEqualTo(PhysicalType.BOOLEAN);
        assertThat(actual.column("bool_missing").orElseThrow().physicalType()).isEqualTo(PhysicalType.STRING);
        assertThat(actual.column("ts").orElseThrow().physicalType()).isEqualTo(PhysicalType.TIMESTAMP);
        assertThat(actual.column("empty").orElseThrow().physicalType()).isEqualTo(PhysicalType.FLOAT);
    }

    /** Writes about {@code bytes} bytes of rows with every column kind; returns the row count. */
    private static int generate(Path file, int bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        String[] words = {"alpha", "beta", "gamma", "delta", "épsilon", "zeta"};
        int rows = 0;
        long written = 0;
        int estimatedRows = bytes / 110;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String header = "int,float,missing_float,int_late_float,bool,bool_missing,ts,cat,quoted,late_word,"
                    + "switch_mid,empty\n";
            out.write(header);
            written += header.length();
            while (written < bytes) {
                int r = rows;
                StringBuilder line = new StringBuilder(128);
                line.append(random.nextInt(-1000, 1000)).append(',');
                line.append(random.nextDouble() * 100).append(',');
                line.append(random.nextInt(10) == 0 ? "NA" : String.format("%.3f", random.nextDouble())).append(',');
                line.append(r > estimatedRows * 9 / 10 ? r + ".5" : String.valueOf(r)).append(',');
                line.append(random.nextBoolean() ? "True" : "false").append(',');
                line.append(r == estimatedRows * 3 / 4 ? "" : random.nextBoolean() ? "TRUE" : "False").append(',');
                line.append(String.format("2024-%02d-%02dT%02d:00:00Z", 1 + r % 12, 1 + r % 28, r % 24)).append(',');
                line.append(words[random.nextInt(words.length)]).append(',');
                line.append(random.nextInt(4) == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : "\"q" + (r % 7) + "\"")
                        .append(',');
                line.append(r < estimatedRows * 2 / 3 ? "" : "w" + (r % 11)).append(',');
                line.append(r == estimatedRows / 2 ? "oops" : random.nextInt(3) == 0 ? "1.0" : "1").append(',');
                line.append(r % 2 == 0 ? "" : "NaN");
                line.append(r % 3 == 0 ? "\r\n" : "\n");
                out.write(line.toString());
                written += line.length();
                rows++;
            }
        }
        return rows;
    }

    @Test
    void cutsCountTheLineFeedsBeforeEachPartQuotedOrNot() throws IOException {
        StringBuilder csv = new StringBuilder("id,note\n");
        for (int i = 0; i < 3000; i++) {
            csv.append(i).append(i % 3 == 0 ? ",\"two\nlines\"\n" : ",plain\n");
        }
        String text = csv.toString();
        CsvSource.Cuts cuts = CsvSource.of(write("feeds.csv", text)).cuts(3);
        assertThat(cuts.starts()).hasSize(3).isEqualTo(cuts(dir.resolve("feeds.csv"), 3));
        for (int j = 0; j < 3; j++) {
            long feeds = text.substring(0, (int) cuts.starts()[j]).chars().filter(c -> c == '\n').count();
            assertThat(cuts.lineFeeds()[j]).as("part %d", j).isEqualTo(feeds);
        }
        long total = text.chars().filter(c -> c == '\n').count();
        assertThat(cuts.totalLineFeeds()).isEqualTo(total);
        assertThat(cuts.endsWithLineFeed()).isTrue();
        // the rows predicted from them: a line feed each, the last part's too
        int[] predicted = CsvParallelRead.predictedRows(cuts);
        assertThat(predicted[0]).isEqualTo(cuts.lineFeeds()[1] - 1);
        assertThat(predicted[1]).isEqualTo(cuts.lineFeeds()[2] - cuts.lineFeeds()[1]);
        assertThat(predicted[2]).isEqualTo(total - cuts.lineFeeds()[2]);
        assertSameTable(CsvReader.read(dir.resolve("feeds.csv"), CsvOptions.defaults(), TWO_PARTS),
                onePass(dir.resolve("feeds.csv")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void predictsTheLastPartsRowsExactlyWithOrWithoutAFinalLineFeed(boolean finalLineFeed) throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 4000; i++) {
            csv.append(4000 - i).append(',').append(i * 0.5).append('\n');
        }
        String text = finalLineFeed ? csv.toString() : csv.substring(0, csv.length() - 1);
        Path file = write("exact.csv", text);
        CsvSource.Cuts cuts = CsvSource.of(file).cuts(2);
        assertThat(cuts.endsWithLineFeed()).isEqualTo(finalLineFeed);
        int[] predicted = CsvParallelRead.predictedRows(cuts);
        assertThat(predicted[0] + predicted[1]).isEqualTo(4000);

        // the columns then fill arrays of exactly their length: a reference sorts them where they are
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        NumericColumn x = (NumericColumn) table.column("x").orElseThrow();
        assertThat(x.value(0)).isEqualTo(4000.0);
        double[] sorted = x.sortedFiniteValuesConsuming();
        assertThat(sorted).hasSize(4000).startsWith(1.0, 2.0, 3.0);
        assertThat(x.value(0)).as("sorted in the column's own array, not a copy").isEqualTo(1.0);
    }
}
