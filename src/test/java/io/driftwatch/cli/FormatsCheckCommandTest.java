package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code driftwatch check} and {@code inspect} on Parquet and compressed Arrow files written by
 * Polars and DuckDB (src/test/resources/io/driftwatch/io/formats): the same verdict and scores as the
 * CSV of the same rows; refusals exit 2 naming the file and what is wrong.
 */
class FormatsCheckCommandTest {
    private static final String REF = "examples/bike-sharing/reference.csv";
    private static final String CUR = "examples/bike-sharing/current.csv";
    private static final String MONITOR = "examples/bike-sharing/monitor.yml";
    private static final String FORMATS = "src/test/resources/io/driftwatch/io/formats/";

    private static JsonNode check(Path dir, String current) throws Exception {
        Path json = dir.resolve(Path.of(current).getFileName() + ".json");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", current, "--monitor", MONITOR,
                "--json", json.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        return new ObjectMapper().readTree(json.toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bike-current.snappy.parquet", "bike-current.duckdb.parquet", "bike-current.lz4.arrow",
            "bike-current.zstd.arrow"})
    void checksAParquetOrCompressedArrowBatchAsItChecksTheCsv(String file, @TempDir Path dir) throws Exception {
        JsonNode fromCsv = check(dir, CUR);

        JsonNode result = check(dir, FORMATS + file);

        assertThat(result.get("datasetDrift")).isEqualTo(fromCsv.get("datasetDrift"));
        assertThat(result.get("columns")).isEqualTo(fromCsv.get("columns"));
        assertThat(result.at("/current/rows").asInt()).isEqualTo(741);
    }

    @Test
    void takesAParquetReference(@TempDir Path dir) throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", FORMATS + "bike-current.snappy.parquet",
                "--current", CUR, "--monitor", MONITOR);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Dataset drift: NO, 0 of 13 columns drifted");
    }

    @Test
    void inspectsAParquetFile() throws Exception {
        CliRunner.Run run = CliRunner.run("inspect", FORMATS + "types.snappy.parquet");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("300 rows").contains("colour").contains("ts_ns");
    }

    @Test
    void refusesANestedParquetFileWithExitCodeTwoNamingTheColumns() throws Exception {
        String nested = FORMATS + "nested.parquet";

        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", nested);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(nested + ": nested columns cannot be read: 'tags' (list), 'point' (struct)")
                .doesNotContain("\tat ");
    }

    @Test
    void refusesATruncatedFeatherFileWithExitCodeTwo(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(FORMATS + "bike-current.lz4.arrow"));
        Path cut = Files.write(dir.resolve("cut.feather"), java.util.Arrays.copyOf(whole, whole.length - 100));

        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", cut.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(cut + ": truncated Arrow file").doesNotContain("\tat ");
    }
}
