package io.driftwatch.cli;

import com.codahale.metrics.health.HealthCheck;
import io.driftwatch.store.ObjectStorageException;
import io.driftwatch.store.StorageBucket;
import io.driftwatch.store.StorageFactory;
import io.dropwizard.core.setup.Environment;

/**
 * The {@code object-storage} health check of {@code storage: {type: s3}}: lists at most one key under
 * the configured prefix of the real bucket, within {@code storage.healthCheckTimeout}, and when that
 * fails says which bucket, at which endpoint, and what failed ({@code NoSuchBucket},
 * {@code AccessDenied}, {@code SignatureDoesNotMatch}, cannot be reached, no answer in time). The
 * message never holds keys.
 *
 * <p>Thread-safe: the bucket's client is.
 */
public final class ObjectStorageHealthCheck extends HealthCheck {
    /** The name the check is registered under. */
    public static final String NAME = "object-storage";

    private final StorageBucket bucket;

    ObjectStorageHealthCheck(StorageBucket bucket) {
        this.bucket = bucket;
    }

    /** Registers the check of {@code storage}'s bucket; none for local files (the directories' checks cover those). */
    public static void register(Environment environment, StorageFactory.Storage storage) {
        storage.bucket().ifPresent(b -> environment.healthChecks().register(NAME, new ObjectStorageHealthCheck(b)));
    }

    @Override
    protected Result check() {
        try {
            bucket.probe();
            return Result.healthy(bucket.describe());
        } catch (ObjectStorageException e) {
            return Result.unhealthy(e.getMessage());
        }
    }
}
