package io.driftwatch.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dropwizard.jackson.Discoverable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code storage:} settings: where the service keeps uploaded datasets, reference profiles and
 * check reports. {@code type: local} (the default) keeps them as files under the data and reports
 * directories; {@code type: s3} keeps them in a bucket of S3-compatible storage, with those
 * directories as local caches. A new kind is a subclass named by {@code @JsonTypeName} plus one line
 * in {@code META-INF/services/io.driftwatch.store.StorageFactory}.
 *
 * <p>Not thread-safe: built once by Dropwizard at start-up, read-only afterwards.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = LocalStorageFactory.class)
public abstract class StorageFactory implements Discoverable {

    /**
     * The blob store and the report store, built from these settings, and the bucket they keep their
     * blobs in (none for local files). {@link #close} closes the bucket's client, once nothing uses the
     * stores any more.
     */
    public record Storage(BlobStore blobs, ReportStore reports, Optional<StorageBucket> bucket)
            implements AutoCloseable {
        /** Stores of local files only. */
        public Storage(BlobStore blobs, ReportStore reports) {
            this(blobs, reports, Optional.empty());
        }

        @Override
        public void close() {
            bucket.ifPresent(StorageBucket::close);
        }
    }

    /**
     * Builds the stores.
     *
     * @param dataDirectory the data directory (blobs, or their cache)
     * @param reportsDirectory the reports directory (reports, or their cache)
     */
    public abstract Storage build(Path dataDirectory, Path reportsDirectory);

    /** Where blobs are kept, for the start-up log line. */
    public abstract String describe(Path dataDirectory);
}
