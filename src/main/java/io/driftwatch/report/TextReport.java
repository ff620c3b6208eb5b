package io.driftwatch.report;

import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a check for the terminal, beside {@link HtmlReport} and {@link JsonResult}: the inputs, the
 * dataset verdict, a compact table of the tested columns (drifted first, the strongest drift on
 * top), and notes on what was not tested, whose missing share changed, which categories came or
 * went, and which columns could not be tested.
 *
 * <pre>
 * bike-sharing: reference.csv (688 rows) vs current.csv (741 rows)
 * Dataset drift: YES, 9 of 13 columns drifted (69.2%, threshold 50%)
 *
 *   column        type         test       score     threshold  drift
 *   temp          numerical    ks         1.23e-81  p &lt;= 0.05  DRIFT
 * </pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class TextReport {

    /**
     * Drifted columns first, then the others, then the ones that could not be tested; within each
     * group the strongest evidence of drift first ({@link ColumnDrift#STRONGEST_FIRST}).
     */
    static final Comparator<ColumnDrift> TABLE_ORDER = Comparator
            .comparingInt((ColumnDrift c) -> !c.tested() ? 2 : c.drifted() ? 0 : 1)
            .thenComparing(ColumnDrift.STRONGEST_FIRST);

    private TextReport() {
    }

    /**
     * Prints {@code report} to {@code out}.
     *
     * @param monitorName the monitor's name, printed before the inputs when there is one
     * @param ignored the columns the monitor ignores, in its order; those in the current batch are
     *     listed as not tested
     */
    public static void print(PrintStream out, CheckReport report, Optional<String> monitorName,
            Collection<String> ignored) {
        DatasetDrift d = report.drift().dataset();
        String inputs = String.format(Locale.ROOT, "%s (%,d rows) vs %s (%,d rows)", report.referenceBatch().source(),
                report.referenceBatch().rows(), report.currentBatch().source(), report.currentBatch().rows());
        out.println(monitorName.map(name -> name + ": " + inputs).orElse(inputs));
        out.printf(Locale.ROOT, "Dataset drift: %s, %d of %d columns drifted (%s, threshold %s)%n",
                d.detected() ? "YES" : "NO", d.numberOfDriftedColumns(), d.numberOfColumns(), percent(d.share()),
                percent(d.threshold()));
        if (d.numberOfErrors() > 0) {
            out.printf(Locale.ROOT, "%d %s could not be tested (see below)%n", d.numberOfErrors(),
                    d.numberOfErrors() == 1 ? "column" : "columns");
        }
        out.println();

        List<ColumnDrift> columns = new ArrayList<>(report.drift().columns());
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
            if (report.current().column(column).isPresent()) {
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
