package io.driftwatch.io.lineage;

import java.net.URI;
import java.nio.file.Path;

/**
 * Object storage a versioned reference's content may live in (a DVC remote or an MLflow dataset source
 * in {@code s3://…}), as the layer that holds the client gives it: this package names the objects, the
 * caller's client reads them.
 *
 * <p>Implementations say whether they are thread-safe.
 */
public interface ObjectStorage {
    /** Whether this storage reads {@code uri} (e.g. its scheme is {@code s3}). */
    boolean reads(URI uri);

    /** Whether the object at {@code uri} exists. */
    boolean exists(URI uri);

    /**
     * Copies the object at {@code uri} to {@code target}.
     *
     * @throws RuntimeException a {@link io.driftwatch.DriftwatchException} naming the URL and what the
     *     storage said when it cannot
     */
    void download(URI uri, Path target);

    /** No object storage: references that need one are refused, naming it. */
    ObjectStorage NONE = new ObjectStorage() {
        @Override
        public boolean reads(URI uri) {
            return false;
        }

        @Override
        public boolean exists(URI uri) {
            return false;
        }

        @Override
        public void download(URI uri, Path target) {
            throw new UnresolvableReferenceException(uri + ": no object storage is configured");
        }
    };
}
