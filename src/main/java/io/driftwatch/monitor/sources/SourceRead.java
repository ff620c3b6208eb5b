package io.driftwatch.monitor.sources;

/**
 * What a source read for one batch, recorded with the check it became.
 *
 * @param type the source's type label
 * @param location what was read: the file's path, the query, or the URL (headers never included)
 * @param window the window asked for
 * @param name for a directory source, the file's name (with {@link #sha256()} the key that makes it read once);
 *     otherwise null
 * @param sha256 the SHA-256 of the bytes read, lower-case hex
 * @param bytes how many bytes were read
 * @param modified for a directory source, the file's last-modified time (with its name and size, how a
 *     later run knows it unchanged without reading it again); otherwise null
 */
public record SourceRead(String type, String location, TimeWindow window, String name, String sha256, long bytes,
        java.time.Instant modified) {
}
