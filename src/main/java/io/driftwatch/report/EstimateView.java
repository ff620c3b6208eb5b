package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.analysis.Chunking;
import io.driftwatch.estimate.CalibrationDecision;
import io.driftwatch.estimate.ChunkEstimate;
import io.driftwatch.estimate.EstimateOptions;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.estimate.MetricEstimates;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The estimated-performance section's view: on the page, the verdict, the calibration decision and
 * one chart per metric over the chunks (estimate, sampling band, dashed thresholds, alerts, realized
 * beside it when labels are known) with its table ({@code estimate.ftlh}); in the JSON result,
 * {@code estimate} (docs/json-result.md): method, chunking, calibration, seed, and per metric its
 * thresholds and one entry per chunk; in the terminal, the verdict and one line per metric.
 *
 * <p>Thread-safe: stateless.
 */
final class EstimateView implements SectionView<EstimateResult> {

    @Override
    public Class<EstimateResult> kind() {
        return EstimateResult.class;
    }

    @Override
    public String headline(EstimateResult section) {
        return verdict(section);
    }

    @Override
    public String topic() {
        return "estimated performance";
    }

    @Override
    public String template() {
        return "estimate.ftlh";
    }

    /**
     * {@code Estimated performance alert: roc_auc, accuracy}, {@code Estimated performance within
     * thresholds}, {@code Performance not estimated} (with the error count).
     */
    static String verdict(EstimateResult section) {
        if (section.metrics().isEmpty()) {
            return "Performance not estimated, " + section.errors().size() + " "
                    + (section.errors().size() == 1 ? "error" : "errors");
        }
        List<String> alerting = section.alertingMetrics();
        return alerting.isEmpty() ? "Estimated performance within thresholds"
                : "Estimated performance alert: " + String.join(", ", alerting);
    }

    // ---------------------------------------------------------------------------------------------
    // JSON

    @Override
    public void json(JsonGenerator g, CheckReport report, EstimateResult section) throws IOException {
        g.writeObjectFieldStart("estimate");
        g.writeStringField("method", section.method());
        g.writeStringField("task", section.task().label());
        g.writeBooleanField("alert", section.alerts());
        chunking(g, section.chunking());
        g.writeNumberField("referenceChunks", section.referenceChunks());
        g.writeNumberField("seed", section.seed());
        g.writeArrayFieldStart("calibration");
        for (CalibrationDecision d : section.calibration()) {
            g.writeStartObject();
            g.writeStringField("mode", EstimateOptions.label(d.mode()));
            g.writeBooleanField("calibrated", d.calibrated());
            g.writeStringField("reason", d.reason().name().toLowerCase(Locale.ROOT));
            JsonResult.number(g, "eceUncalibrated", d.eceUncalibrated());
            JsonResult.number(g, "eceCalibrated", d.eceCalibrated());
            g.writeEndObject();
        }
        g.writeEndArray();
        JsonResult.strings(g, "features", section.features());
        g.writeObjectFieldStart("metrics");
        for (MetricEstimates m : section.metrics()) {
            g.writeObjectFieldStart(m.metric());
            JsonResult.number(g, "lowerThreshold", m.thresholds().lower());
            JsonResult.number(g, "upperThreshold", m.thresholds().upper());
            g.writeBooleanField("alert", m.alerts());
            g.writeArrayFieldStart("chunks");
            for (ChunkEstimate c : m.chunks()) {
                g.writeStartObject();
                window(g, section.chunks().get(c.chunk()));
                JsonResult.number(g, "value", c.value());
                JsonResult.number(g, "samplingError", c.samplingError());
                JsonResult.number(g, "lowerConfidence", c.lowerConfidence());
                JsonResult.number(g, "upperConfidence", c.upperConfidence());
                JsonResult.number(g, "lowerThreshold", c.lowerThreshold());
                JsonResult.number(g, "upperThreshold", c.upperThreshold());
                g.writeBooleanField("alert", c.alert());
                JsonResult.number(g, "realized", c.realized());
                g.writeNumberField("labelledRows", c.labelledRows());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
        JsonResult.strings(g, "errors", section.errors());
        g.writeEndObject();
    }

    /** {@code "chunking": {"count": 10, "size": null, "period": null, "column": null}}. */
    static void chunking(JsonGenerator g, Chunking c) throws IOException {
        g.writeObjectFieldStart("chunking");
        if (c.kind() == Chunking.Kind.COUNT) {
            g.writeNumberField("count", c.count());
        } else {
            g.writeNullField("count");
        }
        if (c.kind() == Chunking.Kind.SIZE) {
            g.writeNumberField("size", c.size());
        } else {
            g.writeNullField("size");
        }
        g.writeStringField("period", c.periodText());
        g.writeStringField("column", c.column());
        g.writeEndObject();
    }

    /** A chunk's place: {@code index}, {@code rows}, {@code fromRow}/{@code toRow} or {@code from}/{@code to}. */
    static void window(JsonGenerator g, Chunking.Window w) throws IOException {
        g.writeNumberField("index", w.index());
        g.writeNumberField("rows", w.rows());
        if (w.fromRow() == null) {
            g.writeNullField("fromRow");
            g.writeNullField("toRow");
        } else {
            g.writeNumberField("fromRow", w.fromRow());
            g.writeNumberField("toRow", w.toRow());
        }
        g.writeStringField("from", w.from() == null ? null : w.from().toString());
        g.writeStringField("to", w.to() == null ? null : w.to().toString());
    }

    // ---------------------------------------------------------------------------------------------
    // Terminal

    @Override
    public void text(PrintStream out, CheckReport report, EstimateResult section, Collection<String> ignored) {
        out.println();
        out.println(verdict(section) + " (" + section.method().toUpperCase(Locale.ROOT) + ", "
                + section.chunking().describe() + (section.calibration().isEmpty() ? "" : ", " + calibrationText(section))
                + ")");
        if (!section.metrics().isEmpty()) {
            out.printf(Locale.ROOT, "  %-18s %-17s %-11s %s%n", "metric", "thresholds", "alerts", "estimate per chunk"
                    + (section.hasRealized() ? " (realized)" : ""));
        }
        for (MetricEstimates m : section.metrics()) {
            int alerts = 0;
            StringBuilder values = new StringBuilder();
            for (ChunkEstimate c : m.chunks()) {
                alerts += c.alert() ? 1 : 0;
                if (values.length() > 0) {
                    values.append(' ');
                }
                values.append(DisplayNumbers.score(c.value())).append(c.alert() ? "!" : "");
                if (c.labelledRows() > 0) {
                    values.append('(').append(DisplayNumbers.score(c.realized())).append(')');
                }
            }
            out.printf(Locale.ROOT, "  %-18s %-17s %-11s %s%n", m.metric(), thresholds(m.thresholds().lower(),
                    m.thresholds().upper()), alerts + " of " + m.chunks().size(), values);
        }
        for (String e : section.errors()) {
            out.println("  ERROR  " + e);
        }
    }

    static String calibrationText(EstimateResult section) {
        int calibrated = 0;
        for (CalibrationDecision d : section.calibration()) {
            calibrated += d.calibrated() ? 1 : 0;
        }
        if (section.calibration().size() == 1) {
            return calibrated == 1 ? "probabilities calibrated" : "probabilities not calibrated";
        }
        return calibrated + " of " + section.calibration().size() + " classes calibrated";
    }

    static String thresholds(double lower, double upper) {
        return "[" + (Double.isNaN(lower) ? "–" : DisplayNumbers.score(lower)) + ", "
                + (Double.isNaN(upper) ? "–" : DisplayNumbers.score(upper)) + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // HTML

    /**
     * One metric on the page.
     *
     * @param name the metric
     * @param thresholds {@code [0.81, 0.93]}
     * @param alerts {@code 2 of 10 chunks alert}
     * @param chart the chart over chunks
     * @param rows the table under it, one row per chunk
     */
    record MetricPanel(String name, String thresholds, String alerts, boolean alert, ChunkCharts.Chart chart,
            List<Row> rows) {
    }

    /** One chunk of a metric's table. */
    record Row(String chunk, String window, String rows, String value, String band, String realized, boolean alert) {
    }

    /**
     * The section's page model.
     *
     * @param verdict the headline
     * @param summary what ran, on what
     * @param calibration the calibration decision in words, or null (DLE)
     * @param withRealized whether a realized column is shown
     */
    record Page(boolean alert, String verdict, String summary, String calibration, boolean withRealized,
            List<MetricPanel> metrics, List<String> errors) {
    }

    @Override
    public Page html(CheckReport report, EstimateResult section) {
        boolean realized = section.hasRealized();
        List<MetricPanel> panels = new ArrayList<>();
        for (MetricEstimates m : section.metrics()) {
            int n = m.chunks().size();
            double[] values = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            double[] real = new double[n];
            boolean[] alerts = new boolean[n];
            String[] titles = new String[n];
            List<Row> rows = new ArrayList<>();
            int alerting = 0;
            for (int i = 0; i < n; i++) {
                ChunkEstimate c = m.chunks().get(i);
                Chunking.Window w = section.chunks().get(c.chunk());
                values[i] = c.value();
                low[i] = c.lowerConfidence();
                high[i] = c.upperConfidence();
                real[i] = c.labelledRows() > 0 ? c.realized() : Double.NaN;
                alerts[i] = c.alert();
                alerting += c.alert() ? 1 : 0;
                titles[i] = "chunk " + (i + 1) + " (" + w.label() + "): " + DisplayNumbers.score(c.value())
                        + (c.alert() ? " — alert" : "");
                rows.add(new Row(Integer.toString(i + 1), w.label(), DisplayNumbers.count(c.rows()),
                        DisplayNumbers.score(c.value()), DisplayNumbers.score(c.lowerConfidence()) + " – "
                        + DisplayNumbers.score(c.upperConfidence()),
                        c.labelledRows() > 0 ? DisplayNumbers.score(c.realized()) : "–", c.alert()));
            }
            ChunkCharts.Chart chart = ChunkCharts.chart("Estimated " + m.metric() + " per chunk", values, low, high,
                    m.thresholds().lower(), m.thresholds().upper(), alerts, realized ? real : null, titles);
            panels.add(new MetricPanel(m.metric(), thresholds(m.thresholds().lower(), m.thresholds().upper()),
                    alerting + " of " + n + (n == 1 ? " chunk alerts" : " chunks alert"), alerting > 0, chart, rows));
        }
        String summary = section.method().equals("cbpe")
                ? "Confidence-based performance estimation (CBPE, as NannyML) from the model's probabilities"
                : "Direct loss estimation (DLE, as NannyML) from the model's inputs and prediction";
        summary += "; " + section.chunking().describe() + ", thresholds from " + section.referenceChunks()
                + " reference chunks (mean ± 3σ)" + (realized ? "; realized values from the labels present" : "")
                + ".";
        String calibration = null;
        if (!section.calibration().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (CalibrationDecision d : section.calibration()) {
                parts.add((d.calibrated() ? "calibrated" : "not calibrated") + " ("
                        + d.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "; ECE "
                        + DisplayNumbers.score(d.eceUncalibrated()) + " raw, " + DisplayNumbers.score(d.eceCalibrated())
                        + " calibrated)");
            }
            calibration = "calibrate: " + EstimateOptions.label(section.calibration().get(0).mode()) + " → "
                    + String.join("; ", parts);
        }
        return new Page(section.alerts(), verdict(section), summary, calibration, realized, panels, section.errors());
    }
}
