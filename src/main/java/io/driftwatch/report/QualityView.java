package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.quality.Baseline;
import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.quality.ClassificationSide;
import io.driftwatch.quality.ConfusionMatrix;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.quality.LabelMetrics;
import io.driftwatch.quality.MetricValue;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.QualitySide;
import io.driftwatch.quality.RegressionSide;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model-quality section's view: on the page, the verdict, the metric table beside the reference
 * with each metric's test, and the model's charts ({@code quality.ftlh}, laid out from
 * {@link QualityHtmlView}); in the JSON result, {@code quality} (DESIGN.md, "Model quality in the
 * monitor definition and the JSON result"): each side's scored rows, metrics under Evidently's names,
 * by-label metrics and confusion matrix, the tests, the degradation tests, the baselines and errors; in
 * the terminal, the verdict, one line per metric and the failed tests.
 *
 * <p>Thread-safe: stateless.
 */
final class QualityView implements SectionView<QualityResult> {

    @Override
    public Class<QualityResult> kind() {
        return QualityResult.class;
    }

    @Override
    public String headline(QualityResult section) {
        return verdict(section);
    }

    @Override
    public String topic() {
        return "model quality";
    }

    @Override
    public String template() {
        return "quality.ftlh";
    }

    @Override
    public QualityHtmlView html(CheckReport report, QualityResult section) {
        return QualityHtmlView.of(section);
    }

    /**
     * The verdict in a few words: {@code Model degraded: f1_score, accuracy}, {@code No model
     * degradation}, {@code 2 of 6 model-quality tests failed}, {@code All 6 model-quality tests passed},
     * {@code No model-quality test failed, 1 of 6 undecided} (a test Evidently gives ERROR),
     * {@code Model quality} (no tests), {@code Model quality not measured} when the current batch could
     * not be scored (no labels yet); with {@code , 1 error} when something could not be computed.
     */
    static String verdict(QualityResult section) {
        String verdict;
        if (section.current().error() != null) {
            verdict = "Model quality not measured";
        } else {
            verdict = switch (section.testKind()) {
                case EVIDENTLY -> {
                    int failed = 0;
                    int passed = 0;
                    for (MetricTest t : section.tests()) {
                        failed += t.status().failed() ? 1 : 0;
                        passed += t.status() == MetricTest.Status.SUCCESS ? 1 : 0;
                    }
                    int all = section.tests().size();
                    yield failed > 0 ? failed + " of " + all + " model-quality " + plural(all, "test", "tests") + " failed"
                            : all == 0 ? "No model-quality tests ran"
                            : passed == all ? "All " + all + " model-quality " + plural(all, "test", "tests") + " passed"
                            : "No model-quality test failed, " + (all - passed) + " of " + all + " undecided";
                }
                case DEGRADATION -> {
                    List<String> degraded = new ArrayList<>();
                    for (DegradationTest t : section.degradation()) {
                        if (t.failed()) {
                            degraded.add(t.metric().key());
                        }
                    }
                    yield degraded.isEmpty() ? "No model degradation" : "Model degraded: " + String.join(", ", degraded);
                }
                case NONE -> "Model quality";
            };
        }
        int errors = section.errors().size(); // a current side that could not be scored is the verdict itself
        return errors == 0 ? verdict : verdict + ", " + errors + " " + plural(errors, "error", "errors");
    }

    // ---------------------------------------------------------------------------------------------
    // JSON

    @Override
    public void json(JsonGenerator g, CheckReport report, QualityResult section) throws IOException {
        g.writeObjectFieldStart("quality");
        g.writeStringField("task", section.task().label());
        g.writeStringField("mode", section.testKind().label());
        g.writeBooleanField("failed", section.failed());
        if (section.reference() == null) {
            g.writeNullField("reference");
        } else {
            g.writeFieldName("reference");
            side(g, section.reference());
        }
        g.writeFieldName("current");
        side(g, section.current());
        g.writeArrayFieldStart("tests");
        for (MetricTest t : section.tests()) {
            test(g, t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("degradation");
        for (DegradationTest t : section.degradation()) {
            degradation(g, t);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("baselines");
        for (Baseline b : section.baselines()) {
            JsonResult.number(g, b.key(), b.value());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("baselineTests");
        for (MetricTest t : section.baselineTests()) {
            test(g, t);
        }
        g.writeEndArray();
        if (section.evidentlyError() == null) {
            g.writeNullField("evidentlyError");
        } else {
            g.writeStringField("evidentlyError", section.evidentlyError());
        }
        JsonResult.strings(g, "errors", section.errors());
        g.writeEndObject();
    }

    private static void side(JsonGenerator g, QualitySide side) throws IOException {
        g.writeStartObject();
        g.writeNumberField("rows", side.rowsUsed());
        g.writeNumberField("rowsRead", side.rowsRead());
        if (side.error() != null) {
            g.writeStringField("error", side.error());
        }
        g.writeObjectFieldStart("metrics");
        List<Map.Entry<QualityMetric, MetricValue>> failed = new ArrayList<>();
        for (Map.Entry<QualityMetric, MetricValue> e : side.metrics().entrySet()) {
            MetricValue v = e.getValue();
            if (!v.ok()) {
                g.writeNullField(e.getKey().key());
                failed.add(e);
            } else if (e.getKey().hasStd()) {
                g.writeObjectFieldStart(e.getKey().key());
                JsonResult.number(g, "mean", v.mean());
                JsonResult.number(g, "std", v.std());
                g.writeEndObject();
            } else {
                JsonResult.number(g, e.getKey().key(), v.value());
            }
        }
        g.writeEndObject();
        if (!failed.isEmpty()) {
            g.writeObjectFieldStart("metricErrors");
            for (Map.Entry<QualityMetric, MetricValue> e : failed) {
                g.writeStringField(e.getKey().key(), e.getValue().error());
            }
            g.writeEndObject();
        }
        if (side instanceof ClassificationSide c && c.error() == null) {
            g.writeObjectFieldStart("byLabel");
            for (LabelMetrics m : c.byLabel()) {
                g.writeObjectFieldStart(m.label().toString());
                JsonResult.number(g, "precision", m.precision());
                JsonResult.number(g, "recall", m.recall());
                JsonResult.number(g, "f1_score", m.f1Score());
                JsonResult.number(g, "roc_auc", m.rocAuc());
                g.writeEndObject();
            }
            g.writeEndObject();
            confusionMatrix(g, c.confusionMatrix());
        }
        if (side instanceof RegressionSide r) {
            g.writeNumberField("nearZeroTargets", r.nearZeroTargets());
        }
        g.writeEndObject();
    }

    /** {@code "confusionMatrix": {"labels": ["0", "1"], "matrix": [[tn, fp], [fn, tp]]}}: rows true, columns predicted. */
    private static void confusionMatrix(JsonGenerator g, ConfusionMatrix m) throws IOException {
        if (m == null) {
            return;
        }
        g.writeObjectFieldStart("confusionMatrix");
        g.writeArrayFieldStart("labels");
        for (ClassLabel l : m.labels()) {
            g.writeString(l.toString());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("matrix");
        int k = m.labels().size();
        for (int i = 0; i < k; i++) {
            g.writeStartArray();
            for (int j = 0; j < k; j++) {
                g.writeNumber(m.count(i, j));
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void test(JsonGenerator g, MetricTest t) throws IOException {
        g.writeStartObject();
        g.writeStringField("metric", t.metric());
        if (t.column() != null) {
            g.writeStringField("column", t.column());
        }
        g.writeStringField("slot", t.slot());
        g.writeStringField("condition", t.condition().describe());
        JsonResult.number(g, "value", t.value());
        g.writeStringField("status", t.status().name());
        g.writeEndObject();
    }

    private static void degradation(JsonGenerator g, DegradationTest t) throws IOException {
        g.writeStartObject();
        g.writeStringField("metric", t.metric().key());
        JsonResult.number(g, "reference", t.reference());
        JsonResult.number(g, "current", t.current());
        g.writeObjectFieldStart("tolerance");
        JsonResult.number(g, t.tolerance().scale() == QualityOptions.Scale.RELATIVE ? "relative" : "absolute",
                t.tolerance().amount());
        g.writeEndObject();
        JsonResult.number(g, "allowed", t.allowed());
        JsonResult.number(g, "confidence", t.confidence());
        JsonResult.number(g, "worsening", t.worsening());
        JsonResult.number(g, "worseningBound", t.worseningBound());
        g.writeStringField("status", t.status().name());
        if (t.error() != null) {
            g.writeStringField("error", t.error());
        }
        g.writeEndObject();
    }

    // ---------------------------------------------------------------------------------------------
    // Terminal

    @Override
    public void text(PrintStream out, CheckReport report, QualityResult section, Collection<String> ignored) {
        out.println();
        String mode = switch (section.testKind()) {
            case EVIDENTLY -> section.reference() == null ? "Evidently's tests against its dummy baselines"
                    : "Evidently's tests";
            case DEGRADATION -> "degradation tests at " + DisplayNumbers.percent(confidence(section)) + " confidence";
            case NONE -> "no tests";
        };
        String verdict = verdict(section);
        // "Model degraded: …" and "Model quality not measured" already say what they are about
        out.println((verdict.startsWith("Model") ? "" : "Model quality: ") + verdict + " (" + mode + ")");
        QualitySide current = section.current();
        QualitySide reference = section.reference();
        out.printf(Locale.ROOT, "  %s, %s of %s %s scored%s%n", section.task().label().replace('_', ' '),
                DisplayNumbers.count(current.rowsUsed()), DisplayNumbers.count(current.rowsRead()),
                plural(current.rowsRead(), "row", "rows"),
                reference == null ? "" : "; reference " + DisplayNumbers.count(reference.rowsUsed()) + " rows");
        if (current.error() != null) {
            out.println("  could not score the current batch: " + current.error());
        } else {
            out.printf(Locale.ROOT, "  %-14s %10s %10s%n", "metric", reference == null ? "" : "reference", "current");
            for (Map.Entry<QualityMetric, MetricValue> e : current.metrics().entrySet()) {
                MetricValue ref = reference == null ? null : reference.metric(e.getKey());
                out.printf(Locale.ROOT, "  %-14s %10s %10s%n", e.getKey().key(), ref == null ? "" : value(ref),
                        value(e.getValue()));
            }
        }
        for (MetricTest t : section.tests()) {
            if (t.status().failed() || t.status() == MetricTest.Status.ERROR) {
                out.printf(Locale.ROOT, "  %-9s %s = %s, expected %s%n", t.status().failed() ? "FAIL" : "ERROR",
                        testLabel(t), DisplayNumbers.score(t.value()), IntegrityView.condition(t.condition()));
            }
        }
        for (DegradationTest t : section.degradation()) {
            if (t.failed()) {
                out.println("  DEGRADED  " + degradationText(t));
            } else if (t.error() != null) {
                out.println("  ERROR     " + t.metric().key() + ": " + t.error());
            }
        }
        if (section.evidentlyError() != null) {
            out.println("  Evidently 0.7.21 would stop here with: " + section.evidentlyError());
        }
        for (String error : section.errors()) {
            out.println("  could not compute: " + error);
        }
    }

    /** {@code f1_score 0.712 → 0.618, worse by 0.094 (at least 0.071 at 95 % confidence; tolerated 0.036)}. */
    static String degradationText(DegradationTest t) {
        return String.format(Locale.ROOT, "%s %s → %s, worse by %s (at least %s at %s confidence; tolerated %s)",
                t.metric().key(), DisplayNumbers.score(t.reference()), DisplayNumbers.score(t.current()),
                DisplayNumbers.score(t.worsening()), DisplayNumbers.score(t.worseningBound()),
                DisplayNumbers.percent(t.confidence()), DisplayNumbers.score(t.allowed()));
    }

    private static double confidence(QualityResult section) {
        return section.degradation().isEmpty() ? QualityOptions.DEFAULT_CONFIDENCE
                : section.degradation().get(0).confidence();
    }

    /** {@code accuracy}, {@code f1_score of 1}, {@code mae (mean)}. */
    static String testLabel(MetricTest t) {
        String slot = t.slot();
        if (slot.equals("value")) {
            return t.metric();
        }
        if (slot.equals("mean") || slot.equals("std")) {
            return t.metric() + " (" + slot + ")";
        }
        return t.metric() + " of " + slot;
    }

    static String value(MetricValue v) {
        return v.ok() ? DisplayNumbers.score(v.value()) : "error";
    }

    static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
