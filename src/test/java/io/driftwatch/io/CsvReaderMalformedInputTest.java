package io.driftwatch.io;

import static io.driftwatch.io.CsvFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed input fails with an {@link UnreadableDatasetException} naming file, line and column. */
class CsvReaderMalformedInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    @Test
    void reportsRaggedRowWithLineAndFieldCounts() throws IOException {
        Path file = write("data.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n");
        assertThat(failure(file)).contains("data.csv line 4:").contains("expected 3 fields as in the header, found 2");
    }

    @Test
    void reportsRowWithTooManyFields() throws IOException {
        Path file = write("data.csv", "a,b\n1,2\n3,4,5\n");
        assertThat(failure(file)).contains("line 3:").contains("expected 2 fields as in the header, found 3");
    }

    @Test
    void reportsUnterminatedQuoteAtTheLineWhereItOpens() throws IOException {
        Path file = write("data.csv", "id,comment\n1,fine\n2,\"never closed\n3,more\n4,text\n");
        assertThat(failure(file)).contains("data.csv line 3:").contains("unterminated quote");
    }

    @Test
    void reportsTextAfterClosingQuote() throws IOException {
        Path file = write("data.csv", "id,comment\n1,\"quoted\"tail\n");
        assertThat(failure(file)).contains("line 2:").contains("after the closing quote");
    }

    @Test
    void reportsInvalidUtf8WithItsLine() throws IOException {
        byte[] head = "name,score\nalice,1\nbob,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'c', 'a', 'r', (byte) 0xC3, (byte) 0x28, 'l', ',', '3', '\n'};
        byte[] tail = "dan,4\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        Path file = write("data.csv", all);
        assertThat(failure(file)).contains("data.csv line 4:").contains("invalid UTF-8 byte 0xc3");
    }

    @Test
    void reportsInvalidUtf8FarBeyondTheFirstBuffer() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 50_000; i++) {
            text.append(i).append(",\"multi\nline\"\n");
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(body, body.length + 4);
        all[body.length] = '7';
        all[body.length + 1] = ',';
        all[body.length + 2] = (byte) 0xFF;
        all[body.length + 3] = '\n';
        Path file = write("big.csv", all);
        // header line 1, then 50,000 records of two physical lines each
        assertThat(failure(file)).contains("big.csv line 100002:").contains("0xff");
    }

    @Test
    void reportsNonNumericTokenInDeclaredNumericColumn() throws IOException {
        Path file = write("data.csv", "id,temp\n1,20.5\n2,21\n3,warm\n4,22\n");
        String message = failure(file, CsvOptions.defaults().withNumericColumns(Set.of("temp")));
        assertThat(message).contains("data.csv line 4:").contains("'temp'").contains("'warm'")
                .contains("declared numeric");
    }

    @Test
    void reportsEmptyFile() throws IOException {
        Path file = write("empty.csv", new byte[0]);
        assertThat(failure(file)).contains("empty.csv").contains("empty").contains("header");
    }

    @Test
    void reportsFileWithOnlyAByteOrderMark() throws IOException {
        Path file = write("bom.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(failure(file)).contains("bom.csv").contains("empty");
    }

    @Test
    void reportsHeaderOnlyFile() throws IOException {
        Path file = write("header.csv", "a,b,c\n");
        assertThat(failure(file)).contains("header.csv").contains("no data rows");
    }

    @Test
    void reportsDuplicateColumnNamesWithPositions() throws IOException {
        Path file = write("dup.csv", "id,temp,hum,temp\n1,2,3,4\n");
        assertThat(failure(file)).contains("dup.csv line 1:").contains("duplicate column name 'temp'")
                .contains("columns 2 and 4");
    }

    @Test
    void reportsEmptyColumnName() throws IOException {
        Path file = write("blank.csv", "id,,hum\n1,2,3\n");
        assertThat(failure(file)).contains("blank.csv line 1:").contains("column 2").contains("empty name");
    }

    @Test
    void failsFastOnA100MegabyteLineWithoutBreaks() throws IOException {
        Path file = dir.resolve("huge.csv");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("blob\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
            out.write('\n');
        }
        long start = System.nanoTime();
        String message = failure(file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(message).contains("huge.csv line 2:").contains("16777216 characters (16 MiB)");
        assertThat(millis).as("fails fast").isLessThan(20_000);
    }

    @Test
    void failsFastOnA100MegabyteLineOfManyShortFields() throws IOException {
        Path file = dir.resolve("wide.csv");
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i += 2) {
            chunk[i] = '1';
            chunk[i + 1] = ',';
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
            out.write("1\n".getBytes(StandardCharsets.US_ASCII));
        }
        String message = failure(file);
        assertThat(message).contains("wide.csv line 3:").contains("limit of 16777216 characters (16 MiB) per line");
    }

    @Test
    void failsFastOnAQuoteLeftOpenInALargeFile() throws IOException {
        StringBuilder text = new StringBuilder("id,comment\n1,\"opened\n");
        String filler = "2,plain text that is inside the open quote\n";
        while (text.length() < 40 * 1024 * 1024) {
            text.append(filler);
        }
        Path file = write("open.csv", text.toString());
        assertThat(failure(file)).contains("open.csv line 2:").contains("16 MiB").contains("quote left open");
    }

    @Test
    void reportsMissingFile() {
        Path file = dir.resolve("absent.csv");
        assertThat(failure(file)).contains("absent.csv").contains("no such file");
    }

    @Test
    void reportsCorruptGzip() throws IOException {
        Path file = write("data.csv.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5});
        assertThat(failure(file)).contains("data.csv.gz").contains("gzip");
    }

    @Test
    void errorsAreUnreadableDatasetExceptions() throws IOException {
        Path file = write("data.csv", "a,b\n1\n");
        assertThatThrownBy(() -> CsvReader.read(file)).isInstanceOf(UnreadableDatasetException.class);
    }
}
