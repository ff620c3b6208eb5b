package io.driftwatch.store;

import java.time.Duration;

/**
 * The bucket and prefix that {@code storage: {type: s3}} keeps datasets, profiles and reports under,
 * as a health check looks at it: {@link #probe} lists at most one key there within the configured time
 * limit. It owns the client the blob and report stores share; {@link #close} closes it.
 *
 * <p>Thread-safe: the client is, and the rest is immutable.
 */
public final class StorageBucket implements AutoCloseable {
    private final S3Objects objects;
    private final S3Objects.Location prefix;
    private final Duration timeout;

    StorageBucket(S3Objects objects, S3Objects.Location prefix, Duration timeout) {
        this.objects = objects;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    /** The prefix and where requests go, e.g. {@code s3://driftwatch/prod/ at http://minio:9000}; no keys. */
    public String describe() {
        return prefix + " at " + objects.endpoint();
    }

    /**
     * Lists at most one key under the prefix, aborted after the time limit.
     *
     * @throws ObjectStorageException naming the bucket, the endpoint and what failed (see
     *     {@link S3Objects#probe})
     */
    public void probe() {
        objects.probe(prefix, timeout);
    }

    /** Closes the client; the stores built on it cannot reach the bucket afterwards. */
    @Override
    public void close() {
        objects.close();
    }
}
