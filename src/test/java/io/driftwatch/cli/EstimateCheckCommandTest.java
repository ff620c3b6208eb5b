package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.report.JsonResultTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch check} with a monitor that has {@code estimate:} and {@code multivariate:}
 * sections, end to end: CBPE on the Adult example's logged predictions (no labels, the real use case)
 * and on a batch whose labels are present (realized beside estimated), the PCA reconstruction error
 * and the domain classifier on a pair whose columns keep their distributions while their correlation
 * flips, the exit-code bits (an estimate alert is 8, a multivariate alert 1), and a bad section
 * refused with its line (exit 2).
 *
 * <p>The Adult figures checked against: {@code examples/adult/README.md}, measured by the program that
 * made the files (accuracy of {@code current.csv} 0.8526, of {@code current-drifted.csv} 0.8606).
 */
class EstimateCheckCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADULT = "examples/adult/";

    @TempDir
    Path dir;

    @Test
    void cbpeEstimatesTheModelOnPredictionsWhoseLabelsAreNotKnownYet() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", ADULT + "reference.csv", "--current",
                ADULT + "current-predictions.csv", "--monitor", ADULT + "monitor-estimate.yml", "--json",
                dir.resolve("r.json").toString(), "--report", dir.resolve("r.html").toString());

        JsonNode result = json("r.json");
        JsonNode estimate = result.get("estimate");
        assertThat(estimate.get("errors")).as(run.stdout() + run.stderr()).isEmpty();
        assertThat(estimate.get("method").asText()).isEqualTo("cbpe");
        assertThat(estimate.at("/chunking/count").asInt()).isEqualTo(10);
        assertThat(estimate.get("referenceChunks").asInt()).isEqualTo(10);
        assertThat(estimate.get("seed").asLong()).isEqualTo(42);
        assertThat(estimate.get("calibration")).hasSize(1);
        assertThat(estimate.at("/calibration/0/mode").asText()).isEqualTo("auto");
        assertThat(estimate.get("metrics").fieldNames()).toIterable().containsExactly("roc_auc", "f1_score", "accuracy");
        JsonNode accuracy = estimate.at("/metrics/accuracy/chunks");
        assertThat(accuracy).hasSize(10);
        double weighted = 0;
        for (JsonNode c : accuracy) {
            assertThat(c.get("rows").asInt()).isEqualTo(500);
            assertThat(c.get("toRow").asInt() - c.get("fromRow").asInt()).isEqualTo(500);
            assertThat(c.get("realized").isNull()).as("no labels yet").isTrue();
            assertThat(c.get("labelledRows").asInt()).isZero();
            assertThat(c.get("lowerConfidence").asDouble()).isLessThan(c.get("value").asDouble());
            assertThat(c.get("upperConfidence").asDouble()).isGreaterThan(c.get("value").asDouble());
            weighted += c.get("value").asDouble() * 500 / 5000;
        }
        assertThat(weighted).as("the estimate of a batch of the reference's population").isCloseTo(0.8526, within(0.02));
        assertThat(accuracy.get(3).get("index").asInt()).isEqualTo(3);
        assertThat(accuracy.get(3).get("fromRow").asInt()).isEqualTo(1500);
        assertThat(result.get("multivariate").get("errors")).isEmpty();
        assertThat(result.at("/multivariate/pca/chunks")).hasSize(10);
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
        int expected = (estimate.get("alert").asBoolean() ? 8 : 0)
                | (result.at("/datasetDrift/detected").asBoolean() || result.at("/multivariate/alert").asBoolean() ? 1 : 0);
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(expected);
        assertThat(run.stdout()).contains("(CBPE, 10 chunks, probabilities").contains("accuracy");
        String html = Files.readString(dir.resolve("r.html"));
        assertThat(html).contains("Estimated performance").contains("class=\"ck-band\"").contains("PCA reconstruction error");
    }

    @Test
    void withLabelsPresentTheRealizedValueStandsBesideTheEstimate() throws Exception {
        CliRunner.Run run = CliRunner.run("check", "--reference", ADULT + "reference.csv", "--current",
                ADULT + "current-drifted.csv", "--monitor", ADULT + "monitor-estimate.yml", "--json",
                dir.resolve("r.json").toString());

        JsonNode result = json("r.json");
        JsonNode accuracy = result.at("/estimate/metrics/accuracy/chunks");
        // 3,587 rows in 10 chunks of 358 and a last one of 7 (NannyML's incomplete='keep')
        assertThat(accuracy).hasSize(11);
        assertThat(accuracy.get(10).get("rows").asInt()).isEqualTo(7);
        double realized = 0;
        for (JsonNode c : accuracy) {
            assertThat(c.get("labelledRows").asInt()).isEqualTo(c.get("rows").asInt());
            realized += c.get("realized").asDouble() * c.get("rows").asInt() / 3587.0;
        }
        assertThat(realized).as("the chunks' realized accuracies add up to the batch's (README)")
                .isCloseTo(0.8606, within(1e-4));
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(run.exitCode() & 1).as("drift").isEqualTo(1);
        assertThat(run.exitCode() & 8).isEqualTo(result.at("/estimate/alert").asBoolean() ? 8 : 0);
        assertThat(run.stdout()).contains("estimate per chunk (realized)");
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    @Test
    void aDegradedModelIsSeenFromItsPredictionsAloneAndExitsWithTheModelQualityBit() throws Exception {
        // the degraded segment (README: ROC AUC 0.7444 against the reference's 0.9040), its labels removed
        Path predictions = dir.resolve("degraded-predictions.csv");
        List<String> lines = Files.readAllLines(Path.of(ADULT + "current-degraded.csv"));
        int income = List.of(lines.get(0).split(",")).indexOf("income");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(income);
            out.add(String.join(",", cells));
        }
        Files.write(predictions, out);

        CliRunner.Run run = CliRunner.run("check", "--reference", ADULT + "reference.csv", "--current",
                predictions.toString(), "--monitor", ADULT + "monitor-estimate.yml", "--json",
                dir.resolve("r.json").toString());

        JsonNode estimate = json("r.json").get("estimate");
        assertThat(estimate.get("alert").asBoolean()).isTrue();
        double lower = estimate.at("/metrics/roc_auc/lowerThreshold").asDouble();
        assertThat(estimate.at("/metrics/roc_auc/chunks")).hasSize(11)
                .allMatch(c -> c.get("alert").asBoolean() && c.get("value").asDouble() < lower)
                .allMatch(c -> c.get("realized").isNull());
        assertThat(run.exitCode() & ExitCode.MODEL_QUALITY.code()).as(run.stderr()).isEqualTo(8);
        assertThat(run.stdout()).contains("Estimated performance alert: roc_auc, f1_score, accuracy");
    }

    @Test
    void aSavedProfileKeepsTheRowsTheEstimateAndMultivariateAnalysesRead() throws Exception {
        Path profile = dir.resolve("adult.profile");
        CliRunner.Run made = CliRunner.run("profile", "--reference", ADULT + "reference.csv", "--out",
                profile.toString(), "--monitor", ADULT + "monitor-estimate.yml");
        assertThat(made.exitCode()).as(made.stderr()).isZero();
        CliRunner.run("check", "--reference", ADULT + "reference.csv", "--current", ADULT + "current-predictions.csv",
                "--monitor", ADULT + "monitor-estimate.yml", "--json", dir.resolve("fromCsv.json").toString());

        CliRunner.run("check", "--reference", profile.toString(), "--current", ADULT + "current-predictions.csv",
                "--monitor", ADULT + "monitor-estimate.yml", "--json", dir.resolve("fromProfile.json").toString());

        JsonNode fromCsv = json("fromCsv.json");
        JsonNode fromProfile = json("fromProfile.json");
        assertThat(fromProfile.at("/estimate/errors")).isEmpty();
        assertThat(fromProfile.get("estimate")).isEqualTo(fromCsv.get("estimate"));
        assertThat(fromProfile.get("multivariate")).isEqualTo(fromCsv.get("multivariate"));
    }

    @Test
    void aProfileMadeWithoutTheSectionsSaysSoInsteadOfFailingTheCheck() throws Exception {
        Path profile = dir.resolve("plain.profile");
        CliRunner.run("profile", "--reference", ADULT + "reference.csv", "--out", profile.toString());

        CliRunner.Run run = CliRunner.run("check", "--reference", profile.toString(), "--current",
                ADULT + "current-predictions.csv", "--monitor", ADULT + "monitor-estimate.yml", "--json",
                dir.resolve("r.json").toString());

        JsonNode result = json("r.json");
        assertThat(run.exitCode()).as(run.stderr()).isNotEqualTo(2).isNotEqualTo(3);
        assertThat(result.at("/estimate/errors/0").asText()).startsWith("the reference profile keeps no rows of");
        assertThat(result.at("/estimate/metrics")).isEmpty();
        assertThat(result.at("/multivariate/errors/0").asText()).startsWith("the reference profile keeps no rows of");
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    @Test
    void aCorrelationThatFlipsIsDriftAcrossColumnsThoughNoColumnDrifts() throws Exception {
        Path monitor = monitor("""
                name: correlation
                multivariate:
                  methods: [pca]
                  chunks: {count: 5}
                """);
        CliRunner.Run run = CliRunner.run("check", "--reference", resource("correlation-reference.csv"), "--current",
                resource("correlation-current.csv"), "--monitor", monitor.toString(), "--json",
                dir.resolve("r.json").toString());

        JsonNode result = json("r.json");
        assertThat(result.at("/datasetDrift/detected").asBoolean()).as("each column keeps its distribution").isFalse();
        JsonNode mv = result.get("multivariate");
        assertThat(mv.get("features")).extracting(JsonNode::asText).containsExactly("x", "y", "z");
        assertThat(mv.at("/pca/chunks")).hasSize(5).allMatch(c -> c.get("alert").asBoolean());
        assertThat(mv.at("/pca/chunks/0/drivers/0/column").asText()).isIn("x", "y");
        assertThat(mv.get("alert").asBoolean()).isTrue();
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.DRIFT.code()).isEqualTo(1);
        assertThat(run.stdout()).contains("Multivariate drift in 5 of 5 chunks");
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    @Test
    void theDomainClassifierTellsTheFlippedChunksFromTheReference() throws Exception {
        Path monitor = monitor("""
                name: correlation
                multivariate:
                  methods: [domain_classifier]
                  chunks: {count: 2}
                """);
        CliRunner.Run run = CliRunner.run("check", "--reference", resource("correlation-reference.csv"), "--current",
                resource("correlation-current.csv"), "--monitor", monitor.toString(), "--json",
                dir.resolve("r.json").toString());

        JsonNode dc = json("r.json").at("/multivariate/domainClassifier");
        assertThat(dc.get("lowerThreshold").asDouble()).isEqualTo(0.45);
        assertThat(dc.get("upperThreshold").asDouble()).isEqualTo(0.65);
        assertThat(dc.get("chunks")).hasSize(2).allMatch(c -> c.get("value").asDouble() > 0.65 && c.get("alert").asBoolean());
        assertThat(json("r.json").at("/multivariate/pca").isNull()).isTrue();
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
    }

    @Test
    void periodChunksAreWeeksOfTheDatetimeColumnWithTheirTimesInTheResult() throws Exception {
        Path monitor = monitor("""
                name: bike-sharing
                columns:
                  datetime: dteday
                  ignored: [instant, yr, mnth]
                multivariate:
                  chunks: {period: 7d}
                  columns: [temp, atemp, hum, windspeed]
                """);
        CliRunner.run("check", "--reference", "examples/bike-sharing/reference.csv", "--current",
                "examples/bike-sharing/current.csv", "--monitor", monitor.toString(), "--json",
                dir.resolve("r.json").toString());

        JsonNode result = json("r.json");
        JsonNode mv = result.get("multivariate");
        assertThat(mv.get("errors")).isEmpty();
        assertThat(mv.at("/chunking/period").asText()).isEqualTo("7d");
        assertThat(mv.at("/chunking/column").asText()).isEqualTo("dteday");
        JsonNode chunks = mv.at("/pca/chunks");
        // January 2012, hourly, cut into ISO weeks (Monday to Monday, UTC): 2011-12-26 holds only the 1st
        assertThat(chunks).hasSize(6);
        assertThat(chunks.get(0).get("from").asText()).isEqualTo("2011-12-26T00:00:00Z");
        assertThat(chunks.get(1).get("from").asText()).isEqualTo("2012-01-02T00:00:00Z");
        assertThat(chunks.get(1).get("to").asText()).isEqualTo("2012-01-09T00:00:00Z");
        assertThat(chunks.get(1).get("fromRow").isNull()).isTrue();
        int rows = 0;
        for (JsonNode c : chunks) {
            rows += c.get("rows").asInt();
        }
        assertThat(rows).isEqualTo(result.at("/current/rows").asInt());
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
    }

    @Test
    void aBadEstimateSectionIsRefusedWithItsLine() throws Exception {
        Path monitor = monitor("""
                name: m
                model:
                  task: binary_classification
                  target: income
                  prediction: income_pred
                  probabilities: income_proba
                  pos_label: ">50K"
                estimate:
                  chunks: {count: 10, period: 1d}
                """);
        CliRunner.Run run = CliRunner.run("check", "--reference", ADULT + "reference.csv", "--current",
                ADULT + "current-predictions.csv", "--monitor", monitor.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code()).isEqualTo(2);
        assertThat(run.stderr()).contains("line 9, column 3: estimate.chunks: give one of count, period, not 2");
    }

    private static String resource(String name) {
        return "src/test/resources/multivariate/" + name;
    }

    private Path monitor(String yaml) throws IOException {
        return Files.writeString(dir.resolve("monitor.yml"), yaml, StandardCharsets.UTF_8);
    }

    private JsonNode json(String name) throws IOException {
        return MAPPER.readTree(dir.resolve(name).toFile());
    }
}
