package io.driftwatch.monitor.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.quality.MetricValue;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.QualitySide;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model-quality verdict in brief, as the store keeps it for a check ({@code check_model_quality}) and
 * for each evaluation of a window from labels ({@code quality_evaluations}), and as the history, the
 * labels answer, the dashboard and the Prometheus metrics show it: the task and the kind of tests, the
 * rows scored (and read), whether the model failed its tests, the current side's metrics under
 * Evidently's keys, the tests with their status (Evidently's, or the degradation tests), and what kept
 * it from being scored (the current side's error, e.g. a batch of predictions without its target; and
 * the analysis's other errors).
 *
 * <p>A metric with a mean and a deviation is given by its mean; a metric that could not be computed,
 * or whose value is not finite, is null.
 *
 * <p>Thread-safe: immutable.
 *
 * @param task {@code binary_classification}, {@code multiclass_classification} or {@code regression}
 * @param mode the tests: {@code evidently}, {@code degradation} or {@code none}
 * @param rows rows scored (with a target and a prediction)
 * @param rowsRead rows of the scored table
 * @param failed whether a test the monitor asked for failed
 * @param metrics the current side's metrics in Evidently's order; null values where undefined
 * @param tests the tests the monitor asked for
 * @param error why the current side could not be scored at all, or null
 * @param errors what else could not be computed
 */
public record QualitySummary(String task, String mode, int rows, int rowsRead, boolean failed,
        Map<String, Double> metrics, List<Test> tests, String error, List<String> errors) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public QualitySummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        tests = tests == null ? List.of() : List.copyOf(tests);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One test of the verdict.
     *
     * @param metric the metric's key
     * @param slot what of the metric was tested: {@code value}, {@code mean}, a class; {@code degradation}
     *     for a degradation test
     * @param condition what the value had to meet, in words
     * @param value the tested value; null when not finite
     * @param status {@code SUCCESS}, {@code FAIL}, {@code WARNING} or {@code ERROR}
     */
    public record Test(String metric, String slot, String condition, Double value, String status) {
    }

    /** The verdict of {@code result}, the quality section of a check or of an evaluation. */
    public static QualitySummary of(QualityResult result) {
        QualitySide current = result.current();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Map.Entry<QualityMetric, MetricValue> e : current.metrics().entrySet()) {
            MetricValue v = e.getValue();
            metrics.put(e.getKey().key(), v.ok() ? finite(v.value()) : null);
        }
        List<Test> tests = new java.util.ArrayList<>();
        for (MetricTest t : result.tests()) {
            tests.add(new Test(t.metric(), t.slot(), t.condition().describe(), finite(t.value()), t.status().name()));
        }
        for (DegradationTest t : result.degradation()) {
            tests.add(new Test(t.metric().key(), "degradation", String.format(Locale.ROOT,
                    "worse than the reference's %.4g by at most %.4g at %.0f%% confidence", t.reference(), t.allowed(),
                    t.confidence() * 100), finite(t.current()), t.status().name()));
        }
        return new QualitySummary(result.task().label(), result.testKind().label(), current.error() == null
                ? current.rowsUsed() : 0, current.rowsRead(), result.failed(), metrics, tests, current.error(),
                result.errors());
    }

    /** The metric with key {@code key}, or null when the verdict has none (or it is undefined). */
    public Double metric(String key) {
        return metrics.get(key);
    }

    /** Whether the model could be scored (it has metrics). */
    public boolean scored() {
        return error == null && rows > 0;
    }

    /**
     * The two metrics a chart draws for the task: accuracy and F1 for a classifier, MAE and RMSE for a
     * regression.
     */
    public List<String> headline() {
        return task.equals("regression") ? List.of("mae", "rmse") : List.of("accuracy", "f1_score");
    }

    /** This verdict as the JSON the store keeps. */
    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a model-quality verdict", e);
        }
    }

    /** The verdict the store kept as {@code json}. */
    static QualitySummary fromJson(String json) {
        try {
            return JSON.readValue(json, QualitySummary.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored model-quality verdict does not parse: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
