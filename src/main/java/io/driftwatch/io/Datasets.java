package io.driftwatch.io;

import io.driftwatch.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads a batch whatever its format, recognised by its first bytes (not its name): Arrow IPC file
 * ({@code ARROW1}), Arrow IPC stream (a continuation marker {@code FF FF FF FF}), Parquet
 * ({@code PAR1}), otherwise CSV (gzip-compressed or not). The SHA-256 of the file's bytes is computed on a second thread while
 * the batch is parsed, so a check can record exactly what it read at little extra cost.
 *
 * <p>Thread-safe: stateless.
 */
public final class Datasets {

    /** The formats Driftwatch reads. */
    public enum Format {
        CSV("csv"),
        ARROW_FILE("arrow-file"),
        ARROW_STREAM("arrow-stream"),
        PARQUET("parquet");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** The name used in JSON results. */
        public String label() {
            return label;
        }
    }

    /**
     * A batch read from a file.
     *
     * @param source the path as the user gave it
     * @param format the detected format
     * @param table the batch
     * @param sha256 hex SHA-256 of the file's bytes
     */
    public record Dataset(String source, Format format, Table table, String sha256) {
    }

    private Datasets() {
    }

    /** Reads {@code path} with default CSV options. */
    public static Dataset read(Path path) {
        return read(path, CsvOptions.defaults());
    }

    /**
     * Reads {@code path}, detecting its format.
     *
     * @throws UnreadableDatasetException naming the file (and line, batch, column) when it cannot be read
     */
    public static Dataset read(Path path, CsvOptions csvOptions) {
        Format format = detect(path);
        CompletableFuture<String> sha256 = CompletableFuture.supplyAsync(() -> sha256(path));
        Table table = readTable(path, format, csvOptions);
        try {
            return new Dataset(path.toString(), format, table, sha256.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof UnreadableDatasetException u) {
                throw u;
            }
            throw e;
        }
    }

    /**
     * Reads {@code path} as a table, detecting its format, without its hash.
     *
     * @throws UnreadableDatasetException as {@link #read(Path, CsvOptions)}
     */
    public static Table readTable(Path path, CsvOptions csvOptions) {
        return readTable(path, detect(path), csvOptions);
    }

    private static Table readTable(Path path, Format format, CsvOptions csvOptions) {
        return switch (format) {
            case CSV -> CsvReader.read(path, csvOptions);
            case ARROW_FILE, ARROW_STREAM -> ArrowReader.read(path);
            case PARQUET -> ParquetReader.read(path);
        };
    }

    /** The format of {@code path} from its first bytes. */
    public static Format detect(Path path) {
        byte[] head = head(path, 8);
        return detect(head);
    }

    /** The format of a batch that starts with {@code head}. */
    public static Format detect(byte[] head) {
        if (head.length >= 6 && head[0] == 'A' && head[1] == 'R' && head[2] == 'R' && head[3] == 'O' && head[4] == 'W'
                && head[5] == '1') {
            return Format.ARROW_FILE;
        }
        if (head.length >= 4 && head[0] == (byte) 0xFF && head[1] == (byte) 0xFF && head[2] == (byte) 0xFF
                && head[3] == (byte) 0xFF) {
            return Format.ARROW_STREAM;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return Format.PARQUET;
        }
        return Format.CSV;
    }

    /** Up to {@code n} first bytes of {@code path}. */
    public static byte[] head(Path path, int n) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        } catch (NoSuchFileException e) {
            throw new UnreadableDatasetException(path + ": no such file");
        } catch (IOException e) {
            throw new UnreadableDatasetException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Hex SHA-256 of the bytes of {@code path} (by the system's NSS library for a large file,
     * {@link FileSha256}).
     *
     * @throws UnreadableDatasetException naming the file when it cannot be read
     */
    public static String sha256(Path path) {
        return FileSha256.of(path);
    }
}
