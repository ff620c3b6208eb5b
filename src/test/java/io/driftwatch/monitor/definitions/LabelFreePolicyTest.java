package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.Sections;
import io.driftwatch.data.Chunks;
import io.driftwatch.estimate.ChunkEstimate;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.estimate.MetricEstimates;
import io.driftwatch.multivariate.MultivariateOptions;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.multivariate.ReconstructionChunk;
import io.driftwatch.notify.Breach;
import io.driftwatch.stats.ChunkThreshold;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code when: {estimate: …}} and {@code when: {multivariate: …}} in {@code alerts:} and {@code retrain:}:
 * how {@link MonitorParser} reads them into {@link Policy.Estimate} and {@link Policy.Multivariate}
 * (every mistake with its field, line and column), and which sections breach them (any chunk alerting
 * in a selected metric or method) and as what.
 */
class LabelFreePolicyTest {
    private static final String BINARY = """
            model: {task: binary_classification, target: churned, prediction: churn_label, probabilities: churn_proba}
            estimate: {metrics: [roc_auc, f1_score]}
            multivariate: {methods: [pca]}
            """;

    private static Policy policy(String yaml) {
        return MonitorDefinition.parse(yaml, "m.yml").policy();
    }

    private static InvalidMonitorException invalid(String yaml) {
        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.parse(yaml, "m.yml"));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        return e;
    }

    private static String alertsWhen(String when) {
        return "alerts:\n  channels: [c]\n  when:\n    " + when + "\n";
    }

    // ---- parsing ----

    @Test
    void trueWatchesEveryMetricAndMethodAndNothingElse() {
        Policy p = policy(BINARY + alertsWhen("estimate: true\n    multivariate: true"));

        assertThat(p.alertWhen()).isEqualTo(new Policy.Condition(false, null, List.of(), false, null, null,
                Policy.Estimate.ANY, Policy.Multivariate.ANY));
        assertThat(p.alertWhen().watched()).containsExactly(Breach.ESTIMATED_PERFORMANCE, Breach.MULTIVARIATE_DRIFT);
        assertThat(p.retrainWhen()).as("retraining follows the alert condition").isEqualTo(p.alertWhen());
    }

    @Test
    void namedMetricsAndMethodsAreKeptInTheRetrainConditionToo() {
        Policy p = policy(BINARY + "retrain:\n  triggers: [t]\n  when: {estimate: {metrics: [f1_score]},"
                + " multivariate: {methods: [pca]}}\n");

        assertThat(p.retrainWhen().estimate()).isEqualTo(new Policy.Estimate(List.of("f1_score")));
        assertThat(p.retrainWhen().multivariate()).isEqualTo(new Policy.Multivariate(
                List.of(MultivariateOptions.Method.PCA)));
        assertThat(policy(BINARY + alertsWhen("estimate: false")).alertWhen().estimate()).isNull();
    }

    @Test
    void aMetricThatIsNotCbpesIsNamedWithItsLineAndTheValidOnes() {
        InvalidMonitorException e = invalid(BINARY + alertsWhen("estimate: {metrics: [roc_auc, mae]}"));

        assertThat(e.field()).isEqualTo("alerts.when.estimate.metrics[1]");
        assertThat(e.getMessage()).contains("line 7").contains("unknown metric 'mae' for a binary_classification"
                + " (CBPE); valid: roc_auc, f1_score, precision, recall, specificity, accuracy, average_precision");
    }

    @Test
    void aMetricTheMonitorDoesNotEstimateSaysWhereToAddIt() {
        InvalidMonitorException e = invalid(BINARY + alertsWhen("estimate: {metrics: [accuracy]}"));

        assertThat(e.field()).isEqualTo("alerts.when.estimate.metrics[0]");
        assertThat(e.getMessage()).contains("accuracy is not estimated: estimate.metrics lists roc_auc, f1_score;"
                + " add accuracy there");
    }

    @Test
    void conditionsWithoutTheirSectionAreNamedWithTheirLine() {
        InvalidMonitorException e = invalid("name: m\n" + alertsWhen("estimate: true"));
        assertThat(e.field()).isEqualTo("alerts.when.estimate");
        assertThat(e.getMessage()).contains("line 5, column 5: alerts.when.estimate: watches the performance"
                + " estimated without labels, and the monitor has no estimate: section");

        InvalidMonitorException m = invalid("name: m\nretrain:\n  triggers: [t]\n  when: {multivariate: true}\n");
        assertThat(m.field()).isEqualTo("retrain.when.multivariate");
        assertThat(m.getMessage()).contains("watches drift across columns, and the monitor has no multivariate:"
                + " section");
    }

    @Test
    void malformedConditionsAreRejectedWithTheirField() {
        assertThat(invalid(BINARY + alertsWhen("estimate: yes please")).getMessage())
                .contains("alerts.when.estimate: expected true, false or a mapping such as {metrics: [roc_auc]},"
                        + " found");
        assertThat(invalid(BINARY + alertsWhen("estimate: {}")).getMessage())
                .contains("alerts.when.estimate: names no metric");
        assertThat(invalid(BINARY + alertsWhen("multivariate: {methods: []}")).getMessage())
                .contains("alerts.when.multivariate: names no method");
        assertThat(invalid(BINARY + alertsWhen("estimate: {metric: [roc_auc]}")).field())
                .isEqualTo("alerts.when.estimate.metric");
        assertThat(invalid(BINARY + alertsWhen("multivariate: {methods: [umap]}")).getMessage())
                .contains("alerts.when.multivariate.methods[0]: unknown method 'umap'; valid: pca, domain_classifier");
        assertThat(invalid(BINARY + alertsWhen("multivariate: {methods: [domain_classifier]}")).getMessage())
                .contains("domain_classifier does not run: multivariate.methods lists pca; add domain_classifier"
                        + " there");
    }

    // ---- breaching ----

    private static EstimateResult estimate(boolean rocAlerts) {
        ChunkThreshold.Band band = new ChunkThreshold.Band(0.86, 0.94);
        double value = rocAlerts ? 0.7 : 0.9;
        MetricEstimates roc = new MetricEstimates("roc_auc", band, List.of(
                new ChunkEstimate(0, 100, 0.9, 0.01, 0.87, 0.93, 0.86, 0.94, false, Double.NaN, 0),
                new ChunkEstimate(1, 100, value, 0.01, value - 0.03, value + 0.03, 0.86, 0.94, rocAlerts, Double.NaN,
                        0)));
        MetricEstimates f1 = new MetricEstimates("f1_score", new ChunkThreshold.Band(0.5, 0.8), List.of(
                new ChunkEstimate(0, 100, 0.6, 0.01, 0.57, 0.63, 0.5, 0.8, false, Double.NaN, 0)));
        return new EstimateResult(ModelTask.BINARY_CLASSIFICATION, "cbpe", Chunking.count(2), List.of(), 2,
                List.of(roc, f1), List.of(), List.of(), 1, List.of());
    }

    private static MultivariateResult pca(boolean alerts) {
        return new MultivariateResult(Chunking.count(1), List.of(), List.of("x"),
                new MultivariateResult.Reconstruction(1, 0.65, 0.2, 0.3, 5, List.of(new ReconstructionChunk(
                        new Chunks.RowChunk(0, 100), 100, alerts ? 1.1 : 0.25, 0.01, 0, 2, 0.2, 0.3, alerts,
                        List.of()))), null, List.of());
    }

    @Test
    void anyAlertingChunkOfASelectedMetricBreaches() {
        Policy.Condition any = new Policy.Condition(false, null, List.of(), false, null, null, Policy.Estimate.ANY,
                null);
        Policy.Condition f1Only = new Policy.Condition(false, null, List.of(), false, null, null,
                new Policy.Estimate(List.of("f1_score")), null);

        assertThat(any.breaches(Sections.of(estimate(true)))).containsExactly(Breach.ESTIMATED_PERFORMANCE);
        assertThat(any.breachedBy(Sections.of(estimate(false)))).isFalse();
        assertThat(f1Only.breachedBy(Sections.of(estimate(true)))).as("roc_auc alerts, f1_score does not").isFalse();
        assertThat(any.breachedBy(Sections.of())).as("no estimate section").isFalse();
    }

    @Test
    void anAlertingMethodBreachesAsDriftAcrossColumns() {
        Policy.Condition pcaOnly = new Policy.Condition(false, null, List.of(), false, null, null, null,
                new Policy.Multivariate(List.of(MultivariateOptions.Method.PCA)));
        Policy.Condition classifierOnly = new Policy.Condition(false, null, List.of(), false, null, null, null,
                new Policy.Multivariate(List.of(MultivariateOptions.Method.DOMAIN_CLASSIFIER)));

        assertThat(pcaOnly.breaches(Sections.of(pca(true), estimate(true)))).containsExactly(Breach.MULTIVARIATE_DRIFT);
        assertThat(pcaOnly.breachedBy(Sections.of(pca(false)))).isFalse();
        assertThat(classifierOnly.breachedBy(Sections.of(pca(true)))).as("the classifier did not run").isFalse();
    }
}
