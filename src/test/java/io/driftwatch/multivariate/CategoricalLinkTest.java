package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A label that follows a number in the reference ("high" when x > 0.5, seen in 30 % of rows) and
 * is drawn independently of it, with the same shares, in the current batch: both analyses alert,
 * the reconstruction error's drivers are the two columns and the classifier's first is the number;
 * a batch drawn like the reference alerts in neither.
 */
class CategoricalLinkTest {
    private static final List<String> FEATURES = List.of("x", "label", "noise");

    @Test
    void bothAnalysesAlertWhenALabelStopsFollowingANumber() {
        Table reference = table(3_000, true, 1);
        Table broken = table(1_000, false, 2);
        ReconstructionChunk error = PcaReconstruction.withDefaults()
                .fit(reference, FEATURES, Chunks.byRows(reference, 500))
                .evaluate(broken, Chunks.byRows(broken, 1_000)).get(0);
        assertThat(error.alert()).isTrue();
        assertThat(error.drivers(2)).extracting(ColumnContribution::column).containsExactlyInAnyOrder("x", "label");
        ClassifierChunk auc = DomainClassifier.withDefaults().withTrees(30).fit(reference, FEATURES)
                .evaluate(broken, Chunks.byRows(broken, 1_000)).get(0);
        assertThat(auc.alert()).isTrue();
        // split gain favours the continuous column (a two-label column offers one split per path): x leads
        assertThat(auc.drivers(1)).extracting(ColumnImportance::column).containsExactly("x");
    }

    @Test
    void neitherAlertsWhenTheLinkHolds() {
        Table reference = table(3_000, true, 1);
        Table same = table(1_000, true, 3);
        assertThat(PcaReconstruction.withDefaults().fit(reference, FEATURES, Chunks.byRows(reference, 500))
                .evaluate(same, Chunks.byRows(same, 1_000)).get(0).alert()).isFalse();
        assertThat(DomainClassifier.withDefaults().withTrees(30).fit(reference, FEATURES)
                .evaluate(same, Chunks.byRows(same, 1_000)).get(0).alert()).isFalse();
    }

    /** x, noise uniform on [0, 1); label "high" when x > 0.7 (linked) or with probability 0.3 (not). */
    private static Table table(int rows, boolean linked, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[rows];
        double[] noise = new double[rows];
        String[] labels = new String[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = random.nextDouble();
            noise[i] = random.nextDouble();
            boolean high = linked ? x[i] > 0.7 : random.nextDouble() < 0.3;
            labels[i] = high ? "high" : "low";
        }
        List<Column> columns = List.of(NumericColumn.wrap("x", PhysicalType.FLOAT, x, rows),
                CategoricalColumn.of("label", labels), NumericColumn.wrap("noise", PhysicalType.FLOAT, noise, rows));
        return Table.of(columns);
    }
}
