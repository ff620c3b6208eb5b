package io.driftwatch.cli;

import io.driftwatch.DriftwatchException;
import io.driftwatch.report.BatchInfo;
import io.driftwatch.store.S3Objects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of one command that may be {@code s3://bucket/key} URLs: each such input is downloaded
 * once into a temporary folder of its own (under the key's file name, so that {@code .csv.gz} or
 * {@code .arrow} still tells the format) and read as a local file; {@link #close} deletes what was
 * downloaded. The client reads the environment as the AWS CLI does ({@link S3Objects#fromEnvironment()}),
 * and is built only when a URL is given, so local checks pay nothing for it. What the command prints
 * names the URL, not the temporary file ({@link #named}).
 *
 * <p>Not thread-safe: one per command run.
 */
final class S3Inputs implements AutoCloseable {
    private final Map<String, String> environment;
    private final Map<String, String> urlByLocal = new LinkedHashMap<>();
    private final List<Path> folders = new ArrayList<>();
    private final Map<String, Path> prefetched = new LinkedHashMap<>();
    private S3Objects objects;

    S3Inputs() {
        this(System.getenv());
    }

    S3Inputs(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Downloads every {@code s3://} URL among {@code names} at once, each on a thread of its own, so that
     * a check of two objects waits for the slower download rather than for both in turn; {@link #local}
     * then returns the copies. Null names and local paths are left alone.
     *
     * @throws CommandFailedException as {@link #local}; when several fail, the first of {@code names}
     * @throws io.driftwatch.store.ObjectStorageException as {@link #local}
     */
    void prefetch(String... names) {
        List<String> urls = new ArrayList<>();
        for (String name : names) {
            if (name != null && S3Objects.Location.isS3(name) && !urlByLocal.containsValue(name) && !urls.contains(name)) {
                urls.add(name);
            }
        }
        if (urls.size() < 2) {
            return; // one download gains nothing from a thread
        }
        List<java.util.concurrent.CompletableFuture<Path>> downloads = new ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(urls.size());
        try {
            for (String url : urls) {
                Path folder = newFolder(url);
                S3Objects client = client();
                downloads.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> download(client, url, folder),
                        threads));
            }
        } finally {
            threads.shutdown(); // the downloads already given finish; join waits for them below
        }
        RuntimeException first = null;
        for (int i = 0; i < downloads.size(); i++) {
            try {
                Path file = downloads.get(i).join();
                urlByLocal.put(file.toString(), urls.get(i));
                prefetched.put(urls.get(i), file);
            } catch (java.util.concurrent.CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The local file to read for {@code name}: the path itself, or the downloaded copy of an
     * {@code s3://} URL.
     *
     * @throws CommandFailedException (bad input) for an {@code s3://} URL without a bucket or key
     * @throws io.driftwatch.store.ObjectStorageException when the object cannot be read
     */
    Path local(String name) {
        if (!S3Objects.Location.isS3(name)) {
            return Path.of(name);
        }
        Path ready = prefetched.get(name);
        if (ready != null) {
            return ready;
        }
        Path file = download(client(), name, newFolder(name));
        urlByLocal.put(file.toString(), name);
        return file;
    }

    private S3Objects client() {
        if (objects == null) {
            objects = S3Objects.fromEnvironment(environment);
        }
        return objects;
    }

    private Path newFolder(String name) {
        try {
            Path folder = Files.createTempDirectory("driftwatch-s3-");
            folders.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for " + name, e);
        }
    }

    /** Downloads {@code name} into {@code folder}, under the key's file name. */
    private static Path download(S3Objects objects, String name, Path folder) {
        S3Objects.Location location;
        try {
            location = S3Objects.Location.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, e.getMessage());
        }
        if (location.key().isEmpty() || location.key().endsWith("/")) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, "the S3 URL " + name
                    + " names no object: s3://BUCKET/KEY, with the key of one file");
        }
        Path file = folder.resolve(location.key().substring(location.key().lastIndexOf('/') + 1));
        objects.download(location, file);
        return file;
    }

    /** {@code text} with every downloaded file's path replaced by the URL it came from. */
    String named(String text) {
        if (text == null) {
            return null;
        }
        String named = text;
        for (Map.Entry<String, String> e : urlByLocal.entrySet()) {
            named = named.replace(e.getKey(), e.getValue());
        }
        return named;
    }

    /** {@code batch} with its source named by its URL when it was downloaded. */
    BatchInfo named(BatchInfo batch) {
        return batch == null ? null : new BatchInfo(named(batch.source()), batch.format(), batch.rows(), batch.sha256(),
                batch.lineage());
    }

    /** What a command does with its inputs. */
    @FunctionalInterface
    interface Work<T> {
        T run(S3Inputs inputs);
    }

    /**
     * Runs {@code work} with a fresh set of inputs, deleted after; a failure on a downloaded input names
     * its URL instead of the temporary file (bad input, one line).
     */
    static <T> T using(Work<T> work) {
        try (S3Inputs inputs = new S3Inputs()) {
            try {
                return work.run(inputs);
            } catch (CommandFailedException e) {
                throw e;
            } catch (DriftwatchException e) {
                if (!inputs.any()) {
                    throw e;
                }
                throw new CommandFailedException(ExitCode.BAD_INPUT, inputs.named(e.getMessage()));
            }
        }
    }

    /** Whether any input came from S3 (else nothing needs renaming). */
    boolean any() {
        return !urlByLocal.isEmpty();
    }

    /** Deletes the downloaded files and their folders. */
    @Override
    public void close() {
        for (Path folder : folders) {
            try (var files = Files.list(folder)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // a temporary file left behind costs disk only; the OS clears its temporary folder
            }
        }
        if (objects != null) {
            objects.close();
        }
    }
}
