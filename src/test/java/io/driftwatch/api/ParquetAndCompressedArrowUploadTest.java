package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parquet ({@code application/vnd.apache.parquet}) and compressed Arrow (Feather v2, LZ4 and ZSTD)
 * through the service: uploaded as datasets and posted as the current batch of a check, files
 * written by Polars and DuckDB (src/test/resources/io/driftwatch/io/formats), giving the same
 * dataset columns and the same check result as the CSV of the same rows; and what is refused.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ParquetAndCompressedArrowUploadTest {
    static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static final Path FORMATS = Path.of("src/test/resources/io/driftwatch/io/formats");
    private static final String PARQUET = "application/vnd.apache.parquet";

    private static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FORMATS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void createTheMonitor() {
        TestService.Reply reference = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reference.status()).as(reference.body()).isIn(200, 201);
        TestService.Reply monitor = SERVICE.post("/api/v1/monitors", "application/yaml",
                Batches.monitorYaml("formats", reference.json().get("id").asText()));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
    }

    @ParameterizedTest
    @CsvSource({
        "bike-current.snappy.parquet, application/vnd.apache.parquet, parquet",
        "bike-current.duckdb.parquet, application/vnd.apache.parquet, parquet",
        "bike-current.lz4.arrow, application/vnd.apache.arrow.file, arrow-file",
        "bike-current.zstd.arrow, application/vnd.apache.arrow.file, arrow-file"})
    void uploadsADatasetWithTheColumnsAndTypesOfTheCsv(String file, String mediaType, String format) {
        TestService.Reply csv = SERVICE.post("/api/v1/datasets", "text/csv", Batches.current());

        TestService.Reply reply = SERVICE.post("/api/v1/datasets", mediaType, fixture(file));

        assertThat(reply.status()).as(reply.body()).isIn(200, 201); // the check test may have sent these bytes
        JsonNode body = reply.json();
        assertThat(body.get("format").asText()).isEqualTo(format);
        assertThat(body.get("rows").asLong()).isEqualTo(Batches.CURRENT_ROWS);
        assertThat(body.get("id").asText()).isEqualTo(Batches.datasetId(fixture(file)));
        assertThat(body.get("columns")).isEqualTo(csv.json().get("columns"));
    }

    @ParameterizedTest
    @CsvSource({
        "bike-current.zstd.parquet, application/vnd.apache.parquet",
        "bike-current.lz4.arrow, application/vnd.apache.arrow.file"})
    void checksABatchPostedAsParquetOrCompressedArrowAsItChecksTheCsv(String file, String mediaType) {
        TestService.Reply fromCsv = SERVICE.post("/api/v1/monitors/formats/checks", "text/csv", Batches.current());

        TestService.Reply reply = SERVICE.post("/api/v1/monitors/formats/checks", mediaType, fixture(file));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(fromCsv.status()).as(fromCsv.body()).isEqualTo(201);
        assertThat(reply.json().get("datasetDrift")).isEqualTo(fromCsv.json().get("datasetDrift"));
        assertThat(reply.json().get("columns")).isEqualTo(fromCsv.json().get("columns"));
        assertThat(reply.json().at("/current/rows").asInt()).isEqualTo(Batches.CURRENT_ROWS);
    }

    @Test
    void answers422NamingTheNestedColumnsOfAParquetFile() {
        TestService.Reply reply = SERVICE.post("/api/v1/datasets", PARQUET, fixture("nested.parquet"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("code").asText()).isEqualTo("unreadable_dataset");
        assertThat(reply.json().get("message").asText()).isEqualTo("the uploaded batch: nested columns cannot be "
                + "read: 'tags' (list), 'point' (struct); Driftwatch reads flat columns of numbers, booleans, "
                + "strings, dates and timestamps (flatten or drop them before writing, e.g. pandas.json_normalize)");
    }

    @Test
    void answers422ForATruncatedParquetFileAndADamagedCompressedArrowFile() {
        byte[] parquet = fixture("bike-current.snappy.parquet");
        byte[] arrow = fixture("bike-current.lz4.arrow").clone();
        for (int i = arrow.length / 3; i < arrow.length / 3 + 200; i++) {
            arrow[i] ^= 0x33;
        }

        TestService.Reply cut = SERVICE.post("/api/v1/datasets", PARQUET, Arrays.copyOf(parquet, parquet.length - 9));
        TestService.Reply damaged = SERVICE.post("/api/v1/monitors/formats/checks",
                "application/vnd.apache.arrow.file", arrow);

        assertThat(cut.status()).as(cut.body()).isEqualTo(422);
        assertThat(cut.json().get("message").asText()).startsWith("the uploaded batch: truncated Parquet file");
        assertThat(damaged.status()).as(damaged.body()).isEqualTo(422);
        assertThat(damaged.json().get("message").asText()).matches("the uploaded batch, record batch \\d+, column "
                + "'[a-z]+': .+").doesNotContain(SERVICE.dir.toString());
    }
}
