package io.driftwatch.store;

import io.driftwatch.io.lineage.ObjectStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in S3-compatible storage (Amazon S3, MinIO, Ceph, S3Proxy …): read one into a file or a
 * stream, list a prefix, write one, ask whether one exists, delete one. Objects are named by
 * {@link Location}s, written {@code s3://bucket/key}. With a custom endpoint (MinIO) requests use
 * path-style addressing ({@code http://host:9000/bucket/key}), which every S3-compatible server
 * understands; without one, Amazon S3's regional endpoint.
 *
 * <p>Every failure is an {@link ObjectStorageException} whose message names the URL, the bucket and
 * key, the endpoint, and what the storage said ({@code NoSuchKey}, {@code AccessDenied}, …) or that
 * it could not be reached.
 *
 * <p>Built on the AWS SDK for Java v2's S3 client with the JDK's {@code HttpURLConnection}
 * transport. Checksums are sent and checked only where the S3 API requires them, as older MinIO and
 * other S3-compatible servers do not all accept the SDK's newer default trailing checksums.
 *
 * <p>Thread-safe: the underlying client is; close it once when done.
 */
public final class S3Objects implements AutoCloseable {
    private static final String SCHEME = "s3://";

    /** An object's (or a prefix's) bucket and key. */
    public record Location(String bucket, String key) {
        public Location {
            if (bucket == null || bucket.isEmpty()) {
                throw new IllegalArgumentException("an S3 location needs a bucket: s3://BUCKET/KEY");
            }
            key = key == null ? "" : key;
        }

        /** Whether {@code name} is written as an {@code s3://} URL (and not a local path). */
        public static boolean isS3(String name) {
            return name != null && name.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        }

        /**
         * Parses {@code s3://bucket/key}; the key is taken as written (no percent-decoding), so keys
         * with spaces or other characters a URI would escape can be named too.
         *
         * @throws IllegalArgumentException when {@code text} is not an {@code s3://} URL with a bucket
         */
        public static Location parse(String text) {
            if (!isS3(text)) {
                throw new IllegalArgumentException("not an s3:// URL: " + text);
            }
            String rest = text.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("the S3 URL " + text + " names no bucket: s3://BUCKET/KEY");
            }
            return new Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
        }

        /** The location of an {@code s3://bucket/key} URI (its path percent-decoded). */
        public static Location of(URI uri) {
            if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.getAuthority() == null) {
                throw new IllegalArgumentException("not an s3://BUCKET/KEY URI: " + uri);
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            return new Location(uri.getAuthority(), path.startsWith("/") ? path.substring(1) : path);
        }

        /** The location of {@code name} under this prefix (a slash between them unless one is there). */
        public Location resolve(String name) {
            if (key.isEmpty() || key.endsWith("/")) {
                return new Location(bucket, key + name);
            }
            return new Location(bucket, key + "/" + name);
        }

        @Override
        public String toString() {
            return SCHEME + bucket + "/" + key;
        }
    }

    /** An object that a {@link #list} found. */
    public record ObjectInfo(Location location, long size, Instant lastModified, String eTag) {
    }

    private final S3Client client;
    private final String endpoint;

    private S3Objects(S3Client client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /**
     * A client configured as the AWS CLI and SDKs read the environment: {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}); {@code AWS_REGION} or
     * {@code AWS_DEFAULT_REGION} (default {@code us-east-1}); {@code AWS_ENDPOINT_URL_S3} or
     * {@code AWS_ENDPOINT_URL} for an S3-compatible server such as MinIO, addressed path-style. Without
     * keys, requests go unsigned (public buckets only).
     */
    public static S3Objects fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Object storage for versioned references (a DVC remote, an MLflow dataset source in
     * {@code s3://…}) that connects with {@code variables} (as {@link #fromEnvironment()}) only when an
     * object is first asked for, so that commands that need none do not pay for the client. Close it
     * once the reference is resolved.
     */
    public static ReferenceStorage forReferences(java.util.function.Function<String, String> variables) {
        return new LazyReferenceStorage(variables);
    }

    /**
     * {@link ObjectStorage} whose client is made on first use; {@link #close()} closes that client (if
     * one was made), after which the storage refuses to read. Thread-safe.
     */
    public interface ReferenceStorage extends ObjectStorage, AutoCloseable {
        /** Closes the client, if one was made; closing twice is harmless. */
        @Override
        void close();
    }

    /** {@link ReferenceStorage} on a client of {@link #fromEnvironment}. Thread-safe: guarded by {@code this}. */
    private static final class LazyReferenceStorage implements ReferenceStorage {
        private final java.util.function.Function<String, String> variables;
        private S3Objects objects;
        private boolean closed;

        LazyReferenceStorage(java.util.function.Function<String, String> variables) {
            this.variables = variables;
        }

        private synchronized S3Objects objects() {
            if (closed) {
                throw new IllegalStateException("the object storage for references is closed");
            }
            if (objects == null) {
                objects = fromEnvironment(variables);
            }
            return objects;
        }

        @Override
        public boolean reads(URI uri) {
            return "s3".equals(uri.getScheme());
        }

        @Override
        public boolean exists(URI uri) {
            return objects().exists(Location.of(uri));
        }

        @Override
        public void download(URI uri, Path target) {
            objects().download(uri, target);
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (objects != null) {
                objects.close();
                objects = null;
            }
        }
    }

    /** As {@link #fromEnvironment()}, reading the variables from {@code environment}. */
    public static S3Objects fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment::get);
    }

    /** As {@link #fromEnvironment()}, reading each variable with {@code variables} (null when unset). */
    public static S3Objects fromEnvironment(java.util.function.Function<String, String> variables) {
        Map<String, String> environment = new java.util.HashMap<>();
        for (String name : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            String value = variables.apply(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        String endpoint = firstSet(environment, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        String region = firstSet(environment, "AWS_REGION", "AWS_DEFAULT_REGION");
        return connect(endpoint == null ? null : URI.create(endpoint), region,
                firstSet(environment, "AWS_ACCESS_KEY_ID"), firstSet(environment, "AWS_SECRET_ACCESS_KEY"),
                firstSet(environment, "AWS_SESSION_TOKEN"), endpoint != null);
    }

    /**
     * A client for {@code endpoint} (null: Amazon S3 in {@code region}).
     *
     * @param region the signing region; null for {@code us-east-1} (what MinIO expects by default)
     * @param accessKeyId null (with {@code secretAccessKey}) for unsigned requests
     * @param sessionToken null unless the keys are temporary
     * @param pathStyle whether the bucket goes in the path rather than the host name (MinIO, S3Proxy)
     */
    public static S3Objects connect(URI endpoint, String region, String accessKeyId, String secretAccessKey,
            String sessionToken, boolean pathStyle) {
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException(accessKeyId == null
                    ? "an S3 secret access key is set without its access key id (AWS_ACCESS_KEY_ID)"
                    : "an S3 access key id is set without its secret access key (AWS_SECRET_ACCESS_KEY)");
        }
        AwsCredentialsProvider credentials;
        if (accessKeyId == null) {
            credentials = AnonymousCredentialsProvider.create();
        } else if (sessionToken == null) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        } else {
            credentials = StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
        }
        String regionName = region == null || region.isBlank() ? "us-east-1" : region;
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(regionName))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return new S3Objects(builder.build(),
                endpoint == null ? "Amazon S3 (" + regionName + ")" : endpoint.toString());
    }

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** Where requests go: the endpoint URL, or Amazon S3 and its region. */
    public String endpoint() {
        return endpoint;
    }

    /** Copies the object at {@code s3Uri} into {@code target}, replacing it. */
    public void download(URI s3Uri, Path target) {
        download(Location.of(s3Uri), target);
    }

    /** Copies the object at {@code location} into {@code target}, replacing it. */
    public void download(Location location, Path target) {
        try (InputStream in = open(location)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + location + " to " + target + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw failure("cannot read", location, e);
        }
    }

    /** The bytes of the object at {@code s3Uri}, streamed; close the stream. */
    public InputStream open(URI s3Uri) {
        return open(Location.of(s3Uri));
    }

    /** The bytes of the object at {@code location}, streamed; close the stream. */
    public InputStream open(Location location) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(location.bucket())
                    .key(location.key()));
            return in;
        } catch (S3Exception e) {
            throw failure("cannot read", location, e);
        } catch (SdkClientException e) {
            throw failure("cannot read", location, e);
        }
    }

    /**
     * Whether an object exists at {@code location}. A HEAD answer has no body, so a missing bucket
     * looks like a missing object here (false); reading or listing names it.
     */
    public boolean exists(Location location) {
        try {
            client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("cannot look up", location, e);
        } catch (SdkClientException e) {
            throw failure("cannot look up", location, e);
        }
    }

    /** The objects whose keys start with {@code prefix}'s key, in key order (every page of the listing). */
    public List<ObjectInfo> list(URI prefix) {
        return list(Location.of(prefix));
    }

    /** The objects whose keys start with {@code prefix}'s key, in key order (every page of the listing). */
    public List<ObjectInfo> list(Location prefix) {
        return list(prefix, 1000);
    }

    /** As {@link #list(Location)}, asking for pages of {@code pageSize} keys (tests walk several pages). */
    List<ObjectInfo> list(Location prefix, int pageSize) {
        List<ObjectInfo> objects = new ArrayList<>();
        String token = null;
        try {
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(prefix.bucket())
                        .maxKeys(pageSize);
                if (!prefix.key().isEmpty()) {
                    request.prefix(prefix.key());
                }
                if (token != null) {
                    request.continuationToken(token);
                }
                ListObjectsV2Response page = client.listObjectsV2(request.build());
                for (S3Object o : page.contents()) {
                    objects.add(new ObjectInfo(new Location(prefix.bucket(), o.key()),
                            o.size() == null ? -1 : o.size(), o.lastModified(), o.eTag()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (S3Exception e) {
            throw failure("cannot list", prefix, e);
        } catch (SdkClientException e) {
            throw failure("cannot list", prefix, e);
        }
        return objects;
    }

    /**
     * Looks at the storage as a health check should: lists at most one key under {@code prefix}, the
     * whole call (retries included) bounded by {@code timeout}, after which the request is aborted. It
     * needs the permission the blob store needs anyway to tell a missing object from a refused one
     * ({@code s3:ListBucket} on the bucket).
     *
     * @throws ObjectStorageException naming the prefix, the bucket, the endpoint and what failed: what
     *     S3 said ({@code NoSuchBucket}, {@code AccessDenied}, {@code SignatureDoesNotMatch}…), that the
     *     endpoint cannot be reached ({@code Unreachable}), or that it did not answer in time
     *     ({@code Timeout})
     */
    public void probe(Location prefix, Duration timeout) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(prefix.bucket()).maxKeys(1)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout));
        if (!prefix.key().isEmpty()) {
            request.prefix(prefix.key());
        }
        try {
            client.listObjectsV2(request.build());
        } catch (ApiCallTimeoutException e) {
            throw new ObjectStorageException("cannot list " + prefix + " (bucket \"" + prefix.bucket() + "\", key \""
                    + prefix.key() + "\"): the endpoint " + endpoint + " did not answer within " + timeout.toMillis()
                    + " ms", "Timeout", e);
        } catch (S3Exception e) {
            throw failure("cannot list", prefix, e);
        } catch (SdkClientException e) {
            throw failure("cannot list", prefix, e);
        }
    }

    /** Writes {@code file}'s bytes as the object at {@code s3Uri}, replacing any object there. */
    public void put(URI s3Uri, Path file) {
        put(Location.of(s3Uri), file);
    }

    /** Writes {@code file}'s bytes as the object at {@code location}, replacing any object there. */
    public void put(Location location, Path file) {
        try {
            client.putObject(b -> b.bucket(location.bucket()).key(location.key()), RequestBody.fromFile(file));
        } catch (S3Exception e) {
            throw failure("cannot write", location, e);
        } catch (SdkClientException e) {
            throw failure("cannot write", location, e);
        }
    }

    /** Deletes the object at {@code location}; deleting one that is not there is not an error (as in S3). */
    public void delete(Location location) {
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
        } catch (S3Exception e) {
            throw failure("cannot delete", location, e);
        } catch (SdkClientException e) {
            throw failure("cannot delete", location, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private ObjectStorageException failure(String what, Location location, S3Exception e) {
        String code = code(e);
        String said = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return new ObjectStorageException(what + " " + location + " (bucket \"" + location.bucket() + "\", key \""
                + location.key() + "\" at " + endpoint + "): " + code + " (HTTP " + e.statusCode()
                + (said == null || said.isBlank() ? "" : ": " + said) + ")", code, e);
    }

    private ObjectStorageException failure(String what, Location location, SdkClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return new ObjectStorageException(what + " " + location + " (bucket \"" + location.bucket() + "\", key \""
                + location.key() + "\"): the endpoint " + endpoint + " cannot be reached (" + reason + ")",
                "Unreachable", e);
    }

    /** S3's error code; for a HEAD, which has no body, the code its status stands for. */
    private static String code(S3Exception e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                && !e.awsErrorDetails().errorCode().isBlank()) {
            return e.awsErrorDetails().errorCode();
        }
        return switch (e.statusCode()) {
            case 404 -> "NotFound";
            case 403 -> "AccessDenied";
            default -> "HTTP " + e.statusCode();
        };
    }
}
