package io.driftwatch.report;

import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.profile.ColumnProfile;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the report template lays out, all formatted: the verdict, the dataset figures, the column
 * views in table order (target and prediction first, then by drift), the columns that were not
 * tested, and the provenance for the footer.
 *
 * <p>Thread-safe: immutable.
 */
record HtmlReportView(
        String title,
        boolean detected,
        String verdict,
        String summary,
        String columns,
        String drifted,
        String share,
        String threshold,
        int errors,
        String referenceRows,
        String currentRows,
        String createdAt,
        Source reference,
        Source current,
        String version,
        String timings,
        String datetime,
        List<HtmlColumnView> table,
        List<Untested> untested) {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Where one input came from, printed. */
    record Source(String name, String format, String rows, String sha256) {
        static Source of(BatchInfo batch, long fallbackRows) {
            if (batch == null) {
                return new Source("(not recorded)", null, DisplayNumbers.count(fallbackRows), null);
            }
            return new Source(batch.source(), batch.format(), DisplayNumbers.count(batch.rows()), batch.sha256());
        }
    }

    /** A column the check did not test, with its type. */
    record Untested(String name, String type) {
    }

    static HtmlReportView of(CheckReport report) {
        DatasetDrift dataset = report.drift().dataset();
        ColumnRoles roles = report.roles();
        NumericColumn time = null;
        if (roles.datetime() != null) {
            Column c = report.current().column(roles.datetime()).orElse(null);
            if (c instanceof NumericColumn numbers) {
                time = numbers;
            }
        }
        double[] scratch = new double[report.current().rowCount()];
        List<ColumnDrift> drifts = report.drift().columns();
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
        String verdict = dataset.detected() ? "Dataset drift detected" : "No dataset drift detected";
        String summary = dataset.numberOfDriftedColumns() + " of " + dataset.numberOfColumns()
                + (dataset.numberOfColumns() == 1 ? " column" : " columns") + " drifted ("
                + DisplayNumbers.percent(dataset.share()) + "); drift is declared at a share of "
                + DisplayNumbers.percent(dataset.threshold()) + " or more.";
        String title = report.title() != null ? report.title()
                : name(report.referenceBatch(), "reference") + " vs " + name(report.currentBatch(), "current");
        Timings t = report.timings();
        String timings = t == null ? null
                : "read " + t.readMillis() + " ms · analysis " + t.analysisMillis() + " ms · total " + t.totalMillis() + " ms";
        return new HtmlReportView(title, dataset.detected(), verdict, summary,
                DisplayNumbers.count(dataset.numberOfColumns()), DisplayNumbers.count(dataset.numberOfDriftedColumns()),
                DisplayNumbers.percent(dataset.share()), DisplayNumbers.percent(dataset.threshold()),
                dataset.numberOfErrors(), DisplayNumbers.count(report.reference().rowCount()),
                DisplayNumbers.count(report.current().rowCount()),
                report.createdAt() == null ? null : CREATED.format(report.createdAt()),
                Source.of(report.referenceBatch(), report.reference().rowCount()),
                Source.of(report.currentBatch(), report.current().rowCount()),
                report.driftwatchVersion() == null ? CheckReport.runningVersion() : report.driftwatchVersion(),
                timings, time == null ? null : time.name(), List.copyOf(views), List.copyOf(untested));
    }

    private static String name(BatchInfo batch, String fallback) {
        return batch == null ? fallback : batch.source();
    }

    /** Target, then prediction, then drifted columns by strength, then the rest by strength, errors last. */
    private static Comparator<HtmlColumnView> tableOrder() {
        return Comparator.comparingInt((HtmlColumnView v) -> "target".equals(v.role()) ? 0 : "prediction".equals(v.role()) ? 1 : 2)
                .thenComparing(v -> -Double.parseDouble(v.sortKey()));
    }
}
