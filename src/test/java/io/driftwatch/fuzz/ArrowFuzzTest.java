package io.driftwatch.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.driftwatch.io.ArrowReader;
import io.driftwatch.io.UnreadableDatasetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the Arrow IPC reader, file and stream format: any bytes give a table or an
 * {@link UnreadableDatasetException} (see {@link InputContract}); lying offsets, lengths, row
 * counts and footers are refused before anything is allocated from them, and a table comes only
 * from data Arrow Java itself finds valid ({@link ArrowValidation}). Seeds (written by Arrow
 * Java) and past findings are under
 * {@code src/test/resources/io/driftwatch/fuzz/ArrowFuzzTestInputs/<method>/}.
 */
class ArrowFuzzTest {
    private static Path scratch;

    /**
     * The bytes read from an {@code InputStream}: a stream is decoded as it arrives, a file
     * (magic {@code ARROW1}) read whole into memory.
     */
    @FuzzTest(maxDuration = "2m")
    void anyArrowBytesFromAStream(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        if (InputContract.check(input, () -> ArrowReader.read(new ByteArrayInputStream(input), "fuzz.arrow"),
                InputContract.DATASET_REFUSALS)) {
            ArrowValidation.assertValid(input);
        }
    }

    /**
     * The bytes as a file on disk, the way a stored upload is read: a file is memory-mapped and
     * decoded in place, a stream has its framing scanned first.
     */
    @FuzzTest(maxDuration = "2m")
    void anyArrowBytesFromAFile(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        Path file = scratch();
        Files.write(file, input);
        if (InputContract.check(input, () -> ArrowReader.read(file),
                InputContract.DATASET_REFUSALS)) {
            ArrowValidation.assertValid(input);
        }
    }

    private static synchronized Path scratch() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempFile("driftwatch-fuzz-", ".arrow");
            scratch.toFile().deleteOnExit();
        }
        return scratch;
    }
}
