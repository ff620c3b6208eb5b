package io.driftwatch.io.lineage;

import io.driftwatch.data.Lineage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A versioned reference resolved: the file whose content is the version, and its lineage.
 *
 * <p>Thread-safe: immutable.
 *
 * @param file where the content is (in a DVC cache or remote, the workspace, or a copy the caller
 *     deletes, for MLflow)
 * @param lineage what the versioning system says of it
 */
public record TrackedFile(Path file, Lineage lineage) {
    public TrackedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(lineage, "lineage");
    }
}
