package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.integrity.DataSummary;
import io.driftwatch.integrity.DataSummary.CategoricalStats;
import io.driftwatch.integrity.DataSummary.NumericStats;
import io.driftwatch.integrity.DataSummary.ValueStats;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityResult;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The integrity (data quality) section's view: on the page, the verdict, the dataset summary beside
 * the reference's, the columns with their failed tests and findings first, and the findings with their
 * example values ({@code integrity.ftlh}, laid out from {@link IntegrityHtmlView}); in the JSON result,
 * {@code integrity} (DESIGN.md, "Model quality in the monitor definition and the JSON result"): the
 * current batch's {@code dataset} and {@code columns} under Evidently's metric names, the reference's
 * of the same shape under {@code reference}, the {@code tests}, {@code findings} and {@code errors}; in
 * the terminal, a compact block: the dataset line, then one line per failed test or finding.
 *
 * <p>Thread-safe: stateless.
 */
final class IntegrityView implements SectionView<IntegrityResult> {
    /** Failed tests and findings printed in the terminal before "and N more". */
    static final int TEXT_LINES = 20;

    @Override
    public Class<IntegrityResult> kind() {
        return IntegrityResult.class;
    }

    @Override
    public String headline(IntegrityResult section) {
        return verdict(section);
    }

    @Override
    public String topic() {
        return "data quality";
    }

    @Override
    public String template() {
        return "integrity.ftlh";
    }

    @Override
    public IntegrityHtmlView html(CheckReport report, IntegrityResult section) {
        return IntegrityHtmlView.of(section);
    }

    /**
     * The verdict in a few words: {@code 3 of 31 data-quality tests failed}, {@code All 13 data-quality
     * tests passed}, {@code 2 data-quality findings (1 critical)}, {@code No data-quality findings},
     * {@code Data-quality summary} (no tests); with {@code , 1 error} when a metric could not be computed.
     */
    static String verdict(IntegrityResult section) {
        String verdict = switch (section.tests()) {
            case EVIDENTLY -> {
                int failed = failedTests(section);
                int all = section.metricTests().size();
                yield failed > 0 ? failed + " of " + all + " data-quality " + plural(all, "test", "tests") + " failed"
                        : all == 0 ? "No data-quality tests ran"
                        : "All " + all + " data-quality " + plural(all, "test", "tests") + " passed";
            }
            case REFERENCE -> {
                int findings = section.findings().size();
                int critical = 0;
                for (IntegrityFinding f : section.findings()) {
                    critical += f.condition().severity() == IntegrityFinding.Severity.CRITICAL ? 1 : 0;
                }
                yield findings == 0 ? "No data-quality findings"
                        : findings + " data-quality " + plural(findings, "finding", "findings")
                                + (critical > 0 ? " (" + critical + " critical)" : "");
            }
            case NONE -> "Data-quality summary";
        };
        int errors = section.errors().size();
        return errors == 0 ? verdict : verdict + ", " + errors + " " + plural(errors, "error", "errors");
    }

    static int failedTests(IntegrityResult section) {
        int failed = 0;
        for (MetricTest t : section.metricTests()) {
            failed += t.status().failed() ? 1 : 0;
        }
        return failed;
    }

    // ---------------------------------------------------------------------------------------------
    // JSON

    @Override
    public void json(JsonGenerator g, CheckReport report, IntegrityResult section) throws IOException {
        g.writeObjectFieldStart("integrity");
        g.writeStringField("mode", section.tests().label());
        g.writeBooleanField("failed", section.failed());
        summary(g, section.current(), section.reference());
        if (section.reference() == null) {
            g.writeNullField("reference");
        } else {
            g.writeObjectFieldStart("reference");
            summary(g, section.reference(), section.current());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("tests");
        for (MetricTest t : section.metricTests()) {
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
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        for (IntegrityFinding f : section.findings()) {
            g.writeStartObject();
            g.writeStringField("condition", f.condition().label());
            g.writeStringField("severity", f.condition().severity().label());
            g.writeStringField("column", f.column());
            g.writeStringField("expected", f.expected());
            g.writeStringField("seen", f.seen());
            g.writeNumberField("rows", f.rows());
            JsonResult.strings(g, "examples", f.examples());
            g.writeEndObject();
        }
        g.writeEndArray();
        JsonResult.strings(g, "errors", section.errors());
        g.writeEndObject();
    }

    /**
     * {@code "dataset"} and {@code "columns"} of one side. A categorical column's
     * {@code unique_value_count} lists, as Evidently does, the union of both sides' values: the other
     * side's values this side lacks count 0.
     */
    private static void summary(JsonGenerator g, DataSummary side, DataSummary other) throws IOException {
        g.writeObjectFieldStart("dataset");
        g.writeNumberField("row_count", side.rows());
        DataSummary.ColumnCounts counts = side.columnCounts();
        g.writeObjectFieldStart("column_count");
        g.writeNumberField("total", counts.total());
        g.writeNumberField("numerical", counts.numerical());
        g.writeNumberField("categorical", counts.categorical());
        g.writeNumberField("datetime", counts.datetime());
        g.writeNumberField("text", counts.text());
        g.writeEndObject();
        g.writeNumberField("duplicated_row_count", side.duplicatedRows());
        g.writeNumberField("duplicated_columns_count", side.duplicatedColumns());
        g.writeNumberField("almost_duplicated_columns_count", side.almostDuplicatedColumns());
        g.writeNumberField("almost_constant_columns_count", side.almostConstantColumns());
        g.writeNumberField("empty_rows_count", side.emptyRows());
        g.writeNumberField("empty_columns_count", side.emptyColumns());
        g.writeNumberField("constant_columns_count", side.constantColumns());
        countAndShare(g, "dataset_missing_value_count", side.missingCells(), side.missingShare());
        g.writeEndObject();

        Map<String, CategoricalStats> otherCategories = new HashMap<>();
        if (other != null) {
            for (ValueStats v : other.columns()) {
                if (v instanceof CategoricalStats c) {
                    otherCategories.put(c.column(), c);
                }
            }
        }
        g.writeObjectFieldStart("columns");
        for (ValueStats v : side.columns()) {
            g.writeObjectFieldStart(v.column());
            g.writeStringField("type", v instanceof NumericStats ? "numerical" : "categorical");
            countAndShare(g, "missing_value_count", v.missing(), v.missingShare());
            if (v instanceof NumericStats n) {
                JsonResult.number(g, "min", n.min());
                JsonResult.number(g, "max", n.max());
                JsonResult.number(g, "mean", n.mean());
                JsonResult.number(g, "std", n.std());
                JsonResult.number(g, "quantile_25", n.quantile25());
                JsonResult.number(g, "quantile_50", n.quantile50());
                JsonResult.number(g, "quantile_75", n.quantile75());
            } else if (v instanceof CategoricalStats c) {
                uniqueValues(g, c, otherCategories.get(c.column()));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void uniqueValues(JsonGenerator g, CategoricalStats side, CategoricalStats other)
            throws IOException {
        g.writeObjectFieldStart("unique_value_count");
        List<String> labels = side.labels();
        long[] counts = side.counts();
        Set<String> seen = new HashSet<>(labels);
        for (int i = 0; i < counts.length; i++) {
            countAndShare(g, labels.get(i), counts[i], share(counts[i], side.rows()));
        }
        if (other != null) {
            for (String label : other.labels()) {
                if (seen.add(label)) {
                    countAndShare(g, label, 0, share(0, side.rows()));
                }
            }
        }
        g.writeEndObject();
    }

    private static double share(long count, int rows) {
        return rows == 0 ? Double.NaN : (double) count / rows;
    }

    private static void countAndShare(JsonGenerator g, String field, long count, double share) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("count", count);
        JsonResult.number(g, "share", share);
        g.writeEndObject();
    }

    // ---------------------------------------------------------------------------------------------
    // Terminal

    @Override
    public void text(PrintStream out, CheckReport report, IntegrityResult section, Collection<String> ignored) {
        DataSummary d = section.current();
        out.println();
        String mode = switch (section.tests()) {
            case EVIDENTLY -> section.reference() == null ? "Evidently's tests without a reference"
                    : "Evidently's tests";
            case REFERENCE -> "conditions from the reference";
            case NONE -> "no tests";
        };
        out.println("Data quality: " + verdict(section) + " (" + mode + ")");
        out.printf(Locale.ROOT, "  %s %s, %s duplicated; %s missing %s (%s per row); %d constant, %d empty %s%n",
                DisplayNumbers.count(d.rows()), plural(d.rows(), "row", "rows"),
                DisplayNumbers.count(d.duplicatedRows()), DisplayNumbers.count(d.missingCells()),
                plural(d.missingCells(), "cell", "cells"), DisplayNumbers.score(d.missingShare()), d.constantColumns(),
                d.emptyColumns(), plural(d.emptyColumns(), "column", "columns"));
        List<String> lines = new ArrayList<>();
        for (MetricTest t : section.metricTests()) {
            if (t.status().failed()) {
                lines.add(String.format(Locale.ROOT, "FAIL      %s = %s, expected %s", metricLabel(t),
                        value(t), condition(t.condition())));
            }
        }
        for (IntegrityFinding f : section.findings()) {
            String severity = f.condition().severity().name();
            lines.add(String.format(Locale.ROOT, "%-9s %s%s: %s; expected %s", severity,
                    f.column() == null ? "" : f.column() + ": ", f.condition().label().replace('_', ' '), f.seen(),
                    f.expected()));
        }
        int shown = Math.min(TEXT_LINES, lines.size());
        for (int i = 0; i < shown; i++) {
            out.println("  " + lines.get(i));
        }
        if (lines.size() > shown) {
            out.println("  … and " + (lines.size() - shown) + " more (see the JSON result or the HTML report)");
        }
        for (String error : section.errors()) {
            out.println("  could not compute: " + error);
        }
    }

    /** A share as a percentage; a share above 1 (missing cells per row) as a plain number. */
    private static String shareText(double share) {
        return share > 1 ? DisplayNumbers.score(share) : DisplayNumbers.percent(share);
    }

    private static String value(MetricTest t) {
        return "share".equals(t.slot()) ? shareText(t.value()) : DisplayNumbers.score(t.value());
    }

    // ---------------------------------------------------------------------------------------------
    // Words shared by the renderings

    /** {@code rows}, {@code missing values of temp (share)}, {@code min of temp}. */
    static String metricLabel(MetricTest t) {
        String name = metricName(t.metric());
        String slot = t.slot();
        boolean plainSlot = slot.equals("value") || slot.equals("count") || slot.equals("total");
        String label = plainSlot ? name : name + " (" + slot + ")";
        return t.column() == null ? label : label + " of " + t.column();
    }

    /** A metric key as words: {@code duplicated_row_count} → {@code duplicated rows}. */
    static String metricName(String metric) {
        return switch (metric) {
            case "row_count" -> "rows";
            case "column_count" -> "columns";
            case "duplicated_row_count" -> "duplicated rows";
            case "duplicated_columns_count" -> "duplicated column pairs";
            case "almost_duplicated_columns_count" -> "almost duplicated column pairs";
            case "almost_constant_columns_count" -> "almost constant columns";
            case "constant_columns_count" -> "constant columns";
            case "empty_rows_count" -> "empty rows";
            case "empty_columns_count" -> "empty columns";
            case "dataset_missing_value_count", "missing_value_count" -> "missing values";
            case "unique_value_count" -> "unique values";
            case "quantile_25" -> "25th percentile";
            case "quantile_50" -> "median";
            case "quantile_75" -> "75th percentile";
            default -> metric.replace('_', ' ');
        };
    }

    /**
     * A test's condition in words: {@code equal to 0}, {@code above 0}, {@code within 10% of the
     * reference's 102 (91.8 to 112.2)}, {@code at most the reference's 3}. A reference bound with
     * Evidently's default tolerance (a millionth) reads as the reference's value itself.
     */
    static String condition(MetricCondition c) {
        String bound = DisplayNumbers.score(c.value());
        if (!c.isReference()) {
            return switch (c.op()) {
                case EQ -> "equal to " + bound;
                case GT -> "above " + bound;
                case LT -> "below " + bound;
                case GTE -> "at least " + bound;
                case LTE -> "at most " + bound;
            };
        }
        // Evidently's default tolerance (a millionth), or a reference of 0 whose band is the absolute 1e-12
        boolean exact = c.relative() <= MetricCondition.DEFAULT_RELATIVE || c.tolerance() <= c.absolute();
        String ref = "the reference's " + bound;
        String within = exact ? ref : ref + " ± " + percentOf(c.relative());
        return switch (c.op()) {
            case EQ -> exact ? "equal to " + ref : "within " + percentOf(c.relative()) + " of " + ref + " ("
                    + DisplayNumbers.score(c.value() - c.tolerance()) + " to "
                    + DisplayNumbers.score(c.value() + c.tolerance()) + ")";
            case GT -> "above " + within;
            case LT -> "below " + within;
            case GTE -> "at least " + within;
            case LTE -> "at most " + within;
        };
    }

    private static String percentOf(double relative) {
        return DisplayNumbers.percent(relative);
    }

    static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
