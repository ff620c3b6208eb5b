package io.driftwatch.report;

import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.profile.ColumnProfile;
import io.driftwatch.profile.internal.Workers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

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

    /** From this many current rows on, the column views are built on two threads. */
    static final int PARALLEL_ROWS = 65_536;

    static DriftHtmlView of(CheckReport report, DriftResult section) {
        return of(report, section, PARALLEL_ROWS);
    }

    /** {@link #of(CheckReport, DriftResult)}, with the column views on two threads from {@code parallelRows} rows on. */
    static DriftHtmlView of(CheckReport report, DriftResult section, int parallelRows) {
        DatasetDrift dataset = section.dataset();
        ColumnRoles roles = report.roles();
        NumericColumn time = null;
        if (roles.datetime() != null) {
            Column c = report.current().column(roles.datetime()).orElse(null);
            if (c instanceof NumericColumn numbers) {
                time = numbers;
            }
        }
        List<ColumnDrift> drifts = section.columns();
        Set<String> tested = new HashSet<>();
        for (ColumnDrift drift : drifts) {
            tested.add(drift.name());
        }
        List<HtmlColumnView> views = new ArrayList<>(List.of(columnViews(report, drifts, time, parallelRows)));
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

    /**
     * Each tested column's view, in the order of {@code drifts}. A batch of {@code parallelRows} rows
     * or more ({@value #PARALLEL_ROWS} in a report) has them built on two threads, this one and one
     * of the common pool ({@link Workers}: each with a scratch buffer of its own, taking the next
     * column as it finishes one, this thread never waiting for a pool that has not started): a
     * numeric column's view reads the whole column three times (10–20 ms a column at 1,000,000
     * rows), where the rest of the report is quick.
     */
    private static HtmlColumnView[] columnViews(CheckReport report, List<ColumnDrift> drifts, NumericColumn time,
            int parallelRows) {
        int rows = report.current().rowCount();
        HtmlColumnView[] views = new HtmlColumnView[drifts.size()];
        Executor helpers = rows >= parallelRows ? ForkJoinPool.commonPool() : Runnable::run;
        Workers.run(helpers, views.length, () -> new double[rows],
                (i, scratch) -> views[i] = columnView(report, i, drifts.get(i), scratch, time));
        return views;
    }

    private static HtmlColumnView columnView(CheckReport report, int index, ColumnDrift drift, double[] scratch,
            NumericColumn time) {
        ColumnRoles roles = report.roles();
        ColumnProfile profile = report.reference().column(drift.name()).orElse(null);
        Column current = report.current().column(drift.name()).orElse(null);
        String role = drift.name().equals(roles.target()) ? "target"
                : drift.name().equals(roles.prediction()) ? "prediction" : null;
        return HtmlColumnView.of(index, drift, profile, current, role, scratch, time);
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
