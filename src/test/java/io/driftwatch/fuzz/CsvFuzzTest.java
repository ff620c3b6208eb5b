package io.driftwatch.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.CsvReader;
import io.driftwatch.io.UnreadableDatasetException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes the CSV reader as an upload reaches it: any bytes give a table or an
 * {@link UnreadableDatasetException} (see {@link InputContract}). Seeds and past findings are
 * under {@code src/test/resources/io/driftwatch/fuzz/CsvFuzzTestInputs/<method>/}; how to fuzz is
 * in {@code docs/fuzzing.md}.
 */
class CsvFuzzTest {

    /** The bytes as a CSV file, with the options an upload is read with. */
    @FuzzTest(maxDuration = "2m")
    void anyPlainCsv(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        read(input, input);
    }

    /**
     * The bytes gzip-compressed, so the reader takes its gzip path (told by the magic bytes) over
     * CSV the fuzzer can shape.
     */
    @FuzzTest(maxDuration = "2m")
    void anyGzippedCsv(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(input);
        }
        read(input, gzip.toByteArray());
    }

    /**
     * Raw bytes behind the gzip magic {@code 1f 8b}: truncated, corrupt, concatenated or trailing
     * gzip members, and lying header fields.
     */
    @FuzzTest(maxDuration = "2m")
    void anyGzipBytes(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        byte[] gzip = input;
        if (input.length < 2 || input[0] != (byte) 0x1f || input[1] != (byte) 0x8b) {
            gzip = new byte[input.length + 2];
            gzip[0] = (byte) 0x1f;
            gzip[1] = (byte) 0x8b;
            System.arraycopy(input, 0, gzip, 2, input.length);
        }
        read(input, gzip);
    }

    /** Reads {@code bytes}, made from the fuzzer's {@code input}. */
    private static void read(byte[] input, byte[] bytes) throws IOException {
        InputContract.check(input,
                () -> CsvReader.read(new ByteArrayInputStream(bytes), "fuzz.csv", CsvOptions.defaults()),
                InputContract.DATASET_REFUSALS);
    }
}
