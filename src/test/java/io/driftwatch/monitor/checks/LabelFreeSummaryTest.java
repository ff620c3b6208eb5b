package io.driftwatch.monitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.Sections;
import io.driftwatch.data.Chunks;
import io.driftwatch.estimate.ChunkEstimate;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.estimate.MetricEstimates;
import io.driftwatch.multivariate.ClassifierChunk;
import io.driftwatch.multivariate.ColumnContribution;
import io.driftwatch.multivariate.ColumnImportance;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.multivariate.ReconstructionChunk;
import io.driftwatch.stats.ChunkThreshold;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the store keeps of a check's estimate and multivariate sections: each metric's and method's
 * chunks summed up (the row-weighted mean of the values that are defined, the range, the alerting
 * chunks, the thresholds, the driving columns over all chunks), the alert flags (null for an analysis
 * the check did not have), and the JSON it is kept as.
 */
class LabelFreeSummaryTest {
    private static final ChunkThreshold.Band BAND = new ChunkThreshold.Band(0.8, 0.95);

    @Test
    void sumsUpEachMetricsChunksWeightingByRowsAndSkippingUndefinedValues() {
        EstimateResult estimate = estimate(List.of(
                chunk(0, 100, 0.9, false), chunk(1, 300, 0.7, true), chunk(2, 1, Double.NaN, false)));

        LabelFreeSummary s = LabelFreeSummary.of(Sections.of(estimate), Map.of("roc_auc", 0.75));

        LabelFreeSummary.Series auc = s.estimate().get(0);
        assertThat(auc.name()).isEqualTo("roc_auc");
        assertThat(auc.chunks()).isEqualTo(3);
        assertThat(auc.alerting()).isEqualTo(1);
        assertThat(auc.mean()).isCloseTo((100 * 0.9 + 300 * 0.7) / 400, within(1e-15));
        assertThat(auc.min()).isEqualTo(0.7);
        assertThat(auc.max()).isEqualTo(0.9);
        assertThat(auc.lower()).isEqualTo(0.8);
        assertThat(auc.upper()).isEqualTo(0.95);
        assertThat(auc.realized()).isEqualTo(0.75);
        assertThat(s.estimateMethod()).isEqualTo("cbpe");
        assertThat(s.estimateAlert()).isTrue();
        assertThat(s.multivariateAlert()).as("no multivariate analysis").isNull();
        assertThat(s.multivariate()).isEmpty();
    }

    @Test
    void namesTheColumnsThatWeighMostOverAllChunksForEachMethod() {
        Chunks.RowChunk first = new Chunks.RowChunk(0, 100);
        Chunks.RowChunk second = new Chunks.RowChunk(100, 200);
        MultivariateResult.Reconstruction pca = new MultivariateResult.Reconstruction(2, 0.65, 1.0, 2.0, 10, List.of(
                new ReconstructionChunk(first, 100, 1.5, 0.01, 1.47, 1.53, 1.0, 2.0, false, List.of(
                        new ColumnContribution("a", 0.5, 0.5), new ColumnContribution("b", 0.3, 0.3),
                        new ColumnContribution("c", 0.2, 0.2), new ColumnContribution("d", 0.0, 0.0))),
                new ReconstructionChunk(second, 100, 2.5, 0.01, 2.47, 2.53, 1.0, 2.0, true, List.of(
                        new ColumnContribution("a", 0.1, 0.1), new ColumnContribution("b", 0.1, 0.1),
                        new ColumnContribution("c", 0.9, 0.8), new ColumnContribution("d", 0.0, 0.0)))));
        MultivariateResult.Classifier classifier = new MultivariateResult.Classifier(0.45, 0.65, 5, 42, List.of(
                new ClassifierChunk(first, 100, 0.5, 0.45, 0.65, false, List.of(new ColumnImportance("a", 0.2),
                        new ColumnImportance("b", 0.8)))));
        MultivariateResult multivariate = new MultivariateResult(Chunking.count(2), List.of(), List.of("a", "b", "c",
                "d"), pca, classifier, List.of());

        LabelFreeSummary s = LabelFreeSummary.of(Sections.of(multivariate), Map.of());

        assertThat(s.estimateMethod()).isNull();
        assertThat(s.estimateAlert()).as("no estimate").isNull();
        assertThat(s.multivariateAlert()).isTrue();
        assertThat(s.multivariate()).extracting(LabelFreeSummary.Series::name).containsExactly("pca",
                "domain_classifier");
        LabelFreeSummary.Series p = s.multivariate().get(0);
        assertThat(p.mean()).isEqualTo(2.0);
        assertThat(p.alerting()).isEqualTo(1);
        assertThat(p.realized()).isNull();
        assertThat(p.drivers()).as("c 1.1, a 0.6, b 0.4; d never weighs").containsExactly("c", "a", "b");
        assertThat(s.multivariate().get(1).drivers()).containsExactly("b", "a");
        assertThat(s.multivariate().get(1).alerts()).isFalse();
    }

    @Test
    void aCheckWithoutEitherSectionHasNoSummaryAndOneWhoseAnalysisFailedHasNoSeries() {
        assertThat(LabelFreeSummary.of(Sections.of(), Map.of())).isNull();
        MultivariateResult failed = new MultivariateResult(Chunking.count(10), List.of(), List.of(), null, null,
                List.of("pca: too few rows"));

        LabelFreeSummary s = LabelFreeSummary.of(Sections.of(failed), Map.of());

        assertThat(s.multivariateAlert()).as("it ran, and nothing alerted").isFalse();
        assertThat(s.errors()).containsExactly("pca: too few rows");
    }

    @Test
    void readsBackWhatItWrites() {
        LabelFreeSummary s = LabelFreeSummary.of(Sections.of(estimate(List.of(chunk(0, 10, 0.9, false),
                chunk(1, 10, Double.NaN, true)))), Map.of("roc_auc", Double.NaN));

        assertThat(LabelFreeSummary.fromJson(s.toJson())).isEqualTo(s);
        assertThat(s.estimate().get(0).realized()).as("not finite: null").isNull();
        Map<String, Double> realized = LabelFreeSummary.realizedFromJson(LabelFreeSummary.realizedJson(
                new java.util.LinkedHashMap<>(Map.of("accuracy", 0.5))));
        assertThat(realized).containsExactly(Map.entry("accuracy", 0.5));
        assertThat(LabelFreeSummary.realizedJson(null)).isNull();
    }

    private static EstimateResult estimate(List<ChunkEstimate> chunks) {
        return new EstimateResult(ModelTask.BINARY_CLASSIFICATION, "cbpe", Chunking.count(chunks.size()), List.of(),
                10, List.of(new MetricEstimates("roc_auc", BAND, chunks)), List.of(), List.of(), 42, List.of());
    }

    private static ChunkEstimate chunk(int index, int rows, double value, boolean alert) {
        return new ChunkEstimate(index, rows, value, 0.01, value - 0.03, value + 0.03, BAND.lower(), BAND.upper(),
                alert, Double.NaN, 0);
    }
}
