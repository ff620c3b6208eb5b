package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlobStore#inBucket}: blobs kept in a bucket of S3Proxy under the store's prefix, the data
 * directory a cache that a second store (another replica, or this one after its disk was wiped)
 * fills from the bucket.
 */
class BucketBlobStoreTest {
    private static S3TestServer server;
    private static S3Objects objects;
    private static final S3Objects.Location PREFIX = S3Objects.Location.parse("s3://blobs/driftwatch/");

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.withBuckets("blobs");
        objects = server.objects();
    }

    @AfterAll
    static void stop() throws Exception {
        objects.close();
        server.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void putKeepsTheBlobInTheBucketUnderItsHash() throws Exception {
        BlobStore store = BlobStore.inBucket(objects, PREFIX, dir.resolve("cache"));
        byte[] bytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

        BlobStore.Blob blob = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1_000);

        String sha = sha256(bytes);
        String key = "driftwatch/datasets/" + sha.substring(0, 2) + "/" + sha;
        assertThat(blob.sha256()).isEqualTo(sha);
        assertThat(blob.created()).isTrue();
        assertThat(server.keys("blobs")).contains(key);
        assertThat(server.getObject("blobs", key)).isEqualTo(bytes);
        assertThat(Files.readAllBytes(blob.path())).as("the cached copy").isEqualTo(bytes);
    }

    @Test
    void anotherStoreReadsTheBlobFromTheBucketIntoItsOwnCache() throws Exception {
        byte[] bytes = "profile bytes".getBytes(StandardCharsets.UTF_8);
        BlobStore writer = BlobStore.inBucket(objects, PREFIX, dir.resolve("one"));
        String sha = writer.write(BlobStore.Kind.PROFILE, out -> out.write(bytes)).sha256();

        BlobStore reader = BlobStore.inBucket(objects, PREFIX, dir.resolve("two"));
        Path file = reader.path(BlobStore.Kind.PROFILE, sha);

        assertThat(file).startsWith(dir.resolve("two"));
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        try (var tmp = Files.list(dir.resolve("two").resolve("tmp"))) {
            assertThat(tmp).as("no fetch left half-written").isEmpty();
        }
    }

    @Test
    void theSameBytesTwiceKeepOneObjectAndTheSecondPutDidNotCreateIt() throws Exception {
        byte[] bytes = "same,twice\n".getBytes(StandardCharsets.UTF_8);
        BlobStore one = BlobStore.inBucket(objects, S3Objects.Location.parse("s3://blobs/twice"), dir.resolve("a"));
        BlobStore other = BlobStore.inBucket(objects, S3Objects.Location.parse("s3://blobs/twice"), dir.resolve("b"));

        BlobStore.Blob first = one.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1_000);
        BlobStore.Blob second = other.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1_000);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).as("it was in the bucket already").isFalse();
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(server.keys("blobs").stream().filter(k -> k.startsWith("twice/"))).hasSize(1);
        assertThat(other.discard(second)).as("a blob others may rely on stays").isFalse();
        assertThat(server.keys("blobs").stream().filter(k -> k.startsWith("twice/"))).hasSize(1);
    }

    @Test
    void discardRemovesABlobThisPutCreatedFromTheBucketToo() throws Exception {
        BlobStore store = BlobStore.inBucket(objects, S3Objects.Location.parse("s3://blobs/discard/"),
                dir.resolve("c"));
        BlobStore.Blob blob = store.put(BlobStore.Kind.DATASET,
                new ByteArrayInputStream("unwanted\n".getBytes(StandardCharsets.UTF_8)), 1_000);

        assertThat(store.discard(blob)).isTrue();

        assertThat(server.keys("blobs").stream().filter(k -> k.startsWith("discard/"))).isEmpty();
        assertThat(blob.path()).doesNotExist();
    }

    @Test
    void aLargeBlobRoundTripsByteForByte() throws Exception {
        byte[] bytes = new byte[24 << 20];
        new Random(7).nextBytes(bytes);
        BlobStore store = BlobStore.inBucket(objects, PREFIX, dir.resolve("large"));
        BlobStore.Blob blob = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), Long.MAX_VALUE);

        Path fetched = BlobStore.inBucket(objects, PREFIX, dir.resolve("large2")).path(BlobStore.Kind.DATASET,
                blob.sha256());

        assertThat(blob.bytes()).isEqualTo(bytes.length);
        assertThat(Files.size(fetched)).isEqualTo(bytes.length);
        assertThat(sha256(Files.readAllBytes(fetched))).isEqualTo(sha256(bytes));
    }

    @Test
    void aBlobThatIsNowhereIsAPathToNoFile() throws Exception {
        BlobStore store = BlobStore.inBucket(objects, PREFIX, dir.resolve("d"));
        String sha = sha256("never stored".getBytes(StandardCharsets.UTF_8));

        assertThat(store.path(BlobStore.Kind.DATASET, sha)).doesNotExist();
    }

    @Test
    void aBlobPastTheLimitLeavesNothingInTheBucket() {
        BlobStore store = BlobStore.inBucket(objects, S3Objects.Location.parse("s3://blobs/limit/"), dir.resolve("e"));

        assertThatThrownBy(() -> store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(new byte[100]), 10))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(server.keys("blobs").stream().filter(k -> k.startsWith("limit/"))).isEmpty();
    }

    @Test
    void aMissingBucketFailsThePutNamingIt() {
        BlobStore store = BlobStore.inBucket(objects, S3Objects.Location.parse("s3://no-such-bucket/x/"),
                dir.resolve("f"));

        assertThatThrownBy(() -> store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(new byte[3]), 10))
                .isInstanceOf(ObjectStorageException.class)
                .hasMessageContaining("no-such-bucket").hasMessageContaining("NoSuchBucket");
    }
}
