package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.Chunks;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.stats.KolmogorovSmirnovTest;
import io.driftwatch.stats.NumericSamples;
import io.driftwatch.stats.WassersteinDistance;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drift that only multivariate methods see: two standard normal columns correlated at 0.9 in the
 * reference, at −0.9 or 0 in the current batch, every marginal unchanged. Per-column
 * Kolmogorov–Smirnov and Wasserstein tests stay quiet; the PCA reconstruction error and the domain
 * classifier alert. A current batch drawn like the reference alerts in neither.
 */
class CorrelationDriftTest {
    private static final int COLUMNS = 4;
    private static final long CURRENT_SEED = 5; // seeded draws: per-column p-values all above 0.28 here (they are uniform under no drift)
    private static final List<String> FEATURES = CorrelatedNormals.names(COLUMNS);
    private static Table reference;
    private static ReconstructionModel pca;
    private static DomainClassifierModel classifier;

    @BeforeAll
    static void fit() {
        reference = CorrelatedNormals.table(5_000, COLUMNS, 0.9, 1);
        pca = PcaReconstruction.withDefaults().fit(reference, FEATURES, Chunks.byRows(reference, 500));
        // the classifier's first 2,000 reference rows and 30 trees keep the test fast; the signal is strong
        classifier = DomainClassifier.withDefaults().withTrees(30)
                .fit(Chunks.select(reference, java.util.stream.IntStream.range(0, 2_000).toArray()), FEATURES);
    }

    @Test
    void perColumnTestsStayQuietWhenOnlyTheCorrelationChanges() {
        for (double rho : new double[] {-0.9, 0.0}) {
            Table current = CorrelatedNormals.table(2_000, COLUMNS, rho, CURRENT_SEED);
            for (String name : FEATURES) {
                NumericSamples samples = NumericSamples.clean(values(reference, name), values(current, name));
                KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
                WassersteinDistance wasserstein = WassersteinDistance.withDefaults();
                assertThat(ks.test(samples, ks.defaultThreshold()).drifted()).as("KS on %s, rho %s", name, rho).isFalse();
                assertThat(wasserstein.test(samples, wasserstein.defaultThreshold()).drifted())
                        .as("Wasserstein on %s, rho %s", name, rho).isFalse();
            }
        }
    }

    @Test
    void reconstructionErrorAlertsWhenTheCorrelationFlipsOrVanishes() {
        for (double rho : new double[] {-0.9, 0.0}) {
            Table current = CorrelatedNormals.table(2_000, COLUMNS, rho, CURRENT_SEED);
            List<ReconstructionChunk> chunks = pca.evaluate(current, Chunks.byRows(current, 500));
            assertThat(chunks).hasSize(4).allSatisfy(c -> {
                assertThat(c.alert()).as("rho %s, error %s, upper %s", rho, c.reconstructionError(), c.upperThreshold())
                        .isTrue();
                assertThat(c.reconstructionError()).isGreaterThan(c.upperThreshold());
            });
            assertThat(grownMost(chunks.get(0))).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void reconstructionErrorStaysQuietWithoutChange() {
        Table current = CorrelatedNormals.table(2_000, COLUMNS, 0.9, 3);
        assertThat(pca.evaluate(current, Chunks.byRows(current, 500))).noneMatch(ReconstructionChunk::alert);
        assertThat(pca.referenceResults()).noneMatch(ReconstructionChunk::alert);
    }

    @Test
    void domainClassifierAlertsWhenTheCorrelationFlipsOrVanishes() {
        for (double rho : new double[] {-0.9, 0.0}) {
            Table current = CorrelatedNormals.table(1_000, COLUMNS, rho, CURRENT_SEED);
            ClassifierChunk chunk = classifier.evaluate(current, Chunks.byRows(current, 1_000)).get(0);
            assertThat(chunk.auroc()).as("rho %s", rho).isGreaterThan(DomainClassifier.DEFAULT_UPPER + 0.05);
            assertThat(chunk.alert()).isTrue();
            assertThat(chunk.drivers(2)).extracting(ColumnImportance::column).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void domainClassifierStaysQuietWithoutChange() {
        Table current = CorrelatedNormals.table(1_000, COLUMNS, 0.9, 3);
        ClassifierChunk chunk = classifier.evaluate(current, Chunks.byRows(current, 1_000)).get(0);
        assertThat(chunk.auroc()).isBetween(DomainClassifier.DEFAULT_LOWER + 0.02, DomainClassifier.DEFAULT_UPPER - 0.05);
        assertThat(chunk.alert()).isFalse();
    }

    /** The two columns whose mean squared reconstruction difference grew most against the reference chunks'. */
    private static List<String> grownMost(ReconstructionChunk chunk) {
        double[] growth = new double[COLUMNS];
        for (int f = 0; f < COLUMNS; f++) {
            double referenceMean = 0;
            for (ReconstructionChunk r : pca.referenceResults()) {
                referenceMean += r.columns().get(f).meanSquaredError() / pca.referenceResults().size();
            }
            growth[f] = chunk.columns().get(f).meanSquaredError() / referenceMean;
        }
        Integer[] order = {0, 1, 2, 3};
        java.util.Arrays.sort(order, (x, y) -> Double.compare(growth[y], growth[x]));
        return List.of(FEATURES.get(order[0]), FEATURES.get(order[1]));
    }

    private static double[] values(Table table, String name) {
        return ((NumericColumn) table.column(name).orElseThrow()).values();
    }
}
