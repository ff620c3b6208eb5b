package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.SketchTestResult;
import io.driftwatch.stats.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link SketchDrift}: types, test choice, overrides and the dataset verdict on sketch profiles. */
class SketchDriftTest {
    private static final int ROWS = 200_000;

    /** Columns: a float, an integer with 4 values, an integer with many, an id-like text, a category. */
    private static SketchProfile profile(long seed, double shift) {
        Random random = new Random(seed);
        double[] normal = new double[ROWS];
        double[] few = new double[ROWS];
        double[] many = new double[ROWS];
        String[] ids = new String[ROWS];
        String[] colour = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            normal[i] = random.nextGaussian() + shift;
            few[i] = random.nextInt(4);
            many[i] = random.nextInt(500);
            ids[i] = "id" + i;
            colour[i] = random.nextInt(10) < (shift > 0 ? 6 : 3) ? "red" : "blue";
        }
        Table table = Table.of(List.of(NumericColumn.of("normal", PhysicalType.FLOAT, normal, 0, ROWS),
                NumericColumn.of("few", PhysicalType.INTEGER, few, 0, ROWS),
                NumericColumn.of("many", PhysicalType.INTEGER, many, 0, ROWS),
                CategoricalColumn.of("id", ids), CategoricalColumn.of("colour", colour)));
        return SketchProfile.of(table, SketchSettings.defaults());
    }

    @Test
    void infersEvidentlysTypesAndChoosesItsTestsForLargeReferences() {
        SketchDrift.Result result = SketchDrift.run(profile(1, 0), profile(2, 0.5), Map.of(), Set.of(),
                DriftOptions.defaults());

        assertThat(result.columns()).extracting(SketchDrift.Column::name, SketchDrift.Column::type,
                c -> c.result().test()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("normal", ColumnType.NUMERICAL, "wasserstein"),
                        org.assertj.core.groups.Tuple.tuple("few", ColumnType.CATEGORICAL, "jensenshannon"),
                        org.assertj.core.groups.Tuple.tuple("many", ColumnType.NUMERICAL, "wasserstein"),
                        org.assertj.core.groups.Tuple.tuple("colour", ColumnType.CATEGORICAL, "jensenshannon"));
        assertThat(result.notTested()).containsExactly(Map.entry("id", "text"));
        // a shift of half a standard deviation and a recoloured column drift; the rest do not
        assertThat(result.columns()).extracting(c -> c.result().verdict())
                .containsExactly(Verdict.DRIFT, Verdict.NO_DRIFT, Verdict.NO_DRIFT, Verdict.DRIFT);
        assertThat(result.dataset().numberOfColumns()).isEqualTo(4);
        assertThat(result.dataset().numberOfDriftedColumns()).isEqualTo(2);
        assertThat(result.dataset().detected()).isTrue();
    }

    @Test
    void declaredTypesIgnoredColumnsAndMethodsFromTheMonitorApply() {
        DriftOptions options = DriftOptions.defaults().withPerColumn(Map.of("normal", new ColumnOverride("ks", null),
                "colour", new ColumnOverride("anderson", null)));
        SketchDrift.Result result = SketchDrift.run(profile(1, 0), profile(2, 0), Map.of("id", ColumnType.CATEGORICAL,
                "few", ColumnType.NUMERICAL), Set.of("many"), options);

        assertThat(result.columns()).extracting(SketchDrift.Column::name)
                .containsExactly("normal", "few", "id", "colour");
        assertThat(result.columns().get(0).result().test()).isEqualTo("ks");
        assertThat(result.columns().get(1).type()).isEqualTo(ColumnType.NUMERICAL);
        assertThat(result.columns().get(3).result()).isNull();
        assertThat(result.columns().get(3).error()).isEqualTo("test 'anderson' has no sketch form; on sketches: ks,"
                + " wasserstein, psi, kl_div, jensenshannon, hellinger, chisquare, z");
        assertThat(result.notTested()).containsExactly(Map.entry("many", "ignored"));
        assertThat(result.dataset().numberOfErrors()).isEqualTo(1);
    }

    @Test
    void anUndecidedColumnCountsAsNotDriftedButIsCounted() {
        SketchProfile reference = profile(1, 0);
        SketchProfile current = profile(2, 0.1);
        SketchTestResult first = SketchDrift.run(reference, current, Map.of(), Set.of(), DriftOptions.defaults())
                .columns().get(0).result();
        assertThat(first.scoreLow()).as("KLL compacted: the interval is not a point").isLessThan(first.scoreHigh());
        // a threshold strictly inside the interval: the exact score may fall on either side of it
        double inside = (first.scoreLow() + first.scoreHigh()) / 2;
        DriftOptions options = DriftOptions.defaults().withShare(0.25)
                .withPerColumn(Map.of("normal", new ColumnOverride(null, inside)));

        SketchDrift.Result result = SketchDrift.run(reference, current, Map.of(), Set.of(), options);

        SketchDrift.Column normal = result.columns().get(0);
        assertThat(normal.result().verdict()).isEqualTo(Verdict.UNDECIDED);
        assertThat(normal.drifted()).isFalse();
        assertThat(result.undecided()).isEqualTo(1);
        // colour drifts (30 % → 60 % red): 1 of 4, which meets a share of 0.25; the undecided column adds nothing
        assertThat(result.dataset().numberOfDriftedColumns()).isEqualTo(1);
        assertThat(result.dataset().share()).isEqualTo(0.25);
        assertThat(result.dataset().detected()).isTrue();
    }
}
