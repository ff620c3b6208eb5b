package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.report.JsonResultTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch check} and {@code driftwatch profile} with a monitor that has a {@code model:}
 * section: the exit code's model-quality bit alone and with drift and failed data-quality tests (8, 9,
 * 12, 13), a batch of predictions whose labels arrive later, the model's columns checked on the
 * reference with the monitor's line and column, and a saved profile that keeps the model's rows.
 *
 * <p>The batches: a balanced binary target {@code y}, a predicted label {@code pred}, a probability
 * {@code proba}, five features and a row id. The reference's predictions are all right; a degraded batch has
 * the same targets and the same number of each predicted label, a quarter of them wrong (so the
 * prediction's distribution does not drift while every metric falls by far more than Evidently's
 * ±20 %). A drifted batch moves five features, five of the nine tested columns.
 */
class ModelQualityCheckCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ROWS = 200;
    private static final String MODEL = """
            name: churn
            model:
              task: binary_classification
              target: y
              prediction: pred
            """;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------
    // exit codes

    @Test
    void aModelThatKeepsItsQualityLeavesTheExitCodeAtZero() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        CliRunner.Run run = check(reference, batch("current.csv", false, false, 1), monitor(MODEL), "r.json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode quality = json("r.json").get("quality");
        assertThat(quality.get("failed").asBoolean()).isFalse();
        assertThat(quality.get("tests")).isNotEmpty().allMatch(t -> t.get("status").asText().equals("SUCCESS"));
        assertThat(run.stdout()).containsPattern("Model quality: All \\d+ model-quality tests passed \\(Evidently's tests\\)");
    }

    @Test
    void aModelThatFailsEvidentlysTestsExitsWithEight() throws Exception {
        CliRunner.Run run = check(batch("reference.csv", false, false, 1), batch("current.csv", true, false, 1),
                monitor(MODEL), "r.json");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.MODEL_QUALITY.code()).isEqualTo(8);
        JsonNode result = json("r.json");
        assertThat(result.at("/datasetDrift/detected").asBoolean()).as("the prediction's distribution held").isFalse();
        assertThat(result.at("/quality/failed").asBoolean()).isTrue();
        assertThat(result.at("/quality/current/metrics/accuracy").asDouble()).isEqualTo(0.75);
        assertThat(failedTests(result)).contains("accuracy", "f1_score");
        assertThat(run.stdout()).containsPattern("Model quality: \\d+ of \\d+ model-quality tests failed")
                .containsPattern("FAIL +accuracy = 0\\.750?, expected");
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    @Test
    void driftAndAFailedModelExitWithNine() throws Exception {
        CliRunner.Run run = check(batch("reference.csv", false, false, 1), batch("current.csv", true, true, 1),
                monitor(MODEL), "r.json");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.DRIFT_AND_MODEL_QUALITY.code()).isEqualTo(9);
        JsonNode result = json("r.json");
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(result.at("/quality/failed").asBoolean()).isTrue();
    }

    @Test
    void failedDataQualityTestsAndAFailedModelExitWithTwelve() throws Exception {
        // the current batch holds each row twice: Evidently's row-count and duplicated-row tests fail
        CliRunner.Run run = check(batch("reference.csv", false, false, 1), batch("current.csv", true, false, 2),
                monitor(MODEL + "integrity: {tests: evidently}\n"), "r.json");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.DATA_AND_MODEL_QUALITY.code()).isEqualTo(12);
        JsonNode result = json("r.json");
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isFalse();
        assertThat(result.at("/integrity/failed").asBoolean()).isTrue();
        assertThat(result.at("/quality/failed").asBoolean()).isTrue();
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    @Test
    void driftFailedDataQualityTestsAndAFailedModelExitWithThirteen() throws Exception {
        CliRunner.Run run = check(batch("reference.csv", false, false, 1), batch("current.csv", true, true, 2),
                monitor(MODEL + "integrity: {tests: evidently}\n"), "r.json");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.DRIFT_DATA_AND_MODEL_QUALITY.code())
                .isEqualTo(13);
        JsonNode result = json("r.json");
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(result.at("/integrity/failed").asBoolean()).isTrue();
        assertThat(result.at("/quality/failed").asBoolean()).isTrue();
    }

    @Test
    void qualityTestsNoneMeasureTheModelWithoutEverSettingTheBit() throws Exception {
        CliRunner.Run run = check(batch("reference.csv", false, false, 1), batch("current.csv", true, false, 1),
                monitor(MODEL + "quality: none\n"), "r.json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode quality = json("r.json").get("quality");
        assertThat(quality.get("mode").asText()).isEqualTo("none");
        assertThat(quality.get("tests")).isEmpty();
        assertThat(quality.at("/current/metrics/accuracy").asDouble()).isEqualTo(0.75);
    }

    @Test
    void withoutAReferenceTheModelIsTestedAgainstEvidentlysDummyBaselines() throws Exception {
        Path current = batch("current.csv", true, false, 1);
        Path json = dir.resolve("r.json");
        CliRunner.Run run = CliRunner.run("check", "--current", current.toString(), "--monitor",
                monitor(MODEL).toString(), "--json", json.toString());

        assertThat(run.exitCode() & ~ExitCode.MODEL_QUALITY.code()).as(run.stderr()).isZero();
        JsonNode result = json("r.json");
        assertThat(result.get("reference").isNull()).isTrue();
        assertThat(result.get("skipped").get(0).get("analysis").asText()).isEqualTo("drift");
        assertThat(result.at("/quality/reference").isNull()).isTrue();
        assertThat(result.at("/quality/baselines/dummy_accuracy").isNumber()).isTrue();
        assertThat(result.at("/quality/tests/0/condition").asText()).startsWith("gt ");
        assertThat((run.exitCode() & 8) != 0).isEqualTo(result.at("/quality/failed").asBoolean());
        assertThat(run.stdout()).contains("(Evidently's tests against its dummy baselines)");
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // predictions whose labels arrive later

    @Test
    void aBatchOfPredictionsWithoutItsTargetIsCheckedForDriftAndItsQualityIsNotMeasured() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        Path predictions = withoutColumn(batch("current.csv", true, false, 1), "y");
        CliRunner.Run run = check(reference, predictions, monitor(MODEL + "  id: request_id\n"), "r.json");

        assertThat(run.exitCode()).as("no drift, and an unmeasured model is no failure: " + run.stderr()).isZero();
        JsonNode result = json("r.json");
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isFalse();
        List<String> tested = new ArrayList<>();
        result.get("columns").forEach(c -> tested.add(c.get("name").asText()));
        assertThat(tested).as("drift is tested, the row id is not").contains("x1", "x5", "pred", "proba")
                .doesNotContain("request_id", "y");
        JsonNode quality = result.get("quality");
        assertThat(quality.get("failed").asBoolean()).isFalse();
        assertThat(quality.at("/current/error").asText()).contains("y");
        assertThat(quality.get("tests")).isEmpty();
        assertThat(quality.at("/reference/metrics/accuracy").asDouble()).as("the reference is still measured")
                .isEqualTo(1.0);
        assertThat(run.stdout()).contains("Model quality not measured (");
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    @Test
    void withoutAModelIdABatchMissingTheTargetDoesNotLineUp() throws Exception {
        Path predictions = withoutColumn(batch("current.csv", true, false, 1), "y");
        CliRunner.Run run = check(batch("reference.csv", false, false, 1), predictions, monitor(MODEL), "r.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("do not line up").contains("column 'y'");
    }

    // ---------------------------------------------------------------------------------------------
    // the model's columns on the reference

    @Test
    void aModelColumnTheReferenceLacksIsNamedAtItsFieldsLine() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        Path monitor = monitor("""
                name: churn
                model:
                  task: binary_classification
                  target: y
                  prediction: predicted
                """);
        CliRunner.Run run = check(reference, batch("current.csv", false, false, 1), monitor, "r.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: monitor " + monitor + " is invalid: line 5,"
                + " column 3: model.prediction: reference " + reference + " has no column 'predicted'");
        assertThat(run.stdout()).isEmpty();
        assertThat(Files.exists(dir.resolve("r.json"))).as("no result is written").isFalse();
    }

    @Test
    void aTargetNamedUnderColumnsIsPointedAtThere() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        Path monitor = monitor("""
                columns:
                  target: label
                model:
                  task: binary_classification
                  prediction: pred
                """);
        CliRunner.Run run = check(reference, batch("current.csv", false, false, 1), monitor, "r.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: monitor " + monitor + " is invalid: line 2,"
                + " column 3: model.target: reference " + reference + " has no column 'label'");
    }

    @Test
    void aProbabilityOutsideZeroToOneIsNamedWithItsRow() throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), """
                y,proba,x
                1,0.9,1.5
                0,0.2,2.5
                1,1.3,0.5
                0,0.1,1.0
                """);
        Path monitor = monitor("""
                name: churn
                model:
                  task: binary_classification
                  target: y
                  probabilities: proba
                """);
        CliRunner.Run run = check(reference, reference, monitor, "r.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: monitor " + monitor + " is invalid: line 5,"
                + " column 3: model.probabilities: column 'proba' of reference " + reference + " holds 1.3 at row 3;"
                + " probabilities are between 0 and 1");
    }

    @Test
    void aClassProbabilityColumnIsNamedWithItsClass() throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), """
                species,p_a,p_b,p_c
                a,0.8,0.1,0.1
                b,0.1,0.8,-0.1
                """);
        Path monitor = monitor("""
                model:
                  target: species
                  probabilities:
                    a: p_a
                    b: p_b
                    c: p_c
                """);
        CliRunner.Run run = check(reference, reference, monitor, "r.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: monitor " + monitor + " is invalid: line 6,"
                + " column 5: model.probabilities.c: column 'p_c' of reference " + reference + " holds -0.1 at row 2;"
                + " probabilities are between 0 and 1");
    }

    @Test
    void aRegressionTargetHoldingTextNamesTheFirstCellThatIsNotANumber() throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), """
                cnt,predicted
                12.5,11
                14,15
                n/a,13
                """);
        Path monitor = monitor("model:\n  task: regression\n  target: cnt\n  prediction: predicted\n");
        CliRunner.Run run = check(reference, reference, monitor, "r.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: monitor " + monitor + " is invalid: line 3,"
                + " column 3: model.target: column 'cnt' of reference " + reference + " must hold a number, found"
                + " 'n/a' at row 3");
    }

    @Test
    void everyModelColumnProblemIsListedAtOnce() throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), "y,proba\n1,2.0\n0,0.5\n");
        Path monitor = monitor("model:\n  target: y\n  prediction: label\n  probabilities: proba\n  task: "
                + "binary_classification\n");
        CliRunner.Run run = check(reference, reference, monitor, "r.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("monitor " + monitor + " has 2 problems:")
                .contains("line 3, column 3: model.prediction: reference " + reference + " has no column 'label'")
                .contains("line 4, column 3: model.probabilities: column 'proba' of reference " + reference
                        + " holds 2.0 at row 1");
    }

    // ---------------------------------------------------------------------------------------------
    // profiles

    @Test
    void aProfileOfTheReferenceKeepsTheModelsRowsAndChecksAsTheCsvDoes() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        Path current = batch("current.csv", true, true, 1);
        Path monitor = monitor(MODEL.replace("prediction: pred", "prediction: pred\n  probabilities: proba"));
        Path profile = dir.resolve("reference.profile");
        CliRunner.Run saved = CliRunner.run("profile", "--reference", reference.toString(), "--out",
                profile.toString(), "--monitor", monitor.toString());
        assertThat(saved.exitCode()).as(saved.stderr()).isZero();
        try (InputStream in = Files.newInputStream(profile)) {
            ReferenceProfile read = ReferenceProfile.readFrom(in, profile.toString());
            assertThat(read.rows()).as("the model's columns, row by row").isPresent();
            assertThat(read.rows().get().columns()).extracting(io.driftwatch.data.Column::name)
                    .containsExactly("y", "pred", "proba");
            assertThat(read.rows().get().rowCount()).isEqualTo(ROWS);
        }

        CliRunner.Run fromCsv = check(reference, current, monitor, "csv.json");
        CliRunner.Run fromProfile = check(profile, current, monitor, "profile.json");

        assertThat(fromProfile.exitCode()).isEqualTo(fromCsv.exitCode()).isEqualTo(9);
        JsonNode csv = json("csv.json");
        JsonNode prof = json("profile.json");
        assertThat(prof.at("/reference/format").asText()).isEqualTo("profile");
        assertThat(prof.get("quality")).isEqualTo(csv.get("quality"));
        assertThat(prof.at("/quality/reference/metrics/roc_auc").isNumber()).isTrue();
        assertThat(JsonResultTest.schemaErrors(prof)).isEmpty();
    }

    @Test
    void aProfileMadeWithoutTheModelSaysToProfileTheReferenceAgain() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        Path profile = dir.resolve("reference.profile");
        assertThat(CliRunner.run("profile", "--reference", reference.toString(), "--out", profile.toString())
                .exitCode()).isZero();

        CliRunner.Run run = check(profile, batch("current.csv", true, false, 1), monitor(MODEL), "r.json");

        assertThat(run.exitCode()).as("nothing was tested against the reference: " + run.stderr()).isZero();
        JsonNode quality = json("r.json").get("quality");
        assertThat(quality.get("reference").isNull()).isTrue();
        assertThat(quality.get("errors").get(0).asText()).contains("profile the reference again");
        assertThat(quality.at("/current/metrics/accuracy").asDouble()).isEqualTo(0.75);
    }

    @Test
    void aProfileMadeForAnotherModelSaysWhichColumnsItLacksInsteadOfTestingAgainstNothing() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        Path profile = dir.resolve("reference.profile");
        assertThat(CliRunner.run("profile", "--reference", reference.toString(), "--out", profile.toString(),
                "--monitor", monitor(MODEL).toString()).exitCode()).isZero();
        Path probabilities = monitor(MODEL.replace("prediction: pred", "probabilities: proba"));

        CliRunner.Run run = check(profile, batch("current.csv", true, false, 1), probabilities, "r.json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode quality = json("r.json").get("quality");
        assertThat(quality.get("reference").isNull()).isTrue();
        assertThat(quality.get("tests")).as("nothing to test against").isEmpty();
        assertThat(quality.get("errors").get(0).asText()).isEqualTo("the reference profile keeps no rows of the"
                + " model's column 'proba' (it was made with another model: section): profile the reference again"
                + " to compare the model with it");
        assertThat(run.stdout()).doesNotContain("passed");
    }

    @Test
    void profileRefusesAReferenceThatLacksAModelColumn() throws Exception {
        Path reference = batch("reference.csv", false, false, 1);
        Path monitor = monitor(MODEL.replace("prediction: pred", "prediction: predicted"));
        Path profile = dir.resolve("reference.profile");
        CliRunner.Run run = CliRunner.run("profile", "--reference", reference.toString(), "--out",
                profile.toString(), "--monitor", monitor.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch profile: monitor " + monitor + " is invalid: line 5,"
                + " column 3: model.prediction: reference " + reference + " has no column 'predicted'");
        assertThat(Files.exists(profile)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------

    private CliRunner.Run check(Path reference, Path current, Path monitor, String json) throws Exception {
        return CliRunner.run("check", "--reference", reference.toString(), "--current", current.toString(),
                "--monitor", monitor.toString(), "--json", dir.resolve(json).toString());
    }

    private Path monitor(String yaml) throws IOException {
        return Files.writeString(dir.resolve("monitor.yml"), yaml, StandardCharsets.UTF_8);
    }

    private JsonNode json(String name) throws IOException {
        return MAPPER.readTree(dir.resolve(name).toFile());
    }

    private static List<String> failedTests(JsonNode result) {
        List<String> failed = new ArrayList<>();
        result.at("/quality/tests").forEach(t -> {
            if (t.get("status").asText().equals("FAIL")) {
                failed.add(t.get("metric").asText());
            }
        });
        return failed;
    }

    /**
     * {@link #ROWS} rows (each written {@code copies} times, the copies duplicates): {@code request_id}, features {@code x1..x5}
     * (moved by 5 when {@code drifted}: five of the nine columns), the target {@code y} (0 and 1 in turn), the predicted label
     * {@code pred} and the probability {@code proba} of 1. All predictions right, or, {@code degraded},
     * a quarter of each class wrong (the predicted labels keep their counts).
     */
    private Path batch(String name, boolean degraded, boolean drifted, int copies) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("request_id,x1,x2,x3,x4,x5,y,pred,proba\n");
        int wrongOnes = 0;
        int wrongZeros = 0;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            int y = i % 2;
            boolean wrong = false;
            if (degraded && y == 1 && wrongOnes < ROWS / 8) {
                wrong = random.nextBoolean() || ROWS - i <= 2 * (ROWS / 8 - wrongOnes);
                wrongOnes += wrong ? 1 : 0;
            } else if (degraded && y == 0 && wrongZeros < ROWS / 8) {
                wrong = random.nextBoolean() || ROWS - i <= 2 * (ROWS / 8 - wrongZeros);
                wrongZeros += wrong ? 1 : 0;
            }
            int pred = wrong ? 1 - y : y;
            double proba = pred == 1 ? 0.6 + 0.4 * random.nextDouble() : 0.4 * random.nextDouble();
            double shift = drifted ? 5 : 0;
            StringBuilder row = new StringBuilder();
            for (int x = 0; x < 5; x++) {
                row.append(String.format(Locale.ROOT, "%.6f,", random.nextGaussian() + shift));
            }
            rows.add(row.append(String.format(Locale.ROOT, "%d,%d,%.6f", y, pred, proba)).toString());
        }
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < ROWS; i++) {
                csv.append('r').append(i).append(',').append(rows.get(i)).append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv.toString(), StandardCharsets.UTF_8);
    }

    /** {@code file} without the column {@code column}. */
    private static Path withoutColumn(Path file, String column) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int drop = List.of(lines.get(0).split(",")).indexOf(column);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(drop);
            out.add(String.join(",", cells));
        }
        Path target = file.resolveSibling("predictions-" + file.getFileName());
        return Files.write(target, out);
    }
}
