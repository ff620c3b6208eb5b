package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link S3Objects} against S3Proxy: reads, lists, writes, and what each refusal says. */
class S3ObjectsTest {
    private static S3TestServer server;
    private static S3Objects objects;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.withBuckets("data");
        objects = server.objects();
    }

    @AfterAll
    static void stop() throws Exception {
        objects.close();
        server.close();
    }

    @Test
    void parsesS3UrlsWithTheKeyAsWritten() {
        assertThat(S3Objects.Location.parse("s3://bucket/a/b c.csv"))
                .isEqualTo(new S3Objects.Location("bucket", "a/b c.csv"));
        assertThat(S3Objects.Location.parse("S3://bucket")).isEqualTo(new S3Objects.Location("bucket", ""));
        assertThat(S3Objects.Location.of(URI.create("s3://bucket/a/b%20c.csv")).key()).isEqualTo("a/b c.csv");
        assertThat(S3Objects.Location.isS3("data/s3://x")).isFalse();
        assertThatThrownBy(() -> S3Objects.Location.parse("s3:///key")).hasMessageContaining("names no bucket");
    }

    @Test
    void downloadsWhatWasPutAndListsItUnderItsPrefix() throws Exception {
        Path file = Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n");
        objects.put(URI.create("s3://data/listing/in.csv"), file);
        objects.put(URI.create("s3://data/listing/sub/other.csv"), file);
        objects.put(URI.create("s3://data/elsewhere.csv"), file);

        Path out = dir.resolve("out.csv");
        objects.download(URI.create("s3://data/listing/in.csv"), out);

        assertThat(Files.readString(out)).isEqualTo("a,b\n1,2\n");
        assertThat(objects.list(URI.create("s3://data/listing/")).stream().map(o -> o.location().key()))
                .containsExactly("listing/in.csv", "listing/sub/other.csv");
        assertThat(objects.list(URI.create("s3://data/listing/")).get(0).size()).isEqualTo(8);
        try (InputStream in = objects.open(URI.create("s3://data/elsewhere.csv"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
        }
        assertThat(server.getObject("data", "listing/sub/other.csv")).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void listsEveryPageOfALongListing() throws Exception {
        for (int i = 0; i < 23; i++) {
            server.putObject("data", String.format("many/%04d", i), new byte[] {1});
        }
        List<S3Objects.ObjectInfo> all = objects.list(S3Objects.Location.parse("s3://data/many/"), 5);

        assertThat(all).hasSize(23);
        assertThat(all.get(22).location().key()).isEqualTo("many/0022");
    }

    @Test
    void existsAndDeleteFollowTheObject() throws Exception {
        S3Objects.Location location = S3Objects.Location.parse("s3://data/gone-soon");
        assertThat(objects.exists(location)).isFalse();
        server.putObject("data", "gone-soon", new byte[] {1, 2});
        assertThat(objects.exists(location)).isTrue();

        objects.delete(location);

        assertThat(objects.exists(location)).isFalse();
    }

    @Test
    void aMissingKeyIsNamedWithItsBucketAndWhatS3Said() {
        assertThatThrownBy(() -> objects.download(URI.create("s3://data/no/such.csv"), dir.resolve("x")))
                .isInstanceOf(ObjectStorageException.class)
                .hasMessageStartingWith("cannot read s3://data/no/such.csv (bucket \"data\", key \"no/such.csv\" at "
                        + server.endpoint() + "): NoSuchKey (HTTP 404")
                .extracting(e -> ((ObjectStorageException) e).errorCode()).isEqualTo("NoSuchKey");
    }

    @Test
    void aMissingBucketIsNamed() {
        assertThatThrownBy(() -> objects.list(URI.create("s3://nobucket/x")))
                .isInstanceOf(ObjectStorageException.class)
                .hasMessageContaining("bucket \"nobucket\"").hasMessageContaining("NoSuchBucket");
    }

    @Test
    void wrongKeysAreRefusedWithWhatS3Said() {
        Map<String, String> env = new HashMap<>(server.environment());
        env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        try (S3Objects wrong = S3Objects.fromEnvironment(env)) {
            assertThatThrownBy(() -> wrong.open(S3Objects.Location.parse("s3://data/elsewhere.csv")))
                    .isInstanceOf(ObjectStorageException.class)
                    .hasMessageContaining("s3://data/elsewhere.csv")
                    .hasMessageContaining("SignatureDoesNotMatch");
        }
        env.put("AWS_ACCESS_KEY_ID", "nobody");
        try (S3Objects unknown = S3Objects.fromEnvironment(env)) {
            assertThatThrownBy(() -> unknown.open(S3Objects.Location.parse("s3://data/elsewhere.csv")))
                    .isInstanceOf(ObjectStorageException.class)
                    .hasMessageContaining("InvalidAccessKeyId");
        }
    }

    @Test
    void anUnreachableEndpointIsSaidSo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(server.environment());
        env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + port);
        try (S3Objects nowhere = S3Objects.fromEnvironment(env)) {
            assertThatThrownBy(() -> nowhere.download(URI.create("s3://data/a.csv"), dir.resolve("a.csv")))
                    .isInstanceOf(ObjectStorageException.class)
                    .hasMessageStartingWith("cannot read s3://data/a.csv (bucket \"data\", key \"a.csv\"): the endpoint "
                            + "http://127.0.0.1:" + port + " cannot be reached (")
                    .hasMessageContaining("Connection refused");
        }
    }

    @Test
    void aProbeListsThePrefixAndSaysWhatFailedByCode() throws Exception {
        objects.probe(S3Objects.Location.parse("s3://data/nothing-here/"), Duration.ofSeconds(2));
        assertThatThrownBy(() -> objects.probe(S3Objects.Location.parse("s3://nobucket/"), Duration.ofSeconds(2)))
                .extracting(e -> ((ObjectStorageException) e).errorCode()).isEqualTo("NoSuchBucket");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = new HashMap<>(server.environment());
            env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + silent.getLocalPort());
            try (S3Objects mute = S3Objects.fromEnvironment(env)) {
                assertThatThrownBy(() -> mute.probe(S3Objects.Location.parse("s3://data/"), Duration.ofMillis(300)))
                        .hasMessageEndingWith("did not answer within 300 ms")
                        .extracting(e -> ((ObjectStorageException) e).errorCode()).isEqualTo("Timeout");
            }
        }
    }

    @Test
    void takesTheGenericEndpointVariableWhenTheS3OneIsUnset() throws Exception {
        Map<String, String> env = new HashMap<>(server.environment());
        env.remove("AWS_ENDPOINT_URL_S3");
        env.put("AWS_ENDPOINT_URL", server.endpoint().toString());
        server.putObject("data", "generic", new byte[] {7});
        try (S3Objects generic = S3Objects.fromEnvironment(env)) {
            assertThat(generic.endpoint()).isEqualTo(server.endpoint().toString());
            assertThat(generic.exists(S3Objects.Location.parse("s3://data/generic"))).isTrue();
        }
    }
}
