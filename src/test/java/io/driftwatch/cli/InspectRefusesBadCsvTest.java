package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file no reader should take (gzip cut short, a NUL byte, a header wider than the column
 * limit) makes {@code inspect} print one line naming the file and what is wrong, and exit 2.
 */
class InspectRefusesBadCsvTest {
    @TempDir
    Path dir;

    private static void assertOneLineAndExit2(CliRunner.Run run, String expected) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).doesNotContain("\n").startsWith("driftwatch inspect: ").contains(expected)
                .doesNotContain("Exception").doesNotContain("null");
    }

    @Test
    void aFourByteGzipIsTruncated() throws Exception {
        Path file = Files.write(dir.resolve("tiny.csv.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});

        assertOneLineAndExit2(CliRunner.run("inspect", file.toString()),
                file + ": the gzip data is truncated: it starts like gzip (bytes 1f 8b) but ends before the gzip"
                        + " stream does; expected a 10-byte header, the compressed data and an 8-byte trailer.");
    }

    @Test
    void aNulByteIsRefusedNamingLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("nul.csv"), "id,name\n1,a\n2,b\0\n");

        assertOneLineAndExit2(CliRunner.run("inspect", file.toString()),
                file + " line 3: column 'name' (column 2) holds a NUL character (code 0) at character 2 of the cell");
    }

    @Test
    void aHeaderWiderThanTheColumnLimitIsRefused() throws Exception {
        StringBuilder header = new StringBuilder("c0");
        for (int i = 1; i <= 10_000; i++) {
            header.append(",c").append(i);
        }
        Path file = Files.write(dir.resolve("wide.csv"), (header + "\n").getBytes(StandardCharsets.US_ASCII));

        assertOneLineAndExit2(CliRunner.run("inspect", file.toString()),
                file + " line 1: the header has more than 10000 columns, the most a file may have;");
    }
}
