package io.driftwatch.report;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.quality.MetricValue;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.QualitySide;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code quality.ftlh} lays out, all formatted: the verdict, a line on what was scored, and one
 * row per metric with the reference's value, the current one and the metric's test.
 *
 * <p>Thread-safe: immutable.
 *
 * @param verdict the section's verdict ({@link QualityView#verdict})
 * @param failed whether the model failed its tests
 * @param summary what was scored, in a sentence
 * @param withReference whether the check has a reference side
 * @param metrics one row per metric of the current side, in Evidently's order
 * @param errors what could not be computed
 */
record QualityHtmlView(String verdict, boolean failed, String summary, boolean withReference, List<MetricRow> metrics,
        List<String> errors) {

    /**
     * One metric's row.
     *
     * @param name the metric's key ({@code f1_score})
     * @param reference the reference's value, or empty
     * @param current the current value
     * @param status {@code pass}, {@code fail} or {@code none} (no test)
     * @param test the test's condition in words, or empty
     */
    record MetricRow(String name, String reference, String current, String status, String test) {
    }

    static QualityHtmlView of(QualityResult section) {
        QualitySide current = section.current();
        QualitySide reference = section.reference();
        List<MetricRow> rows = new ArrayList<>();
        for (Map.Entry<QualityMetric, MetricValue> e : current.metrics().entrySet()) {
            QualityMetric metric = e.getKey();
            MetricValue ref = reference == null ? null : reference.metric(metric);
            String status = "none";
            String test = "";
            for (MetricTest t : section.tests()) {
                if (t.metric().equals(metric.key()) && (t.slot().equals("value") || t.slot().equals("mean"))) {
                    status = t.status().failed() ? "fail" : "pass";
                    test = IntegrityView.condition(t.condition());
                }
            }
            for (DegradationTest t : section.degradation()) {
                if (t.metric() == metric) {
                    status = t.failed() ? "fail" : t.error() != null ? "error" : "pass";
                    test = t.error() != null ? t.error() : t.failed() ? "worse than tolerated: "
                            + QualityView.degradationText(t) : "not worse than the reference by more than "
                            + DisplayNumbers.score(t.allowed());
                }
            }
            rows.add(new MetricRow(metric.key(), ref == null ? "" : QualityView.value(ref),
                    QualityView.value(e.getValue()), status, test));
        }
        List<String> errors = new ArrayList<>(section.errors());
        if (current.error() != null) {
            errors.add(0, "the current batch could not be scored: " + current.error());
        }
        String summary = section.task().label().replace('_', ' ') + ": " + DisplayNumbers.count(current.rowsUsed())
                + " of " + DisplayNumbers.count(current.rowsRead()) + " rows scored"
                + (reference == null ? "; no reference" : "; reference " + DisplayNumbers.count(reference.rowsUsed())
                        + " rows");
        return new QualityHtmlView(QualityView.verdict(section), section.failed(), summary, reference != null, rows,
                errors);
    }
}
