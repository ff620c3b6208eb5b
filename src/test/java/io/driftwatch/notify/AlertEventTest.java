package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.ColumnType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event channels render: what it refuses, the test event, and how columns are ranked. */
class AlertEventTest {
    private static final AlertEvent.Findings DRIFT = AlertEvent.Findings.drift(Alerts.DRIFT, List.of());

    @Test
    void refusesARelativeOrNonHttpLink() {
        assertThatThrownBy(() -> new AlertEvent(AlertEvent.Kind.TRIGGERED, "m", "i", "c", Alerts.AT, DRIFT,
                URI.create("/api/v1/checks/c/report"), Alerts.DASHBOARD))
                .hasMessageContaining("reportUrl");
        assertThatThrownBy(() -> new AlertEvent(AlertEvent.Kind.TRIGGERED, "m", "i", "c", Alerts.AT, DRIFT,
                null, URI.create("javascript:alert(1)")))
                .hasMessageContaining("dashboardUrl");
    }

    @Test
    void refusesABlankMonitorOrIncident() {
        assertThatThrownBy(() -> new AlertEvent(AlertEvent.Kind.TRIGGERED, " ", "i", "c", Alerts.AT, DRIFT,
                null, Alerts.DASHBOARD)).hasMessageContaining("monitor");
        assertThatThrownBy(() -> new AlertEvent(AlertEvent.Kind.TRIGGERED, "m", "", "c", Alerts.AT, DRIFT,
                null, Alerts.DASHBOARD)).hasMessageContaining("incidentId");
    }

    @Test
    void keepsItsOwnCopyOfTheColumnsAndFailures() {
        List<DriftedColumn> columns = new ArrayList<>(Alerts.TOP);
        List<String> failures = new ArrayList<>(List.of("'age': became_empty"));
        AlertEvent.Findings findings = AlertEvent.Findings.drift(Alerts.DRIFT, columns).withDataQuality(failures);

        columns.clear();
        failures.clear();

        assertThat(findings.topColumns()).hasSize(3);
        assertThat(findings.dataQuality()).hasSize(1);
    }

    @Test
    void buildsATestEventWithoutCheckOrDrift() {
        AlertEvent test = AlertEvent.test("bike-sharing", Alerts.AT, Alerts.DASHBOARD);

        assertThat(test.kind()).isEqualTo(AlertEvent.Kind.TEST);
        assertThat(test.incidentId()).isEqualTo("test-1714564800");
        assertThat(test.checkId()).isNull();
        assertThat(test.findings()).isEqualTo(AlertEvent.Findings.NONE);
        assertThat(test.checkFailed()).isFalse();
    }

    @Test
    void ranksColumnsByTheStrengthTheCheckMeasuredThenByName() {
        // Strengths come from ColumnDrift.strength() (ColumnDriftTest pins that definition): a p-value
        // of 1e-12 at 0.05 is 9.2, a PSI of 2.0 at 0.1 is 20, a p-value of 0 is infinite.
        DriftedColumn barely = new DriftedColumn("barely", ColumnType.NUMERICAL, "ks", DriftedColumn.ScoreKind.P_VALUE,
                0.04, 0.05, 1.07);
        DriftedColumn strongly = new DriftedColumn("strongly", ColumnType.NUMERICAL, "ks",
                DriftedColumn.ScoreKind.P_VALUE, 1e-12, 0.05, 9.22);
        DriftedColumn zero = new DriftedColumn("zero", ColumnType.CATEGORICAL, "chisquare",
                DriftedColumn.ScoreKind.P_VALUE, 0, 0.05, Double.POSITIVE_INFINITY);
        DriftedColumn far = new DriftedColumn("far", ColumnType.NUMERICAL, "psi", DriftedColumn.ScoreKind.DISTANCE,
                2.0, 0.1, 20);
        DriftedColumn near = new DriftedColumn("near", ColumnType.NUMERICAL, "psi", DriftedColumn.ScoreKind.DISTANCE,
                0.11, 0.1, 1.1);
        DriftedColumn alsoNear = new DriftedColumn("also near", ColumnType.NUMERICAL, "psi",
                DriftedColumn.ScoreKind.DISTANCE, 0.11, 0.1, 1.1);
        DriftedColumn undefined = new DriftedColumn("undefined", ColumnType.NUMERICAL, "psi",
                DriftedColumn.ScoreKind.DISTANCE, Double.NaN, 0.1, Double.NaN);

        List<DriftedColumn> ranked = new ArrayList<>(List.of(undefined, barely, near, far, strongly, alsoNear, zero));
        ranked.sort(DriftedColumn.MOST_DRIFTED_FIRST);

        assertThat(ranked).containsExactly(zero, far, strongly, alsoNear, near, barely, undefined);
    }
}
