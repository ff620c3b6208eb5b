package io.driftwatch.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code storage: {type: s3, …}}: datasets, profiles and reports kept in a bucket of S3-compatible
 * storage (MinIO, Amazon S3, Ceph …) under {@code prefix}, the data and reports directories caches of
 * what this process wrote or read. Several replicas sharing one database and one bucket see the same
 * blobs.
 * <pre>
 * storage:
 *   type: s3
 *   bucket: driftwatch
 *   prefix: prod/                       # optional
 *   endpoint: http://minio:9000         # omit for Amazon S3
 *   region: us-east-1
 *   accessKeyId: ${MINIO_ACCESS_KEY}
 *   secretAccessKey: ${MINIO_SECRET_KEY}
 *   healthCheckTimeout: 5s              # the health check's look at the bucket
 * </pre>
 * Without keys, {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are read from the
 * environment (and requests go unsigned when those are unset too). With an {@code endpoint}, requests
 * are path-style ({@code pathStyle: false} to address the bucket as a host name). The
 * {@code object-storage} health check lists at most one key under the prefix, within
 * {@code healthCheckTimeout}.
 *
 * <p>Not thread-safe: built once at start-up, read-only afterwards.
 */
@JsonTypeName("s3")
public class S3StorageFactory extends StorageFactory {
    @NotEmpty
    private String bucket;

    private String prefix = "";

    /** Null for Amazon S3 in {@link #region}. */
    private URI endpoint;

    @NotEmpty
    private String region = "us-east-1";

    private String accessKeyId;

    private String secretAccessKey;

    /** Null: path-style exactly when an endpoint is set. */
    private Boolean pathStyle;

    /** How long the health check's look at the bucket may take, retries included. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration healthCheckTimeout = Duration.seconds(5);

    @Override
    public Storage build(Path dataDirectory, Path reportsDirectory) {
        S3Objects objects = objects(System.getenv());
        S3Objects.Location root = new S3Objects.Location(bucket, prefix);
        return new Storage(BlobStore.inBucket(objects, root, dataDirectory),
                ReportStore.inBucket(objects, root, reportsDirectory), Optional.of(new StorageBucket(objects, root,
                        java.time.Duration.ofMillis(healthCheckTimeout.toMilliseconds()))));
    }

    /** The client these settings describe, with keys from {@code environment} when none are set here. */
    S3Objects objects(Map<String, String> environment) {
        String id = accessKeyId;
        String secret = secretAccessKey;
        String token = null;
        if (id == null && secret == null) {
            id = environment.get("AWS_ACCESS_KEY_ID");
            secret = environment.get("AWS_SECRET_ACCESS_KEY");
            token = environment.get("AWS_SESSION_TOKEN");
        }
        return S3Objects.connect(endpoint, region, id, secret, token, pathStyle == null ? endpoint != null : pathStyle);
    }

    @Override
    public String describe(Path dataDirectory) {
        return new S3Objects.Location(bucket, prefix) + (endpoint == null ? " (Amazon S3, " + region + ")"
                : " at " + endpoint) + ", cached under " + dataDirectory;
    }

    @ValidationMethod(message = "accessKeyId and secretAccessKey are set together, or neither (then the "
            + "environment's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are used)")
    public boolean isKeyPairWhole() {
        return (accessKeyId == null) == (secretAccessKey == null);
    }

    @ValidationMethod(message = "endpoint must be an http or https URL, e.g. http://minio:9000")
    public boolean isEndpointHttp() {
        return endpoint == null || ("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                && endpoint.getHost() != null;
    }

    @JsonProperty
    public String getBucket() {
        return bucket;
    }

    @JsonProperty
    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    @JsonProperty
    public String getPrefix() {
        return prefix;
    }

    @JsonProperty
    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    @JsonProperty
    public URI getEndpoint() {
        return endpoint;
    }

    @JsonProperty
    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    @JsonProperty
    public String getRegion() {
        return region;
    }

    @JsonProperty
    public void setRegion(String region) {
        this.region = region;
    }

    @JsonProperty
    public String getAccessKeyId() {
        return accessKeyId;
    }

    @JsonProperty
    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    @JsonProperty
    public String getSecretAccessKey() {
        return secretAccessKey;
    }

    @JsonProperty
    public void setSecretAccessKey(String secretAccessKey) {
        this.secretAccessKey = secretAccessKey;
    }

    @JsonProperty
    public Duration getHealthCheckTimeout() {
        return healthCheckTimeout;
    }

    @JsonProperty
    public void setHealthCheckTimeout(Duration healthCheckTimeout) {
        this.healthCheckTimeout = healthCheckTimeout;
    }

    @JsonProperty
    public Boolean getPathStyle() {
        return pathStyle;
    }

    @JsonProperty
    public void setPathStyle(Boolean pathStyle) {
        this.pathStyle = pathStyle;
    }
}
