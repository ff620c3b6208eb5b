package io.driftwatch.io.lineage;

import io.driftwatch.data.Lineage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A versioned reference resolved: the file whose content is the version, and its lineage.
 *
 * <p>Thread-safe: immutable.
 *
 * @param file where the content is: in a DVC cache or local remote, the workspace, or a copy
 * @param lineage what the versioning system says of it
 * @param temporary whether {@code file} is a copy made for the caller, which the caller deletes (an
 *     MLflow dataset, an object from a DVC remote in object storage)
 */
public record TrackedFile(Path file, Lineage lineage, boolean temporary) {
    public TrackedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(lineage, "lineage");
    }
}
