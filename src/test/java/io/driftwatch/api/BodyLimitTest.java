package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code api.maxBodySize} (16 KiB here): a dataset or check body past it is a 413 whether it
 * announces its length or is sent chunked, and whether it is past the limit as sent or only once
 * decompressed; nothing of it is kept and no check is recorded.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BodyLimitTest {
    private static final int LIMIT = 16 * 1024;
    static final TestService SERVICE = TestService.onH2(ConfigOverride.config("api.maxBodySize", "16KiB"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static final String CHECKS = "/api/v1/monitors/small/checks";

    /** A reference under the limit, and a monitor on it. */
    @BeforeAll
    static void createAMonitorOnASmallReference() {
        byte[] reference = Batches.firstRows(Batches.reference(), 200);
        assertThat(reference.length).isLessThan(LIMIT);
        TestService.Reply dataset = SERVICE.post("/api/v1/datasets", "text/csv", reference);
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        TestService.Reply monitor = SERVICE.post("/api/v1/monitors", "application/yaml",
                Batches.monitorYaml("small", dataset.json().get("id").asText()));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
    }

    private static List<Path> storedBlobs() throws Exception {
        try (Stream<Path> files = Files.walk(SERVICE.dir.resolve("data").resolve("datasets"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void assertTooLarge(TestService.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("code").asText()).isEqualTo("payload_too_large");
        assertThat(reply.json().get("field").asText()).isEqualTo("body");
        assertThat(reply.json().get("message").asText()).contains(Integer.toString(LIMIT)).contains("api.maxBodySize");
    }

    @Test
    void answers413ForADatasetPastTheLimitWithOrWithoutContentLength() throws Exception {
        List<Path> before = storedBlobs();
        byte[] csv = Batches.reference();
        assertThat(csv.length).isGreaterThan(LIMIT);

        assertTooLarge(SERVICE.post("/api/v1/datasets", "text/csv", csv));
        assertTooLarge(SERVICE.postChunked("/api/v1/datasets", "text/csv", csv));

        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(SERVICE.get("/api/v1/datasets/" + Batches.datasetId(csv)).status()).isEqualTo(404);
    }

    @Test
    void answers413ForAGzippedBodyThatIsPastTheLimitOnceDecompressed() throws Exception {
        List<Path> before = storedBlobs();
        byte[] csv = Batches.reference();
        byte[] gzip = Batches.gzip(csv);
        assertThat(gzip.length).isLessThan(LIMIT);

        assertTooLarge(SERVICE.post("/api/v1/datasets", "text/csv", gzip));
        assertTooLarge(SERVICE.post("/api/v1/datasets", "text/csv", gzip, "Content-Encoding", "gzip"));
        assertTooLarge(SERVICE.postChunked("/api/v1/datasets", "text/csv", gzip, "Content-Encoding", "gzip"));

        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void acceptsABodyUnderTheLimit() {
        byte[] csv = Batches.firstRows(Batches.current(), 150);
        assertThat(csv.length).isLessThan(LIMIT);

        assertThat(SERVICE.postChunked("/api/v1/datasets", "text/csv", csv).status()).isEqualTo(201);
        assertThat(SERVICE.post(CHECKS, "text/csv", csv).status()).isEqualTo(201);
    }

    @Test
    void answers413ForACheckBodyPastTheLimitAndRecordsNoCheck() throws Exception {
        List<Path> before = storedBlobs();
        long checksBefore = SERVICE.get(CHECKS + "?limit=500").json().get("items").size();
        byte[] csv = Batches.current();

        assertTooLarge(SERVICE.post(CHECKS, "text/csv", csv));
        assertTooLarge(SERVICE.postChunked(CHECKS, "text/csv", csv));
        assertTooLarge(SERVICE.postChunked(CHECKS, "application/vnd.apache.arrow.stream", Batches.arrow(csv, false)));

        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(SERVICE.get(CHECKS + "?limit=500").json().get("items").size()).isEqualTo(checksBefore);
    }
}
