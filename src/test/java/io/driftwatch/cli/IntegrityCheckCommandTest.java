package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.report.JsonResultTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch check} with and without the monitor's {@code integrity:} section on the
 * bike-sharing example: no section, no data-quality analysis (output and exit code as before); with it,
 * the terminal block, the JSON section, the report's section and the exit code's data-quality bit; and
 * a check without a reference, which runs Evidently's no-reference tests.
 */
class IntegrityCheckCommandTest {
    private static final String REF = "examples/bike-sharing/reference.csv";
    private static final String CUR = "examples/bike-sharing/current.csv";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path monitor(Path dir, String extra) throws Exception {
        String example = Files.readString(Path.of("examples/bike-sharing/monitor.yml"));
        return Files.writeString(dir.resolve("monitor.yml"), example + extra);
    }

    @Test
    void withoutAnIntegritySectionNoDataQualityAnalysisRuns(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor",
                monitor(dir, "").toString(), "--json", json.toString());

        assertThat(run.exitCode()).as("drift alone").isEqualTo(1);
        assertThat(run.stdout()).doesNotContain("Data quality");
        assertThat(MAPPER.readTree(json.toFile()).has("integrity")).isFalse();
    }

    @Test
    void evidentlysTestsAddTheDataQualityBitTheTerminalBlockAndTheSections(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor",
                monitor(dir, "integrity: {tests: evidently}\n").toString(), "--json", json.toString(), "--report",
                html.toString());

        assertThat(run.exitCode()).as("drift and failed data-quality tests").isEqualTo(5);
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).containsPattern("\nData quality: \\d+ of \\d+ data-quality tests failed \\(Evidently's"
                + " tests\\)\n  741 rows, 0 duplicated; 0 missing cells \\(0 per row\\); 1 constant, 0 empty columns\n")
                .contains("  FAIL      mean of temp = ");
        assertThat(run.stdout().indexOf("Data quality:")).isGreaterThan(run.stdout().indexOf("Dataset drift:"));
        JsonNode result = MAPPER.readTree(json.toFile());
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
        assertThat(result.at("/integrity/failed").asBoolean()).isTrue();
        assertThat(result.at("/integrity/reference/dataset/row_count").asInt()).isEqualTo(688);
        assertThat(Files.readString(html)).contains("<h2 id=\"verdict\">Dataset drift detected</h2>")
                .contains("<h2 id=\"dq-verdict\">");
    }

    @Test
    void summaryWithoutTestsLeavesTheExitCodeToDrift(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor",
                monitor(dir, "integrity: none\n").toString(), "--json", json.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("\nData quality: Data-quality summary (no tests)\n");
        JsonNode integrity = MAPPER.readTree(json.toFile()).get("integrity");
        assertThat(integrity.get("mode").asText()).isEqualTo("none");
        assertThat(integrity.get("tests")).isEmpty();
        assertThat(integrity.at("/columns/temp/mean").isNumber()).isTrue();
    }

    @Test
    void withoutAReferenceEvidentlysNoReferenceTestsRun(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        Path monitor = monitor(dir, "integrity: {tests: evidently}\n");
        Files.writeString(monitor, Files.readString(monitor).replace("reference: examples/bike-sharing/reference.csv\n",
                ""));

        CliRunner.Run run = CliRunner.run("check", "--current", CUR, "--monitor", monitor.toString(), "--json",
                json.toString(), "--report", html.toString());

        JsonNode result = MAPPER.readTree(json.toFile());
        JsonNode integrity = result.get("integrity");
        assertThat(run.exitCode()).as("season is constant: constant and almost-constant columns fail eq 0").isEqualTo(4);
        assertThat(run.stdout()).startsWith("bike-sharing: " + CUR + " (741 rows), no reference: drift not tested\n")
                .contains("Data quality: 2 of 22 data-quality tests failed").contains("(Evidently's tests without a reference)")
                .contains("  FAIL      almost constant columns = 1, expected equal to 0\n"
                        + "  FAIL      constant columns = 1, expected equal to 0\n");
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
        assertThat(integrity.get("reference").isNull()).isTrue();
        assertThat(integrity.at("/tests/0/condition").asText()).isEqualTo("gt 0");
        assertThat(Files.readString(html)).contains("<title>2 of 22 data-quality tests failed · bike-sharing</title>").doesNotContain("id=\"verdict\"");
    }

    @Test
    void withReferenceConditionsAChangedSchemaIsAFindingNotARefusal(@TempDir Path dir) throws Exception {
        // the current batch without its humidity column, and with a column the reference never had
        java.util.List<String> lines = Files.readAllLines(Path.of(CUR));
        StringBuilder changed = new StringBuilder();
        for (String line : lines) {
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.Arrays.asList(line.split(",", -1)));
            int hum = java.util.Arrays.asList(lines.get(0).split(",", -1)).indexOf("hum");
            cells.remove(hum);
            cells.add(line == lines.get(0) ? "promo" : "0");
            changed.append(String.join(",", cells)).append('\n');
        }
        Path current = Files.writeString(dir.resolve("changed.csv"), changed);
        Path json = dir.resolve("r.json");

        CliRunner.Run refused = CliRunner.run("check", "--reference", REF, "--current", current.toString(),
                "--monitor", monitor(dir, "integrity: {tests: evidently}\n").toString());
        assertThat(refused.exitCode()).as("Evidently's tests: the batches must line up").isEqualTo(2);
        assertThat(refused.stderr()).contains("column 'hum'").contains("column 'promo'");

        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", current.toString(),
                "--monitor", monitor(dir, "integrity: reference\n").toString(), "--json", json.toString());
        JsonNode integrity = MAPPER.readTree(json.toFile()).get("integrity");
        java.util.List<String> findings = new java.util.ArrayList<>();
        integrity.get("findings").forEach(f -> findings.add(f.get("condition").asText() + " " + f.get("column").asText()));
        assertThat(findings).contains("column_missing hum", "column_new promo");
        assertThat(run.exitCode() & 4).as("the data-quality bit").isEqualTo(4);
        assertThat(run.stderr()).isEmpty();
    }

    /** The README's data-quality example: January 2012 beyond anything January 2011 had. */
    @Test
    void theDataQualityExampleFindsTheColumnsBeyondTheReferencesRange(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor",
                "examples/bike-sharing/monitor-data-quality.yml", "--json", json.toString());

        assertThat(run.exitCode()).as("drift and data quality").isEqualTo(5);
        assertThat(run.stdout()).contains("Data quality: 5 data-quality findings (conditions from the reference)\n")
                .contains("  WARNING   cnt: out of range: 106 values above 249, up to 559; by chance a batch drawn like"
                        + " the reference has up to 12 beyond either end; expected values in [1, 249], the reference's"
                        + " range\n");
        java.util.List<String> findings = new java.util.ArrayList<>();
        MAPPER.readTree(json.toFile()).at("/integrity/findings")
                .forEach(f -> findings.add(f.get("condition").asText() + " " + f.get("column").asText()));
        assertThat(findings).containsExactly("out_of_range temp", "out_of_range atemp", "out_of_range casual",
                "out_of_range registered", "out_of_range cnt");
    }
}
