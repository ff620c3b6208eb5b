package io.driftwatch.monitor.sources;

import java.util.List;

/**
 * An opened source: reads what is new for a window into local files.
 *
 * <p>Implementations are thread-safe, but a monitor's runs never read its source concurrently.
 */
public interface Source {
    /**
     * Reads the batches for {@code window}, in the order they are to be checked. A directory source
     * returns one batch per new file (skipping those {@code seen} already and those still being
     * written); a jdbc or http source returns one batch, which may have no rows.
     *
     * @param seen files (by name and SHA-256) that earlier runs read already; only a directory source asks
     * @throws SourceException when the source cannot be read; the message says why
     */
    List<SourceBatch> read(TimeWindow window, SeenFiles seen);

    /** The files a monitor has read already; and it is told of files a source refuses to read. */
    @FunctionalInterface
    interface SeenFiles {
        /** Whether a file of this name and content was read. */
        boolean seen(String name, String sha256);

        /**
         * Whether a file of this name, size and last-modified time was read: the cheap test a
         * directory source asks first, before reading a file to hash it. By default, never.
         */
        default boolean unchanged(String name, long bytes, java.time.Instant modified) {
            return false;
        }

        /**
         * A file the source found and will not read, and why (a symbolic link out of the folders the
         * service allows), so the run can say so. By default, nothing is done with it.
         */
        default void refused(String name, String reason) {
        }

        SeenFiles NONE = (name, sha256) -> false;
    }
}
