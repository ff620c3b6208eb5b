package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.analysis.Chunking;
import io.driftwatch.multivariate.ClassifierChunk;
import io.driftwatch.multivariate.ColumnContribution;
import io.driftwatch.multivariate.ColumnImportance;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.multivariate.ReconstructionChunk;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The multivariate drift section's view: on the page, the verdict, the PCA reconstruction error per
 * chunk (sampling band, dashed thresholds, alerts) with the columns driving each alerting chunk, and
 * the domain classifier's AUC per chunk with its 0.45–0.65 band and top columns
 * ({@code multivariate.ftlh}); in the JSON result, {@code multivariate} (docs/json-result.md); in the
 * terminal, the verdict and one line per method.
 *
 * <p>Thread-safe: stateless.
 */
final class MultivariateView implements SectionView<MultivariateResult> {
    /** Driving columns listed per chunk. */
    static final int DRIVERS = 3;

    @Override
    public Class<MultivariateResult> kind() {
        return MultivariateResult.class;
    }

    @Override
    public String headline(MultivariateResult section) {
        return verdict(section);
    }

    @Override
    public String topic() {
        return "multivariate drift";
    }

    @Override
    public String template() {
        return "multivariate.ftlh";
    }

    /** {@code Multivariate drift in 3 of 10 chunks}, {@code No multivariate drift}, {@code Multivariate drift not measured}. */
    static String verdict(MultivariateResult section) {
        if (section.pca() == null && section.domainClassifier() == null) {
            return "Multivariate drift not measured, " + section.errors().size() + " "
                    + (section.errors().size() == 1 ? "error" : "errors");
        }
        int alerting = 0;
        for (int i = 0; i < section.chunks().size(); i++) {
            boolean a = section.pca() != null && section.pca().chunks().get(i).alert()
                    || section.domainClassifier() != null && section.domainClassifier().chunks().get(i).alert();
            alerting += a ? 1 : 0;
        }
        String verdict = alerting == 0 ? "No multivariate drift"
                : "Multivariate drift in " + alerting + " of " + section.chunks().size() + " chunks";
        return section.errors().isEmpty() ? verdict : verdict + ", " + section.errors().size() + " "
                + (section.errors().size() == 1 ? "error" : "errors");
    }

    // ---------------------------------------------------------------------------------------------
    // JSON

    @Override
    public void json(JsonGenerator g, CheckReport report, MultivariateResult section) throws IOException {
        g.writeObjectFieldStart("multivariate");
        g.writeBooleanField("alert", section.alerts());
        EstimateView.chunking(g, section.chunking());
        JsonResult.strings(g, "features", section.features());
        MultivariateResult.Reconstruction pca = section.pca();
        if (pca == null) {
            g.writeNullField("pca");
        } else {
            g.writeObjectFieldStart("pca");
            g.writeNumberField("components", pca.components());
            g.writeNumberField("variance", pca.variance());
            g.writeNumberField("referenceChunks", pca.referenceChunks());
            JsonResult.number(g, "lowerThreshold", pca.lowerThreshold());
            JsonResult.number(g, "upperThreshold", pca.upperThreshold());
            g.writeBooleanField("alert", pca.alerts());
            g.writeArrayFieldStart("chunks");
            for (int i = 0; i < pca.chunks().size(); i++) {
                ReconstructionChunk c = pca.chunks().get(i);
                g.writeStartObject();
                EstimateView.window(g, section.chunks().get(i));
                JsonResult.number(g, "value", c.reconstructionError());
                JsonResult.number(g, "samplingError", c.samplingError());
                JsonResult.number(g, "lowerConfidence", c.lowerConfidenceBound());
                JsonResult.number(g, "upperConfidence", c.upperConfidenceBound());
                JsonResult.number(g, "lowerThreshold", c.lowerThreshold());
                JsonResult.number(g, "upperThreshold", c.upperThreshold());
                g.writeBooleanField("alert", c.alert());
                g.writeArrayFieldStart("drivers");
                for (ColumnContribution d : c.drivers(DRIVERS)) {
                    g.writeStartObject();
                    g.writeStringField("column", d.column());
                    JsonResult.number(g, "meanSquaredError", d.meanSquaredError());
                    JsonResult.number(g, "share", d.share());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        MultivariateResult.Classifier dc = section.domainClassifier();
        if (dc == null) {
            g.writeNullField("domainClassifier");
        } else {
            g.writeObjectFieldStart("domainClassifier");
            g.writeNumberField("folds", dc.folds());
            g.writeNumberField("seed", dc.seed());
            JsonResult.number(g, "lowerThreshold", dc.lowerThreshold());
            JsonResult.number(g, "upperThreshold", dc.upperThreshold());
            g.writeBooleanField("alert", dc.alerts());
            g.writeArrayFieldStart("chunks");
            for (int i = 0; i < dc.chunks().size(); i++) {
                ClassifierChunk c = dc.chunks().get(i);
                g.writeStartObject();
                EstimateView.window(g, section.chunks().get(i));
                JsonResult.number(g, "value", c.auroc());
                JsonResult.number(g, "lowerThreshold", c.lowerThreshold());
                JsonResult.number(g, "upperThreshold", c.upperThreshold());
                g.writeBooleanField("alert", c.alert());
                g.writeArrayFieldStart("drivers");
                for (ColumnImportance d : c.drivers(DRIVERS)) {
                    g.writeStartObject();
                    g.writeStringField("column", d.column());
                    JsonResult.number(g, "share", d.share());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        JsonResult.strings(g, "errors", section.errors());
        g.writeEndObject();
    }

    // ---------------------------------------------------------------------------------------------
    // Terminal

    @Override
    public void text(PrintStream out, CheckReport report, MultivariateResult section, Collection<String> ignored) {
        out.println();
        out.println(verdict(section) + " (" + section.chunking().describe() + ", " + section.features().size()
                + " columns)");
        MultivariateResult.Reconstruction pca = section.pca();
        if (pca != null) {
            StringBuilder values = new StringBuilder();
            int alerts = 0;
            for (ReconstructionChunk c : pca.chunks()) {
                alerts += c.alert() ? 1 : 0;
                values.append(values.length() == 0 ? "" : " ").append(DisplayNumbers.score(c.reconstructionError()))
                        .append(c.alert() ? "!" : "");
            }
            out.printf(Locale.ROOT, "  %-18s %-17s %-11s %s%n", "pca error", EstimateView.thresholds(
                    pca.lowerThreshold(), pca.upperThreshold()), alerts + " of " + pca.chunks().size(), values);
            for (ReconstructionChunk c : pca.chunks()) {
                if (c.alert()) {
                    out.println("    chunk " + (pca.chunks().indexOf(c) + 1) + " driven by " + driverText(c));
                    break;
                }
            }
        }
        MultivariateResult.Classifier dc = section.domainClassifier();
        if (dc != null) {
            StringBuilder values = new StringBuilder();
            int alerts = 0;
            for (ClassifierChunk c : dc.chunks()) {
                alerts += c.alert() ? 1 : 0;
                values.append(values.length() == 0 ? "" : " ").append(DisplayNumbers.score(c.auroc()))
                        .append(c.alert() ? "!" : "");
            }
            out.printf(Locale.ROOT, "  %-18s %-17s %-11s %s%n", "classifier auc", EstimateView.thresholds(
                    dc.lowerThreshold(), dc.upperThreshold()), alerts + " of " + dc.chunks().size(), values);
        }
        for (String e : section.errors()) {
            out.println("  ERROR  " + e);
        }
    }

    private static String driverText(ReconstructionChunk c) {
        List<String> parts = new ArrayList<>();
        for (ColumnContribution d : c.drivers(DRIVERS)) {
            parts.add(d.column() + " " + DisplayNumbers.percent(d.share()));
        }
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------------------------------------
    // HTML

    /** A chunk's row: its place, value, band, alert, and its top columns in words. */
    record Row(String chunk, String window, String rows, String value, String band, boolean alert, String drivers) {
    }

    /**
     * One method's panel.
     *
     * @param title {@code PCA reconstruction error}
     * @param note how to read it
     * @param thresholds the thresholds in words
     * @param chart the chart over chunks
     * @param rows one per chunk
     */
    record MethodPanel(String id, String title, String note, String thresholds, ChunkCharts.Chart chart,
            boolean withBand, List<Row> rows) {
    }

    /** The section's page model. */
    record Page(boolean alert, String verdict, String summary, List<MethodPanel> methods, List<String> errors) {
    }

    @Override
    public Page html(CheckReport report, MultivariateResult section) {
        List<MethodPanel> methods = new ArrayList<>();
        MultivariateResult.Reconstruction pca = section.pca();
        if (pca != null) {
            int n = pca.chunks().size();
            double[] v = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            boolean[] a = new boolean[n];
            String[] titles = new String[n];
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ReconstructionChunk c = pca.chunks().get(i);
                Chunking.Window w = section.chunks().get(i);
                v[i] = c.reconstructionError();
                lo[i] = c.lowerConfidenceBound();
                hi[i] = c.upperConfidenceBound();
                a[i] = c.alert();
                titles[i] = "chunk " + (i + 1) + " (" + w.label() + "): " + DisplayNumbers.score(v[i])
                        + (c.alert() ? " — alert" : "");
                rows.add(new Row(Integer.toString(i + 1), w.label(), DisplayNumbers.count(c.rowCount()),
                        DisplayNumbers.score(v[i]), DisplayNumbers.score(lo[i]) + " – " + DisplayNumbers.score(hi[i]),
                        c.alert(), driverText(c)));
            }
            methods.add(new MethodPanel("mv-pca", "PCA reconstruction error",
                    pca.components() + " principal components keep more than " + DisplayNumbers.percent(pca.variance())
                            + " of the reference's variance; thresholds are the mean ± 3σ over " + pca.referenceChunks()
                            + " reference chunks. Drivers: each column's share of the squared reconstruction error.",
                    EstimateView.thresholds(pca.lowerThreshold(), pca.upperThreshold()),
                    ChunkCharts.chart("PCA reconstruction error per chunk", v, lo, hi, pca.lowerThreshold(),
                            pca.upperThreshold(), a, null, titles), true, rows));
        }
        MultivariateResult.Classifier dc = section.domainClassifier();
        if (dc != null) {
            int n = dc.chunks().size();
            double[] v = new double[n];
            boolean[] a = new boolean[n];
            String[] titles = new String[n];
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ClassifierChunk c = dc.chunks().get(i);
                Chunking.Window w = section.chunks().get(i);
                v[i] = c.auroc();
                a[i] = c.alert();
                titles[i] = "chunk " + (i + 1) + " (" + w.label() + "): AUC " + DisplayNumbers.score(v[i])
                        + (c.alert() ? " — alert" : "");
                List<String> parts = new ArrayList<>();
                for (ColumnImportance d : c.drivers(DRIVERS)) {
                    parts.add(d.column() + " " + DisplayNumbers.percent(d.share()));
                }
                rows.add(new Row(Integer.toString(i + 1), w.label(), DisplayNumbers.count(c.rowCount()),
                        DisplayNumbers.score(v[i]), null, c.alert(), String.join(", ", parts)));
            }
            methods.add(new MethodPanel("mv-dc", "Domain classifier AUC",
                    "A gradient-boosted classifier learns to tell each chunk from the reference (" + dc.folds()
                            + "-fold cross-validation, seed " + dc.seed() + "); 0.5 means it cannot. Alert outside "
                            + EstimateView.thresholds(dc.lowerThreshold(), dc.upperThreshold())
                            + ". Top columns: their share of the trees' split gain.",
                    EstimateView.thresholds(dc.lowerThreshold(), dc.upperThreshold()),
                    ChunkCharts.chart("Domain classifier AUC per chunk", v, null, null, dc.lowerThreshold(),
                            dc.upperThreshold(), a, null, titles), false, rows));
        }
        String summary = "Drift across " + section.features().size() + " columns ("
                + String.join(", ", section.features().subList(0, Math.min(8, section.features().size())))
                + (section.features().size() > 8 ? ", …" : "") + "), " + section.chunking().describe()
                + ", as NannyML computes it.";
        return new Page(section.alerts(), verdict(section), summary, methods, section.errors());
    }
}
