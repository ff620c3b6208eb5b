package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.analysis.Chunking;
import io.driftwatch.estimate.Calibration;
import io.driftwatch.estimate.EstimateOptions;
import io.driftwatch.multivariate.MultivariateOptions;
import io.driftwatch.multivariate.MultivariateOptions.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code estimate:} and {@code multivariate:} sections of a monitor definition as
 * {@link MonitorParser} reads them: absent means no analysis, the defaults (NannyML's 10 chunks,
 * calibrate auto, every metric; PCA at 0.65), each option, and every mistake named with its field,
 * line and column.
 */
class EstimateAndMultivariateParsingTest {
    private static final String BINARY = """
            name: m
            columns:
              datetime: ts
            model:
              task: binary_classification
              target: y
              prediction: pred
              probabilities: proba
            """;
    private static final String REGRESSION = """
            name: m
            model:
              task: regression
              target: y
              prediction: pred
            """;

    private static MonitorDefinition parse(String yaml) {
        return MonitorDefinition.parse(yaml, "m.yml");
    }

    private static InvalidMonitorException invalid(String yaml) {
        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.parse(yaml, "m.yml"));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        return e;
    }

    // ---------------------------------------------------------------------------------------------
    // estimate

    @Test
    void withoutTheSectionsNoEstimateOrMultivariateAnalysisRuns() {
        MonitorDefinition m = parse(BINARY);
        assertThat(m.estimateOptions()).isEmpty();
        assertThat(m.multivariateOptions()).isEmpty();
        assertThat(MonitorDefinition.empty().estimateOptions()).isEmpty();
    }

    @Test
    void anEmptyEstimateMappingIsNannymlsDefaults() {
        assertThat(parse(BINARY + "estimate: {}\n").estimateOptions()).contains(EstimateOptions.defaults());
        assertThat(EstimateOptions.defaults().chunks()).isEqualTo(Chunking.count(10));
    }

    @Test
    void everyEstimateOptionReachesTheOptions() {
        EstimateOptions o = parse(BINARY + """
                estimate:
                  chunks: {size: 5000}
                  calibrate: never
                  metrics: [roc_auc, f1_score, accuracy]
                """).estimateOptions().orElseThrow();

        assertThat(o).isEqualTo(new EstimateOptions(Chunking.size(5000), Calibration.NEVER,
                List.of("roc_auc", "f1_score", "accuracy")));
    }

    @Test
    void periodChunksCutByTheDatetimeColumn() {
        EstimateOptions o = parse(BINARY + "estimate: {chunks: {period: 1d}}\n").estimateOptions().orElseThrow();

        assertThat(o.chunks()).isEqualTo(Chunking.period(Duration.ofDays(1), "ts"));
        assertThat(o.chunks().describe()).isEqualTo("1d chunks by ts");
    }

    @Test
    void aRegressionIsEstimatedWithDleMetrics() {
        EstimateOptions o = parse(REGRESSION + "estimate: {metrics: [mae, rmse]}\n").estimateOptions().orElseThrow();

        assertThat(o.metrics()).containsExactly("mae", "rmse");
    }

    @Test
    void estimateWithoutAModelSaysItNeedsOne() {
        InvalidMonitorException e = invalid("name: m\nestimate: {}\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 2, column 1: estimate: needs a model:"
                + " section (task, target, prediction, probabilities…) whose performance it estimates");
    }

    @Test
    void aClassifierWithoutProbabilitiesCannotBeEstimated() {
        InvalidMonitorException e = invalid("""
                model:
                  task: binary_classification
                  target: y
                  prediction: pred
                estimate: {}
                """);

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 5, column 1: estimate: CBPE estimates a"
                + " classifier's performance from its probabilities, and model: names none: add model.probabilities");
    }

    @Test
    void anUnknownMetricNamesItsIndexLineAndTheValidOnes() {
        InvalidMonitorException e = invalid(BINARY + "estimate:\n  metrics: [roc_auc, mae]\n");

        assertThat(e.field()).isEqualTo("estimate.metrics[1]");
        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 10, column 22: estimate.metrics[1]:"
                + " unknown metric 'mae' for a binary_classification (CBPE); valid: roc_auc, f1_score, precision,"
                + " recall, specificity, accuracy, average_precision");
    }

    @Test
    void calibrateAppliesToClassifiersOnly() {
        InvalidMonitorException e = invalid(REGRESSION + "estimate:\n  calibrate: always\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 7, column 3: estimate.calibrate: applies"
                + " to classifiers (CBPE) only; a regression is estimated with DLE");
    }

    @Test
    void anUnknownCalibrationListsTheValidOnes() {
        InvalidMonitorException e = invalid(BINARY + "estimate:\n  calibrate: yes please\n");

        assertThat(e.getMessage()).startsWith("monitor m.yml is invalid: line 10, column 3: estimate.calibrate:"
                + " unknown calibration 'yes please'; valid: auto, always, never");
    }

    @Test
    void anUnknownEstimateKeyListsTheValidKeys() {
        InvalidMonitorException e = invalid(BINARY + "estimate:\n  chunk_size: 500\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 10, column 3: estimate.chunk_size:"
                + " unknown key 'chunk_size'; valid keys here: chunks, calibrate, metrics");
    }

    @Test
    void chunksTakeExactlyOneOfCountSizeAndPeriod() {
        InvalidMonitorException both = invalid(BINARY + "estimate:\n  chunks: {count: 10, size: 500}\n");
        assertThat(both.getMessage()).isEqualTo("monitor m.yml is invalid: line 10, column 3: estimate.chunks: give"
                + " one of count, size, not 2");

        InvalidMonitorException none = invalid(BINARY + "estimate:\n  chunks: {}\n");
        assertThat(none.getMessage()).isEqualTo("monitor m.yml is invalid: line 10, column 3: estimate.chunks: give"
                + " one of count (e.g. {count: 10}), size (rows per chunk, e.g. {size: 5000}) or period (e.g."
                + " {period: 1d})");
    }

    @Test
    void aChunkCountMustBeAWholeNumber() {
        InvalidMonitorException e = invalid(BINARY + "estimate:\n  chunks:\n    count: 2.5\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 11, column 5: estimate.chunks.count:"
                + " must be a whole number of at least 1, got 2.5");
    }

    @Test
    void periodChunksNeedTheDatetimeColumn() {
        InvalidMonitorException e = invalid(REGRESSION + "estimate:\n  chunks:\n    period: 1d\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 8, column 5: estimate.chunks.period:"
                + " cuts chunks by time, which needs columns.datetime: the timestamp column");
    }

    // ---------------------------------------------------------------------------------------------
    // multivariate

    @Test
    void anEmptyMultivariateMappingIsPcaOnTenChunks() {
        assertThat(parse("multivariate: {}\n").multivariateOptions()).contains(MultivariateOptions.defaults());
        assertThat(MultivariateOptions.defaults().methods()).containsExactly(Method.PCA);
        assertThat(MultivariateOptions.defaults().variance()).isEqualTo(0.65);
    }

    @Test
    void everyMultivariateOptionReachesTheOptions() {
        MultivariateOptions o = parse("""
                multivariate:
                  methods: [domain_classifier, pca]
                  chunks: {size: 1000}
                  columns: [a, b, c]
                  variance: 0.8
                """).multivariateOptions().orElseThrow();

        assertThat(o).isEqualTo(new MultivariateOptions(List.of(Method.DOMAIN_CLASSIFIER, Method.PCA),
                Chunking.size(1000), List.of("a", "b", "c"), 0.8));
    }

    @Test
    void anUnknownMethodListsTheValidOnes() {
        InvalidMonitorException e = invalid("multivariate:\n  methods: [pca, autoencoder]\n");

        assertThat(e.field()).isEqualTo("multivariate.methods[1]");
        assertThat(e.getMessage()).startsWith("monitor m.yml is invalid: line 2, column 18: multivariate.methods[1]:"
                + " unknown method 'autoencoder'; valid: pca, domain_classifier");
    }

    @Test
    void theModelsColumnsAreNotFeatures() {
        InvalidMonitorException e = invalid(BINARY + "multivariate:\n  columns: [age, proba]\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 10, column 18: multivariate.columns[1]:"
                + " 'proba' is one of the model's probabilities; multivariate drift is measured across the model's"
                + " input features");
    }

    @Test
    void theVarianceIsAShareStrictlyBetweenZeroAndOne() {
        InvalidMonitorException e = invalid("multivariate:\n  variance: 65\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 2, column 3: multivariate.variance: must"
                + " be between 0 and 1, both excluded (the share of the variance the PCA keeps, e.g. 0.65), got 65.0");
    }

    @Test
    void anUnknownMultivariateKeyListsTheValidKeys() {
        InvalidMonitorException e = invalid("multivariate:\n  method: pca\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 2, column 3: multivariate.method:"
                + " unknown key 'method'; valid keys here: methods, chunks, columns, variance");
    }
}
