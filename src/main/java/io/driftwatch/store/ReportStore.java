package io.driftwatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the service keeps the HTML reports of checks, named by a path relative to the reports
 * directory ({@code <monitor>/<check>.html}). The reports directory holds them; a store
 * {@linkplain #inBucket in a bucket} also keeps each report there, under the same name below its
 * prefix, and the directory becomes a cache that {@link #fetch} fills from the bucket. Reports are
 * written once and never change.
 *
 * <p>Thread-safe: stateless apart from the files and objects it names.
 */
public final class ReportStore {
    private final Path directory;
    /** Null for a store of local files only. */
    private final S3Objects objects;
    private final S3Objects.Location prefix;

    private ReportStore(Path directory, S3Objects objects, S3Objects.Location prefix) {
        this.directory = directory;
        this.objects = objects;
        this.prefix = prefix;
    }

    /** Reports as files under {@code reportsDirectory}. */
    public static ReportStore in(Path reportsDirectory) {
        return new ReportStore(reportsDirectory, null, null);
    }

    /** Reports kept under {@code prefix} of a bucket, cached under {@code reportsDirectory}. */
    public static ReportStore inBucket(S3Objects objects, S3Objects.Location prefix, Path reportsDirectory) {
        return new ReportStore(reportsDirectory, objects, prefix);
    }

    /** The local file to write report {@code relative} to; call {@link #saved} once it is written. */
    public Path file(String relative) {
        return directory.resolve(relative);
    }

    /**
     * Keeps the report written to {@link #file}{@code (relative)}: uploads it to the bucket (nothing more
     * for local files).
     *
     * @throws ObjectStorageException when the bucket refuses it
     */
    public void saved(String relative) {
        if (objects != null) {
            objects.put(object(relative), file(relative));
        }
    }

    /**
     * The local file of report {@code relative}, fetched from the bucket when it is not cached (a path to
     * no file when it is nowhere).
     *
     * @throws ObjectStorageException when the bucket cannot be read
     */
    public Path fetch(String relative) {
        Path file = file(relative);
        if (objects == null || Files.exists(file)) {
            return file;
        }
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), ".fetch", ".part");
            objects.download(object(relative), tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (ObjectStorageException e) {
            if (!"NoSuchKey".equals(e.errorCode())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache the report " + object(relative) + " in " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a temporary file left behind costs disk only
                }
            }
        }
        return file;
    }

    /** Deletes report {@code relative} (the file, and the object in the bucket); a missing one is no error. */
    public void delete(String relative) {
        try {
            Files.deleteIfExists(file(relative));
            if (objects != null) {
                objects.delete(object(relative));
            }
        } catch (IOException | ObjectStorageException e) {
            // a report nobody links to costs storage only
        }
    }

    private S3Objects.Location object(String relative) {
        return prefix.resolve("reports/" + relative.replace('\\', '/'));
    }
}
