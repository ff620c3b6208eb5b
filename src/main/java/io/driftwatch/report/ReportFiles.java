package io.driftwatch.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes rendered documents (HTML reports, JSON results) to files atomically: into a hidden temporary
 * file next to the target, then moved into place, so that a reader (an analyst's browser, the
 * service answering {@code GET /checks/{id}/report}, a script polling for the JSON) never sees half a
 * document, and a failed write leaves whatever was there before. The one writer the command line and
 * the service share.
 *
 * <p>Thread-safe: every write has a temporary file of its own.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Something that renders a document to a stream (without closing it). */
    @FunctionalInterface
    public interface Document {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code document} to {@code file}, creating its directory, replacing a file already there.
     *
     * @throws IOException when the directory cannot be created or the file written; nothing is left
     *     behind but what was there before
     */
    public static void write(Path file, Document document) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // Not Files.createTempFile: it makes the file owner-only (0600); reports are meant to be shared.
        Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                document.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover hidden .tmp file is harmless
            }
        }
    }
}
