package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlobStore}: files named by the SHA-256 of their bytes, one file per content, limits that
 * keep nothing of a body past them, and concurrent puts of the same bytes.
 */
class BlobStoreTest {

    @TempDir
    Path dir;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Every regular file under the store, temporary files included. */
    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void namesTheFileByTheSha256OfItsBytes() throws Exception {
        BlobStore store = BlobStore.in(dir);
        byte[] bytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

        BlobStore.Blob blob = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1_000);

        String sha = sha256(bytes);
        assertThat(blob.sha256()).isEqualTo(sha);
        assertThat(blob.bytes()).isEqualTo(bytes.length);
        assertThat(blob.path()).isEqualTo(dir.resolve("datasets").resolve(sha.substring(0, 2)).resolve(sha));
        assertThat(store.path(BlobStore.Kind.DATASET, sha)).isEqualTo(blob.path());
        assertThat(Files.readAllBytes(blob.path())).isEqualTo(bytes);
        assertThat(files()).containsExactly(blob.path());
    }

    @Test
    void keepsEachKindInItsOwnFolder() throws Exception {
        BlobStore store = BlobStore.in(dir);
        byte[] bytes = randomBytes(10_000, 1);

        BlobStore.Blob dataset = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1 << 20);
        BlobStore.Blob profile = store.put(BlobStore.Kind.PROFILE, new ByteArrayInputStream(bytes), 1 << 20);

        assertThat(profile.sha256()).isEqualTo(dataset.sha256());
        assertThat(profile.path()).isNotEqualTo(dataset.path());
        assertThat(profile.path()).startsWith(dir.resolve("profiles"));
        assertThat(files()).containsExactlyInAnyOrder(dataset.path(), profile.path());
    }

    @Test
    void theSameBytesTwiceGiveOneFile() throws Exception {
        BlobStore store = BlobStore.in(dir);
        byte[] bytes = randomBytes(200_000, 2);

        BlobStore.Blob first = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1 << 20);
        BlobStore.Blob second = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1 << 20);
        BlobStore.Blob other = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(randomBytes(10, 3)), 1 << 20);

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.path()).isEqualTo(first.path());
        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(first.created()).isTrue();
        assertThat(second.created()).as("the second put found the file there").isFalse();
        assertThat(other.sha256()).isNotEqualTo(first.sha256());
        assertThat(files()).containsExactlyInAnyOrder(first.path(), other.path());
        assertThat(Files.readAllBytes(first.path())).isEqualTo(bytes);
    }

    @Test
    void aBodyExactlyAtTheLimitIsKept() throws Exception {
        BlobStore store = BlobStore.in(dir);
        byte[] bytes = randomBytes(4096, 4);

        BlobStore.Blob blob = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 4096);

        assertThat(blob.bytes()).isEqualTo(4096);
        assertThat(files()).containsExactly(blob.path());
    }

    @Test
    void aBodyPastTheLimitFailsAndNothingIsKept() throws Exception {
        BlobStore store = BlobStore.in(dir);
        byte[] bytes = randomBytes(300_000, 5);

        assertThatThrownBy(() -> store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 299_999))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessageContaining("299999")
                .satisfies(e -> assertThat(((BlobTooLargeException) e).limit()).isEqualTo(299_999));

        assertThat(files()).isEmpty();
        assertThat(Files.exists(store.path(BlobStore.Kind.DATASET, sha256(bytes)))).isFalse();
    }

    @Test
    void aBodyThatFailsWhileStreamingLeavesNothing() throws Exception {
        BlobStore store = BlobStore.in(dir);
        InputStream broken = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset by peer");
                }
                left--;
                return 'x';
            }
        };

        assertThatThrownBy(() -> store.put(BlobStore.Kind.DATASET, broken, 1 << 20))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset by peer");

        assertThat(files()).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameBytesAllSucceedAndLeaveOneFile() throws Exception {
        BlobStore store = BlobStore.in(dir);
        byte[] bytes = randomBytes(1 << 20, 6);
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<BlobStore.Blob>> puts = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                puts.add(pool.submit(() -> {
                    start.await();
                    return store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1 << 21);
                }));
            }
            for (Future<BlobStore.Blob> put : puts) {
                BlobStore.Blob blob = put.get();
                assertThat(blob.sha256()).isEqualTo(sha256(bytes));
                assertThat(blob.bytes()).isEqualTo(bytes.length);
            }
        } finally {
            pool.shutdownNow();
        }

        Path expected = store.path(BlobStore.Kind.DATASET, sha256(bytes));
        assertThat(files()).containsExactly(expected);
        assertThat(Files.readAllBytes(expected)).isEqualTo(bytes);
    }

    @Test
    void refusesAPathForSomethingThatIsNotAHash() {
        BlobStore store = BlobStore.in(dir);

        assertThatThrownBy(() -> store.path(BlobStore.Kind.DATASET, "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.path(BlobStore.Kind.DATASET, "ab"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.path(BlobStore.Kind.DATASET, "ABCDEF0123"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void discardDeletesOnlyAFileThePutCreated() throws Exception {
        BlobStore store = BlobStore.in(dir);
        byte[] bytes = randomBytes(1000, 4);
        BlobStore.Blob first = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1 << 20);
        BlobStore.Blob again = store.put(BlobStore.Kind.DATASET, new ByteArrayInputStream(bytes), 1 << 20);

        assertThat(store.discard(again)).isFalse();
        assertThat(first.path()).exists();
        assertThat(store.discard(first)).isTrue();
        assertThat(files()).isEmpty();
    }
}
