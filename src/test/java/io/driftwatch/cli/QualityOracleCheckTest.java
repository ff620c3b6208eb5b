package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.quality.QualityOracle;
import io.driftwatch.quality.QualityOracle.Case;
import io.driftwatch.quality.QualityOracle.Expected;
import io.driftwatch.quality.QualityOracle.ExpectedMetric;
import io.driftwatch.quality.QualityOracle.ExpectedTest;
import io.driftwatch.quality.QualityOracle.Value;
import io.driftwatch.report.JsonResultTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every visible case of Evidently 0.7.21's model-quality oracle ({@code ClassificationPreset},
 * {@code RegressionPreset} with their default tests; {@code src/test/resources/oracle/quality}) end to
 * end through {@code driftwatch check --json}: the case's frames written as CSV files
 * ({@link Case#csv}), a monitor file whose {@code model:} section is written from the case's data
 * definition (task, target, prediction, probabilities, the multiclass class-to-column mapping,
 * {@code pos_label}) and the preset's {@code probas_threshold}, and {@code check} without
 * {@code --reference} for the cases Evidently ran without one. The JSON result's {@code quality}
 * section must give, within the oracle's tolerances ({@link QualityOracle#relativeTolerance}): every
 * metric of both sides (a mean with its deviation where Evidently has one), the by-label metrics as
 * maps, a confusion matrix whose diagonal and margins give Evidently's accuracy and by-label precision
 * and recall, the dummy baselines, every default test (operator, bound to the four digits the
 * condition shows, the exact bound being the reference metric or the baseline compared above, tested
 * value, status unless the value lies on the bound), and where Evidently raised, its error; the
 * exit code's model-quality bit is set exactly when a test failed; and the whole result is valid
 * against {@code docs/result.schema.json}. Known differences would be listed
 * in docs/conformance.md; there are none.
 *
 * <p>Runs in this JVM ({@link CliRunner}), one case after the other.
 */
class QualityOracleCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How far the condition's four significant digits may be from the bound: half a unit of the fourth. */
    private static final double SHOWN_DIGITS = 5.0001e-4;

    static Stream<Case> cases() {
        return QualityOracle.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checkReproducesEvidentlysQualityMetricsAndTests(Case c, @TempDir Path dir) throws Exception {
        Path current = Files.writeString(dir.resolve("current.csv"), c.csv("current"), StandardCharsets.UTF_8);
        Path monitor = Files.writeString(dir.resolve("monitor.yml"), monitor(c.json()), StandardCharsets.UTF_8);
        Path result = dir.resolve("result.json");
        List<String> args = new ArrayList<>(List.of("check", "--current", current.toString(), "--monitor",
                monitor.toString(), "--json", result.toString()));
        if (c.hasReference()) {
            Path reference = Files.writeString(dir.resolve("reference.csv"), c.csv("reference"),
                    StandardCharsets.UTF_8);
            args.addAll(List.of("--reference", reference.toString()));
        }

        CliRunner.Run run = CliRunner.run(args.toArray(new String[0]));

        int findings = ExitCode.DRIFT.code() | ExitCode.DATA_QUALITY.code() | ExitCode.MODEL_QUALITY.code();
        assertThat(run.exitCode() & ~findings).as("exit code %d, stderr: %s", run.exitCode(), run.stderr()).isZero();
        JsonNode json = MAPPER.readTree(result.toFile());
        assertThat(JsonResultTest.schemaErrors(json)).as("docs/result.schema.json").isEmpty();
        JsonNode quality = json.get("quality");
        assertThat(quality).as("the quality section").isNotNull();
        assertThat(quality.get("task").asText()).isEqualTo(task(c.json()));
        assertThat(quality.get("mode").asText()).isEqualTo("evidently");
        assertThat(quality.get("errors")).as("errors").isEmpty();
        assertThat(quality.at("/current/rowsRead").asInt()).isEqualTo(c.json().get("n_current_rows").asInt());
        assertThat(quality.get("reference").isNull()).as("reference side").isEqualTo(!c.hasReference());
        Expected expected = c.expected();
        SoftAssertions soft = new SoftAssertions();
        if (expected.error() != null) {
            soft.assertThat(quality.get("evidentlyError").asText("").strip()).as("Evidently's error")
                    .isEqualTo(expected.error().strip());
        } else {
            soft.assertThat(quality.get("evidentlyError").isNull()).as("Evidently raised nothing: %s",
                    quality.get("evidentlyError")).isTrue();
            soft.assertThat(quality.at("/current/error").isMissingNode()).as("current side error %s",
                    quality.at("/current/error")).isTrue();
            List<String> sides = c.hasReference() ? List.of("current", "reference") : List.of("current");
            for (String side : sides) {
                for (ExpectedMetric m : expected.metrics()) {
                    compareMetric(c, m, side, quality.get(side), soft);
                }
                compareConfusionMatrix(c, expected, side, quality.get(side), soft);
            }
            for (ExpectedMetric b : expected.baselines()) {
                JsonNode actual = quality.at("/baselines/" + b.key());
                soft.assertThat(close(b.current().value(), actual,
                        QualityOracle.relativeTolerance(c.kind(), b.evidentlyName())))
                        .as("baseline %s: Evidently %s, Driftwatch %s", b.key(), b.current().value(), actual).isTrue();
            }
            compareTests(c, expected, quality, soft);
        }
        boolean failed = quality.get("failed").asBoolean();
        soft.assertThat((run.exitCode() & ExitCode.MODEL_QUALITY.code()) != 0)
                .as("the model-quality bit of exit code %d", run.exitCode()).isEqualTo(failed);
        soft.assertAll();
    }

    private static void compareMetric(Case c, ExpectedMetric m, String side, JsonNode json, SoftAssertions soft) {
        Value expected = side.equals("current") ? m.current() : m.reference();
        double tol = QualityOracle.relativeTolerance(c.kind(), m.evidentlyName());
        String where = side + " " + m.evidentlyName();
        if (m.byLabel()) {
            Map<String, Double> want = new LinkedHashMap<>();
            expected.byLabel().forEach((label, v) -> want.put(label.toString(), v));
            JsonNode byLabel = json.get("byLabel");
            Set<String> labels = new HashSet<>();
            byLabel.fieldNames().forEachRemaining(labels::add);
            soft.assertThat(labels).as(where + " labels").containsExactlyInAnyOrderElementsOf(want.keySet());
            want.forEach((label, v) -> {
                JsonNode actual = byLabel.path(label).path(m.key());
                soft.assertThat(close(v, actual, tol)).as("%s[%s]: Evidently %s, Driftwatch %s", where, label, v,
                        actual).isTrue();
            });
            return;
        }
        JsonNode actual = json.get("metrics").get(m.key());
        soft.assertThat(actual).as(where + " present").isNotNull();
        if (actual == null) {
            return;
        }
        if (!Double.isNaN(expected.std())) {
            soft.assertThat(close(expected.value(), actual.get("mean"), tol)).as("%s mean: Evidently %s, Driftwatch %s",
                    where, expected.value(), actual).isTrue();
            soft.assertThat(close(expected.std(), actual.get("std"), tol)).as("%s std: Evidently %s, Driftwatch %s",
                    where, expected.std(), actual).isTrue();
        } else {
            soft.assertThat(close(expected.value(), actual, tol)).as("%s: Evidently %s, Driftwatch %s", where,
                    expected.value(), actual).isTrue();
        }
    }

    /**
     * The confusion matrix against what Evidently's metrics imply of it: its total is the rows scored,
     * its trace over the total is the accuracy, and each label's diagonal over its row (true) and column
     * (predicted) sums is its recall and precision (0 over 0 is 0, as scikit-learn has it).
     */
    private static void compareConfusionMatrix(Case c, Expected expected, String side, JsonNode json,
            SoftAssertions soft) {
        if (c.kind().equals("regression")) {
            soft.assertThat(json.has("confusionMatrix")).as(side + " regression has no confusion matrix").isFalse();
            return;
        }
        JsonNode cm = json.get("confusionMatrix");
        soft.assertThat(cm).as(side + " confusion matrix").isNotNull();
        if (cm == null) {
            return;
        }
        List<String> labels = new ArrayList<>();
        cm.get("labels").forEach(l -> labels.add(l.asText()));
        int k = labels.size();
        long[][] m = new long[k][k];
        long total = 0;
        long trace = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = cm.get("matrix").get(i).get(j).asLong();
                total += m[i][j];
            }
            trace += m[i][i];
        }
        String where = side + " confusion matrix";
        soft.assertThat(total).as(where + " total").isEqualTo(json.get("rows").asLong());
        for (ExpectedMetric metric : expected.metrics()) {
            Value v = side.equals("current") ? metric.current() : metric.reference();
            double tol = QualityOracle.relativeTolerance(c.kind(), metric.evidentlyName());
            if (metric.evidentlyName().equals("Accuracy")) {
                soft.assertThat(QualityOracle.close(v.value(), (double) trace / total, tol))
                        .as("%s: trace/total %s/%s, Evidently's accuracy %s", where, trace, total, v.value()).isTrue();
            }
            boolean recall = metric.evidentlyName().equals("RecallByLabel");
            if (!recall && !metric.evidentlyName().equals("PrecisionByLabel")) {
                continue;
            }
            v.byLabel().forEach((label, value) -> {
                int i = labels.indexOf(label.toString());
                soft.assertThat(i).as("%s has label %s", where, label).isNotNegative();
                if (i < 0) {
                    return;
                }
                long hits = m[i][i];
                long margin = 0;
                for (int j = 0; j < k; j++) {
                    margin += recall ? m[i][j] : m[j][i];
                }
                double implied = margin == 0 ? 0 : (double) hits / margin;
                soft.assertThat(QualityOracle.close(value, implied, tol)).as("%s: %s of %s from the matrix %s, Evidently %s",
                        where, recall ? "recall" : "precision", label, implied, value).isTrue();
            });
        }
    }

    /** Evidently's default tests against the JSON's, found by metric and slot. */
    private static void compareTests(Case c, Expected expected, JsonNode quality, SoftAssertions soft) {
        JsonNode tests = quality.get("tests");
        soft.assertThat(tests.size()).as("number of default tests").isEqualTo(expected.tests().size());
        boolean anyFailed = false;
        boolean onEdge = false;
        for (ExpectedTest t : expected.tests()) {
            JsonNode actual = null;
            for (JsonNode a : tests) {
                if (a.get("metric").asText().equals(t.key()) && a.get("slot").asText().equals(t.slot())) {
                    actual = a;
                }
            }
            String where = "test " + t.key() + "/" + t.slot();
            soft.assertThat(actual).as(where + " present").isNotNull();
            if (actual == null) {
                continue;
            }
            anyFailed |= t.status().equals("FAIL");
            onEdge |= t.onTheEdge();
            String[] condition = actual.get("condition").asText().split(" ");
            soft.assertThat(condition[0]).as(where + " operator").isEqualTo(t.op());
            soft.assertThat(condition.length == 4 && condition[2].equals("±")).as("%s bound %s is the reference's",
                    where, actual.get("condition")).isEqualTo(t.referenceBound());
            soft.assertThat(shown(t.bound(), condition[1])).as("%s bound: Evidently %s, condition %s", where, t.bound(),
                    actual.get("condition")).isTrue();
            if (t.referenceBound() && condition.length == 4) {
                soft.assertThat(shown(t.tolerance(), condition[3])).as("%s tolerance: Evidently %s, condition %s",
                        where, t.tolerance(), actual.get("condition")).isTrue();
            }
            double tol = QualityOracle.relativeTolerance(c.kind(), t.evidentlyName());
            soft.assertThat(close(t.testedValue(), actual.get("value"), tol)).as("%s value: Evidently %s, Driftwatch %s",
                    where, t.testedValue(), actual.get("value")).isTrue();
            if (!t.onTheEdge()) {
                soft.assertThat(actual.get("status").asText()).as("%s status (value %s)", where, t.testedValue())
                        .isEqualTo(t.status());
            }
        }
        if (!onEdge) {
            soft.assertThat(quality.get("failed").asBoolean()).as("whether a test failed").isEqualTo(anyFailed);
        }
    }

    /** Whether {@code text}, a number the condition shows to four significant digits, is {@code expected}. */
    private static boolean shown(double expected, String text) {
        double shown = switch (text) {
            case "NaN" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(expected, shown) == 0;
        }
        return Math.abs(expected - shown) <= SHOWN_DIGITS * Math.abs(expected) + 1e-300;
    }

    /**
     * Whether the JSON number agrees with Evidently's within {@code relative}; the JSON writes NaN and
     * infinities as null, so null agrees with any of them.
     */
    private static boolean close(double expected, JsonNode actual, double relative) {
        if (actual == null || actual.isNull() || actual.isMissingNode()) {
            return !Double.isFinite(expected);
        }
        return actual.isNumber() && QualityOracle.close(expected, actual.asDouble(), relative);
    }

    private static String task(JsonNode c) {
        JsonNode definition = c.get("data_definition");
        if (definition.has("regression")) {
            return "regression";
        }
        return definition.get("classification").get(0).get("type").asText().equals("MulticlassClassification")
                ? "multiclass_classification" : "binary_classification";
    }

    /**
     * The monitor file: the case's model as a {@code model:} section (written from its data definition,
     * not from {@link Case#spec()}, so that the monitor parser is what reads it) and Evidently's tests.
     */
    static String monitor(JsonNode c) {
        StringBuilder yaml = new StringBuilder("name: ").append(quote(c.get("id").asText())).append('\n');
        JsonNode definition = c.get("data_definition");
        yaml.append("model:\n  task: ").append(task(c)).append('\n');
        JsonNode model = definition.has("regression") ? definition.get("regression").get(0)
                : definition.get("classification").get(0);
        yaml.append("  target: ").append(quote(model.get("target").asText())).append('\n');
        JsonNode prediction = model.has("prediction") ? model.get("prediction") : model.get("prediction_labels");
        if (prediction != null && !prediction.isNull()) {
            yaml.append("  prediction: ").append(quote(prediction.asText())).append('\n');
        }
        JsonNode probas = model.get("prediction_probas");
        if (probas != null && probas.isArray()) {
            // Evidently names each class's probability column by the class
            yaml.append("  probabilities:\n");
            for (JsonNode p : probas) {
                yaml.append("    ").append(quote(p.asText())).append(": ").append(quote(p.asText())).append('\n');
            }
        } else if (probas != null && !probas.isNull()) {
            yaml.append("  probabilities: ").append(quote(probas.asText())).append('\n');
        }
        JsonNode pos = model.get("pos_label");
        if (pos != null && !pos.isNull()) {
            yaml.append("  pos_label: ").append(pos.isTextual() ? quote(pos.asText()) : pos.toString()).append('\n');
        }
        JsonNode threshold = c.get("preset").get("params").get("probas_threshold");
        if (threshold != null) {
            yaml.append("  probas_threshold: ").append(threshold.asText()).append('\n');
        }
        return yaml.append("quality: {tests: evidently}\n").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
