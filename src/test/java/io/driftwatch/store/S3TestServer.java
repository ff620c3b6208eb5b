package io.driftwatch.store;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 implementation in the tests' JVM: S3Proxy (from Maven Central) over its transient
 * in-memory blob store, on a random port of 127.0.0.1, checking AWS signature V4 against one key pair.
 * Buckets are made and inspected through a plain SDK client of its own, so that what a test asserts
 * does not go through the code under test.
 *
 * <p>Thread-safe: S3Proxy serves concurrent requests; start and close once.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "driftwatch-test";
    public static final String SECRET_KEY = "driftwatch-test-secret";

    private final S3Proxy proxy;
    private final S3Client admin;

    private S3TestServer(S3Proxy proxy, S3Client admin) {
        this.proxy = proxy;
        this.admin = admin;
    }

    /** Starts a server with no buckets. */
    public static S3TestServer start() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", properties))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        S3Client admin = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .build();
        return new S3TestServer(proxy, admin);
    }

    /**
     * Starts a server with {@code buckets} made, for a test class's static field (a service's
     * configuration needs the endpoint before the class's first callback runs).
     *
     * @throws IllegalStateException when S3Proxy does not start
     */
    public static S3TestServer withBuckets(String... buckets) {
        try {
            S3TestServer server = start();
            for (String bucket : buckets) {
                server.createBucket(bucket);
            }
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The variables the AWS CLI would read to reach this server with its key pair. */
    public Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_S3", endpoint().toString());
    }

    /** A client of the code under test for this server (path-style, its key pair). */
    public S3Objects objects() {
        return S3Objects.fromEnvironment(environment());
    }

    /** Makes {@code bucket}. */
    public void createBucket(String bucket) {
        admin.createBucket(b -> b.bucket(bucket));
    }

    /** Writes {@code bytes} as {@code bucket}/{@code key}. */
    public void putObject(String bucket, String key, byte[] bytes) {
        admin.putObject(b -> b.bucket(bucket).key(key),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
    }

    /** The bytes of {@code bucket}/{@code key}. */
    public byte[] getObject(String bucket, String key) {
        return admin.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** The keys in {@code bucket}, in order. */
    public List<String> keys(String bucket) {
        return admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Override
    public void close() throws Exception {
        admin.close();
        proxy.stop();
    }
}
