package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.driftwatch.analysis.Section;
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

    private JsonResult(CheckReport report) {
        this.report = Objects.requireNonNull(report, "report");
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
        List<CheckReport.Skipped> skipped = new java.util.ArrayList<>();
        if (report.hasReference()) {
            batch(g, "reference", report.referenceBatch());
        } else {
            g.writeNullField("reference");
            // DESIGN.md: without a reference, drift is skipped and the result says so.
            skipped.add(new CheckReport.Skipped("drift", "the check has no reference"));
        }
        skipped.addAll(report.skipped());
        if (!skipped.isEmpty()) {
            g.writeArrayFieldStart("skipped");
            for (CheckReport.Skipped s : skipped) {
                g.writeStartObject();
                g.writeStringField("analysis", s.analysis());
                g.writeStringField("reason", s.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        batch(g, "current", report.currentBatch());

        ColumnRoles roles = report.roles();
        g.writeObjectFieldStart("roles");
        g.writeStringField("target", roles.target());
        g.writeStringField("prediction", roles.prediction());
        g.writeStringField("datetime", roles.datetime());
        g.writeEndObject();

        for (Section section : report.sections().all()) {
            SectionViews.of(section).json(g, report);
        }

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
        if (b != null && b.lineage() != null) {
            g.writeObjectFieldStart("lineage");
            g.writeStringField("system", b.lineage().system());
            for (java.util.Map.Entry<String, String> fact : b.lineage().facts().entrySet()) {
                g.writeStringField(fact.getKey(), fact.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** A finite number as is; NaN and infinities as {@code null}. */
    static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }
}
