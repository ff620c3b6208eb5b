package io.driftwatch.notify;

import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.DatasetDrift;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/** Alert events the channel tests render: one incident of the bike-sharing monitor, and variants. */
final class Alerts {
    static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");
    static final URI REPORT = URI.create("https://driftwatch.example.com/api/v1/checks/chk-7/report");
    static final URI DASHBOARD = URI.create("https://driftwatch.example.com/monitors/bike-sharing");
    static final DatasetDrift DRIFT = new DatasetDrift(true, 7.0 / 12, 0.5, 12, 7, 0);
    /** Most drifted first; strengths as the check measures them (log p / log 0.05, d / 0.1). */
    static final List<DriftedColumn> TOP = List.of(
            new DriftedColumn("temp", ColumnType.NUMERICAL, "ks", DriftedColumn.ScoreKind.P_VALUE, 1.2e-9, 0.05, 6.86),
            new DriftedColumn("season", ColumnType.CATEGORICAL, "chisquare", DriftedColumn.ScoreKind.P_VALUE,
                    3.4e-5, 0.05, 3.43),
            new DriftedColumn("hum", ColumnType.NUMERICAL, "wasserstein", DriftedColumn.ScoreKind.DISTANCE, 0.31,
                    0.1, 3.1));

    private Alerts() {
    }

    /** bike-sharing's incident inc-42 opened by check chk-7: 7 of 12 columns drifted. */
    static AlertEvent triggered() {
        return new AlertEvent(AlertEvent.Kind.TRIGGERED, "bike-sharing", "inc-42", "chk-7", AT,
                AlertEvent.Findings.drift(DRIFT, TOP), REPORT, DASHBOARD);
    }

    /** The same incident closed by check chk-9: 1 of 12 columns drifted. */
    static AlertEvent resolved() {
        return new AlertEvent(AlertEvent.Kind.RESOLVED, "bike-sharing", "inc-42", "chk-9", AT.plusSeconds(3600),
                AlertEvent.Findings.drift(new DatasetDrift(false, 1.0 / 12, 0.5, 12, 1, 0), TOP.subList(0, 1)),
                URI.create("https://driftwatch.example.com/api/v1/checks/chk-9/report"), DASHBOARD);
    }

    /** An incident opened by a check that failed. */
    static AlertEvent failed(String error) {
        return new AlertEvent(AlertEvent.Kind.TRIGGERED, "bike-sharing", "inc-43", "chk-8", AT,
                AlertEvent.Findings.failed(error), null, DASHBOARD);
    }

    /**
     * An incident opened by failed data-quality tests of a batch that did not drift; the last failure
     * carries markup, as column names and example values can.
     */
    static AlertEvent dataQuality() {
        return new AlertEvent(AlertEvent.Kind.TRIGGERED, "bike-sharing", "inc-44", "chk-10", AT,
                AlertEvent.Findings.drift(new DatasetDrift(false, 1.0 / 12, 0.5, 12, 1, 0), List.of()).withDataQuality(List.of("'hum': became_empty: all 741 values missing; expected values, as in the reference",
                        "'temp': out_of_range in 12 rows: 12 values above 0.86, up to 86; expected values in [0.02, 0.86]",
                        "'weathersit': new_category in 3 rows: <b>storm</b>; expected one of the reference's 4 categories")),
                REPORT, DASHBOARD);
    }

    /**
     * An incident opened by a model that got worse, on a batch that also drifted: a bound of the policy
     * crossed, a failed degradation test, a failed Evidently test.
     */
    static AlertEvent modelQuality() {
        return new AlertEvent(AlertEvent.Kind.TRIGGERED, "bike-sharing", "inc-45", "chk-11", AT,
                AlertEvent.Findings.drift(DRIFT, TOP).withModelQuality(List.of(
                        "accuracy 0.91 → 0.62, below 0.8",
                        "f1_score 0.712 → 0.618 (degraded; tolerated 0.0356)",
                        "roc_auc 0.83 → 0.65: Evidently test failed (expected within ±20 % of 0.83)"))
                        .about(EnumSet.of(Breach.MODEL_DEGRADED, Breach.MODEL_QUALITY, Breach.DATA_DRIFT)),
                REPORT, DASHBOARD);
    }

    /** That incident closed by a check that breaches none of the conditions the policy watches. */
    static AlertEvent modelQualityResolved() {
        return new AlertEvent(AlertEvent.Kind.RESOLVED, "bike-sharing", "inc-45", "chk-12", AT.plusSeconds(3600),
                AlertEvent.Findings.drift(new DatasetDrift(false, 1.0 / 12, 0.5, 12, 1, 0), List.of())
                        .about(EnumSet.of(Breach.MODEL_QUALITY)),
                REPORT, DASHBOARD);
    }

    /** Hostile user data: a monitor and columns whose names are markup. */
    static AlertEvent hostile(String monitor, String column) {
        return new AlertEvent(AlertEvent.Kind.TRIGGERED, monitor, "inc-1", "chk-1", AT,
                AlertEvent.Findings.drift(DRIFT, List.of(new DriftedColumn(column, ColumnType.CATEGORICAL,
                        "jensenshannon", DriftedColumn.ScoreKind.DISTANCE, 0.4, 0.1, 4))),
                REPORT, DASHBOARD);
    }
}
