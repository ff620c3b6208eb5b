package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.io.ArrowFileWriter;
import io.driftwatch.io.CsvReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
    void theHtmlReportIsNotAvailableOnSketches() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--sketch", "--reference", REF, "--current", CUR, "--report",
                dir.resolve("r.html").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("driftwatch check: --report is not available with --sketch (the HTML"
                + " report needs the data itself); use --json" + System.lineSeparator());
    }
}
