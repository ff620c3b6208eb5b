package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/v1/datasets} on the embedded default: CSV, Arrow file and Arrow stream uploads,
 * gzip with and without {@code Content-Encoding}, the same bytes giving the same dataset (201 then
 * 200), and the 404, 415 and 422 answers, each naming what is wrong.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatasetResourceTest {
    static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static List<String> names(JsonNode columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    private static String type(JsonNode dataset, String column) {
        for (JsonNode c : dataset.get("columns")) {
            if (c.get("name").asText().equals(column)) {
                return c.get("type").asText();
            }
        }
        throw new AssertionError("no column " + column + " in " + dataset);
    }

    private static List<Path> storedBlobs() throws Exception {
        Path datasets = SERVICE.dir.resolve("data").resolve("datasets");
        if (!Files.exists(datasets)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(datasets)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void uploadsACsvAndAnswers201WithTheDataset() {
        byte[] csv = Batches.reference();

        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "text/csv", csv);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode body = reply.json();
        String id = Batches.datasetId(csv);
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(reply.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/datasets/" + id));
        assertThat(body.get("rows").asLong()).isEqualTo(Batches.REFERENCE_ROWS);
        assertThat(body.get("sha256").asText()).isEqualTo(Batches.sha256(csv));
        assertThat(body.get("format").asText()).isEqualTo("csv");
        assertThat(body.get("bytes").asLong()).isEqualTo(csv.length);
        assertThat(names(body.get("columns"))).containsExactlyElementsOf(Batches.COLUMNS);
        assertThat(type(body, "temp")).isEqualTo("numerical");
        assertThat(type(body, "dteday")).isNotEqualTo("numerical");

        TestService.Reply found = SERVICE.get("/api/v1/datasets/" + id);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(body);
    }

    @Test
    void theSameBytesAgainGiveTheSameDatasetWith200() {
        byte[] csv = Batches.firstRows(Batches.current(), 300);
        TestService.Reply first = SERVICE.post("/api/v1/datasets", "text/csv", csv);

        TestService.Reply second = SERVICE.post("/api/v1/datasets", "text/csv", csv);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.header("Location")).isEmpty();
    }

    @Test
    void concurrentUploadsOfTheSameBytesCreateOneDataset() throws Exception {
        byte[] csv = Batches.firstRows(Batches.current(), 500);
        int uploads = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(uploads);
        List<TestService.Reply> replies = new ArrayList<>();
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(uploads);
            List<java.util.concurrent.Future<TestService.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return SERVICE.post("/api/v1/datasets", "text/csv", csv);
                }));
            }
            for (java.util.concurrent.Future<TestService.Reply> f : futures) {
                replies.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(replies).extracting(TestService.Reply::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(replies).extracting(r -> r.json().get("id").asText()).containsOnly(Batches.datasetId(csv));
        assertThat(storedBlobs()).filteredOn(p -> p.getFileName().toString().equals(Batches.sha256(csv))).hasSize(1);
    }

    @Test
    void uploadsAnArrowFile() {
        byte[] csv = Batches.current();
        byte[] arrow = Batches.arrow(csv, true);

        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "application/vnd.apache.arrow.file", arrow);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode body = reply.json();
        assertThat(body.get("id").asText()).isEqualTo(Batches.datasetId(arrow));
        assertThat(body.get("format").asText()).isEqualTo("arrow-file");
        assertThat(body.get("rows").asLong()).isEqualTo(Batches.CURRENT_ROWS);
        assertThat(names(body.get("columns"))).containsExactlyElementsOf(Batches.COLUMNS);
        assertThat(type(body, "temp")).isEqualTo("numerical");
    }

    @Test
    void uploadsAnArrowStream() {
        byte[] arrow = Batches.arrow(Batches.current(), false);

        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "application/vnd.apache.arrow.stream", arrow);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("format").asText()).isEqualTo("arrow-stream");
        assertThat(reply.json().get("rows").asLong()).isEqualTo(Batches.CURRENT_ROWS);
        assertThat(names(reply.json().get("columns"))).containsExactlyElementsOf(Batches.COLUMNS);
    }

    @Test
    void aGzippedBodyIsTheDatasetOfItsDecompressedBytes() {
        byte[] csv = Batches.firstRows(Batches.current(), 100);

        TestService.Reply gzipped = SERVICE.post("/api/v1/datasets", "text/csv", Batches.gzip(csv));
        TestService.Reply asGzipType = SERVICE.post("/api/v1/datasets", "application/gzip", Batches.gzip(csv));
        TestService.Reply plain = SERVICE.post("/api/v1/datasets", "text/csv", csv);

        assertThat(gzipped.status()).as(gzipped.body()).isEqualTo(201);
        assertThat(gzipped.json().get("id").asText()).isEqualTo(Batches.datasetId(csv));
        assertThat(gzipped.json().get("rows").asLong()).isEqualTo(100);
        assertThat(gzipped.json().get("bytes").asLong()).isEqualTo(csv.length);
        assertThat(asGzipType.status()).as(asGzipType.body()).isEqualTo(200);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(asGzipType.json()).isEqualTo(gzipped.json());
        assertThat(plain.json()).isEqualTo(gzipped.json());
    }

    @Test
    void aBodySentWithContentEncodingGzipIsDecompressed() {
        byte[] csv = Batches.firstRows(Batches.current(), 120);

        TestService.Reply encoded = SERVICE.post("/api/v1/datasets", "text/csv", Batches.gzip(csv),
                "Content-Encoding", "gzip");
        TestService.Reply chunked = SERVICE.postChunked("/api/v1/datasets", "text/csv", Batches.gzip(csv),
                "Content-Encoding", "gzip");
        TestService.Reply arrow = SERVICE.post("/api/v1/datasets", "application/vnd.apache.arrow.stream",
                Batches.gzip(Batches.arrow(csv, false)), "Content-Encoding", "gzip");

        assertThat(encoded.status()).as(encoded.body()).isEqualTo(201);
        assertThat(encoded.json().get("id").asText()).isEqualTo(Batches.datasetId(csv));
        assertThat(encoded.json().get("rows").asLong()).isEqualTo(120);
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(200);
        assertThat(chunked.json().get("id").asText()).isEqualTo(Batches.datasetId(csv));
        assertThat(arrow.status()).as(arrow.body()).isEqualTo(201);
        assertThat(arrow.json().get("format").asText()).isEqualTo("arrow-stream");
        assertThat(arrow.json().get("rows").asLong()).isEqualTo(120);
    }

    @Test
    void answers400ForABodyThatIsNotGzipDespiteContentEncodingAndKeepsNothing() throws Exception {
        List<Path> before = storedBlobs();
        byte[] csv = Batches.firstRows(Batches.current(), 10);

        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "text/csv", csv, "Content-Encoding", "gzip");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_content_encoding");
        assertThat(reply.json().get("field").asText()).isEqualTo("Content-Encoding");
        assertThat(reply.json().get("message").asText()).contains("gzip");
        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void answers415ForAContentTypeThatIsNotABatch() {
        TestService.Reply text = SERVICE.post("/api/v1/datasets", "text/plain", "a,b\n1,2\n");
        TestService.Reply json = SERVICE.post("/api/v1/datasets", "application/json", "{\"a\": 1}");

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(text.json().get("field").asText()).isEqualTo("Content-Type");
        assertThat(text.json().get("message").asText()).contains("text/csv");
        // JSON registers a versioned reference (DvcReferenceServiceTest): without one, the field is named
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("reference");
    }

    @Test
    void answers422NamingTheLineForACsvThatCannotBeRead() throws Exception {
        List<Path> before = storedBlobs();
        byte[] ragged = "a,b,c\n1,2,3\n4,5,6\n7,8\n".getBytes(StandardCharsets.UTF_8);

        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "text/csv", ragged);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        JsonNode error = reply.json();
        assertThat(error.get("code").asText()).isEqualTo("unreadable_dataset");
        assertThat(error.get("field").asText()).isEqualTo("body");
        assertThat(error.get("message").asText()).contains("line 4").contains("the uploaded batch")
                .doesNotContain(SERVICE.dir.toString());
        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(SERVICE.get("/api/v1/datasets/" + Batches.datasetId(ragged)).status()).isEqualTo(404);
    }

    @Test
    void answers422ForAnArrowFileCutShortAnEmptyBodyAndBrokenGzip() throws Exception {
        List<Path> before = storedBlobs();
        byte[] truncatedArrow = java.util.Arrays.copyOf(Batches.arrow(Batches.firstRows(Batches.current(), 50), true),
                400);

        TestService.Reply arrow = SERVICE.post("/api/v1/datasets", "application/vnd.apache.arrow.file",
                truncatedArrow);
        TestService.Reply empty = SERVICE.post("/api/v1/datasets", "text/csv", new byte[0]);
        TestService.Reply notGzip = SERVICE.post("/api/v1/datasets", "application/gzip",
                new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

        assertThat(arrow.status()).as(arrow.body()).isEqualTo(422);
        assertThat(arrow.json().get("code").asText()).isEqualTo("unreadable_dataset");
        assertThat(arrow.json().get("message").asText()).contains("the uploaded batch")
                .doesNotContain(SERVICE.dir.toString());
        assertThat(empty.status()).as(empty.body()).isEqualTo(422);
        assertThat(empty.json().get("message").asText()).contains("empty");
        assertThat(notGzip.status()).as(notGzip.body()).isEqualTo(422);
        assertThat(notGzip.json().get("message").asText()).contains("gzip");
        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void answers404NamingTheIdForAnUnknownDataset() {
        TestService.Reply reply = SERVICE.get("/api/v1/datasets/0123456789abcdef01234567");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("not_found");
        assertThat(reply.json().get("field").asText()).isEqualTo("id");
        assertThat(reply.json().get("message").asText()).contains("0123456789abcdef01234567");
    }
}
