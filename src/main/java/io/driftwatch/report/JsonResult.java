package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * The versioned JSON result of a check (DESIGN.md, "JSON result"; schema in
 * {@code docs/result.schema.json}, fields explained in {@code docs/json-result.md}). Field names
 * and meanings are a contract: {@link #SCHEMA_VERSION} changes when a field is removed, renamed or
 * changes meaning; new fields may be added without a change. Numbers that are not finite (an
 * undefined score or statistic) are written as {@code null}, never as {@code NaN} tokens, so every
 * JSON parser reads the result.
 *
 * <p>Thread-safe: immutable; writing has no shared state.
 */
public final class JsonResult {
    /** The version of the document's shape, written as {@code schemaVersion}. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private final CheckReport report;
    private final Correction correction;

    private JsonResult(CheckReport report) {
        this.report = Objects.requireNonNull(report, "report");
        this.correction = report.drift().correction();
    }

    /** The JSON result of {@code report}. */
    public static JsonResult of(CheckReport report) {
        return new JsonResult(report);
    }

    /** Writes the document, pretty-printed, as UTF-8. Does not close {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            Separators separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator("");
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(separators)
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pretty);
            write(g);
            g.writeRaw('\n');
        }
    }

    /** The document as a string. */
    public String toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", SCHEMA_VERSION);
        g.writeStringField("driftwatchVersion", report.driftwatchVersion());
        g.writeStringField("createdAt", report.createdAt() == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(report.createdAt()));
        g.writeStringField("title", report.title());
        batch(g, "reference", report.referenceBatch());
        batch(g, "current", report.currentBatch());

        ColumnRoles roles = report.roles();
        g.writeObjectFieldStart("roles");
        g.writeStringField("target", roles.target());
        g.writeStringField("prediction", roles.prediction());
        g.writeStringField("datetime", roles.datetime());
        g.writeEndObject();

        DatasetDrift d = report.drift().dataset();
        g.writeObjectFieldStart("datasetDrift");
        g.writeBooleanField("detected", d.detected());
        number(g, "share", d.share());
        number(g, "threshold", d.threshold());
        g.writeNumberField("numberOfColumns", d.numberOfColumns());
        g.writeNumberField("numberOfDriftedColumns", d.numberOfDriftedColumns());
        g.writeNumberField("numberOfErrors", d.numberOfErrors());
        g.writeStringField("correction", correction.label());
        g.writeEndObject();

        g.writeArrayFieldStart("columns");
        for (ColumnDrift c : report.drift().columns()) {
            column(g, c, roles);
        }
        g.writeEndArray();

        Timings t = report.timings();
        g.writeObjectFieldStart("timings");
        g.writeNumberField("readMillis", t == null ? 0 : t.readMillis());
        g.writeNumberField("analysisMillis", t == null ? 0 : t.analysisMillis());
        g.writeNumberField("totalMillis", t == null ? 0 : t.totalMillis());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void batch(JsonGenerator g, String field, BatchInfo b) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("source", b == null ? null : b.source());
        g.writeStringField("format", b == null ? null : b.format());
        g.writeNumberField("rows", b == null ? 0 : b.rows());
        g.writeStringField("sha256", b == null ? null : b.sha256());
        g.writeEndObject();
    }

    private void column(JsonGenerator g, ColumnDrift c, ColumnRoles roles) throws IOException {
        TestResult r = c.result();
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("type", c.type().label());
        g.writeStringField("role", c.name().equals(roles.target()) ? "target"
                : c.name().equals(roles.prediction()) ? "prediction" : null);
        g.writeStringField("test", r == null ? null : r.test());
        g.writeStringField("displayName", r == null ? null : r.displayName());
        g.writeStringField("scoreKind", r == null ? null : r.scoreKind() == ScoreKind.P_VALUE ? "p_value" : "distance");
        number(g, "score", r == null ? Double.NaN : r.score());
        boolean adjusted = r != null && correction != Correction.NONE && r.scoreKind() == ScoreKind.P_VALUE;
        number(g, "adjustedScore", adjusted ? c.adjustedScore() : Double.NaN);
        number(g, "threshold", r == null ? Double.NaN : r.threshold());
        g.writeStringField("comparison", r == null ? null : r.comparison().symbol());
        g.writeBooleanField("drifted", c.drifted());
        g.writeStringField("error", c.error());
        number(g, "statistic", r == null ? Double.NaN : r.statistic());
        g.writeStringField("method", r == null ? null : r.method());
        g.writeNumberField("referenceRows", c.referenceRows());
        g.writeNumberField("currentRows", c.currentRows());
        g.writeNumberField("referenceMissing", c.referenceMissing());
        g.writeNumberField("currentMissing", c.currentMissing());
        number(g, "referenceMissingShare", c.referenceMissingShare());
        number(g, "currentMissingShare", c.currentMissingShare());
        g.writeBooleanField("missingShareChanged", c.missingShareChanged());
        strings(g, "newCategories", c.newCategories());
        strings(g, "goneCategories", c.goneCategories());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** A finite number as is; NaN and infinities as {@code null}. */
    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }
}
