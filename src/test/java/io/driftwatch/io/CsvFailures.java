package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** The message a CSV that must not read fails with, for the reader's malformed-input and limit tests. */
final class CsvFailures {
    private CsvFailures() {
    }

    /** Reads {@code file} with {@code options}, asserts that it fails, and returns the failure's message. */
    static String failure(Path file, CsvOptions options) {
        Throwable thrown = null;
        try {
            CsvReader.read(file, options);
        } catch (UnreadableDatasetException e) {
            thrown = e;
        }
        assertThat(thrown).as("reading %s must fail", file.getFileName()).isNotNull();
        return thrown.getMessage();
    }

    /** {@link #failure(Path, CsvOptions)} with the default options. */
    static String failure(Path file) {
        return failure(file, CsvOptions.defaults());
    }
}
