package io.driftwatch.monitor.sources;

import io.driftwatch.store.ObjectStorageException;
import io.driftwatch.store.S3Objects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code type: s3} source: objects in S3-compatible storage, reached with the service's
 * {@code AWS_*} environment variables ({@link S3Objects#fromEnvironment}).
 *
 * <p>A prefix ({@code s3://bucket/incoming/bikes/}) is read as a directory source reads its folder:
 * the objects directly under it (not under a further {@code /}) whose name matches the glob, leaving
 * out names starting with {@code .} and ending in {@code .tmp}, {@code .part}, {@code .partial} or
 * {@code .crdownload}; in last-modified order, then by name; one batch each. An object whose name,
 * size and last-modified time are those of one read before is skipped without being downloaded; one
 * whose name and SHA-256 were seen is skipped after; so each is read once, and a rewritten one again.
 * (An S3 object appears whole when its upload completes, so no settling time is needed.)
 *
 * <p>A window template ({@code s3://bucket/batches/{from}.csv}) names one object per window, its
 * {@code {from}} and {@code {to}} replaced by the window's bounds as ISO-8601 instants; a missing
 * object is a {@link SourceException} naming it.
 *
 * <p>Errors (a missing bucket, refused keys, an unreachable endpoint) are {@link SourceException}s
 * with what the storage said; the downloads made so far are deleted.
 *
 * <p>Thread-safe: no mutable state apart from the client, which is.
 */
final class S3Source implements Source {
    private static final String[] TEMPORARY_SUFFIXES = {".tmp", ".part", ".partial", ".crdownload"};

    private final SourceSpec.S3 spec;
    private final Function<String, String> environment;
    private final Path temporaryDirectory;
    private final PathMatcher matcher;

    S3Source(SourceSpec.S3 spec, Function<String, String> environment, Path temporaryDirectory) {
        this.spec = spec;
        this.environment = environment;
        this.temporaryDirectory = temporaryDirectory;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + spec.glob());
    }

    @Override
    public List<SourceBatch> read(TimeWindow window, SeenFiles seen) {
        try (S3Objects objects = S3Objects.fromEnvironment(environment)) {
            return spec.isTemplate() ? List.of(readWindow(objects, window)) : readNew(objects, window, seen);
        } catch (ObjectStorageException e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    private SourceBatch readWindow(S3Objects objects, TimeWindow window) {
        String url = spec.url().replace("{from}", window.from().toString()).replace("{to}", window.to().toString());
        S3Objects.Location location = S3Objects.Location.parse(url);
        Copy copy = download(objects, location);
        return new SourceBatch(copy.file(), new SourceRead(spec.type(), url, window, null, copy.sha256(), copy.bytes(),
                null));
    }

    private List<SourceBatch> readNew(S3Objects objects, TimeWindow window, SeenFiles seen) {
        S3Objects.Location prefix = S3Objects.Location.parse(spec.url());
        String base = prefix.key().isEmpty() || prefix.key().endsWith("/") ? prefix.key() : prefix.key() + "/";
        List<S3Objects.ObjectInfo> candidates = new ArrayList<>();
        for (S3Objects.ObjectInfo o : objects.list(new S3Objects.Location(prefix.bucket(), base))) {
            String name = o.location().key().substring(base.length());
            if (!name.isEmpty() && name.indexOf('/') < 0 && wanted(name)) {
                candidates.add(o);
            }
        }
        candidates.sort(Comparator.comparing(S3Objects.ObjectInfo::lastModified, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(o -> o.location().key()));
        List<SourceBatch> batches = new ArrayList<>();
        try {
            for (S3Objects.ObjectInfo o : candidates) {
                String name = o.location().key().substring(base.length());
                Instant modified = o.lastModified() == null ? null : o.lastModified().truncatedTo(ChronoUnit.MICROS);
                if (modified != null && seen.unchanged(name, o.size(), modified)) {
                    continue;
                }
                Copy copy = download(objects, o.location());
                if (seen.seen(name, copy.sha256())) {
                    Files.deleteIfExists(copy.file());
                    continue;
                }
                batches.add(new SourceBatch(copy.file(), new SourceRead(spec.type(), o.location().toString(), window,
                        name, copy.sha256(), copy.bytes(), modified)));
            }
        } catch (IOException | RuntimeException e) {
            for (SourceBatch b : batches) {
                deleteQuietly(b.file());
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new SourceException("cannot delete a download in " + temporaryDirectory + ": " + e.getMessage(), e);
        }
        return batches;
    }

    private boolean wanted(String name) {
        if (name.startsWith(".")) {
            return false;
        }
        for (String suffix : TEMPORARY_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return false;
            }
        }
        return matcher.matches(Path.of(name));
    }

    /** A download, with its SHA-256 and size computed while it was written. */
    private record Copy(Path file, String sha256, long bytes) {
    }

    private Copy download(S3Objects objects, S3Objects.Location location) {
        Path file = null;
        try {
            file = Files.createTempFile(temporaryDirectory, "s3-source", ".batch");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long bytes;
            try (InputStream in = new DigestInputStream(objects.open(location), sha);
                    OutputStream out = Files.newOutputStream(file)) {
                bytes = in.transferTo(out);
            }
            return new Copy(file, HexFormat.of().formatHex(sha.digest()), bytes);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new SourceException("cannot download " + location + " into " + temporaryDirectory + ": "
                    + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(file);
            throw new IllegalStateException("every Java platform has SHA-256", e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the service's tmp folder is cleared at start-up
        }
    }
}
