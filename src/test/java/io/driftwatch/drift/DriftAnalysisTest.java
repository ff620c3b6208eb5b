package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class DriftAnalysisTest {

    @Test
    void columnThatCannotBeTestedBecomesAnErrorEntryAndOthersAreStillTested() {
        Table reference = Table.of(List.of(normal("shifted", 300, 0, 1), missingOnly("empty", 300), normal("same", 300, 0, 1)));
        Table current = Table.of(List.of(normal("shifted", 300, 3, 2), normal("empty", 300, 0, 1), normal("same", 300, 0, 1)));

        DriftResult result = check(reference, current, DriftOptions.defaults());

        ColumnDrift empty = result.columns().get(1);
        assertThat(empty.tested()).isFalse();
        assertThat(empty.drifted()).isFalse();
        assertThat(empty.error()).isEqualTo("no values left to test in the reference after dropping missing and infinite values");
        assertThat(empty.referenceMissingShare()).isEqualTo(1.0);
        assertThat(result.columns().get(0).drifted()).isTrue();
        assertThat(result.columns().get(2).tested()).isTrue();
        assertThat(result.dataset().numberOfColumns()).isEqualTo(2);
        assertThat(result.dataset().numberOfErrors()).isEqualTo(1);
        assertThat(result.dataset().share()).isEqualTo(0.5);
        assertThat(result.dataset().detected()).as("share 0.5 >= 0.5").isTrue();
    }

    @Test
    void testThatDoesNotApplyToTheColumnTypeIsAnErrorEntry() {
        Table reference = Table.of(List.of(CategoricalColumn.of("city", repeat(10, "a", "b", "a"))));
        Table current = Table.of(List.of(CategoricalColumn.of("city", repeat(10, "a", "b", "b"))));
        DriftResult result = check(reference, current, DriftOptions.defaults().withCatMethod("ks"));
        assertThat(result.columns().get(0).error()).isEqualTo("test 'ks' does not apply to categorical columns");
    }

    @Test
    void perColumnOverridesBeatTypeWideOnesWhichBeatGlobalOnes() {
        Table reference = Table.of(List.of(normal("a", 300, 0, 1), normal("b", 300, 0, 1), normal("c", 300, 0, 1)));
        Table current = Table.of(List.of(normal("a", 300, 0, 1), normal("b", 300, 0, 1), normal("c", 300, 0, 1)));
        DriftOptions options = DriftOptions.defaults().withMethod("ks").withNumMethod("wasserstein")
                .withNumThreshold(0.3).withPerColumn(Map.of("a", new ColumnOverride("psi", 0.2), "b", new ColumnOverride(null, 0.05)));

        DriftResult result = check(reference, current, options);

        assertThat(result.columns()).extracting(c -> c.result().test()).containsExactly("psi", "wasserstein", "wasserstein");
        assertThat(result.columns()).extracting(c -> c.result().threshold()).containsExactly(0.2, 0.05, 0.3);
    }

    @Test
    void binningOptionsReachTheBinnedTests() {
        Table reference = Table.of(List.of(normal("x", 2000, 0, 1, 8)));
        Table current = Table.of(List.of(normal("x", 2000, 0.3, 1, 9)));
        DriftOptions deciles = DriftOptions.defaults().withNumMethod("psi")
                .withBinning(io.driftwatch.stats.BinningStrategy.REFERENCE_QUANTILES, 10);
        ColumnDrift x = check(reference, current, deciles).columns().get(0);
        assertThat(x.result().method()).isEqualTo("reference_quantiles");
        assertThat(x.result().histogram().size()).isEqualTo(10);
        ColumnDrift evidently = check(reference, current, DriftOptions.defaults().withNumMethod("psi")).columns().get(0);
        assertThat(evidently.result().method()).isEqualTo("sturges");
        assertThat(evidently.result().score()).isNotEqualTo(x.result().score());
    }

    @Test
    void listsCategoriesNewInCurrentAndGoneFromIt() {
        Table reference = Table.of(List.of(CategoricalColumn.of("city", repeat(5, "Oslo", "Lima", "Oslo", "Pune", "Lima", "Oslo"))));
        Table current = Table.of(List.of(CategoricalColumn.of("city", repeat(5, "Oslo", "Kyiv", "Oslo", "Lima", null, "Oslo"))));
        ColumnDrift city = check(reference, current, DriftOptions.defaults()).columns().get(0);
        assertThat(city.newCategories()).containsExactly("Kyiv");
        assertThat(city.goneCategories()).containsExactly("Pune");
        assertThat(city.currentMissing()).isEqualTo(5);
        assertThat(city.result().test()).isEqualTo("chisquare");
    }

    @Test
    void flagsAColumnWhoseMissingShareMovesAsItsOwnSignal() {
        // Same values, but a quarter of the current cells went missing: the test sees no drift, the signal does.
        NumericColumn full = normal("x", 400, 0, 1, 5);
        NumericColumnBuilder holes = new NumericColumnBuilder("x", PhysicalType.FLOAT, 400);
        for (int i = 0; i < 400; i++) {
            if (i % 4 == 0) {
                holes.appendMissing();
            } else {
                holes.append(full.value(i));
            }
        }
        Table reference = Table.of(List.of(full));
        Table current = Table.of(List.of(holes.build()));

        ColumnDrift x = check(reference, current, DriftOptions.defaults()).columns().get(0);
        assertThat(x.drifted()).isFalse();
        assertThat(x.currentMissingShare()).isEqualTo(0.25);
        assertThat(x.missingShareChanged()).isTrue();
        assertThat(check(reference, current, DriftOptions.defaults().withMissingShareThreshold(0.3)).columns().get(0)
                .missingShareChanged()).isFalse();
        assertThat(check(reference, reference, DriftOptions.defaults()).columns().get(0).missingShareChanged()).isFalse();
    }

    @Test
    void bonferroniAndBenjaminiHochbergMatchRsPAdjust() {
        double[] p = {0.01, 0.04, 0.03, 0.02, 0.05};
        // R 4.3: p.adjust(c(0.01,0.04,0.03,0.02,0.05), "bonferroni") = 0.05 0.20 0.15 0.10 0.25
        assertThat(DriftAnalysis.bonferroni(p)).containsExactly(0.05, 0.2, 0.15, 0.1, 0.25);
        // p.adjust(..., "BH") = 0.05 0.05 0.05 0.05 0.05 (every p(i)·m/i is 0.05)
        double[] bh = DriftAnalysis.benjaminiHochberg(p);
        for (double v : bh) {
            assertThat(v).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-15));
        }
        // p.adjust(c(0.001, 0.2, 0.03, 0.9), "BH") = 0.004 0.2666667 0.06 0.9
        assertThat(DriftAnalysis.benjaminiHochberg(new double[] {0.001, 0.2, 0.03, 0.9}))
                .containsExactly(new double[] {0.004, 0.2 * 4 / 3, 0.06, 0.9}, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void correctionTurnsChanceDriftIntoNoDrift() {
        // Two columns whose KS p-values are small but not tiny: drift alone, not after Bonferroni over 20 tests.
        List<Column> ref = new ArrayList<>();
        List<Column> cur = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ref.add(normal("c" + i, 200, 0, 1, 100 + i));
            cur.add(normal("c" + i, 200, i < 2 ? 0.25 : 0, 1, 200 + i));
        }
        Table reference = Table.of(ref);
        Table current = Table.of(cur);
        DriftResult plain = check(reference, current, DriftOptions.defaults());
        DriftResult corrected = check(reference, current, DriftOptions.defaults().withCorrection(Correction.BONFERRONI));
        for (int i = 0; i < 20; i++) {
            ColumnDrift before = plain.columns().get(i);
            ColumnDrift after = corrected.columns().get(i);
            assertThat(after.result().score()).isEqualTo(before.result().score());
            assertThat(after.adjustedScore()).isEqualTo(Math.min(1, before.result().score() * 20));
            assertThat(after.drifted()).isEqualTo(after.adjustedScore() <= 0.05);
        }
        assertThat(corrected.dataset().numberOfDriftedColumns()).isLessThanOrEqualTo(plain.dataset().numberOfDriftedColumns());
    }

    @Test
    void checkAgainstASavedProfileIsBitIdenticalToACheckAgainstTheRawReference() throws IOException {
        // Both sides of the automatic choice: ks/chisquare/z below 1,000 reference rows, wasserstein/jensenshannon above.
        for (int[] sizes : new int[][] {{500, 400}, {5000, 4000}}) {
            Random random = new Random(sizes[0]);
            String[] labels = {"a", "b", "c", "d"};
            String[] r = new String[sizes[0]];
            String[] c = new String[sizes[1]];
            for (int i = 0; i < r.length; i++) {
                r[i] = random.nextInt(20) == 0 ? null : labels[random.nextInt(4)];
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = labels[random.nextInt(3)];
            }
            Table reference = Table.of(List.of(normal("x", sizes[0], 0, 1, 1), withNaNs(normal("y", sizes[0], 5, 2, 3)),
                    CategoricalColumn.of("label", r)));
            Table current = Table.of(List.of(normal("x", sizes[1], 0.2, 1, 2), normal("y", sizes[1], 5, 2.2, 4),
                    CategoricalColumn.of("label", c)));
            Map<String, ColumnType> types = Map.of("x", ColumnType.NUMERICAL, "y", ColumnType.NUMERICAL,
                    "label", ColumnType.CATEGORICAL);

            ReferenceProfile raw = ReferenceProfile.of(reference);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            raw.writeTo(bytes);
            ReferenceProfile saved = ReferenceProfile.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "test profile");

            for (String method : new String[] {null, "ks", "psi", "jensenshannon", "wasserstein", "chisquare", "anderson"}) {
                DriftOptions options = method == null ? DriftOptions.defaults() : DriftOptions.defaults().withNumMethod(method);
                DriftResult fromRaw = DriftAnalysis.sequential().run(raw, current, types, options);
                DriftResult fromSaved = DriftAnalysis.sequential().run(saved, current, types, options);
                assertThat(fromSaved).as("method %s, %s rows", method, sizes[0]).isEqualTo(fromRaw);
                assertThat(fromRaw.columns()).allSatisfy(col -> assertThat(col.error()).isNull());
            }
        }
    }

    @Test
    void parallelRunGivesTheSameResultAsSequential() {
        List<Column> ref = new ArrayList<>();
        List<Column> cur = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ref.add(normal("c" + i, 3000, 0, 1, i));
            cur.add(normal("c" + i, 3000, i * 0.05, 1, 50 + i));
        }
        Table reference = Table.of(ref);
        Table current = Table.of(cur);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            ReferenceProfile profile = ReferenceProfile.of(reference);
            Map<String, ColumnType> types = io.driftwatch.io.TypeInference.infer(current, Map.of());
            assertThat(DriftAnalysis.on(pool).run(profile, current, types, DriftOptions.defaults()))
                    .isEqualTo(DriftAnalysis.sequential().run(profile, current, types, DriftOptions.defaults()));
        } finally {
            pool.shutdownNow();
        }
    }

    static DriftResult check(Table reference, Table current, DriftOptions options) {
        Map<String, ColumnType> types = io.driftwatch.io.TypeInference.infer(current, Map.of());
        return DriftAnalysis.sequential().run(ReferenceProfile.of(reference), current, types, options);
    }

    static NumericColumn normal(String name, int n, double mean, double sd) {
        return normal(name, n, mean, sd, name.hashCode() + (long) (mean * 1000));
    }

    static NumericColumn normal(String name, int n, double mean, double sd, long seed) {
        Random random = new Random(seed);
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            b.append(mean + sd * random.nextGaussian());
        }
        return b.build();
    }

    static String[] repeat(int times, String... labels) {
        String[] out = new String[times * labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i % labels.length];
        }
        return out;
    }

    /** Every tenth value missing, every 97th infinite: what the profile must drop and count. */
    static NumericColumn withNaNs(NumericColumn column) {
        NumericColumnBuilder b = new NumericColumnBuilder(column.name(), PhysicalType.FLOAT, column.length());
        for (int i = 0; i < column.length(); i++) {
            if (i % 10 == 0) {
                b.appendMissing();
            } else if (i % 97 == 0) {
                b.append(Double.POSITIVE_INFINITY);
            } else {
                b.append(column.value(i));
            }
        }
        return b.build();
    }

    static NumericColumn missingOnly(String name, int n) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            b.appendMissing();
        }
        return b.build();
    }
}
