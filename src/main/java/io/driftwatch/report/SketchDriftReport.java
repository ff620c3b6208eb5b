package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.SketchDrift;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.SketchTestResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code check --sketch} shows its result: the terminal table (column, type, test, score, the
 * interval the exact score lies in, verdict) and the {@code sketch} JSON document, both described in
 * docs/sketches.md.
 *
 * <p>Thread-safe: immutable.
 *
 * @param result the drift on sketches
 * @param reference what the reference was ({@code file} and its rows)
 * @param referenceRows rows of the reference profile
 * @param current what the current batch was
 * @param currentRows rows of the current profile
 * @param settings the sketch settings both profiles were built with
 */
public record SketchDriftReport(SketchDrift.Result result, String reference, long referenceRows, String current,
        long currentRows, SketchSettings settings) {
    /** The version of the JSON document's shape, written as {@code schemaVersion}. */
    public static final int SCHEMA_VERSION = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Prints the dataset verdict, the table of tested columns and the columns left out. */
    public void print(PrintStream out) {
        DatasetDrift d = result.dataset();
        out.printf(Locale.ROOT, "Sketch check of %s (%s rows) against %s (%s rows)%n", current,
                DisplayNumbers.count(currentRows), reference, DisplayNumbers.count(referenceRows));
        out.printf(Locale.ROOT, "Dataset drift: %s: %d of %d columns drifted (%s, threshold %s)%s%n",
                d.detected() ? "DETECTED" : "not detected", d.numberOfDriftedColumns(), d.numberOfColumns(),
                DisplayNumbers.percent(d.share()), DisplayNumbers.percent(d.threshold()),
                result.undecided() > 0 ? "; " + result.undecided() + " undecided, counted as not drifted" : "");
        out.println();
        String format = "%-24s %-12s %-15s %-10s %-23s %s%n";
        out.printf(Locale.ROOT, format, "column", "type", "test", "score", "interval", "verdict");
        for (SketchDrift.Column c : result.columns()) {
            SketchTestResult r = c.result();
            if (r == null) {
                out.printf(Locale.ROOT, format, c.name(), c.type().label(), "-", "-", "-", "error: " + c.error());
                continue;
            }
            String interval = r.scoreLow() == r.scoreHigh() ? "exact"
                    : "[" + DisplayNumbers.score(r.scoreLow()) + ", " + DisplayNumbers.score(r.scoreHigh()) + "]";
            out.printf(Locale.ROOT, format, c.name(), c.type().label(), r.test(), DisplayNumbers.score(r.score()),
                    interval, r.verdict().label().replace('_', ' '));
        }
        if (!result.notTested().isEmpty()) {
            out.println();
            StringBuilder line = new StringBuilder("Not tested:");
            for (Map.Entry<String, String> e : result.notTested().entrySet()) {
                line.append(' ').append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            out.println(line);
        }
    }

    /** Writes the {@code sketch} JSON document. Does not close {@code out}. */
    public void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("kind", "sketch");
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            String version = SketchDriftReport.class.getPackage().getImplementationVersion();
            g.writeStringField("driftwatchVersion", version == null ? "dev" : version);
            g.writeObjectFieldStart("reference");
            g.writeStringField("source", reference);
            g.writeNumberField("rows", referenceRows);
            g.writeEndObject();
            g.writeObjectFieldStart("current");
            g.writeStringField("source", current);
            g.writeNumberField("rows", currentRows);
            g.writeEndObject();
            g.writeObjectFieldStart("sketchSettings");
            g.writeNumberField("k", settings.k());
            g.writeNumberField("exactValues", settings.exactValues());
            g.writeNumberField("exactLabels", settings.exactLabels());
            g.writeNumberField("frequentItemsMapSize", settings.frequentItemsMapSize());
            g.writeEndObject();
            DatasetDrift d = result.dataset();
            g.writeObjectFieldStart("datasetDrift");
            g.writeBooleanField("detected", d.detected());
            g.writeNumberField("share", d.share());
            g.writeNumberField("threshold", d.threshold());
            g.writeNumberField("numberOfColumns", d.numberOfColumns());
            g.writeNumberField("numberOfDriftedColumns", d.numberOfDriftedColumns());
            g.writeNumberField("numberOfUndecidedColumns", result.undecided());
            g.writeNumberField("numberOfErrors", d.numberOfErrors());
            g.writeEndObject();
            g.writeArrayFieldStart("columns");
            for (SketchDrift.Column c : result.columns()) {
                SketchTestResult r = c.result();
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("type", c.type().label());
                if (r == null) {
                    g.writeNullField("test");
                    g.writeNullField("score");
                    g.writeNullField("verdict");
                    g.writeBooleanField("drifted", false);
                    g.writeStringField("error", c.error());
                } else {
                    g.writeStringField("test", r.test());
                    number(g, "score", r.score());
                    g.writeArrayFieldStart("interval");
                    numberValue(g, r.scoreLow());
                    numberValue(g, r.scoreHigh());
                    g.writeEndArray();
                    number(g, "threshold", r.threshold());
                    g.writeStringField("verdict", r.verdict().label());
                    g.writeBooleanField("drifted", c.drifted());
                    g.writeNullField("error");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("notTested");
            for (Map.Entry<String, String> e : result.notTested().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** NaN and infinities are not JSON numbers: null. */
    private static void number(JsonGenerator g, String field, double x) throws IOException {
        g.writeFieldName(field);
        numberValue(g, x);
    }

    private static void numberValue(JsonGenerator g, double x) throws IOException {
        if (Double.isFinite(x)) {
            g.writeNumber(x);
        } else {
            g.writeNull();
        }
    }
}
