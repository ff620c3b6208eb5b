package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.Chunking;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link MultivariateAnalysis} on a check's data: the default features (tested columns, the model's
 * left out), the reference's rows from its profile, and the error entries of what cannot run. The PCA
 * and classifier numbers themselves are the library's tests'; the CLI tests run both end to end.
 */
class MultivariateAnalysisTest {

    @Test
    void theDefaultFeaturesAreTheTestedColumnsThatAreNotTheModels() {
        Table t = table(400, new Random(1));
        MultivariateResult r = MultivariateAnalysis.of(options(List.of())).excluding(Set.of("pred"))
                .run(data(t, t, List.of("a", "b", "c", "pred"), types(t, "c")));

        assertThat(r.errors()).isEmpty();
        assertThat(r.features()).containsExactly("a", "b");
        assertThat(r.pca().chunks()).hasSize(4);
        assertThat(r.pca().referenceChunks()).isEqualTo(4);
        assertThat(r.chunks()).extracting(Chunking.Window::fromRow).containsExactly(0, 100, 200, 300);
        assertThat(r.domainClassifier()).isNull();
    }

    @Test
    void aColumnTheCurrentBatchLacksIsAnErrorEntry() {
        Table t = table(400, new Random(1));
        MultivariateResult r = MultivariateAnalysis.of(options(List.of("a", "zz")))
                .run(data(t, t, List.of("a", "b"), types(t)));

        assertThat(r.pca()).isNull();
        assertThat(r.alerts()).isFalse();
        assertThat(r.errors()).containsExactly("multivariate.columns: the current batch has no column 'zz'");
    }

    @Test
    void oneFeatureIsNotEnough() {
        Table t = table(400, new Random(1));
        MultivariateResult r = MultivariateAnalysis.of(options(List.of())).excluding(Set.of("b", "c", "pred"))
                .run(data(t, t, List.of("a"), types(t)));

        assertThat(r.errors()).containsExactly("multivariate drift needs at least 2 feature columns, found 1 ('a')");
    }

    @Test
    void aProfileWithoutTheRowsSaysWhichColumnsItLacks() {
        Table t = table(400, new Random(1));
        MultivariateResult r = MultivariateAnalysis.of(options(List.of("a", "b"))).run(data(t, t, List.of(), types(t)));

        assertThat(r.errors()).containsExactly("the reference profile keeps no rows of columns 'a', 'b': profile the"
                + " reference again with this monitor");
    }

    private static MultivariateOptions options(List<String> columns) {
        return new MultivariateOptions(List.of(MultivariateOptions.Method.PCA), Chunking.count(4), columns, 0.65);
    }

    private static CheckData data(Table reference, Table current, List<String> kept, Map<String, ColumnType> types) {
        ReferenceProfile profile = ReferenceProfile.columnsOnly(reference);
        if (!kept.isEmpty()) {
            profile = profile.keepingRows(reference, kept);
        }
        return new CheckData(Optional.of(profile), current, types);
    }

    /** Every column numerical, except those named, which are text (not tested). */
    private static Map<String, ColumnType> types(Table t, String... text) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        t.columns().forEach(c -> types.put(c.name(), List.of(text).contains(c.name()) ? ColumnType.TEXT
                : ColumnType.NUMERICAL));
        return types;
    }

    private static Table table(int rows, Random random) {
        double[][] v = new double[4][rows];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < 4; k++) {
                v[k][i] = random.nextGaussian();
            }
        }
        return Table.of(List.of(NumericColumn.wrap("a", PhysicalType.FLOAT, v[0], rows),
                NumericColumn.wrap("b", PhysicalType.FLOAT, v[1], rows),
                NumericColumn.wrap("c", PhysicalType.FLOAT, v[2], rows),
                NumericColumn.wrap("pred", PhysicalType.FLOAT, v[3], rows)));
    }
}
