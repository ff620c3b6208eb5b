package io.driftwatch.monitor.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A {@code type: directory} source: the regular files directly in a folder (not its sub-folders)
 * whose name matches the glob, each read once by name and content.
 *
 * <p>What is read, on each call:
 * <ul>
 *   <li>Names starting with {@code .} and names ending in {@code .tmp}, {@code .part}, {@code .partial}
 *       or {@code .crdownload} are never read, whatever the glob: they are what writers that rename
 *       a file when it is complete (rsync, curl, browsers, most uploaders) call it meanwhile.</li>
 *   <li>A file is read only once its last-modified time is at least {@code settle} in the past, so a
 *       file still being written is not read half-way. It is copied into the temporary folder while
 *       its SHA-256 and size are computed; if its size or last-modified time changed since it was
 *       listed, the copy is discarded and the file is left for a later run.</li>
 *   <li>A file whose name, size and last-modified time are those of a file read before is
 *       {@link Source.SeenFiles#unchanged unchanged} and skipped without being read, so a folder that
 *       keeps its old files costs a listing, not a re-read. Otherwise a file whose name and SHA-256
 *       are {@link Source.SeenFiles#seen seen} is skipped (its copy discarded); a file rewritten with
 *       new content is new, and is read again.</li>
 *   <li>Batches come in last-modified order, then by name; one per file. The window plays no part: it
 *       is only recorded.</li>
 *   <li>Symbolic links are followed only where they stay in the folders the service allows
 *       ({@code sources.directories}): the folder's real path, and each file's, must lie in the real
 *       path of one of them. A file that is a link out of them is not read: it is a failure (below)
 *       and the run is {@link Source.SeenFiles#refused told} why; a folder that leads out of them is
 *       a {@link SourceException}. What is read is the link's target as resolved when it was listed,
 *       opened without following a link again.</li>
 * </ul>
 *
 * <p>Errors: a folder that is missing, not a folder or cannot be listed is a {@link SourceException}
 * naming it. A single file that cannot be read (its attributes or its bytes) is skipped, so the other
 * files are still checked, and retried on the next run; but when no batch is returned at all, the
 * first such file is a {@link SourceException} naming it, so a file that never becomes readable fails
 * runs instead of being silently ignored. A file that disappears between listing and copying is simply
 * gone. On any exception, the copies made so far are deleted.
 *
 * <p>Thread-safe: no mutable state; concurrent reads of one folder each make their own copies.
 */
final class DirectorySource implements Source {
    private static final String[] TEMPORARY_SUFFIXES = {".tmp", ".part", ".partial", ".crdownload"};
    private static final int BUFFER = 64 * 1024;

    private final SourceSpec.Directory spec;
    private final Path folder;
    private final List<Path> allowed;
    private final PathMatcher matcher;
    private final Path temporaryDirectory;
    private final Clock clock;

    /**
     * @param allowed the folders links may lead into ({@code sources.directories}); the source's folder
     *     lies in one of them
     */
    DirectorySource(SourceSpec.Directory spec, List<Path> allowed, Path temporaryDirectory) {
        this(spec, allowed, temporaryDirectory, Clock.systemUTC());
    }

    /** A source whose links may not leave its own folder. */
    DirectorySource(SourceSpec.Directory spec, Path temporaryDirectory) {
        this(spec, temporaryDirectory, Clock.systemUTC());
    }

    /** As the public path, with the clock that {@code settle} is measured against. */
    DirectorySource(SourceSpec.Directory spec, Path temporaryDirectory, Clock clock) {
        this(spec, List.of(spec.path()), temporaryDirectory, clock);
    }

    /** As the public path, with the clock that {@code settle} is measured against. */
    DirectorySource(SourceSpec.Directory spec, List<Path> allowed, Path temporaryDirectory, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.allowed = List.copyOf(allowed);
        this.folder = spec.path().toAbsolutePath().normalize();
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + spec.glob());
        this.temporaryDirectory = Objects.requireNonNull(temporaryDirectory, "temporaryDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The file's last-modified time to the microsecond, as databases keep it. */
    private static Instant modified(Listed file) {
        return file.lastModified().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * A file listed in the folder, with the attributes the decision to read it was based on.
     *
     * @param file the file as listed (a link, perhaps)
     * @param target its real path, which is what is read
     */
    private record Listed(Path file, Path target, String name, FileTime lastModified, long size) {
    }

    /** A copy of a file, with what was computed while copying it. */
    private record Copy(Path file, String sha256, long bytes) {
    }

    @Override
    public List<SourceBatch> read(TimeWindow window, SeenFiles seen) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(seen, "seen");
        List<String> failures = new ArrayList<>();
        List<Listed> listed = list(failures, seen);
        listed.sort(Comparator.comparing(Listed::lastModified).thenComparing(Listed::name));

        Instant settledBefore = clock.instant().minus(spec.settle());
        List<SourceBatch> batches = new ArrayList<>();
        boolean complete = false;
        try {
            for (Listed candidate : listed) {
                if (candidate.lastModified().toInstant().isAfter(settledBefore)
                        || seen.unchanged(candidate.name(), candidate.size(), modified(candidate))) {
                    continue;
                }
                Copy copy = copy(candidate, failures);
                if (copy == null) {
                    continue;
                }
                boolean kept = false;
                try {
                    if (!changed(candidate, copy) && !seen.seen(candidate.name(), copy.sha256())) {
                        batches.add(new SourceBatch(copy.file(), new SourceRead(spec.type(),
                                candidate.file().toString(), window, candidate.name(), copy.sha256(), copy.bytes(),
                                modified(candidate))));
                        kept = true;
                    }
                } finally {
                    if (!kept) {
                        delete(copy.file());
                    }
                }
            }
            if (batches.isEmpty() && !failures.isEmpty()) {
                throw new SourceException(failures.get(0)
                        + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more files)" : ""));
            }
            complete = true;
            return batches;
        } finally {
            if (!complete) {
                for (SourceBatch batch : batches) {
                    delete(batch.file());
                }
            }
        }
    }

    /**
     * The regular files to consider; files whose attributes cannot be read, and links out of the allowed
     * folders, are added to {@code failures}.
     */
    private List<Listed> list(List<String> failures, SeenFiles seen) {
        if (!Files.isDirectory(folder)) {
            if (Files.notExists(folder)) {
                throw new SourceException("the folder " + folder + " does not exist");
            }
            if (Files.exists(folder)) {
                throw new SourceException(folder + " is not a folder");
            }
        }
        List<Path> roots = realRoots();
        List<Listed> listed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            if (!inside(folder.toRealPath(), roots)) {
                throw new SourceException("the folder " + folder + " leads out of the folders this service may read"
                        + " (sources.directories) through a symbolic link, so it is not read");
            }
            for (Path entry : entries) {
                Path fileName = entry.getFileName();
                String name = fileName.toString();
                if (temporary(name) || !matcher.matches(fileName)) {
                    continue;
                }
                BasicFileAttributes attributes;
                Path target;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                    target = entry.toRealPath();
                } catch (NoSuchFileException e) {
                    continue; // gone since it was listed, or a link to nothing
                } catch (IOException e) {
                    failures.add("the file " + entry + " cannot be read: " + describe(e));
                    continue;
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                if (!inside(target, roots)) {
                    String reason = "a symbolic link to a file outside the folders this service may read"
                            + " (sources.directories)";
                    failures.add("the file " + entry + " is " + reason + ", so it is not read");
                    seen.refused(name, reason);
                    continue;
                }
                listed.add(new Listed(entry, target, name, attributes.lastModifiedTime(), attributes.size()));
            }
        } catch (NoSuchFileException e) {
            throw new SourceException("the folder " + folder + " does not exist", e);
        } catch (NotDirectoryException e) {
            throw new SourceException(folder + " is not a folder", e);
        } catch (IOException e) {
            throw new SourceException("the folder " + folder + " cannot be read: " + describe(e), e);
        }
        return listed;
    }

    /** The real paths of the allowed folders (as written, normalised, for one that does not exist). */
    private List<Path> realRoots() {
        List<Path> roots = new ArrayList<>(allowed.size());
        for (Path root : allowed) {
            Path absolute = root.toAbsolutePath().normalize();
            try {
                roots.add(absolute.toRealPath());
            } catch (IOException e) {
                roots.add(absolute); // nothing real lies in a folder that cannot be resolved
            }
        }
        return roots;
    }

    private static boolean inside(Path real, List<Path> roots) {
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} is a hidden file or a file a writer has not finished yet. */
    static boolean temporary(String name) {
        if (name.startsWith(".")) {
            return true;
        }
        for (String suffix : TEMPORARY_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies {@code listed} into the temporary folder; null when it is gone or cannot be read (then
     * added to {@code failures}).
     *
     * @throws SourceException when no file can be made in the temporary folder
     */
    private Copy copy(Listed listed, List<String> failures) {
        Path target;
        try {
            target = Files.createTempFile(temporaryDirectory, "directory-", ".batch");
        } catch (IOException e) {
            throw new SourceException("cannot make a file in the temporary folder " + temporaryDirectory + ": "
                    + describe(e), e);
        }
        MessageDigest digest = sha256();
        long bytes = 0;
        boolean copied = false;
        try (InputStream in = Files.newInputStream(listed.target(), LinkOption.NOFOLLOW_LINKS);
                OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                bytes += n;
            }
            copied = true;
        } catch (IOException e) {
            if (!Files.notExists(listed.target(), LinkOption.NOFOLLOW_LINKS)) {
                failures.add("the file " + listed.file() + " cannot be copied to " + temporaryDirectory + ": "
                        + describe(e));
            }
        } finally {
            if (!copied) {
                delete(target);
            }
        }
        return copied ? new Copy(target, HexFormat.of().formatHex(digest.digest()), bytes) : null;
    }

    /** Whether the file was written to since it was listed (or while it was copied). */
    private static boolean changed(Listed listed, Copy copy) {
        if (copy.bytes() != listed.size()) {
            return true;
        }
        try {
            BasicFileAttributes now = Files.readAttributes(listed.target(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return now.size() != listed.size() || !now.lastModifiedTime().equals(listed.lastModified());
        } catch (IOException e) {
            return true; // gone or replaced meanwhile: not what was copied; the next run sees what is there
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Deletes a copy; one that cannot be deleted is left for the temporary folder's own clean-up. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing better to do: the read's outcome does not depend on it
        }
    }

    /** An I/O error in words: its message (which names the file for file-system errors), or its kind. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException && ((AccessDeniedException) e).getReason() == null) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        String kind = e.getClass().getSimpleName();
        return reason == null || reason.isBlank() ? kind : reason + " (" + kind + ")";
    }
}
