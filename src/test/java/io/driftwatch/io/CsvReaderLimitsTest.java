package io.driftwatch.io;

import static io.driftwatch.io.CsvFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's limits (columns per file, characters per cell) and the bytes no CSV holds (NUL, gzip
 * cut short): each refused with one message naming the line, the column, and for a limit the limit
 * and the setting that changes it.
 */
class CsvReaderLimitsTest {
    private static final CsvOptions.Limits SMALL = new CsvOptions.Limits(new Limit(5, "api.maxColumns"),
            new Limit(1000, "api.maxCellLength"));

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAHeaderWithMoreColumnsThanTheLimitNamingTheLimitAndItsSetting() throws IOException {
        Path file = write("wide.csv", "a,b,c,d,e,f\n1,2,3,4,5,6\n");

        String message = failure(file, CsvOptions.defaults().withLimits(SMALL));

        assertThat(message).isEqualTo(file + " line 1: the header has more than 5 columns, the most a file may have"
                + " (api.maxColumns); is the delimiter right, and is the first line the header?");
    }

    @Test
    void acceptsAHeaderOfExactlyTheLimit() throws IOException {
        Path file = write("five.csv", "a,b,c,d,e\n1,2,3,4,5\n");

        Table table = CsvReader.read(file, CsvOptions.defaults().withLimits(SMALL));

        assertThat(table.columnCount()).isEqualTo(5);
    }

    @Test
    void refusesAThirtyMegabyteHeaderLineByTheDefaultColumnLimitWhileItStreams() throws IOException {
        // 30 MB on one line: 10 million one-letter names. Kept whole, they would take gigabytes of heap.
        Path file = dir.resolve("header.csv");
        byte[] chunk = new byte[3 << 20];
        for (int i = 0; i < chunk.length; i += 3) {
            chunk[i] = 'x';
            chunk[i + 1] = 'y';
            chunk[i + 2] = ',';
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write("z\n1\n".getBytes(StandardCharsets.US_ASCII));
        }

        String message = failure(file);

        assertThat(message).startsWith(file + " line 1: the header has more than 10000 columns,")
                .doesNotContain("(api.");
    }

    @Test
    void refusesACellLongerThanTheLimitNamingLineColumnAndSetting() throws IOException {
        String longCell = "w".repeat(1001);
        Path file = write("long.csv", "id,comment\n1,short\n2," + longCell + "\n3,short\n");

        String message = failure(file, CsvOptions.defaults().withLimits(SMALL));

        assertThat(message).isEqualTo(file + " line 3: column 'comment' (column 2) holds a cell longer than the"
                + " limit of 1000 characters per cell (api.maxCellLength); is a quote left open, or is this not a"
                + " line-based CSV file?");
    }

    @Test
    void refusesACellFarLongerThanTheParserBuffersWithTheSameMessage() throws IOException {
        // 200,000 characters: the parser gives up buffering the field long before it ends
        String hugeCell = "w".repeat(200_000);
        Path file = write("huge.csv", "id,comment\n1,short\n2,\"" + hugeCell + "\"\n");

        String message = failure(file, CsvOptions.defaults().withLimits(SMALL));

        assertThat(message).startsWith(file + " line 3: column 'comment' (column 2) holds a cell longer than the"
                + " limit of 1000 characters per cell (api.maxCellLength)");
    }

    @Test
    void refusesAHeaderNameLongerThanTheCellLimit() throws IOException {
        Path file = write("name.csv", "id," + "n".repeat(1500) + "\n1,2\n");

        assertThat(failure(file, CsvOptions.defaults().withLimits(SMALL)))
                .startsWith(file + " line 1: column 2 of the header holds a cell longer than the limit of 1000");
    }

    @Test
    void refusesANulCharacterInATextValueNamingLineAndColumn() throws IOException {
        Path file = write("nul.csv", "id,name\n1,alpha\n2,be\0ta\n3,gamma\n");

        assertThat(failure(file)).isEqualTo(file + " line 3: column 'name' (column 2) holds a NUL character (code 0)"
                + " at character 3 of the cell; CSV text never holds one: is this a binary file, or text saved as"
                + " UTF-16 rather than UTF-8?");
    }

    @Test
    void refusesANulCharacterInANumericColumn() throws IOException {
        Path file = write("nul.csv", "id,x\n1,1.5\n2,2\0\n");

        assertThat(failure(file)).startsWith(file + " line 3: column 'x' (column 2) holds a NUL character");
    }

    @Test
    void refusesANulCharacterInAQuotedCellOfAColumnReadAgainAsText() throws IOException {
        // x is numeric until line 4, then text: the NUL on line 5 is met by the second pass
        Path file = write("nul.csv", "id,x\n1,1\n2,2\n3,word\n4,\"a\0\"\n");

        assertThat(failure(file)).startsWith(file + " line 5: column 'x' (column 2) holds a NUL character");
    }

    @Test
    void refusesANulCharacterInTheHeader() throws IOException {
        Path file = write("nul.csv", "id,na\0me\n1,2\n");

        assertThat(failure(file)).startsWith(file + " line 1: column 2 of the header holds a NUL character (code 0)"
                + " at character 3 of its name");
    }

    @Test
    void refusesUtf16TextForItsNulCharacters() throws IOException {
        Path file = write("utf16.csv", "id,name\n1,alpha\n".getBytes(StandardCharsets.UTF_16LE));

        assertThat(failure(file)).contains("line 1:").contains("NUL character").contains("UTF-16");
    }

    @Test
    void refusesAFourByteGzipAsTruncatedSayingWhatWasExpected() throws IOException {
        Path file = write("tiny.csv.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0});

        assertThat(failure(file)).isEqualTo(file + ": " + CsvReader.TRUNCATED_GZIP).doesNotContain("null");
        assertThat(CsvReader.TRUNCATED_GZIP).contains("10-byte header").contains("8-byte trailer");
    }

    @Test
    void refusesAGzipCutShortInItsCompressedData() throws IOException {
        StringBuilder csv = new StringBuilder("id,x\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(i * 31 % 977).append('\n');
        }
        byte[] whole = gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
        Path file = write("cut.csv.gz", Arrays.copyOf(whole, whole.length / 2));

        assertThat(failure(file)).isEqualTo(file + ": " + CsvReader.TRUNCATED_GZIP);
    }

    @Test
    void aDeclaredColumnTheHeaderLacksIsLeftToTheSchemaCheck() throws IOException {
        Path file = write("ab.csv", "a,b\n1,2\n3,4\n");
        CsvOptions options = CsvOptions.defaults().withNumericColumns(Set.of("temp"))
                .withTextColumns(Set.of("season"));

        Table table = CsvReader.read(file, options);

        assertThat(table.columnCount()).isEqualTo(2);
        assertThat(table.rowCount()).isEqualTo(2);
    }

    /** Found by the gzip CSV fuzzer: a wide header and one row reserved 1,024 rows for every column. */
    @Test
    void aWideGzippedHeaderWithOneRowReservesLittleMemory() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 8000; c++) {
            csv.append(c == 0 ? "" : ",").append('c').append(c);
        }
        csv.append('\n');
        for (int c = 0; c < 8000; c++) {
            csv.append(c == 0 ? "" : ",").append(c % 10);
        }
        csv.append('\n');
        Path file = write("wide.csv.gz", gzip(csv.toString().getBytes(StandardCharsets.UTF_8)));
        CsvReader.read(file, CsvOptions.defaults()); // classes loaded, code warmed

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Table table = CsvReader.read(file, CsvOptions.defaults());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(table.columnCount()).isEqualTo(8000);
        // 8,000 columns × 1,024 reserved rows took 100 MB; now it is the columns' own bookkeeping, ~30 MB
        assertThat(allocated).as("bytes allocated reading a %d-byte file", Files.size(file)).isLessThan(48L << 20);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
