package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import io.driftwatch.store.S3StorageFactory;
import io.driftwatch.store.S3TestServer;
import io.driftwatch.store.StorageFactory;
import io.dropwizard.util.Duration;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code object-storage} health check against S3Proxy, a real S3 implementation: healthy while the
 * bucket answers; unhealthy, naming the endpoint, the bucket and what failed (and never the keys), when
 * the bucket is missing, the keys are refused, nothing listens at the endpoint, or the endpoint does
 * not answer within the time limit.
 */
class ObjectStorageHealthCheckTest {
    private static S3TestServer s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3TestServer.withBuckets("driftwatch");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void isHealthyWhenTheBucketAnswers() {
        Result result = check(storage(s3.endpoint(), "driftwatch", S3TestServer.SECRET_KEY));

        assertThat(result.isHealthy()).as(result.getMessage()).isTrue();
        assertThat(result.getMessage()).isEqualTo("s3://driftwatch/prod/ at " + s3.endpoint());
    }

    @Test
    void namesTheMissingBucketAndTheEndpoint() {
        Result result = check(storage(s3.endpoint(), "no-such-bucket", S3TestServer.SECRET_KEY));

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("cannot list s3://no-such-bucket/prod/ (bucket \"no-such-bucket\","
                + " key \"prod/\" at " + s3.endpoint() + "): NoSuchBucket (HTTP 404");
        assertThat(result.getError()).isNull();
    }

    @Test
    void saysTheKeysAreRefusedWithoutNamingThem() {
        Result result = check(storage(s3.endpoint(), "driftwatch", "not-the-secret"));

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("bucket \"driftwatch\"").contains(s3.endpoint().toString())
                .contains("SignatureDoesNotMatch (HTTP 403")
                .doesNotContain("not-the-secret").doesNotContain(S3TestServer.ACCESS_KEY);
    }

    @Test
    void saysTheEndpointCannotBeReachedWithinTheTimeLimit() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        long started = System.nanoTime();

        Result result = check(storage(closed, "driftwatch", S3TestServer.SECRET_KEY));

        assertThat(millisSince(started)).isLessThan(2_000 + 1_000);
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("cannot list s3://driftwatch/prod/ (bucket \"driftwatch\", key"
                + " \"prod/\"): the endpoint " + closed + " cannot be reached (").contains("Connection refused");
    }

    @Test
    void givesUpOnAnEndpointThatDoesNotAnswerAtTheTimeLimit() throws Exception {
        // a listening socket nobody accepts from: the connection opens, the request goes out, no answer comes
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            long started = System.nanoTime();

            Result result = check(storage(endpoint, "driftwatch", S3TestServer.SECRET_KEY));

            assertThat(millisSince(started)).isBetween(2_000L, 2_000L + 1_500);
            assertThat(result.isHealthy()).isFalse();
            assertThat(result.getMessage()).isEqualTo("cannot list s3://driftwatch/prod/ (bucket \"driftwatch\", key"
                    + " \"prod/\"): the endpoint " + endpoint + " did not answer within 2000 ms");
        }
    }

    /** Stores on {@code bucket} under {@code prod/}, with a 2 s limit on the health check. */
    private StorageFactory.Storage storage(URI endpoint, String bucket, String secret) {
        S3StorageFactory factory = new S3StorageFactory();
        factory.setBucket(bucket);
        factory.setPrefix("prod/");
        factory.setEndpoint(endpoint);
        factory.setAccessKeyId(S3TestServer.ACCESS_KEY);
        factory.setSecretAccessKey(secret);
        factory.setHealthCheckTimeout(Duration.seconds(2));
        return factory.build(dir.resolve("data"), dir.resolve("reports"));
    }

    private static Result check(StorageFactory.Storage storage) {
        try (storage) {
            return new ObjectStorageHealthCheck(storage.bucket().orElseThrow()).execute();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
