package io.driftwatch.cli;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Healthy when a directory the service writes to exists (it is created if missing) and accepts a
 * new file. Exercises the real file system on every call, as a health check should.
 *
 * <p>Thread-safe: stateless apart from the immutable path.
 */
public final class WritableDirectoryHealthCheck extends HealthCheck {
    private final Path directory;

    public WritableDirectoryHealthCheck(Path directory) {
        this.directory = directory;
    }

    @Override
    protected Result check() {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".health-", ".tmp");
            Files.delete(probe);
            return Result.healthy(directory.toAbsolutePath().toString());
        } catch (IOException | SecurityException e) {
            return Result.unhealthy("cannot write to " + directory.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
