package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.SketchDetails;
import io.driftwatch.drift.SketchDrift;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.SketchTestResult;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drift section's view: on the page, the verdict, the dataset figures and the columns panel
 * ({@code drift.ftlh}, laid out from {@link DriftHtmlView}); in the JSON result, {@code datasetDrift}
 * and {@code columns} (DESIGN.md, "JSON result"); in the terminal, the verdict, a compact table of the
 * tested columns (drifted first, the strongest drift on top) and notes on what was not tested, whose
 * missing share changed, which categories came or went, and which columns could not be tested.
 *
 * <p>Thread-safe: stateless.
 */
final class DriftView implements SectionView<DriftResult> {

    /**
     * Drifted columns first, then the others, then the ones that could not be tested; within each
     * group the strongest evidence of drift first ({@link ColumnDrift#STRONGEST_FIRST}).
     */
    static final Comparator<ColumnDrift> TABLE_ORDER = Comparator
            .comparingInt((ColumnDrift c) -> !c.tested() ? 2 : c.drifted() ? 0 : 1)
            .thenComparing(ColumnDrift.STRONGEST_FIRST);

    @Override
    public Class<DriftResult> kind() {
        return DriftResult.class;
    }

    @Override
    public String headline(DriftResult section) {
        return DriftHtmlView.verdict(section);
    }

    @Override
    public String topic() {
        return "data drift";
    }

    @Override
    public String template() {
        return "drift.ftlh";
    }

    /** {@code sketch.ftlh} for a check on sketch profiles, which has no rows to chart. */
    @Override
    public String template(DriftResult section) {
        return section.sketch() != null ? "sketch.ftlh" : template();
    }

    @Override
    public Object html(CheckReport report, DriftResult section) {
        return section.sketch() != null ? SketchHtmlView.of(report, section, section.sketch())
                : DriftHtmlView.of(report, section);
    }

    @Override
    public void json(JsonGenerator g, CheckReport report, DriftResult section) throws IOException {
        ColumnRoles roles = report.roles();
        DatasetDrift d = section.dataset();
        g.writeObjectFieldStart("datasetDrift");
        g.writeBooleanField("detected", d.detected());
        JsonResult.number(g, "share", d.share());
        JsonResult.number(g, "threshold", d.threshold());
        g.writeNumberField("numberOfColumns", d.numberOfColumns());
        g.writeNumberField("numberOfDriftedColumns", d.numberOfDriftedColumns());
        g.writeNumberField("numberOfErrors", d.numberOfErrors());
        g.writeStringField("correction", section.correction().label());
        SketchDetails sketch = section.sketch();
        if (sketch != null) {
            g.writeNumberField("numberOfUndecidedColumns", sketch.result().undecided());
        }
        g.writeEndObject();

        g.writeArrayFieldStart("columns");
        for (ColumnDrift c : section.columns()) {
            column(g, c, roles, section.correction(), sketch);
        }
        g.writeEndArray();
        if (sketch != null) {
            sketch(g, sketch);
        }
    }

    /**
     * The {@code sketch} object of a check on sketch profiles: both sides' rows and settings, the columns
     * not tested (docs/json-result.md, "Checks on sketch profiles").
     */
    private static void sketch(JsonGenerator g, SketchDetails sketch) throws IOException {
        g.writeObjectFieldStart("sketch");
        side(g, "reference", sketch.referenceRows(), sketch.referenceSettings());
        side(g, "current", sketch.currentRows(), sketch.currentSettings());
        g.writeObjectFieldStart("notTested");
        for (Map.Entry<String, String> e : sketch.result().notTested().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void side(JsonGenerator g, String field, long rows, SketchSettings s) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("rows", rows);
        g.writeObjectFieldStart("settings");
        g.writeNumberField("k", s.k());
        g.writeNumberField("exactValues", s.exactValues());
        g.writeNumberField("exactLabels", s.exactLabels());
        g.writeNumberField("frequentItemsMapSize", s.frequentItemsMapSize());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A column's {@code sketch} object: the interval its exact score lies in, the bound, the three-way verdict. */
    private static void sketchColumn(JsonGenerator g, SketchDrift.Column column) throws IOException {
        SketchTestResult r = column.result();
        g.writeObjectFieldStart("sketch");
        if (r == null) {
            g.writeNullField("interval");
            g.writeNullField("statisticError");
            g.writeNullField("verdict");
        } else {
            g.writeArrayFieldStart("interval");
            if (Double.isFinite(r.scoreLow())) {
                g.writeNumber(r.scoreLow());
            } else {
                g.writeNull();
            }
            if (Double.isFinite(r.scoreHigh())) {
                g.writeNumber(r.scoreHigh());
            } else {
                g.writeNull();
            }
            g.writeEndArray();
            JsonResult.number(g, "statisticError", r.statisticError());
            g.writeStringField("verdict", r.verdict().label());
        }
        g.writeBooleanField("undecided", column.undecided());
        g.writeEndObject();
    }

    private static void column(JsonGenerator g, ColumnDrift c, ColumnRoles roles, Correction correction,
            SketchDetails sketch) throws IOException {
        TestResult r = c.result();
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("type", c.type().label());
        g.writeStringField("role", c.name().equals(roles.target()) ? "target"
                : c.name().equals(roles.prediction()) ? "prediction" : null);
        g.writeStringField("test", r == null ? null : r.test());
        g.writeStringField("displayName", r == null ? null : r.displayName());
        g.writeStringField("scoreKind", r == null ? null : r.scoreKind().label());
        JsonResult.number(g, "score", r == null ? Double.NaN : r.score());
        boolean adjusted = r != null && correction != Correction.NONE && r.scoreKind() == ScoreKind.P_VALUE;
        JsonResult.number(g, "adjustedScore", adjusted ? c.adjustedScore() : Double.NaN);
        JsonResult.number(g, "threshold", r == null ? Double.NaN : r.threshold());
        g.writeStringField("comparison", r == null ? null : r.comparison().symbol());
        g.writeBooleanField("drifted", c.drifted());
        g.writeStringField("error", c.error());
        JsonResult.number(g, "statistic", r == null ? Double.NaN : r.statistic());
        g.writeStringField("method", r == null ? null : r.method());
        g.writeNumberField("referenceRows", c.referenceRows());
        g.writeNumberField("currentRows", c.currentRows());
        g.writeNumberField("referenceMissing", c.referenceMissing());
        g.writeNumberField("currentMissing", c.currentMissing());
        JsonResult.number(g, "referenceMissingShare", c.referenceMissingShare());
        JsonResult.number(g, "currentMissingShare", c.currentMissingShare());
        g.writeBooleanField("missingShareChanged", c.missingShareChanged());
        JsonResult.strings(g, "newCategories", c.newCategories());
        JsonResult.strings(g, "goneCategories", c.goneCategories());
        if (sketch != null) {
            SketchDrift.Column s = sketch.column(c.name()).orElse(null);
            if (s != null) {
                sketchColumn(g, s);
            }
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    @Override
    public void text(PrintStream out, CheckReport report, DriftResult section, Collection<String> ignored) {
        DatasetDrift d = section.dataset();
        out.printf(Locale.ROOT, "Dataset drift: %s, %d of %d columns drifted (%s, threshold %s)%n",
                d.detected() ? "YES" : "NO", d.numberOfDriftedColumns(), d.numberOfColumns(), percent(d.share()),
                percent(d.threshold()));
        if (d.numberOfErrors() > 0) {
            out.printf(Locale.ROOT, "%d %s could not be tested (see below)%n", d.numberOfErrors(),
                    d.numberOfErrors() == 1 ? "column" : "columns");
        }
        out.println();

        List<ColumnDrift> columns = new ArrayList<>(section.columns());
        columns.sort(TABLE_ORDER);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"column", "type", "test", "score", "threshold", "drift"});
        List<String> errors = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean pValues = false;
        boolean distances = false;
        for (ColumnDrift c : columns) {
            String name = c.name() + role(report, c.name());
            TestResult r = c.result();
            if (c.missingShareChanged()) {
                missing.add(c.name() + ": " + percent(c.referenceMissingShare()) + " of the reference, "
                        + percent(c.currentMissingShare()) + " of the current batch");
            }
            if (!c.newCategories().isEmpty() || !c.goneCategories().isEmpty()) {
                categories.add(c.name() + ": " + (c.newCategories().isEmpty() ? ""
                        : "new " + labels(c.newCategories()) + (c.goneCategories().isEmpty() ? "" : "; "))
                        + (c.goneCategories().isEmpty() ? "" : "gone " + labels(c.goneCategories())));
            }
            if (r == null) {
                rows.add(new String[] {name, c.type().label(), "-", "-", "-", "error"});
                errors.add(c.name() + ": " + c.error());
                continue;
            }
            boolean p = r.scoreKind() == ScoreKind.P_VALUE;
            pValues |= p;
            distances |= !p;
            String score = number(r.score());
            if (!Double.isNaN(c.adjustedScore()) && c.adjustedScore() != r.score()) {
                score += " (adjusted " + number(c.adjustedScore()) + ")";
            }
            rows.add(new String[] {name, c.type().label(), r.test(), score,
                    (p ? "p " : "d ") + r.comparison().symbol() + " " + threshold(r.threshold()),
                    c.drifted() ? "DRIFT" : "-"});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        if (pValues) {
            out.println("  p: the score is a p-value; a small one means the two batches differ");
        }
        if (distances) {
            out.println("  d: the score is a distance; a large one means the two batches differ");
        }
        String notTested = notTested(report, ignored);
        if (!notTested.isEmpty()) {
            out.println("  not tested: " + notTested);
        }
        if (!missing.isEmpty()) {
            out.println();
            out.println("Missing values changed:");
            missing.forEach(line -> out.println("  " + line));
        }
        if (!categories.isEmpty()) {
            out.println();
            out.println("Categories:");
            categories.forEach(line -> out.println("  " + line));
        }
        if (!errors.isEmpty()) {
            out.println();
            out.println("Could not be tested:");
            errors.forEach(line -> out.println("  " + line));
        }
    }

    /** Columns left out, with why: {@code dteday (datetime); instant, yr (ignored)}. */
    private static String notTested(CheckReport report, Collection<String> ignored) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        report.types().forEach((column, type) -> {
            if (!type.isTested()) {
                byReason.computeIfAbsent(type.label(), k -> new ArrayList<>()).add(column);
            }
        });
        for (String column : ignored) {
            if (report.current() != null && report.current().column(column).isPresent()) {
                byReason.computeIfAbsent("ignored", k -> new ArrayList<>()).add(column);
            }
        }
        List<String> parts = new ArrayList<>();
        byReason.forEach((reason, names) -> parts.add(String.join(", ", names) + " (" + reason + ")"));
        return String.join("; ", parts);
    }

    private static String labels(List<String> labels) {
        int shown = Math.min(5, labels.size());
        String list = String.join(", ", labels.subList(0, shown));
        return labels.size() > shown ? list + ", ... (" + labels.size() + " in all)" : list;
    }

    private static String role(CheckReport report, String column) {
        if (column.equals(report.roles().target())) {
            return " (target)";
        }
        if (column.equals(report.roles().prediction())) {
            return " (prediction)";
        }
        return "";
    }

    private static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
                + "%";
    }

    /** Three significant digits; scientific notation below 0.001 and from a million. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A threshold as the user would write it: {@code 0.05}, {@code 0.2}, {@code 1e-07}. */
    static String threshold(double v) {
        if (v != 0 && Math.abs(v) < 1e-4) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
