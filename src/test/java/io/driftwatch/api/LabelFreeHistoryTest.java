package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.report.DisplayNumbers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Performance estimated without labels and drift across columns over time, through the service, on
 * the Adult example: a day's logged predictions are checked (CBPE on ten chunks, PCA), and the
 * Prometheus gauges and the dashboard's charts show the check's chunks in brief; labels that arrive
 * the next day are joined to the logged predictions, and the estimated metrics realized on the
 * labelled rows stand beside the estimates, in the labels answer and on the dashboard. The expected
 * numbers come from the check's own JSON result and, for the realized values, from the example's
 * files computed here by the metrics' definitions.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LabelFreeHistoryTest {
    private static final Path EXAMPLE = Path.of("examples", "adult");
    private static final String MONITOR = "adult-income-estimate";
    static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Test
    void estimatesAndMultivariateDriftShowOverTimeWithTheRealizedValuesOnceLabelsArrive() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String referenceId = api.upload(Files.readAllBytes(EXAMPLE.resolve("reference.csv")));
        String monitor = Files.readString(EXAMPLE.resolve("monitor-estimate.yml"))
                .replace("reference: examples/adult/reference.csv", "reference: " + referenceId);
        assertThat(api.post("/api/v1/monitors", "application/yaml", monitor).status()).isEqualTo(201);
        ApiClient.Answer checked = api.post("/api/v1/monitors/" + MONITOR + "/checks", "text/csv",
                Files.readAllBytes(EXAMPLE.resolve("current-predictions.csv")));
        assertThat(checked.status()).as(checked.body()).isEqualTo(201);
        JsonNode result = checked.json();
        JsonNode rocAuc = result.at("/estimate/metrics/roc_auc");
        JsonNode pca = result.at("/multivariate/pca");

        // Prometheus: the check's chunks in brief
        PrometheusText metrics = PrometheusText.parse(new ApiClient(APP.getAdminPort()).get("/metrics").body());
        assertThat(metrics.type("driftwatch_monitor_estimated_performance")).isEqualTo("gauge");
        assertThat(metrics.value("driftwatch_monitor_estimated_performance", "monitor", MONITOR, "metric", "roc_auc"))
                .isCloseTo(rowWeightedMean(rocAuc.get("chunks")), within(1e-12));
        assertThat(metrics.value("driftwatch_monitor_estimated_performance_threshold", "bound", "lower", "monitor",
                MONITOR, "metric", "roc_auc")).isEqualTo(rocAuc.get("lowerThreshold").asDouble());
        assertThat(metrics.value("driftwatch_monitor_estimated_performance_threshold", "bound", "upper", "monitor",
                MONITOR, "metric", "roc_auc")).isEqualTo(rocAuc.get("upperThreshold").asDouble());
        assertThat(metrics.value("driftwatch_monitor_estimated_performance_alerting_chunks", "monitor", MONITOR,
                "metric", "roc_auc")).isEqualTo(0.0);
        assertThat(metrics.value("driftwatch_monitor_estimated_performance", "monitor", MONITOR, "metric",
                "f1_score")).isCloseTo(rowWeightedMean(result.at("/estimate/metrics/f1_score/chunks")), within(1e-12));
        assertThat(metrics.value("driftwatch_monitor_multivariate_drift", "monitor", MONITOR, "method", "pca"))
                .isCloseTo(rowWeightedMean(pca.get("chunks")), within(1e-12));
        assertThat(metrics.value("driftwatch_monitor_multivariate_drift_threshold", "bound", "upper", "monitor",
                MONITOR, "method", "pca")).isEqualTo(pca.get("upperThreshold").asDouble());
        assertThat(metrics.value("driftwatch_monitor_multivariate_drift_alerting_chunks", "monitor", MONITOR,
                "method", "pca")).isEqualTo(0.0);

        // the dashboard before labels: a chart per metric and per method, no realized value yet
        String page = SERVICE.get("/monitors/" + MONITOR).body();
        assertThat(page).contains("id=\"estimate-panel\"", "id=\"estimate-roc_auc-chart\"",
                "id=\"estimate-f1_score-chart\"", "id=\"estimate-accuracy-chart\"", "id=\"multivariate-panel\"",
                "id=\"multivariate-pca-chart\"");
        String before = between(page, "id=\"estimate-roc_auc-chart\"", "</svg>");
        assertThat(before).contains("ROC AUC (CBPE) in 1 check, 0 of them alerting on some chunk")
                .doesNotContain("class=\"re\"");
        assertThat(between(page, "id=\"multivariate-pca-chart\"", "</svg>")).contains("Driven by ");

        // the next day's labels: half the window, realized beside the estimate
        ApiClient.Answer labels = api.post("/api/v1/monitors/" + MONITOR + "/labels", "text/csv",
                Files.readAllBytes(EXAMPLE.resolve("labels-day2.csv")));
        assertThat(labels.status()).as(labels.body()).isEqualTo(200);
        JsonNode window = labels.json().at("/windows/0");
        Joined joined = joined(EXAMPLE.resolve("current-predictions.csv"), EXAMPLE.resolve("labels-day2.csv"));
        assertThat(window.get("labelled").asInt()).isEqualTo(joined.size());
        assertThat(window.at("/estimateRealized/roc_auc").asDouble()).isCloseTo(joined.rocAuc(), within(1e-12));
        assertThat(window.at("/estimateRealized/accuracy").asDouble()).isCloseTo(joined.accuracy(), within(1e-12));
        assertThat(window.at("/estimateRealized/f1_score").asDouble()).isCloseTo(joined.f1(), within(1e-12));
        assertThat(api.get("/api/v1/monitors/" + MONITOR + "/quality").json().at("/items/0/estimateRealized/roc_auc")
                .asDouble()).isCloseTo(joined.rocAuc(), within(1e-12));

        String after = between(SERVICE.get("/monitors/" + MONITOR).body(), "id=\"estimate-roc_auc-chart\"", "</svg>");
        assertThat(after).contains("class=\"re\"", "Realized from labels " + dashboardScore(joined.rocAuc()));
    }

    /** The mean of the chunks' values weighted by their rows. */
    private static double rowWeightedMean(JsonNode chunks) {
        double sum = 0;
        long rows = 0;
        for (JsonNode c : chunks) {
            sum += c.get("value").asDouble() * c.get("rows").asInt();
            rows += c.get("rows").asInt();
        }
        return sum / rows;
    }

    /** Four significant digits, as the dashboard prints a score. */
    private static String dashboardScore(double v) {
        return DisplayNumbers.score(v);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("'%s' in the page", from).isNotNegative();
        return text.substring(start, text.indexOf(to, start));
    }

    /** The logged predictions joined to their labels by request id: probability, predicted and true class. */
    private record Joined(double[] probability, boolean[] predicted, boolean[] actual) {
        int size() {
            return actual.length;
        }

        double accuracy() {
            int right = 0;
            for (int i = 0; i < size(); i++) {
                right += predicted[i] == actual[i] ? 1 : 0;
            }
            return (double) right / size();
        }

        double f1() {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < size(); i++) {
                tp += predicted[i] && actual[i] ? 1 : 0;
                fp += predicted[i] && !actual[i] ? 1 : 0;
                fn += !predicted[i] && actual[i] ? 1 : 0;
            }
            return 2.0 * tp / (2.0 * tp + fp + fn);
        }

        /** The share of (positive, negative) pairs the probability orders right, ties counting half. */
        double rocAuc() {
            List<Double> positives = new ArrayList<>();
            List<Double> negatives = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                (actual[i] ? positives : negatives).add(probability[i]);
            }
            double right = 0;
            for (double p : positives) {
                for (double n : negatives) {
                    right += p > n ? 1 : p == n ? 0.5 : 0;
                }
            }
            return right / ((double) positives.size() * negatives.size());
        }
    }

    private static Joined joined(Path predictions, Path labels) throws IOException {
        Map<String, String> income = new HashMap<>();
        List<String> labelLines = Files.readAllLines(labels, StandardCharsets.UTF_8);
        for (String line : labelLines.subList(1, labelLines.size())) {
            String[] cells = line.split(",");
            income.put(cells[0], cells[1]);
        }
        List<String> lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("request_id");
        int predicted = header.indexOf("income_pred");
        int probability = header.indexOf("income_proba");
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (income.containsKey(cells[id])) {
                rows.add(cells);
            }
        }
        Joined j = new Joined(new double[rows.size()], new boolean[rows.size()], new boolean[rows.size()]);
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i);
            j.probability()[i] = Double.parseDouble(cells[probability]);
            j.predicted()[i] = cells[predicted].equals(">50K");
            j.actual()[i] = income.get(cells[id]).equals(">50K");
        }
        return j;
    }
}
