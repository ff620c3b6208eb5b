package io.driftwatch.report;

import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.SketchDetails;
import io.driftwatch.drift.SketchDrift;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.SketchTestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the drift section of a check on sketch profiles lays out ({@code sketch.ftlh}), all formatted: the
 * verdict, the dataset figures with the undecided columns, one row per column, drifted ones first as in the
 * exact report (test, score, the interval the exact score lies in, the statistic's error bound, when the test
 * calls drift, the three-way verdict), the
 * columns not tested, the analyses skipped, and the sketch settings of both sides. No charts: the sketches
 * are not the rows.
 *
 * <p>Thread-safe: immutable.
 */
record SketchHtmlView(
        boolean detected,
        String verdict,
        String summary,
        String columns,
        String drifted,
        String undecided,
        String share,
        String threshold,
        int errors,
        List<Row> table,
        List<DriftHtmlView.Untested> untested,
        List<CheckReport.Skipped> skipped,
        String settings) {

    /**
     * One column.
     *
     * @param verdict {@code drift}, {@code no_drift}, {@code undecided} or {@code error}
     * @param interval {@code [low, high]} as printed, or {@code exact} when the summaries are exact
     * @param bound the statistic's error bound (KS: the two sketches' rank errors), or null
     */
    record Row(String name, String type, String test, String score, String interval, String bound, String rule,
            String verdict, String error, String referenceMissing, String currentMissing) {
    }

    static SketchHtmlView of(CheckReport report, DriftResult section, SketchDetails sketch) {
        DatasetDrift d = section.dataset();
        int undecided = sketch.result().undecided();
        List<Row> rows = new ArrayList<>();
        List<ColumnDrift> ordered = new ArrayList<>(section.columns());
        ordered.sort(DriftView.TABLE_ORDER); // drifted first, then the rest, errors last; strongest first within
        for (ColumnDrift c : ordered) {
            SketchTestResult r = sketch.column(c.name()).map(SketchDrift.Column::result).orElse(null);
            String missingRef = DisplayNumbers.percent(c.referenceMissingShare());
            String missingCur = DisplayNumbers.percent(c.currentMissingShare());
            if (r == null) {
                rows.add(new Row(c.name(), c.type().label(), null, null, null, null, null, "error", c.error(), missingRef,
                        missingCur));
                continue;
            }
            String interval = r.scoreLow() == r.scoreHigh() ? "exact"
                    : "[" + DisplayNumbers.score(r.scoreLow()) + ", " + DisplayNumbers.score(r.scoreHigh()) + "]";
            String bound = Double.isFinite(r.statisticError()) ? DisplayNumbers.score(r.statisticError()) : null;
            String rule = (r.scoreKind() == ScoreKind.P_VALUE ? "p " : "score ") + HtmlColumnView.symbol(r.comparison()) + " "
                    + DisplayNumbers.score(r.threshold());
            rows.add(new Row(c.name(), c.type().label(), r.displayName(), DisplayNumbers.score(r.score()), interval,
                    bound, rule, r.verdict().label(), null, missingRef, missingCur));
        }
        List<DriftHtmlView.Untested> untested = new ArrayList<>();
        for (Map.Entry<String, String> e : sketch.result().notTested().entrySet()) {
            untested.add(new DriftHtmlView.Untested(e.getKey(), e.getValue()));
        }
        String summary = d.numberOfDriftedColumns() + " of " + d.numberOfColumns()
                + (d.numberOfColumns() == 1 ? " column" : " columns") + " drifted (" + DisplayNumbers.percent(d.share())
                + "); drift is declared at a share of " + DisplayNumbers.percent(d.threshold()) + " or more."
                + (undecided == 0 ? "" : " " + undecided + (undecided == 1 ? " column is" : " columns are")
                        + " undecided at this sketch size (the threshold lies within the score's error bound) and"
                        + " counted as not drifted.");
        String settings = "reference " + settings(sketch.referenceSettings()) + "; current "
                + settings(sketch.currentSettings());
        return new SketchHtmlView(d.detected(), DriftHtmlView.verdict(section) + " (on sketch profiles)", summary,
                DisplayNumbers.count(d.numberOfColumns()), DisplayNumbers.count(d.numberOfDriftedColumns()),
                DisplayNumbers.count(undecided), DisplayNumbers.percent(d.share()), DisplayNumbers.percent(d.threshold()),
                d.numberOfErrors(), List.copyOf(rows), List.copyOf(untested), report.skipped(), settings);
    }

    private static String settings(SketchSettings s) {
        return "k " + s.k() + ", exact values up to " + s.exactValues() + ", exact labels up to " + s.exactLabels()
                + ", frequent-items map " + s.frequentItemsMapSize();
    }
}
