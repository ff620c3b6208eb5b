package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.io.ArrowFileWriter;
import io.driftwatch.io.CsvReader;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profile --sketch} and {@code check --sketch} on the bike-sharing example and on bad input. */
class SketchCommandsTest {
    private static final String REF = "examples/bike-sharing/reference.csv";
    private static final String CUR = "examples/bike-sharing/current.csv";
    private static final String MONITOR = "examples/bike-sharing/monitor.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void profileSketchWritesASketchProfile() throws Exception {
        Path out = dir.resolve("ref.sketch");
        CliRunner.Run run = CliRunner.run("profile", "--sketch", "--reference", REF, "--out", out.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(out + ": sketch profile of " + REF + " (688 rows, 17 columns)"
                + System.lineSeparator());
        assertThat(Arrays.copyOf(Files.readAllBytes(out), 8)).isEqualTo("DWSKETCH".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void checkSketchAgreesWithTheExactCheckWhereItsVerdictIsDecided() throws Exception {
        Path sketch = dir.resolve("ref.sketch");
        assertThat(CliRunner.run("profile", "--sketch", "--reference", REF, "--out", sketch.toString()).exitCode())
                .isZero();
        Path sketchJson = dir.resolve("sketch.json");
        Path exactJson = dir.resolve("exact.json");

        CliRunner.Run run = CliRunner.run("check", "--sketch", "--reference", sketch.toString(), "--current", CUR,
                "--monitor", MONITOR, "--json", sketchJson.toString());
        CliRunner.Run exact = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor", MONITOR,
                "--json", exactJson.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(exact.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).startsWith("Sketch check of " + CUR + " (741 rows) against " + sketch
                + " (688 rows)" + System.lineSeparator()
                + "Dataset drift: DETECTED: 9 of 13 columns drifted (69.2%, threshold 50%)")
                .contains("Not tested: instant (ignored) dteday (datetime) yr (ignored) mnth (ignored)");
        JsonNode s = JSON.readTree(sketchJson.toFile());
        JsonNode e = JSON.readTree(exactJson.toFile());
        assertThat(s.get("kind").asText()).isEqualTo("sketch");
        assertThat(s.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(s.get("sketchSettings").get("k").asInt()).isEqualTo(3200);
        assertThat(s.get("datasetDrift").get("detected").asBoolean()).isTrue();
        Map<String, JsonNode> exactColumns = new HashMap<>();
        e.get("columns").forEach(c -> exactColumns.put(c.get("name").asText(), c));
        assertThat(s.get("columns")).hasSize(exactColumns.size());
        int decided = 0;
        for (JsonNode c : s.get("columns")) {
            JsonNode x = exactColumns.get(c.get("name").asText());
            assertThat(x).as(c.get("name").asText()).isNotNull();
            assertThat(c.get("test").asText()).as(c.get("name").asText()).isEqualTo(x.get("test").asText());
            if (!c.get("verdict").asText().equals("undecided")) {
                decided++;
                assertThat(c.get("drifted").asBoolean()).as(c.get("name").asText())
                        .isEqualTo(x.get("drifted").asBoolean());
            }
        }
        // a few hundred rows: every sketch keeps its values exactly, so every verdict is decided
        assertThat(decided).isEqualTo(13);
    }

    @Test
    void checkSketchOfTheReferenceAgainstItselfExitsZero() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--sketch", "--reference", REF, "--current", REF);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Dataset drift: not detected: 0 of ");
    }

    @Test
    void twoSketchFilesOrAnArrowCurrentGiveTheSameVerdictsAsTheCsvFiles() throws Exception {
        Path refSketch = dir.resolve("ref.sketch");
        Path curSketch = dir.resolve("cur.bin"); // told by its magic bytes, not its name
        Path curArrow = dir.resolve("cur.arrow");
        assertThat(CliRunner.run("profile", "--sketch", "--reference", REF, "--out", refSketch.toString()).exitCode())
                .isZero();
        assertThat(CliRunner.run("profile", "--sketch", "--reference", CUR, "--out", curSketch.toString()).exitCode())
                .isZero();
        ArrowFileWriter.write(CsvReader.read(Path.of(CUR)), curArrow);
        Path fromCsv = dir.resolve("csv.json");
        Path fromSketches = dir.resolve("sketches.json");
        Path fromArrow = dir.resolve("arrow.json");

        assertThat(CliRunner.run("check", "--sketch", "--reference", REF, "--current", CUR, "--monitor", MONITOR,
                "--json", fromCsv.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("check", "--sketch", "--reference", refSketch.toString(), "--current",
                curSketch.toString(), "--monitor", MONITOR, "--json", fromSketches.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("check", "--sketch", "--reference", refSketch.toString(), "--current",
                curArrow.toString(), "--monitor", MONITOR, "--json", fromArrow.toString()).exitCode()).isEqualTo(1);

        JsonNode csv = JSON.readTree(fromCsv.toFile()).get("columns");
        for (Path other : new Path[] {fromSketches, fromArrow}) {
            JsonNode columns = JSON.readTree(other.toFile()).get("columns");
            assertThat(columns).as(other.toString()).hasSize(csv.size());
            for (int i = 0; i < csv.size(); i++) {
                for (String field : new String[] {"name", "type", "test", "score", "verdict"}) {
                    assertThat(columns.get(i).get(field)).as("%s %s %s", other, csv.get(i).get("name"), field)
                            .isEqualTo(csv.get(i).get(field));
                }
            }
        }
    }

    @Test
    void aMalformedCsvLineIsBadInput() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n4,5\n");
        CliRunner.Run run = CliRunner.run("profile", "--sketch", "--reference", bad.toString(), "--out",
                dir.resolve("x.sketch").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("driftwatch profile: " + bad + " line 3: expected 2 fields as in the"
                + " header, found 1" + System.lineSeparator());
        assertThat(dir.resolve("x.sketch")).doesNotExist();
    }

    @Test
    void aTruncatedSketchProfileIsBadInput() throws Exception {
        Path sketch = dir.resolve("ref.sketch");
        CliRunner.run("profile", "--sketch", "--reference", REF, "--out", sketch.toString());
        byte[] all = Files.readAllBytes(sketch);
        Files.write(sketch, Arrays.copyOf(all, all.length / 2));
        CliRunner.Run run = CliRunner.run("check", "--sketch", "--reference", sketch.toString(), "--current", CUR);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("driftwatch check: " + sketch + " is corrupt or truncated: its checksum"
                + " does not match its contents" + System.lineSeparator());
    }

    @Test
    void aWordInANumericColumnAfterTheTypeBlockIsBadInput() throws Exception {
        Path file = dir.resolve("late.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("x,y\n");
            for (int i = 0; i < 70_000; i++) {
                w.write(i + "," + (i % 7) + "\n");
            }
            w.write("70000,seven\n");
        }
        CliRunner.Run run = CliRunner.run("check", "--sketch", "--reference", REF, "--current", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("driftwatch check: " + file + " line 70002: column 'y' (column 2) holds"
                + " 'seven', but held numbers in the first 65,536 rows, from which a streamed read decides each"
                + " column's type; declare the column categorical (the monitor's columns.categorical) or fix the cell"
                + System.lineSeparator());
    }

    @Test
    void checkSketchWritesTheServicesSketchReportWithADriftedColumnFirst() throws Exception {
        Path sketch = dir.resolve("ref.sketch");
        assertThat(CliRunner.run("profile", "--sketch", "--reference", REF, "--out", sketch.toString()).exitCode())
                .isZero();
        Path json = dir.resolve("r.json");
        Path report = dir.resolve("r.html");

        CliRunner.Run run = CliRunner.run("check", "--sketch", "--reference", sketch.toString(), "--current", CUR,
                "--monitor", MONITOR, "--json", json.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).endsWith("JSON result written to " + json + System.lineSeparator()
                + "HTML report written to " + report + System.lineSeparator());
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain(" src=").contains(sketch.toString()).contains(CUR)
                .contains("Dataset drift detected (on sketch profiles)")
                .contains("<b>688</b>").contains("<b>741</b>")
                .contains("Not tested: instant (ignored), dteday (datetime), yr (ignored), mnth (ignored).");
        JsonNode s = JSON.readTree(json.toFile());
        int rows = 0;
        for (JsonNode c : s.get("columns")) {
            String name = c.get("name").asText();
            assertThat(html).as(name).contains("<tr data-name=\"" + name + "\" data-verdict=\""
                    + c.get("verdict").asText() + "\">");
            rows++;
        }
        assertThat(rows).isEqualTo(13);
        // drifted columns first, as in the exact report
        String first = html.substring(html.indexOf("<tr data-name="));
        assertThat(first).startsWith("<tr data-name=\"").contains("data-verdict=\"drift\"");
        assertThat(first.substring(0, first.indexOf('>'))).endsWith("data-verdict=\"drift\"");
    }

    @Test
    void theSketchReportSaysUndecidedWhereTheJsonDoes() throws Exception {
        Random random = new Random(20261206);
        Path reference = dir.resolve("ref.csv");
        Files.writeString(reference, normals(random, 800, 0.0));
        Path currentCsv = dir.resolve("cur.csv");
        Files.writeString(currentCsv, normals(random, 800, 0.3));
        // k = 8: a rank error near 0.3, wide enough to hold both verdicts of a KS statistic near 0.15
        Path current = dir.resolve("cur.sketch");
        Files.write(current, SketchProfile.of(CsvReader.read(currentCsv), SketchSettings.defaults().withK(8))
                .toByteArray());
        Path monitor = dir.resolve("m.yml");
        Files.writeString(monitor, "name: coarse\ncolumns: {numerical: [x]}\n");
        Path json = dir.resolve("r.json");
        Path report = dir.resolve("r.html");

        CliRunner.Run run = CliRunner.run("check", "--sketch", "--reference", reference.toString(), "--current",
                current.toString(), "--monitor", monitor.toString(), "--json", json.toString(), "--report",
                report.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode x = JSON.readTree(json.toFile()).at("/columns/0");
        assertThat(x.get("verdict").asText()).isEqualTo("undecided");
        String html = Files.readString(report);
        assertThat(html).contains("<tr data-name=\"x\" data-verdict=\"undecided\">")
                .contains("1 column is undecided at this sketch size")
                .contains("<span>Undecided columns</span><b>1</b>")
                .contains("No dataset drift detected (on sketch profiles)")
                .contains("current k 8,");
    }

    private static String normals(Random random, int n, double mean) {
        StringBuilder csv = new StringBuilder("x\n");
        for (int i = 0; i < n; i++) {
            csv.append(String.format(Locale.ROOT, "%.6f%n", mean + random.nextGaussian()));
        }
        return csv.toString();
    }
}
