package io.driftwatch.cli;

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
    private S3Objects objects;

    S3Inputs() {
        this(System.getenv());
    }

    S3Inputs(Map<String, String> environment) {
        this.environment = environment;
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
        if (objects == null) {
            objects = S3Objects.fromEnvironment(environment);
        }
        String fileName = location.key().substring(location.key().lastIndexOf('/') + 1);
        Path file;
        try {
            Path folder = Files.createTempDirectory("driftwatch-s3-");
            folders.add(folder);
            file = folder.resolve(fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for " + name, e);
        }
        objects.download(location, file);
        urlByLocal.put(file.toString(), name);
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
        return batch == null ? null : new BatchInfo(named(batch.source()), batch.format(), batch.rows(), batch.sha256());
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
