package io.driftwatch.monitor.policy;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data-quality failures of a check as alerts print them: one line of plain text per failed
 * Evidently test or broken reference condition, critical ones first, each saying what moved from
 * what to what. Channels escape and cut the lines for their receivers.
 *
 * <p>Thread-safe: stateless.
 */
final class DataQualityLines {
    private DataQualityLines() {
    }

    /** The lines of the check's integrity section; empty without one or without failures. */
    static List<String> of(Sections sections) {
        IntegrityResult integrity = sections.find(IntegrityResult.class).orElse(null);
        if (integrity == null) {
            return List.of();
        }
        List<String> critical = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (IntegrityFinding f : integrity.findings()) {
            String where = f.column() == null ? "dataset" : "'" + f.column() + "'";
            String rows = f.rows() > 0 ? " in " + String.format(Locale.ROOT, "%,d", f.rows())
                    + (f.rows() == 1 ? " row" : " rows") : "";
            String line = where + ": " + f.condition().label() + rows + ": " + f.seen() + "; expected "
                    + f.expected();
            (f.condition().severity() == IntegrityFinding.Severity.CRITICAL ? critical : warnings).add(line);
        }
        for (MetricTest t : integrity.metricTests()) {
            if (t.status().failed()) {
                String what = t.column() == null ? t.metric() : t.metric() + " of '" + t.column() + "'";
                String slot = "value".equals(t.slot()) ? "" : " (" + t.slot() + ")";
                critical.add(what + slot + " is " + number(t.value()) + ", expected " + t.condition().describe());
            }
        }
        critical.addAll(warnings);
        return List.copyOf(critical);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
