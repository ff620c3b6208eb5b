package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits of an uploaded batch and the bytes no batch holds: a gzip bomb, too many columns, too
 * long a cell (413, naming the limit and its key); a NUL character and gzip cut short (422, naming
 * where). Whatever the refusal, nothing is left in the data folder: no dataset file, no temporary
 * {@code .part} file, and no dataset or check is recorded.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UploadLimitsTest {
    private static final int BODY_LIMIT = 64 * 1024;
    private static final int DECOMPRESSED_LIMIT = 256 * 1024;
    static final TestService SERVICE = TestService.onH2(
            ConfigOverride.config("api.maxBodySize", "64KiB"),
            ConfigOverride.config("api.maxDecompressedSize", "256KiB"),
            ConfigOverride.config("api.maxColumns", "40"),
            ConfigOverride.config("api.maxCellLength", "1000"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static final String DATASETS = "/api/v1/datasets";
    private static final String CHECKS = "/api/v1/monitors/limits/checks";

    private List<Path> filesBefore;
    private long checksBefore;
    /** Unreadable batches posted as checks are recorded as failed checks (a 413 is not a check). */
    private int failedChecksExpected;

    @BeforeAll
    static void createAMonitor() {
        byte[] reference = Batches.firstRows(Batches.reference(), 200);
        TestService.Reply dataset = SERVICE.post(DATASETS, "text/csv", reference);
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        TestService.Reply monitor = SERVICE.post("/api/v1/monitors", "application/yaml",
                Batches.monitorYaml("limits", dataset.json().get("id").asText()));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
    }

    @BeforeEach
    void noteWhatIsThere() {
        filesBefore = dataFiles();
        checksBefore = SERVICE.get(CHECKS + "?limit=500").json().get("items").size();
    }

    /**
     * After every refusal: no new file anywhere under the data folder; no check recorded but the
     * failed checks of unreadable batches posted as checks.
     */
    @AfterEach
    void nothingWasLeftBehind() {
        assertThat(dataFiles()).containsExactlyInAnyOrderElementsOf(filesBefore);
        var items = SERVICE.get(CHECKS + "?limit=500").json().get("items");
        assertThat(items.size()).isEqualTo(checksBefore + failedChecksExpected);
        for (int i = 0; i < failedChecksExpected; i++) {
            assertThat(items.get(i).get("status").asText()).isEqualTo("failed");
        }
    }

    /** Every file under the data folder but the database's own. */
    private static List<Path> dataFiles() {
        try (Stream<Path> files = Files.walk(SERVICE.dir.resolve("data"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("driftwatch"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRefused(TestService.Reply reply, int status, String code, String... fragments) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("field").asText()).isEqualTo("body");
        String message = reply.json().get("message").asText();
        for (String fragment : fragments) {
            assertThat(message).contains(fragment);
        }
        assertThat(message).doesNotContain(SERVICE.dir.toString()).doesNotContain("Exception").doesNotContain("null");
    }

    /** A gzip bomb built in memory: {@code bytes} of valid, highly compressible CSV, gzipped. */
    private static byte[] gzipBomb(int bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("a,b,c\n".getBytes(StandardCharsets.US_ASCII));
            byte[] rows = "1,2,3\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            for (int written = 0; written < bytes; written += rows.length) {
                gzip.write(rows);
            }
        }
        return out.toByteArray();
    }

    @Test
    void answers413ForAGzipBombNamingTheDecompressedLimitAndKeepsNothing() throws IOException {
        byte[] bomb = gzipBomb(16 << 20); // 16 MiB of CSV in about 50 KB
        assertThat(bomb.length).isLessThan(BODY_LIMIT);

        for (TestService.Reply reply : List.of(SERVICE.post(DATASETS, "text/csv", bomb),
                SERVICE.postChunked(DATASETS, "application/gzip", bomb),
                SERVICE.post(CHECKS, "text/csv", bomb))) {
            assertRefused(reply, 413, "payload_too_large", "the body decompresses to more than "
                    + DECOMPRESSED_LIMIT + " bytes (256 KiB), the most a batch may hold once decompressed"
                    + " (api.maxDecompressedSize)");
        }
    }

    @Test
    void answers413ForAGzipBombSentWithContentEncodingNamingTheBodyLimit() throws IOException {
        // the server inflates it before the service sees a byte: the body limit applies to what it inflates to
        byte[] bomb = gzipBomb(16 << 20);

        assertRefused(SERVICE.postChunked(DATASETS, "text/csv", bomb, "Content-Encoding", "gzip"), 413,
                "payload_too_large", Integer.toString(BODY_LIMIT), "api.maxBodySize");
    }

    @Test
    void acceptsAGzipBodyThatDecompressesToJustUnderTheLimit() throws IOException {
        byte[] csv = Batches.firstRows(Batches.current(), 150);
        assertThat(csv.length).isLessThan(DECOMPRESSED_LIMIT);

        TestService.Reply reply = SERVICE.post(DATASETS, "application/gzip", Batches.gzip(csv));

        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        filesBefore = dataFiles(); // the accepted batch is kept, of course
    }

    @Test
    void answers413ForAHeaderWithMoreColumnsThanTheLimit() {
        StringBuilder header = new StringBuilder("c0");
        StringBuilder row = new StringBuilder("0");
        for (int i = 1; i <= 40; i++) {
            header.append(",c").append(i);
            row.append(',').append(i);
        }
        String csv = header + "\n" + row + "\n" + row + "\n";

        assertRefused(SERVICE.post(DATASETS, "text/csv", csv), 413, "payload_too_large",
                "the uploaded batch line 1: the header has more than 40 columns, the most a file may have"
                        + " (api.maxColumns)");
        assertRefused(SERVICE.post(DATASETS, "application/vnd.apache.arrow.stream",
                Batches.arrow(csv.getBytes(StandardCharsets.UTF_8), false)), 413, "payload_too_large",
                "the uploaded batch has 41 columns, more than 40 columns, the most a batch may have (api.maxColumns)");
    }

    @Test
    void answers413ForACellLongerThanTheLimitNamingLineAndColumn() {
        String csv = "id,comment\n1,short\n2," + "w".repeat(1001) + "\n";

        assertRefused(SERVICE.post(DATASETS, "text/csv", csv), 413, "payload_too_large",
                "the uploaded batch line 3: column 'comment' (column 2) holds a cell longer than the limit of 1000"
                        + " characters per cell (api.maxCellLength)");
        assertRefused(SERVICE.post(CHECKS, "text/csv", csv), 413, "payload_too_large", "api.maxCellLength");
    }

    @Test
    void answers422ForANulCharacterNamingLineAndColumn() {
        String inValue = "id,comment\n1,short\n2,sh\0rt\n";
        String inHeader = "id,comm\0ent\n1,short\n";

        assertRefused(SERVICE.post(DATASETS, "text/csv", inValue), 422, "unreadable_dataset",
                "the uploaded batch line 3: column 'comment' (column 2) holds a NUL character");
        assertRefused(SERVICE.post(CHECKS, "text/csv", inHeader), 422, "unreadable_dataset",
                "line 1: column 2 of the header holds a NUL character");
        failedChecksExpected = 1;
    }

    @Test
    void answers422ForAFourByteGzipSayingItIsTruncated() {
        byte[] fourBytes = {0x1f, (byte) 0x8b, 8, 0};

        assertRefused(SERVICE.post(DATASETS, "application/gzip", fourBytes), 422, "unreadable_dataset",
                "the uploaded batch (4 bytes): the gzip data is truncated", "10-byte header", "8-byte trailer");
        assertRefused(SERVICE.postChunked(CHECKS, "text/csv", fourBytes), 422, "unreadable_dataset",
                "the gzip data is truncated");
        failedChecksExpected = 1;
    }

    @Test
    void answers422ForAGzipCutShortInItsData() {
        byte[] whole = Batches.gzip(Batches.firstRows(Batches.current(), 150));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);

        assertRefused(SERVICE.post(DATASETS, "application/gzip", half), 422, "unreadable_dataset",
                "(" + half.length + " bytes): the gzip data is truncated");
    }
}
