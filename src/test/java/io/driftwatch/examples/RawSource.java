package io.driftwatch.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * The raw UCI files the examples are made from, read from a folder that holds each either as it is
 * ({@code adult.data}) or gzipped ({@code adult.data.gz}, as in {@code src/test/resources/examples-source}).
 * A file is accepted only when its bytes hash to the published original, so every example provably
 * starts from the unmodified UCI data. Stateless; thread-safe.
 */
final class RawSource {
    private RawSource() {
    }

    /**
     * The bytes of {@code name} in {@code folder} (or of {@code name.gz}, decompressed).
     *
     * @throws IOException when neither file exists, cannot be read, or is not the original
     */
    static byte[] read(Path folder, String name, String sha256) throws IOException {
        Path plain = folder.resolve(name);
        Path gzipped = folder.resolve(name + ".gz");
        byte[] bytes;
        if (Files.isRegularFile(plain)) {
            bytes = Files.readAllBytes(plain);
        } else if (Files.isRegularFile(gzipped)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
                bytes = in.readAllBytes();
            }
        } else {
            throw new NoSuchFileException(plain + " (nor " + gzipped.getFileName() + ")");
        }
        String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new IOException(name + " in " + folder + " is not the UCI original: sha256 " + actual
                    + ", expected " + sha256);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
