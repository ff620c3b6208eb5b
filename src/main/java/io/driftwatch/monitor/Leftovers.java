package io.driftwatch.monitor;

import io.driftwatch.store.CheckDao;
import io.driftwatch.store.MonitorDao;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes at start-up the files a Driftwatch process stopped by {@code kill -9} (or a power cut) left
 * behind, and logs one line with how many:
 * <ul>
 *   <li>every file in the data directory's {@code tmp} folder: half-written uploads and profiles
 *       ({@code *.part}), batches sources had read, chunks;</li>
 *   <li>in the reports directory, only files the service writes, by their names: half-written
 *       reports ({@code <monitor>/<check id><digits>.part}) and reports of checks that were never
 *       recorded ({@code <monitor>/<check id>.html} for an existing monitor that has no check of
 *       that id). Anything else there (a {@code check --report} output, a folder that is not a
 *       monitor's) is never touched;</li>
 *   <li>the writable-folder health check's probes ({@code .health-<digits>.tmp}).</li>
 * </ul>
 *
 * <p>Another live process may share these folders (a second replica, a {@code backfill}): each
 * holds a {@link Lease} (a locked file in the data directory's {@code in-use} folder) while it runs. When another live process holds one, only
 * files older than {@code grace} ({@code scheduler.staleAfter}, longer than the longest run) are
 * removed, so nothing in use is; otherwise everything left over is.
 *
 * <p>Thread-safe: started and stopped once, by Dropwizard's lifecycle.
 */
public final class Leftovers implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern REPORT = Pattern.compile(UUID_TEXT + "\\.html");
    private static final Pattern REPORT_PART = Pattern.compile(UUID_TEXT + "[0-9]+\\.part");
    private static final Pattern HEALTH_PROBE = Pattern.compile("\\.health-[0-9]+\\.tmp");
    private static final String LEASES = "in-use";
    private static final String LEASE_SUFFIX = ".lock";
    /** Leases this JVM holds: probing one with a second channel would release it (POSIX locks). */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dataDirectory;
    private final Path reportsDirectory;
    private final MonitorDao monitors;
    private final CheckDao checks;
    private final Duration grace;
    private final Clock clock;
    private Lease lease;

    /** What one clean-up removed. */
    public record Removed(int temporaryFiles, int reports) {
    }

    public Leftovers(Path dataDirectory, Path reportsDirectory, MonitorDao monitors, CheckDao checks, Duration grace,
            Clock clock) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.reportsDirectory = Objects.requireNonNull(reportsDirectory, "reportsDirectory");
        this.monitors = Objects.requireNonNull(monitors, "monitors");
        this.checks = Objects.requireNonNull(checks, "checks");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void start() {
        lease = Lease.take(dataDirectory);
        Removed removed = clean(lease);
        LOG.info("start-up clean-up: removed {} temporary {} ({}) and {} report {} no check refers to ({}), left by a"
                + " process that stopped without finishing them", removed.temporaryFiles(),
                removed.temporaryFiles() == 1 ? "file" : "files", temporaryFolder(dataDirectory), removed.reports(),
                removed.reports() == 1 ? "file" : "files", reportsDirectory);
    }

    @Override
    public void stop() {
        if (lease != null) {
            lease.close();
        }
    }

    /** Removes what is left over, as {@link #start} does, while {@code own} is this process's lease. */
    Removed clean(Lease own) {
        Instant cutoff = clock.instant();
        if (Lease.othersAlive(dataDirectory, own)) {
            cutoff = cutoff.minus(grace);
        }
        int temporary = cleanTemporaryFolder(cutoff) + removeHealthProbes(dataDirectory, cutoff)
                + removeHealthProbes(reportsDirectory, cutoff);
        return new Removed(temporary, cleanReports(cutoff));
    }

    private int cleanTemporaryFolder(Instant cutoff) {
        int removed = 0;
        Path tmp = temporaryFolder(dataDirectory);
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                removed += removeIfBefore(file, cutoff) ? 1 : 0;
            }
        } catch (IOException e) {
            LOG.warn("start-up clean-up: cannot list {}: {}", tmp, e.getMessage());
        }
        return removed;
    }

    private static int removeHealthProbes(Path folder, Instant cutoff) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".health-*.tmp")) {
            for (Path file : files) {
                if (HEALTH_PROBE.matcher(file.getFileName().toString()).matches()) {
                    removed += removeIfBefore(file, cutoff) ? 1 : 0;
                }
            }
        } catch (IOException e) {
            LOG.warn("start-up clean-up: cannot list {}: {}", folder, e.getMessage());
        }
        return removed;
    }

    /** Half-written reports, and reports of checks never recorded, in the folders of existing monitors. */
    private int cleanReports(Instant cutoff) {
        if (!Files.isDirectory(reportsDirectory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(reportsDirectory, Files::isDirectory)) {
            for (Path folder : folders) {
                String monitorId = folder.getFileName().toString();
                if (Files.isSymbolicLink(folder) || monitors.find(monitorId).isEmpty()) {
                    continue; // not a folder the service made
                }
                removed += cleanMonitorReports(folder, monitorId, cutoff);
            }
        } catch (IOException e) {
            LOG.warn("start-up clean-up: cannot list {}: {}", reportsDirectory, e.getMessage());
        }
        return removed;
    }

    private int cleanMonitorReports(Path folder, String monitorId, Instant cutoff) throws IOException {
        Set<String> referenced = null;
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (REPORT_PART.matcher(name).matches()) {
                    removed += removeIfBefore(file, cutoff) ? 1 : 0;
                } else if (REPORT.matcher(name).matches()) {
                    if (referenced == null) {
                        referenced = new HashSet<>(checks.reportFiles(monitorId));
                    }
                    if (!referenced.contains(monitorId + "/" + name)) {
                        removed += removeIfBefore(file, cutoff) ? 1 : 0;
                    }
                }
            }
        }
        return removed;
    }

    /** Deletes a regular file last modified before {@code cutoff}; whether it did. */
    private static boolean removeIfBefore(Path file, Instant cutoff) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || !attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                return false;
            }
            return Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("start-up clean-up: cannot remove {}: {}", file, e.getMessage());
            return false;
        }
    }

    private static Path temporaryFolder(Path dataDirectory) {
        return dataDirectory.resolve("tmp");
    }

    /**
     * A live process's claim on a data directory: a locked file in its {@code in-use} folder, released
     * when the process ends however it ends (the operating system drops the lock), so a lease file
     * that can be locked is left by a process that is gone.
     *
     * <p>Thread-safe: closing twice is harmless.
     */
    public static final class Lease implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Lease(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        /** Takes a new lease on {@code dataDirectory} (creating its {@code in-use} folder). */
        public static Lease take(Path dataDirectory) {
            Path folder = dataDirectory.resolve(LEASES);
            for (int attempt = 1; ; attempt++) {
                Path file = folder.resolve(UUID.randomUUID() + LEASE_SUFFIX).toAbsolutePath().normalize();
                FileChannel channel = null;
                try {
                    Files.createDirectories(folder);
                    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock();
                    if (Files.exists(file) || attempt == 3) {
                        // (another process starting may have taken the new, not yet locked file for a dead one's)
                        HELD_HERE.add(file);
                        return new Lease(file, channel, lock);
                    }
                    lock.release();
                    channel.close();
                } catch (IOException e) {
                    closeQuietly(channel);
                    throw new UncheckedIOException("cannot make the file " + file + " that tells other Driftwatch"
                            + " processes this one uses " + dataDirectory + ": " + e.getMessage(), e);
                }
            }
        }

        /** Whether a live process other than {@code own}'s holds a lease; removes leases of dead ones. */
        static boolean othersAlive(Path dataDirectory, Lease own) {
            Path folder = dataDirectory.resolve(LEASES);
            if (!Files.isDirectory(folder)) {
                return false;
            }
            boolean alive = false;
            try (DirectoryStream<Path> leases = Files.newDirectoryStream(folder, "*" + LEASE_SUFFIX)) {
                for (Path lease : leases) {
                    Path file = lease.toAbsolutePath().normalize();
                    if (!file.equals(own.file) && held(file)) {
                        alive = true;
                    }
                }
            } catch (IOException e) {
                return true; // cannot tell: assume another process, and remove only what is old
            }
            return alive;
        }

        /** Whether {@code file} is a live process's lease; a dead one's is removed. */
        private static boolean held(Path file) {
            if (HELD_HERE.contains(file)) {
                return true;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock probe = channel.tryLock();
                if (probe == null) {
                    return true;
                }
                Files.deleteIfExists(file); // its process is gone; deleted while locked, so no one takes it meanwhile
                probe.release();
                return false;
            } catch (OverlappingFileLockException e) {
                return true;
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                return true; // cannot tell: assume it is alive
            }
        }

        @Override
        public void close() {
            HELD_HERE.remove(file);
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the lock goes with the process anyway; a lease file left behind is removed by the next start
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was locked yet
            }
        }
    }
}
