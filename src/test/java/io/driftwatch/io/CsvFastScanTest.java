package io.driftwatch.io;

import static io.driftwatch.io.CsvReaderParallelTest.assertSameTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level reader ({@link CsvFastScan}) reads the plain files it is made for, declines
 * everything else, and either way a file read in parts gives exactly what FastCSV gives in one pass
 * (the one-pass read never uses the byte-level reader): the same table, or the same error.
 */
class CsvFastScanTest {
    private static final CsvReader.Parallelism TWO_PARTS = new CsvReader.Parallelism(0, 2);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Whether the byte-level reader takes the data rows of {@code file} (after its plain header). */
    private static boolean acceptsAllRows(Path file, char delimiter) throws IOException {
        CsvSource csv = CsvSource.of(file);
        long dataStart = csv.plainHeaderEnd();
        assertThat(dataStart).as("plain header").isPositive();
        String header = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        String[] names = header.replace("\uFEFF", "").split(String.valueOf(delimiter == '|' ? "\\|" : delimiter), -1);
        CsvColumnsHandler handler = CsvColumnsHandler.forTypedPass(file.toString(), CsvOptions.defaults(),
                CsvReader.MAX_LINE_CHARS, 16).afterHeader(names, 1);
        return CsvFastScan.scan(csv, dataStart, csv.size(), delimiter, handler);
    }

    /** The one-pass (FastCSV) outcome and the two-part outcome are the same table, or the same message. */
    private static void assertSameOutcome(Path file, CsvOptions options) {
        Table expected = null;
        String expectedError = null;
        try {
            expected = CsvReader.read(file, options, CsvReader.Parallelism.none());
        } catch (UnreadableDatasetException e) {
            expectedError = e.getMessage();
        }
        Table actual = null;
        String actualError = null;
        try {
            actual = CsvReader.read(file, options, TWO_PARTS);
        } catch (UnreadableDatasetException e) {
            actualError = e.getMessage();
        }
        if (expectedError != null) {
            assertThat(actualError).as("error reading in parts").isEqualTo(expectedError);
        } else {
            assertThat(actualError).as("reading in parts must not fail").isNull();
            assertSameTable(actual, expected);
        }
    }

    @Test
    void readsPandasStyleRowsItselfAndGivesTheTableOfOnePass() throws IOException {
        StringBuilder csv = new StringBuilder("int,float,sci,missing,spaced,cat,bool,ts,late_word\n");
        SplittableRandom random = new SplittableRandom(11);
        for (int r = 0; r < 3000; r++) {
            csv.append(random.nextInt(-50, 50)).append(',');
            csv.append(String.format("%.10g", random.nextGaussian() * Math.pow(10, random.nextInt(-3, 6)))).append(',');
            csv.append(random.nextDouble() * 1e-7).append(',');
            csv.append(r % 7 == 0 ? "" : r % 11 == 0 ? "NA" : String.valueOf(random.nextDouble())).append(',');
            csv.append(r % 5 == 0 ? " 12.5\t" : "3").append(',');
            csv.append("c").append(random.nextInt(40)).append(',');
            csv.append(random.nextBoolean() ? "True" : "false").append(',');
            csv.append(String.format("2024-%02d-%02d %02d:00:00", 1 + r % 12, 1 + r % 28, r % 24)).append(',');
            csv.append(r == 2500 ? "word" : String.valueOf(r));
            csv.append(r % 3 == 0 ? "\r\n" : "\n");
        }
        csv.setLength(csv.length() - 1); // the last line without its line break (after a CR)
        Path file = write("pandas.csv", csv.toString());
        assertThat(acceptsAllRows(file, ',')).isTrue();
        assertSameOutcome(file, CsvOptions.defaults());
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        assertThat(table.rowCount()).isEqualTo(3000);
        assertThat(table.column("int").orElseThrow().physicalType()).isEqualTo(PhysicalType.INTEGER);
        assertThat(table.column("spaced").orElseThrow().physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(table.column("bool").orElseThrow().physicalType()).isEqualTo(PhysicalType.BOOLEAN);
        assertThat(table.column("ts").orElseThrow().physicalType()).isEqualTo(PhysicalType.TIMESTAMP);
        assertThat(table.column("late_word").orElseThrow().physicalType()).isEqualTo(PhysicalType.STRING);
    }

    @Test
    void readsOtherDelimitersAndAByteOrderMark() throws IOException {
        Path file = write("semicolons.csv", "\uFEFFa;b;c\n1;x;2.5\n3;y;\n");
        assertThat(acceptsAllRows(file, ';')).isTrue();
        assertSameOutcome(file, CsvOptions.defaults());
    }

    @Test
    void readsControlBytesOtherThanLineBreaksAsPartOfTheCellAndTabsAsADelimiter() throws IOException {
        // the word-at-a-time test flags every byte below 0x10; only the line breaks and NUL end anything
        Path controls = write("controls.csv", "a,b\n1,x\u0001y\n2,\u000bz\u000f\n3,\u0010w\u001f\n");
        assertThat(acceptsAllRows(controls, ',')).isTrue();
        assertSameOutcome(controls, CsvOptions.defaults());
        Path tabs = write("tabs.tsv", "a\tb\tc\n1\tx\t2.5\n3\ty\t\n4\tlonger label\t-0.125\n");
        assertThat(acceptsAllRows(tabs, '\t')).isTrue();
        assertSameOutcome(tabs, CsvOptions.defaults());
    }

    static Stream<Arguments> declined() {
        return Stream.of(
                Arguments.of("a quoted field", "a,b\n1,\"x\"\n2,y\n"),
                Arguments.of("a quote inside a cell", "a,b\n1,5\" screen\n2,y\n"),
                Arguments.of("a lone CR", "a,b\n1,x\r2,y\n"),
                Arguments.of("a NUL byte", "a,b\n1,x\u0000y\n2,y\n"),
                Arguments.of("a non-ASCII label", "a,b\n1,épsilon\n2,y\n"),
                Arguments.of("a blank line", "a,b\n1,x\n\n2,y\n"),
                Arguments.of("a blank CRLF line", "a,b\n1,x\r\n\r\n2,y\n"),
                Arguments.of("too many fields", "a,b\n1,x\n2,y,3\n"),
                Arguments.of("too few fields", "a,b\n1,x\n2\n"),
                Arguments.of("a declared-numeric misfit", "n,b\n1,x\nword,y\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declined")
    void declinesWhatOnlyFastCsvReadsAndTheOutcomeIsFastCsvs(String what, String content) throws IOException {
        Path file = write("declined.csv", content);
        CsvOptions options = what.contains("declared") ? CsvOptions.defaults().withNumericColumns(java.util.Set.of("n"))
                : CsvOptions.defaults();
        CsvSource csv = CsvSource.of(file);
        CsvColumnsHandler handler = CsvColumnsHandler.forTypedPass(file.toString(), options, CsvReader.MAX_LINE_CHARS,
                16).afterHeader(new String[] {content.substring(0, 1), "b"}, 1);
        assertThat(CsvFastScan.scan(csv, csv.plainHeaderEnd(), csv.size(), ',', handler)).as(what).isFalse();
        assertSameOutcome(file, options);
    }

    static Stream<Arguments> endings() {
        return Stream.of(
                Arguments.of("a line feed", "a,b\n1,x\n2.5,y\n", true),
                Arguments.of("CRLF", "a,b\r\n1,x\r\n2.5,y\r\n", true),
                Arguments.of("no line break after a number", "a,b\n1,x\ny,2.5", true),
                Arguments.of("no line break after a label", "a,b\n1,x\n2.5,y", true),
                Arguments.of("a lone CR", "a,b\n1,x\n2.5,y\r", true),
                Arguments.of("an empty last cell", "a,b\n1,x\n2.5,", true),
                Arguments.of("a blank last line of a CR", "a,b\n1,x\n\r", false),
                Arguments.of("a short last record", "a,b\n1,x\n2.5", false),
                Arguments.of("a long last record", "a,b\n1,x\n2.5,y,z", false),
                Arguments.of("a quote in the last record", "a,b\n1,x\n2.5,\"y\"", false),
                Arguments.of("a CR inside the last record", "a,b\n1,x\n2.5\r,y", false));
    }

    /** The file's last record, with or without a line break, is read as FastCSV reads it, or declined. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void readsTheLastRecordWhateverEndsItOrDeclines(String what, String content, boolean read) throws IOException {
        Path file = write("ending.csv", content);
        assertThat(acceptsAllRows(file, ',')).as(what).isEqualTo(read);
        assertSameOutcome(file, CsvOptions.defaults());
    }

    @Test
    void declinesACellOverTheLimitAndFastCsvNamesIt() throws IOException {
        Path file = write("long.csv", "a,b\n1,xxxxxxxxxxxxxxxxxxxx\n2,y\n");
        CsvOptions options = CsvOptions.defaults().withLimits(new CsvOptions.Limits(
                Limit.builtIn(CsvOptions.DEFAULT_MAX_COLUMNS), Limit.builtIn(10)));
        assertSameOutcome(file, options);
    }

    /** Random small files over an alphabet of every byte that matters to the reader. */
    @Test
    void randomFilesReadInPartsGiveTheOutcomeOfOnePass() throws IOException {
        String[] pieces = {"1", "2.5", "-3e4", "0.1234567891", "12345678901234567890", "x", "NA", "", " ", "\t",
                ",", ",", ",", "\n", "\n", "\r\n", "\r", "\"", "é", "\u0000", "true", "2024-01-02", "inf", ";", "\u0001",
                "\u000b", "\u001f", "-0", "+7", "5.", ".5", "1e", "1E+05", "-", ".", "e3", "1e400", "9007199254740993.5",
                "c0_v001", "abcdefgh", "a b", " a", "b\t", "?", "n/a", "NA ", "x\u0001"};
        SplittableRandom random = new SplittableRandom(2024);
        for (int f = 0; f < 200; f++) {
            StringBuilder content = new StringBuilder(random.nextBoolean() ? "a,b,c\n" : "a,b\n");
            int length = random.nextInt(5, 80);
            for (int k = 0; k < length; k++) {
                // mostly well-formed cells, now and then anything
                content.append(random.nextInt(4) == 0 ? pieces[random.nextInt(pieces.length)]
                        : pieces[random.nextInt(6)] + (random.nextBoolean() ? "," : "\n"));
            }
            Path file = write("random" + f + ".csv", content.toString());
            assertSameOutcome(file, CsvOptions.defaults());
        }
    }

    /** Short labels are read in one pass over their bytes, and missing tokens and blanks are still seen. */
    @Test
    void shortLabelsAndMissingTokensOfATextColumnReadInParts() throws IOException {
        String[] cells = {"c0_v001", "?", "NA", " a", "b\t", "n/a", "c0_v001", "abcdefgh", "NA\t", " ", "x", "null"};
        StringBuilder content = new StringBuilder("id,label,n\n");
        for (int i = 0; i < 600; i++) {
            content.append(i).append(',').append(cells[i % cells.length]).append(',').append(i % 3).append('\n');
        }
        Path file = write("labels.csv", content.toString());
        assertSameOutcome(file, CsvOptions.defaults());
        Table table = CsvReader.read(file, CsvOptions.defaults(), TWO_PARTS);
        // "?", "NA", "NA\t", " " and "null" of every 12 cells
        assertThat(table.column(1).missingCount()).isEqualTo(250);
    }

    /** A missing token that is itself a number is missing, not a number, in every cell the byte-level reader reads. */
    @Test
    void aNumericMissingTokenIsMissingWhenReadInParts() throws IOException {
        StringBuilder content = new StringBuilder("a,b\n");
        for (int i = 0; i < 400; i++) {
            content.append(i % 7 == 0 ? "-999" : String.valueOf(i)).append(',').append(i % 5 == 0 ? "-999" : "1.5")
                    .append('\n');
        }
        Path file = write("sentinel.csv", content.toString());
        CsvOptions options = CsvOptions.defaults().withMissingTokens(java.util.Set.of("", "-999"));
        assertSameOutcome(file, options);
        Table table = CsvReader.read(file, options, TWO_PARTS);
        assertThat(table.column(0).missingCount()).isEqualTo(58);
        assertThat(table.column(1).missingCount()).isEqualTo(80);
    }

    /**
     * A number read while its cell's end is looked for ({@link CsvCellParser#parseNumberPrefix}) is,
     * when the cell ends where the number does, the number {@code parseNumber} reads from the whole
     * cell; and the plain numbers pandas writes are read that way.
     */
    @Test
    void numbersReadWhileLookingForTheCellsEndAreTheNumbersOfTheWholeCell() {
        SplittableRandom random = new SplittableRandom(11);
        String after = ",\n\r x\"e.";
        CsvCellParser prefix = new CsvCellParser();
        CsvCellParser whole = new CsvCellParser();
        int taken = 0;
        for (int i = 0; i < 60_000; i++) {
            String text = numberLikeText(random);
            // the cell, then what follows it in the records of the buffer (nothing, when they end
            // there), then at times bytes past the records, as a buffer holds
            String tail = random.nextInt(8) == 0 ? "" : after.charAt(random.nextInt(after.length())) + "123";
            int limit = 1 + text.length() + tail.length();
            String past = digitRun(random, random.nextInt(0, 12)) + ",0123456789012345678901234567890123";
            byte[] buf = ("#" + text + tail + past).getBytes(StandardCharsets.US_ASCII);
            double value = prefix.parseNumberPrefix(buf, 1, limit);
            if (prefix.end < 0) {
                continue;
            }
            assertThat(prefix.end).as(text).isBetween(2, limit - 1);
            if (prefix.end != 1 + text.length()) {
                continue; // the caller finds no delimiter there and reads the cell the long way
            }
            taken++;
            double expected = whole.parseNumber(buf, 1, text.length());
            assertThat(prefix.kind).as(text).isEqualTo(whole.kind);
            assertThat(Double.doubleToRawLongBits(value)).as(text).isEqualTo(Double.doubleToRawLongBits(expected));
        }
        assertThat(taken).as("cells read in one pass").isGreaterThan(10_000);
        for (String edge : new String[] {"-0.0", "-0", "0", "0.0", "+0.0", "-00.000", "-.5", "5.", ".5", "-5.",
            "12345678.5", "1234567.12345678", "1.1234567812345678", "0.123456789012345678", "9007199254740993",
            "900719925474099.3", "-99999999999999999.9"}) {
            byte[] buf = (edge + ",0123456789012345678901234567890123456789").getBytes(StandardCharsets.US_ASCII);
            double value = prefix.parseNumberPrefix(buf, 0, buf.length);
            double expected = whole.parseNumber(buf, 0, edge.length());
            if (prefix.end >= 0) {
                assertThat(prefix.end).as(edge).isEqualTo(edge.length());
                assertThat(prefix.kind).as(edge).isEqualTo(whole.kind);
                assertThat(Double.doubleToRawLongBits(value)).as(edge).isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
        String padding = ",0123456789012345678901234567890123456789";
        for (String pandas : new String[] {"-7.501140847", "0.0001749052823", "560", "-3", "41.5253779", "1.2e-05",
            "12345678.5", "1.123456781234567"}) {
            byte[] buf = (pandas + padding).getBytes(StandardCharsets.US_ASCII);
            prefix.parseNumberPrefix(buf, 0, buf.length);
            assertThat(prefix.end).as(pandas).isEqualTo(pandas.length());
        }
        for (String longWay : new String[] {"inf", "", "-", "1.2e400", "12345678901234567890", "1.1234567812345678"}) {
            byte[] buf = (longWay + padding).getBytes(StandardCharsets.US_ASCII);
            prefix.parseNumberPrefix(buf, 0, buf.length);
            assertThat(prefix.end).as(longWay).isEqualTo(-1);
        }
    }

    /**
     * A cell for the number parsers: a number printed in one of printf's forms at a random magnitude,
     * runs of whole and fraction digits of every length around the eight-byte words, or a run of
     * digits with now and then a sign, point, exponent mark or junk (perhaps empty).
     */
    private static String numberLikeText(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick < 6) {
            String[] forms = {"%d", "%.10g", "%.3f", "%e", "%.17g", "%.0f"};
            double x = random.nextGaussian() * Math.pow(10, random.nextInt(-30, 30));
            return pick == 0 ? String.valueOf(random.nextLong() >> random.nextInt(64)) : String.format(forms[pick], x);
        }
        StringBuilder b = new StringBuilder();
        if (pick < 8) {
            b.append(random.nextBoolean() ? "-" : "").append(digitRun(random, random.nextInt(0, 11)));
            if (random.nextInt(4) != 0) {
                b.append('.').append(digitRun(random, random.nextInt(0, 20)));
            }
            return b.toString();
        }
        if (random.nextBoolean()) {
            b.append(random.nextBoolean() ? '-' : '+');
        }
        int digits = random.nextInt(0, 26);
        for (int d = 0; d < digits; d++) {
            b.append((char) ('0' + random.nextInt(10)));
            if (random.nextInt(30) == 0) {
                b.append(".e:/ xE-+".charAt(random.nextInt(9)));
            }
        }
        return b.toString();
    }

    private static String digitRun(SplittableRandom random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int d = 0; d < length; d++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    @Test
    void numbersFromBytesAreTheNumbersFromCharacters() {
        SplittableRandom random = new SplittableRandom(5);
        CsvCellParser bytes = new CsvCellParser();
        CsvCellParser chars = new CsvCellParser();
        for (int i = 0; i < 60_000; i++) {
            String text = numberLikeText(random);
            if (text.isEmpty()) {
                text = "0";
            }
            byte[] b = ("##" + text + "##").getBytes(StandardCharsets.US_ASCII);
            char[] c = text.toCharArray();
            double fromBytes = bytes.parseNumber(b, 2, text.length());
            double fromChars = chars.parseNumber(c, 0, c.length);
            assertThat(bytes.kind).as(text).isEqualTo(chars.kind);
            if (chars.kind != CsvCellParser.NOT_A_NUMBER) {
                assertThat(Double.doubleToRawLongBits(fromBytes)).as(text)
                        .isEqualTo(Double.doubleToRawLongBits(fromChars));
            }
        }
    }
}
