package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.DatasetDrift;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The titles every channel shares: what breached, combined, and what an incident that closes was about. */
class AlertTextTest {
    private static final DatasetDrift CALM = new DatasetDrift(false, 1.0 / 12, 0.5, 12, 1, 0);

    private static String opened(Set<Breach> about) {
        return AlertText.title(new AlertEvent(AlertEvent.Kind.TRIGGERED, "churn", "inc-1", "chk-1", Alerts.AT,
                AlertEvent.Findings.drift(Alerts.DRIFT, List.of()).about(about), null, Alerts.DASHBOARD));
    }

    private static String closed(Set<Breach> about) {
        return AlertText.title(new AlertEvent(AlertEvent.Kind.RESOLVED, "churn", "inc-1", "chk-2", Alerts.AT,
                AlertEvent.Findings.drift(CALM, List.of()).about(about), null, Alerts.DASHBOARD));
    }

    @Test
    void anOpeningTitleNamesWhatBreachedModelFirstDriftLast() {
        assertThat(opened(EnumSet.of(Breach.MODEL_DEGRADED))).isEqualTo("Model degraded: churn");
        assertThat(opened(EnumSet.of(Breach.MODEL_QUALITY))).isEqualTo("Model quality failed: churn");
        assertThat(opened(EnumSet.of(Breach.DATA_DRIFT, Breach.MODEL_QUALITY)))
                .isEqualTo("Model quality failed and data drift detected: churn");
        assertThat(opened(EnumSet.of(Breach.DATA_DRIFT, Breach.DATA_QUALITY, Breach.MODEL_QUALITY)))
                .isEqualTo("Model quality failed, data quality failed and data drift detected: churn");
        assertThat(opened(EnumSet.of(Breach.MODEL_QUALITY, Breach.MODEL_DEGRADED)))
                .as("a degraded model is not also said to have failed").isEqualTo("Model degraded: churn");
    }

    @Test
    void labelFreeBreachesTitleAfterTheMeasuredModelAndBeforeColumnDrift() {
        assertThat(opened(EnumSet.of(Breach.ESTIMATED_PERFORMANCE))).isEqualTo("Estimated performance dropped: churn");
        assertThat(opened(EnumSet.of(Breach.MULTIVARIATE_DRIFT))).isEqualTo("Drift across columns: churn");
        assertThat(opened(EnumSet.of(Breach.DATA_DRIFT, Breach.MULTIVARIATE_DRIFT, Breach.ESTIMATED_PERFORMANCE)))
                .isEqualTo("Estimated performance dropped, drift across columns and data drift detected: churn");
        assertThat(closed(EnumSet.of(Breach.ESTIMATED_PERFORMANCE))).isEqualTo("Estimated performance resolved: churn");
    }

    @Test
    void aSummaryLeadsWithTheFirstEstimateAndMultivariateLines() {
        AlertEvent e = new AlertEvent(AlertEvent.Kind.TRIGGERED, "churn", "inc-1", "chk-1", Alerts.AT,
                AlertEvent.Findings.drift(CALM, List.of())
                        .withEstimate(List.of("Estimated roc_auc below its threshold in 2 of 3 chunks", "Estimated f1"))
                        .withMultivariate(List.of("Multivariate drift (PCA reconstruction error) in 1 of 3 chunks"))
                        .about(EnumSet.of(Breach.ESTIMATED_PERFORMANCE, Breach.MULTIVARIATE_DRIFT)),
                null, Alerts.DASHBOARD);

        assertThat(AlertText.summary(e)).startsWith("Estimated performance: Estimated roc_auc below its threshold in 2"
                + " of 3 chunks (and 1 more finding). Drift across columns: Multivariate drift (PCA reconstruction"
                + " error) in 1 of 3 chunks. 1 of 12 columns drifted");
    }

    @Test
    void withoutBreachesGivenTheTitleFollowsTheFindings() {
        assertThat(AlertText.title(Alerts.triggered())).isEqualTo("Data drift detected: bike-sharing");
        assertThat(AlertText.title(Alerts.dataQuality())).isEqualTo("Data quality failed: bike-sharing");
        assertThat(AlertText.title(Alerts.failed("no rows"))).isEqualTo("Check failed: bike-sharing");
    }

    @Test
    void aClosingTitleSaysWhatTheIncidentWasAboutWhenThatIsOneThing() {
        assertThat(closed(EnumSet.of(Breach.DATA_DRIFT))).isEqualTo("Data drift resolved: churn");
        assertThat(closed(EnumSet.of(Breach.DATA_QUALITY))).isEqualTo("Data quality resolved: churn");
        assertThat(closed(EnumSet.of(Breach.MODEL_DEGRADED, Breach.MODEL_QUALITY)))
                .isEqualTo("Model quality resolved: churn");
        assertThat(closed(EnumSet.of(Breach.MODEL_QUALITY, Breach.DATA_DRIFT))).isEqualTo("Incident resolved: churn");
        assertThat(AlertText.title(Alerts.resolved())).isEqualTo("Data drift resolved: bike-sharing");
    }

    @Test
    void aSummaryCountsTheOtherModelFindingsAfterTheFirst() {
        AlertEvent one = new AlertEvent(AlertEvent.Kind.TRIGGERED, "churn", "inc-1", "chk-1", Alerts.AT,
                AlertEvent.Findings.drift(CALM, List.of()).withModelQuality(List.of("accuracy 0.91 → 0.62, below 0.8"))
                        .withDataQuality(List.of("'age': became_empty")).about(EnumSet.of(Breach.MODEL_QUALITY)),
                null, Alerts.DASHBOARD);

        assertThat(AlertText.summary(one)).isEqualTo("Model quality: accuracy 0.91 → 0.62, below 0.8."
                + " 1 of 12 columns drifted (share 0.08, threshold 0.50). 1 data-quality failure.");
        assertThat(AlertText.summary(Alerts.modelQuality())).startsWith("Model quality: accuracy 0.91 → 0.62, below 0.8"
                + " (and 2 more findings). 7 of 12");
    }
}
