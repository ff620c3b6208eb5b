package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.stats.InsufficientDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every input the multivariate analyses cannot use fails with a specific message, or is handled as documented. */
class BadInputTest {
    private static final Table REFERENCE = CorrelatedNormals.table(200, 3, 0.5, 1);
    private static final List<String> FEATURES = List.of("a", "b", "n2");

    @Test
    void refusesAnEmptyFeatureList() {
        assertThatThrownBy(() -> PcaReconstruction.withDefaults().fit(REFERENCE, List.of(), Chunks.byRows(REFERENCE, 50)))
                .isInstanceOf(InvalidFeaturesException.class).hasMessageStartingWith("no feature columns");
        assertThatThrownBy(() -> DomainClassifier.withDefaults().fit(REFERENCE, List.of()))
                .isInstanceOf(InvalidFeaturesException.class).hasMessageStartingWith("no feature columns");
    }

    @Test
    void refusesAFeatureListedTwiceOrAbsentFromTheReference() {
        assertThatThrownBy(() -> pca(REFERENCE, List.of("a", "a")))
                .isInstanceOf(InvalidFeaturesException.class).hasMessageContaining("'a' is listed twice");
        assertThatThrownBy(() -> pca(REFERENCE, List.of("a", "zzz")))
                .isInstanceOf(InvalidFeaturesException.class)
                .hasMessageContaining("'zzz' is not in the reference (its columns: [a, b, n2])");
    }

    @Test
    void refusesACurrentBatchWithoutAFeature() {
        Table current = Table.of(List.of(REFERENCE.column("a").orElseThrow(), REFERENCE.column("b").orElseThrow()));
        ReconstructionModel model = pca(REFERENCE, FEATURES);
        assertThatThrownBy(() -> model.evaluate(current, Chunks.byRows(current, 50)))
                .isInstanceOf(InvalidFeaturesException.class)
                .hasMessageContaining("'n2' is missing from the current batch (its columns: [a, b])");
        DomainClassifierModel classifier = DomainClassifier.withDefaults().fit(REFERENCE, FEATURES);
        assertThatThrownBy(() -> classifier.evaluate(current, Chunks.byRows(current, 50)))
                .isInstanceOf(InvalidFeaturesException.class).hasMessageContaining("'n2' is missing from the current batch");
    }

    @Test
    void refusesAColumnStoredAsNumbersInTheReferenceAndLabelsInTheCurrentBatch() {
        String[] labels = new String[200];
        java.util.Arrays.fill(labels, "x");
        Table current = Table.of(List.of(REFERENCE.column("a").orElseThrow(), REFERENCE.column("b").orElseThrow(),
                CategoricalColumn.of("n2", labels)));
        assertThatThrownBy(() -> pca(REFERENCE, FEATURES).evaluate(current, Chunks.byRows(current, 50)))
                .isInstanceOf(InvalidFeaturesException.class)
                .hasMessageContaining("'n2' is continuous in the reference but categorical (text) in the current batch");
    }

    @Test
    void refusesAColumnWithNoValueInTheReference() {
        double[] empty = new double[200];
        java.util.Arrays.fill(empty, Double.NaN);
        Table reference = with(REFERENCE, NumericColumn.wrap("gone", PhysicalType.FLOAT, empty, 200));
        assertThatThrownBy(() -> pca(reference, List.of("a", "gone")))
                .isInstanceOf(InvalidFeaturesException.class)
                .hasMessageContaining("'gone' has no value in the reference (all 200 cells are missing)");
        String[] labels = new String[200];
        Table withLabels = with(REFERENCE, CategoricalColumn.of("none", labels));
        assertThatThrownBy(() -> DomainClassifier.withDefaults().fit(withLabels, List.of("a", "none")))
                .isInstanceOf(InvalidFeaturesException.class).hasMessageContaining("'none' has no value in the reference");
    }

    @Test
    void refusesDatesAndInfiniteValues() {
        double[] times = new double[200];
        Table dated = with(REFERENCE, NumericColumn.wrap("when", PhysicalType.TIMESTAMP, times, 200));
        assertThatThrownBy(() -> pca(dated, List.of("a", "when")))
                .isInstanceOf(InvalidFeaturesException.class).hasMessageContaining("'when' holds dates in the reference");
        double[] values = ((NumericColumn) REFERENCE.column("n2").orElseThrow()).values();
        values[7] = Double.POSITIVE_INFINITY;
        Table infinite = with(REFERENCE, NumericColumn.wrap("inf", PhysicalType.FLOAT, values, 200));
        assertThatThrownBy(() -> pca(infinite, List.of("a", "inf")))
                .isInstanceOf(InvalidFeaturesException.class).hasMessageContaining("'inf' holds 1 infinite value(s)");
    }

    @Test
    void refusesAReferenceOfOneRowOrOfConstantColumnsOnlyOrWithoutChunks() {
        Table one = Chunks.select(REFERENCE, new int[] {0});
        assertThatThrownBy(() -> pca(one, FEATURES))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("has 1 row(s); PCA reconstruction needs at least 2");
        double[] five = new double[200];
        java.util.Arrays.fill(five, 5);
        String[] same = new String[200];
        java.util.Arrays.fill(same, "same");
        Table constant = Table.of(List.of(NumericColumn.wrap("k", PhysicalType.FLOAT, five, 200),
                CategoricalColumn.of("s", same)));
        assertThatThrownBy(() -> pca(constant, List.of("k", "s")))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("every feature column is constant");
        assertThatThrownBy(() -> PcaReconstruction.withDefaults().fit(REFERENCE, FEATURES, List.of()))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("no reference chunks");
    }

    @Test
    void fitsFewerRowsThanColumnsWithAtMostAsManyComponentsAsRows() {
        Table wide = CorrelatedNormals.table(3, 6, 0.5, 4);
        ReconstructionModel model = pca(wide, CorrelatedNormals.names(6));
        assertThat(model.components()).isLessThanOrEqualTo(3);
        assertThat(model.explainedVarianceRatios()[3]).isLessThan(1e-12);
        assertThat(model.referenceResults()).hasSize(1);
    }

    /** As NannyML: one reference chunk gives σ = 0, a band of one point, and every chunk (that one too) alerts. */
    @Test
    void collapsesTheBandToOnePointWithOneReferenceChunk() {
        ReconstructionModel model = PcaReconstruction.withDefaults().fit(REFERENCE, FEATURES, Chunks.byRows(REFERENCE, 1_000));
        ReconstructionChunk only = model.referenceResults().get(0);
        assertThat(model.lowerThreshold()).isEqualTo(only.reconstructionError());
        assertThat(model.upperThreshold()).isEqualTo(only.reconstructionError());
        assertThat(only.alert()).isTrue();
    }

    @Test
    void refusesAChunkOutsideTheTableOrWithoutRows() {
        ReconstructionModel model = pca(REFERENCE, FEATURES);
        Table small = Chunks.select(REFERENCE, new int[] {1, 2, 3});
        assertThatThrownBy(() -> model.evaluate(small, List.of(new Chunks.RowChunk(0, 10))))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("outside the table of 3 rows");
        assertThatThrownBy(() -> model.evaluate(small, List.of(new Chunks.RowChunk(1, 1))))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("has no row");
        DomainClassifierModel classifier = DomainClassifier.withDefaults().fit(REFERENCE, FEATURES);
        assertThatThrownBy(() -> classifier.evaluate(small, List.of(new Chunks.RowChunk(1, 1))))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("has no row");
    }

    @Test
    void classifierRefusesFewerRowsThanFolds() {
        Table four = Chunks.select(REFERENCE, new int[] {0, 1, 2, 3});
        assertThatThrownBy(() -> DomainClassifier.withDefaults().fit(four, FEATURES))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("5 folds need at least 5");
        Table six = Chunks.select(REFERENCE, new int[] {0, 1, 2, 3, 4, 5});
        DomainClassifierModel model = DomainClassifier.withDefaults().fit(six, FEATURES);
        assertThatThrownBy(() -> model.evaluateReference(List.of(new Chunks.RowChunk(0, 3))))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("5 folds need at least 5 rows");
    }

    @Test
    void classifierScoresAOneRowChunk() {
        DomainClassifierModel model = DomainClassifier.withDefaults().withTrees(5).fit(REFERENCE, FEATURES);
        ClassifierChunk chunk = model.evaluate(REFERENCE, List.of(new Chunks.RowChunk(0, 1))).get(0);
        assertThat(chunk.rowCount()).isEqualTo(1);
        assertThat(chunk.auroc()).isBetween(0.0, 1.0);
    }

    @Test
    void refusesOptionsOutsideTheirRange() {
        assertThatThrownBy(() -> PcaReconstruction.withDefaults().withVarianceExplained(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> DomainClassifier.withDefaults().withFolds(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> DomainClassifier.withDefaults().withThresholds(0.7, 0.6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 <= lower <= upper <= 1");
    }

    private static ReconstructionModel pca(Table reference, List<String> features) {
        return PcaReconstruction.withDefaults().fit(reference, features, Chunks.byRows(reference, 50));
    }

    private static Table with(Table table, Column extra) {
        List<Column> columns = new java.util.ArrayList<>(table.columns());
        columns.add(extra);
        return Table.of(columns);
    }
}
