package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchApplication;
import io.driftwatch.report.JsonResultTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static final String REF = "examples/bike-sharing/reference.csv";
    private static final String CUR = "examples/bike-sharing/current.csv";
    private static final String MONITOR = "examples/bike-sharing/monitor.yml";

    @Test
    void bikeSharingDriftsSoTheExitCodeIsOne() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor", MONITOR);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).startsWith("bike-sharing: " + REF + " (688 rows) vs " + CUR + " (741 rows)")
                .containsPattern("Dataset drift: YES, \\d+ of 13 columns drifted \\(\\d+(\\.\\d)?%, threshold 50%\\)")
                .containsPattern("cnt \\(target\\) +numerical +ks ");
        assertThat(run.stderr()).as("drift is a verdict, not an error").isEmpty();
    }

    @Test
    void referenceAgainstItselfDoesNotDriftSoTheExitCodeIsZero() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", REF);

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Dataset drift: NO, 0 of ").doesNotContain("DRIFT");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void tableListsDriftedColumnsFirstThenTheStrongestEvidence() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor", MONITOR);
        List<String[]> rows = tableRows(run.stdout());

        assertThat(rows).hasSize(13);
        int firstCalm = -1;
        for (int i = 0; i < rows.size(); i++) {
            String drift = rows.get(i)[rows.get(i).length - 1];
            if (drift.equals("-") && firstCalm < 0) {
                firstCalm = i;
            }
            if (firstCalm >= 0) {
                assertThat(drift).as("row %d after the first undrifted row", i).isEqualTo("-");
            }
        }
        assertThat(firstCalm).isPositive();
        // Every test here is a p-value test at 0.05, so strength order is score order.
        List<Double> scores = new ArrayList<>();
        for (String[] row : rows) {
            scores.add(Double.parseDouble(row[row.length - 3]));
        }
        assertThat(scores.subList(0, firstCalm)).isSorted();
        assertThat(scores.subList(firstCalm, scores.size())).isSorted();
        assertThat(rows.get(0)[0]).isEqualTo("temp");
    }

    @Test
    void jsonOptionWritesASchemaValidResultCreatingItsFolder(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results/bike.json");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor", MONITOR,
                "--json", json.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(result.at("/roles/target").asText()).isEqualTo("cnt");
        assertThat(result.get("columns")).extracting(c -> c.get("name").asText())
                .doesNotContain("instant", "yr", "mnth", "dteday");
        try (var files = Files.list(json.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(json);
        }
    }

    @Test
    void monitorOverridesTakeEffect(@TempDir Path dir) throws Exception {
        Path monitor = Files.writeString(dir.resolve("m.yml"), """
                name: overrides
                columns:
                  ignored: [instant, yr, mnth, dteday]
                drift:
                  share: 0.9
                  per_column:
                    temp: {method: psi, threshold: 0.2}
                    hum: {threshold: 0.0000001}
                """);
        Path json = dir.resolve("r.json");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor",
                monitor.toString(), "--json", json.toString());

        JsonNode result = new ObjectMapper().readTree(json.toFile());
        JsonNode temp = column(result, "temp");
        assertThat(temp.get("test").asText()).isEqualTo("psi");
        assertThat(temp.get("threshold").asDouble()).isEqualTo(0.2);
        assertThat(temp.get("comparison").asText()).isEqualTo(">=");
        JsonNode hum = column(result, "hum");
        assertThat(hum.get("test").asText()).isEqualTo("ks");
        assertThat(hum.get("drifted").asBoolean()).as("p about 6e-5 is not <= 1e-7").isFalse();
        assertThat(result.at("/datasetDrift/threshold").asDouble()).isEqualTo(0.9);
        assertThat(run.exitCode()).as("share below 0.9").isZero();
        assertThat(run.stdout()).containsPattern("temp +numerical +psi +[0-9.]+ +d >= 0.2 +DRIFT")
                .startsWith("overrides: ");
    }

    @Test
    void referenceMayComeFromTheMonitor() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--current", CUR, "--monitor", MONITOR);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).startsWith("bike-sharing: " + REF + " (688 rows)");
    }

    @Test
    void noReferenceAnywhereIsBadUsage() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--current", CUR);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo(
                "driftwatch check: argument --reference is required (or give a --monitor that names one)");
    }

    @Test
    void aMonitorWithoutReferenceAndNoAnalysisThatNeedsNoneIsBadUsage(@TempDir Path dir) throws Exception {
        Path monitor = dir.resolve("m.yml");
        Files.writeString(monitor, "name: no-reference\ndrift: {share: 0.5}\n");

        CliRunner.Run run = CliRunner.run("check", "--current", CUR, "--monitor", monitor.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: argument --reference is required: the monitor "
                + monitor + " names no reference, and without one only the analyses that need none run"
                + " (integrity: and model:); it asks for neither");
    }

    @Test
    void missingCurrentIsBadUsage() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", REF);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("argument --current is required").contains("usage:");
    }

    @Test
    void unreadableFileExitsWithTwoNamingIt() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", "no/such/current.csv");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: no/such/current.csv: no such file");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void raggedCsvExitsWithTwoNamingTheLine(@TempDir Path dir) throws Exception {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b\n1,2\n3\n", StandardCharsets.UTF_8);
        CliRunner.Run run = CliRunner.run("check", "--reference", ragged.toString(), "--current", REF);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(ragged + " line 3: expected 2 fields as in the header, found 1")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void invalidMonitorExitsWithTwoNamingTheField(@TempDir Path dir) throws Exception {
        Path monitor = Files.writeString(dir.resolve("bad.yml"), "drift:\n  per_column:\n    temp: {method: pis}\n");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor",
                monitor.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("driftwatch check: monitor " + monitor
                + " is invalid: line 3, column 12: drift.per_column.temp.method: unknown test 'pis'; valid tests: ks");
    }

    @Test
    void monitorFileWithTwoYamlDocumentsExitsWithTwoInsteadOfDroppingTheSecond(@TempDir Path dir) throws Exception {
        Path monitor = Files.writeString(dir.resolve("two.yml"), Files.readString(Path.of(MONITOR))
                + "---\ndrift:\n  share: 0.99\n");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor",
                monitor.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).startsWith("driftwatch check: monitor " + monitor + " is invalid: line ")
                .endsWith(": the definition holds 2 YAML documents; send one (remove the --- separators)");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void batchesThatDoNotLineUpExitWithTwoListingEveryProblem(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.csv"), "a,b,c\n1,2,x\n3,4,y\n");
        Path cur = Files.writeString(dir.resolve("cur.csv"), "a,c,d\n1,x,5\n3,y,6\n");
        CliRunner.Run run = CliRunner.run("check", "--reference", ref.toString(), "--current", cur.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("do not line up")
                .contains("column 'd': expected it in the reference (as in the current batch)")
                .contains("column 'b': expected it in the current batch (as in the reference)");
    }

    @Test
    void listsColumnsWhoseMissingShareChanged(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("ref.csv");
        Path cur = dir.resolve("cur.csv");
        StringBuilder r = new StringBuilder("x\n");
        StringBuilder c = new StringBuilder("x\n");
        for (int i = 0; i < 200; i++) {
            r.append(i % 50).append(".5\n");
            c.append(i % 4 == 0 ? "NA" : (i % 50) + ".5").append('\n');
        }
        Files.writeString(ref, r);
        Files.writeString(cur, c);
        CliRunner.Run run = CliRunner.run("check", "--reference", ref.toString(), "--current", cur.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Missing values changed:\n  x: 0% of the reference, 25% of the current batch");
    }

    @Test
    void writesTheHtmlReportBesideTheJson(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("reports/bike.html");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor", MONITOR, "--report",
                html.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("HTML report written to " + html);
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("bike-sharing").contains("temp");
        try (var files = Files.list(html.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(html);
        }
        assertThat(Files.getPosixFilePermissions(html)).as("readable by others, as the umask allows")
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    @Test
    void aReportPathThatIsADirectoryExitsWithTwoKeepingTheJsonWrittenBeforeIt(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--json", json.toString(),
                "--report", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: cannot write the HTML report to " + dir
                + ": it is a directory; name a file in it");
        assertThat(new ObjectMapper().readTree(json.toFile()).get("schemaVersion")).as("the JSON, written first")
                .isNotNull();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(json);
        }
    }

    @Test
    void aReportUnderAFileExitsWithTwoNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a directory");
        CliRunner.Run run = CliRunner.run("check", "--reference", REF, "--current", CUR, "--report",
                file.resolve("bike.html").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: cannot write the HTML report to "
                + file.resolve("bike.html") + ": " + file + " is a file, not a directory");
    }

    @Test
    void writeFailuresNameTheDirectoryOrTheReasonNotTheTemporaryFile(@TempDir Path dir) {
        Path report = dir.resolve("r.html");
        String tmp = dir.resolve(".r.html.123-abc.tmp").toString();
        assertThat(CheckCommand.whyNotWritten(report, new java.nio.file.NoSuchFileException(tmp)))
                .isEqualTo("cannot create a file in " + dir);
        assertThat(CheckCommand.whyNotWritten(report, new java.nio.file.AccessDeniedException(tmp)))
                .isEqualTo("permission denied to create a file in " + dir);
        assertThat(CheckCommand.whyNotWritten(report,
                new java.nio.file.FileSystemException(tmp, null, "Read-only file system")))
                .isEqualTo("Read-only file system");
        assertThat(CheckCommand.whyNotWritten(report, new java.io.IOException("No space left on device")))
                .isEqualTo("No space left on device");
    }

    @Test
    void jarEntryPointRegistersCheckInPlaceOfDropwizardsConfigCheck() throws Exception {
        // Application.run adds Dropwizard's default commands too; a second "check" would throw here.
        // No drift, so run returns instead of exiting the JVM.
        new DriftwatchApplication().run("check", "--reference", REF, "--current", REF);
    }

    @Test
    void checkAgainstASavedProfileEqualsCheckAgainstTheCsv(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("ref.profile");
        CliRunner.Run saved = CliRunner.run("profile", "--reference", REF, "--out", profile.toString(),
                "--monitor", MONITOR);
        assertThat(saved.exitCode()).isZero();
        assertThat(saved.stdout()).contains(profile + ": profile of " + REF + " (688 rows, 17 columns)");

        Path fromCsv = dir.resolve("csv.json");
        Path fromProfile = dir.resolve("profile.json");
        CliRunner.Run a = CliRunner.run("check", "--reference", REF, "--current", CUR, "--monitor", MONITOR,
                "--json", fromCsv.toString());
        CliRunner.Run b = CliRunner.run("check", "--reference", profile.toString(), "--current", CUR, "--monitor",
                MONITOR, "--json", fromProfile.toString());

        assertThat(b.exitCode()).isEqualTo(a.exitCode()).isEqualTo(1);
        assertThat(tableRows(b.stdout())).usingRecursiveComparison().isEqualTo(tableRows(a.stdout()));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode csv = mapper.readTree(fromCsv.toFile());
        JsonNode prof = mapper.readTree(fromProfile.toFile());
        assertThat(prof.get("columns")).isEqualTo(csv.get("columns"));
        assertThat(prof.get("datasetDrift")).isEqualTo(csv.get("datasetDrift"));
        assertThat(prof.at("/reference/format").asText()).isEqualTo("profile");
        assertThat(prof.at("/reference/rows").asInt()).isEqualTo(688);
        assertThat(JsonResultTest.schemaErrors(prof)).isEmpty();
    }

    @Test
    void progressBarAppearsAfterASecondAndIsErasedAtTheEnd() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(err, true);
        bar.stage("testing 3 columns", 2, 3);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (bytes.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        bar.close();
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\r[################--------] 2/3 testing 3 columns  1.")
                .endsWith("\r");
        String erase = drawn.substring(drawn.lastIndexOf('\r', drawn.length() - 2));
        assertThat(erase.strip()).as("the last write blanks the line").isEmpty();
    }

    @Test
    void progressBarStaysSilentForAQuickCheck() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(
                new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        bar.stage("reading", 0, 3);
        bar.close();
        assertThat(bytes.size()).isZero();
    }

    /** The table's data rows, split on runs of two or more spaces. */
    private static List<String[]> tableRows(String stdout) {
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : stdout.split("\\R")) {
            if (line.startsWith("  column ")) {
                inTable = true;
                continue;
            }
            if (inTable) {
                if (line.isBlank()) {
                    break;
                }
                rows.add(line.strip().split(" {2,}"));
            }
        }
        return rows;
    }

    private static JsonNode column(JsonNode json, String name) {
        for (JsonNode c : json.get("columns")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
