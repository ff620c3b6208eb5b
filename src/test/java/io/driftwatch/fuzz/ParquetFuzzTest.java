package io.driftwatch.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.driftwatch.io.ParquetReader;
import io.driftwatch.io.UnreadableDatasetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the Parquet reader: any bytes give a table or an {@link UnreadableDatasetException} (see
 * {@link InputContract}): a lying footer length, page header, dictionary, compressed length or
 * row count is refused before anything is allocated from it. Seeds (written by Polars and DuckDB,
 * the files under {@code src/test/resources/io/driftwatch/io/formats/} small enough) and past
 * findings are under {@code src/test/resources/io/driftwatch/fuzz/ParquetFuzzTestInputs/<method>/}.
 */
class ParquetFuzzTest {
    private static Path scratch;

    /** The bytes as a file on disk, the way a stored upload or a command-line input is read. */
    @FuzzTest(maxDuration = "2m")
    void anyParquetBytesFromAFile(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        Path file = scratch();
        Files.write(file, input);
        InputContract.check(input, () -> ParquetReader.read(file), InputContract.DATASET_REFUSALS);
    }

    /** The bytes from an {@code InputStream}, as a request body is read. */
    @FuzzTest(maxDuration = "2m")
    void anyParquetBytesFromAStream(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        InputContract.check(input, () -> ParquetReader.read(new ByteArrayInputStream(input), "fuzz.parquet"),
                InputContract.DATASET_REFUSALS);
    }

    private static synchronized Path scratch() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempFile("driftwatch-fuzz-", ".parquet");
            scratch.toFile().deleteOnExit();
        }
        return scratch;
    }
}
