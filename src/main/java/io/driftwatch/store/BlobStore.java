package io.driftwatch.store;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content-addressed files under the data directory: {@code datasets/ab/abcd…} and
 * {@code profiles/ab/abcd…}, named by the SHA-256 of their bytes. A blob is written to a temporary
 * file while it is hashed, then moved into place atomically, so a reader never sees half a file and
 * storing the same bytes twice keeps one copy.
 *
 * <p>A store {@linkplain #inBucket in a bucket} of S3-compatible storage keeps every blob there, under
 * the same names below its prefix, and the data directory becomes a cache of the blobs this process
 * wrote or read: a new blob is uploaded before it enters the cache (so a cached blob is always in the
 * bucket too), and {@link #path} fetches a blob that is not cached yet. Callers keep working on
 * local files (Arrow readers map them), whichever the store.
 *
 * <p>Thread-safe: concurrent puts of the same content both succeed and leave one file (and one
 * object); concurrent fetches of the same blob leave one file.
 */
public final class BlobStore {

    /** What a blob holds; each kind has its own folder. */
    public enum Kind {
        DATASET("datasets"), PROFILE("profiles");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }
    }

    /**
     * A stored blob: its hash, where it lives and how many bytes it has.
     *
     * @param created whether this put wrote the file; false when the same bytes were stored before (so
     *     a caller that gives up on the blob must not delete a file that others may rely on)
     */
    public record Blob(String sha256, Path path, long bytes, boolean created) {
    }

    private final Path root;
    /** The bucket and prefix every blob is kept under; null for a store of local files only. */
    private final S3Objects objects;
    private final S3Objects.Location prefix;

    private BlobStore(Path root, S3Objects objects, S3Objects.Location prefix) {
        this.root = root;
        this.objects = objects;
        this.prefix = prefix;
    }

    /** A store rooted at {@code dataDirectory}, created if missing. */
    public static BlobStore in(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
        }
        return new BlobStore(dataDirectory, null, null);
    }

    /**
     * A store that keeps its blobs in a bucket, under {@code prefix} (e.g. {@code s3://driftwatch/blobs/}),
     * with {@code cacheDirectory} as the local cache of the blobs it wrote or read.
     */
    public static BlobStore inBucket(S3Objects objects, S3Objects.Location prefix, Path cacheDirectory) {
        BlobStore local = in(cacheDirectory);
        return new BlobStore(local.root, objects, prefix);
    }

    /** Where blobs are kept: the data directory, or the bucket and prefix. */
    public String location() {
        return objects == null ? root.toString() : prefix + " at " + objects.endpoint();
    }

    /**
     * Copies {@code in} into the store, reading at most {@code maxBytes}.
     *
     * @throws BlobTooLargeException when {@code in} holds more than {@code maxBytes}; nothing is kept
     * @throws IOException when reading {@code in} or writing the file fails; nothing is kept
     * @throws RuntimeException whatever reading {@code in} throws; nothing is kept (the temporary
     *     {@code .part} file is deleted whatever happens)
     */
    public Blob put(Kind kind, InputStream in, long maxBytes) throws IOException {
        return write(kind, out -> copy(in, out, maxBytes));
    }

    /** Writes a blob's bytes to a stream (without closing it). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores what {@code content} writes, hashed as it is written (a profile, a chunk of a batch).
     *
     * @throws IOException when writing fails; nothing is kept
     * @throws RuntimeException whatever {@code content} throws; nothing is kept
     */
    public Blob write(Kind kind, Content content) throws IOException {
        MessageDigest sha = sha256();
        Path tmp = Files.createTempFile(root.resolve("tmp"), kind.folder, ".part");
        try {
            long n;
            try (CountingOutputStream out = new CountingOutputStream(
                    new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), sha))) {
                content.writeTo(out);
                n = out.count;
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            Path target = cachePath(kind, hash);
            Files.createDirectories(target.getParent());
            boolean uploaded = false;
            if (objects != null) {
                S3Objects.Location object = object(kind, hash);
                if (!objects.exists(object)) {
                    objects.put(object, tmp);
                    uploaded = true;
                }
            }
            boolean created = moveIntoPlace(tmp, target);
            return new Blob(hash, target, n, objects == null ? created : uploaded);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /**
     * The local file of the blob of {@code kind} with hash {@code sha256}: where it lives (whether or
     * not it exists) in a store of local files; in a bucket's store, its cached copy, fetched from the
     * bucket first when it is not cached yet (a path to no file when the bucket has no such blob either).
     *
     * @throws ObjectStorageException when the bucket cannot be read
     */
    public Path path(Kind kind, String sha256) {
        Path file = cachePath(kind, sha256);
        if (objects == null || Files.exists(file)) {
            return file;
        }
        S3Objects.Location object = object(kind, sha256);
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(root.resolve("tmp"), kind.folder, ".fetch");
            objects.download(object, tmp);
            moveIntoPlace(tmp, file);
        } catch (ObjectStorageException e) {
            if (!"NoSuchKey".equals(e.errorCode())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache " + object + " in " + file, e);
        } finally {
            deleteQuietly(tmp);
        }
        return file;
    }

    private S3Objects.Location object(Kind kind, String sha256) {
        return prefix.resolve(kind.folder + "/" + sha256.substring(0, 2) + "/" + sha256);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind costs disk only; start-up clears the tmp folder
        }
    }

    private Path cachePath(Kind kind, String sha256) {
        if (sha256.length() < 3 || !sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        return root.resolve(kind.folder).resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int r; (r = in.read(buffer)) != -1; ) {
            total += r;
            if (total > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            out.write(buffer, 0, r);
        }
        return total;
    }

    /** Moves {@code tmp} to {@code target}; false when {@code target} was there already. */
    private static boolean moveIntoPlace(Path tmp, Path target) throws IOException {
        if (Files.exists(target)) {
            return false; // same hash, same bytes: keep the copy already there
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // another upload of the same bytes got there first
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }

    /**
     * Deletes a blob that {@link #put} just {@linkplain Blob#created() created} and nothing refers
     * to yet; a blob that was there before is left alone.
     *
     * @return whether a file was deleted
     */
    public boolean discard(Blob blob) {
        if (!blob.created()) {
            return false;
        }
        try {
            if (objects != null) {
                objects.delete(prefix.resolve(root.relativize(blob.path()).toString().replace('\\', '/')));
            }
            return Files.deleteIfExists(blob.path());
        } catch (IOException | ObjectStorageException e) {
            // an unreferenced blob left behind costs storage, not correctness
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
