package io.driftwatch.report;

import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.profile.ColumnProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the drift section of the report lays out ({@code drift.ftlh}), all formatted: the verdict,
 * the dataset figures, the column views in table order (target and prediction first, then by drift)
 * and the columns that were not tested.
 *
 * <p>Thread-safe: immutable.
 */
record DriftHtmlView(
        boolean detected,
        String verdict,
        String summary,
        String columns,
        String drifted,
        String share,
        String threshold,
        int errors,
        List<HtmlColumnView> table,
        List<Untested> untested) {

    /** A column the check did not test, with its type. */
    record Untested(String name, String type) {
    }

    static DriftHtmlView of(CheckReport report, DriftResult section) {
        DatasetDrift dataset = section.dataset();
        ColumnRoles roles = report.roles();
        NumericColumn time = null;
        if (roles.datetime() != null) {
            Column c = report.current().column(roles.datetime()).orElse(null);
            if (c instanceof NumericColumn numbers) {
                time = numbers;
            }
        }
        double[] scratch = new double[report.current().rowCount()];
        List<ColumnDrift> drifts = section.columns();
        List<HtmlColumnView> views = new ArrayList<>(drifts.size());
        Set<String> tested = new HashSet<>();
        for (int i = 0; i < drifts.size(); i++) {
            ColumnDrift drift = drifts.get(i);
            tested.add(drift.name());
            ColumnProfile profile = report.reference().column(drift.name()).orElse(null);
            Column current = report.current().column(drift.name()).orElse(null);
            String role = drift.name().equals(roles.target()) ? "target"
                    : drift.name().equals(roles.prediction()) ? "prediction" : null;
            views.add(HtmlColumnView.of(i, drift, profile, current, role, scratch, time));
        }
        views.sort(tableOrder());
        List<Untested> untested = new ArrayList<>();
        for (Map.Entry<String, ColumnType> e : report.types().entrySet()) {
            if (!tested.contains(e.getKey())) {
                untested.add(new Untested(e.getKey(), e.getValue().label()));
            }
        }
        String verdict = verdict(section);
        String summary = dataset.numberOfDriftedColumns() + " of " + dataset.numberOfColumns()
                + (dataset.numberOfColumns() == 1 ? " column" : " columns") + " drifted ("
                + DisplayNumbers.percent(dataset.share()) + "); drift is declared at a share of "
                + DisplayNumbers.percent(dataset.threshold()) + " or more.";
        return new DriftHtmlView(dataset.detected(), verdict, summary,
                DisplayNumbers.count(dataset.numberOfColumns()), DisplayNumbers.count(dataset.numberOfDriftedColumns()),
                DisplayNumbers.percent(dataset.share()), DisplayNumbers.percent(dataset.threshold()),
                dataset.numberOfErrors(), List.copyOf(views), List.copyOf(untested));
    }

    /** The verdict, as the page's title says it. */
    static String verdict(DriftResult drift) {
        return drift.dataset().detected() ? "Dataset drift detected" : "No dataset drift detected";
    }

    /** Target, then prediction, then drifted columns by strength, then the rest by strength, errors last. */
    private static Comparator<HtmlColumnView> tableOrder() {
        return Comparator.comparingInt((HtmlColumnView v) -> "target".equals(v.role()) ? 0 : "prediction".equals(v.role()) ? 1 : 2)
                .thenComparing(v -> -Double.parseDouble(v.sortKey()));
    }
}
