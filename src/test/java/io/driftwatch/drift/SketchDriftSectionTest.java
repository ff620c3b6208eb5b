package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SketchDrift#section}: the drift section of a check on sketch profiles, as the service records,
 * renders and applies policies to it: each column's sketch verdict becomes its {@code drifted} (only
 * {@link Verdict#DRIFT} is drift), its cell and missing counts and its categories come from the sketches, and
 * the sketch details ride along.
 */
class SketchDriftSectionTest {
    private static final int ROWS = 2_000;

    /** A float column with every tenth cell missing, shifted by {@code shift}, and a category of {@code labels}. */
    private static Table table(long seed, double shift, String... labels) {
        Random random = new Random(seed);
        double[] x = new double[ROWS];
        String[] colour = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i] = i % 10 == 0 ? Double.NaN : random.nextGaussian() + shift;
            colour[i] = labels[random.nextInt(labels.length)];
        }
        return Table.of(List.of(NumericColumn.of("x", PhysicalType.FLOAT, x, 0, ROWS),
                CategoricalColumn.of("colour", colour)));
    }

    @Test
    void givesEachColumnItsSketchVerdictCountsAndCategories() {
        SketchProfile reference = SketchProfile.of(table(1, 0, "red", "blue", "green"), SketchSettings.defaults());
        SketchProfile current = SketchProfile.of(table(2, 1, "red", "blue", "pink"), SketchSettings.defaults());

        DriftResult section = SketchDrift.section(reference, current, Map.of(), Set.of(), DriftOptions.defaults());

        SketchDrift.Result sketches = SketchDrift.run(reference, current, Map.of(), Set.of(), DriftOptions.defaults());
        assertThat(section.dataset()).isEqualTo(sketches.dataset());
        assertThat(section.correction()).isEqualTo(Correction.NONE);
        assertThat(section.columns()).extracting(ColumnDrift::name).containsExactly("x", "colour");
        for (ColumnDrift c : section.columns()) {
            SketchDrift.Column s = section.sketch().column(c.name()).orElseThrow();
            assertThat(c.drifted()).as(c.name()).isEqualTo(s.result().verdict() == Verdict.DRIFT).isTrue();
            assertThat(c.result().test()).isEqualTo(s.result().test());
            assertThat(c.result().score()).isEqualTo(s.result().score());
            assertThat(c.result().threshold()).isEqualTo(s.result().threshold());
        }
        ColumnDrift x = section.columns().get(0);
        assertThat(x.referenceRows()).isEqualTo(ROWS);
        assertThat(x.referenceMissing()).isEqualTo(ROWS / 10);
        assertThat(x.currentMissing()).isEqualTo(ROWS / 10);
        assertThat(x.missingShareChanged()).isFalse();
        ColumnDrift colour = section.columns().get(1);
        assertThat(colour.newCategories()).containsExactly("pink");
        assertThat(colour.goneCategories()).containsExactly("green");
        assertThat(section.sketch().referenceRows()).isEqualTo(ROWS);
        assertThat(section.sketch().currentSettings()).isEqualTo(SketchSettings.defaults());
    }

    @Test
    void anUndecidedColumnIsNotDriftedAndNotCountedAsDrifted() {
        SketchProfile reference = SketchProfile.of(table(1, 0, "red"), SketchSettings.defaults());
        // k = 8: the current sketch's rank error (about 0.3) spans both sides of the KS threshold
        SketchProfile current = SketchProfile.of(table(2, 0.2, "red"), SketchSettings.defaults().withK(8));
        DriftOptions ks = DriftOptions.defaults().withPerColumn(Map.of("x", new ColumnOverride("ks", null)));

        DriftResult section = SketchDrift.section(reference, current, Map.of(), Set.of("colour"), ks);

        ColumnDrift x = section.columns().get(0);
        assertThat(section.sketch().column("x").orElseThrow().result().verdict()).isEqualTo(Verdict.UNDECIDED);
        assertThat(x.drifted()).isFalse();
        assertThat(x.result().drifted()).isFalse();
        assertThat(section.dataset().numberOfDriftedColumns()).isZero();
        assertThat(section.dataset().detected()).isFalse();
        assertThat(section.sketch().result().undecided()).isEqualTo(1);
        assertThat(section.sketch().result().notTested()).containsExactly(Map.entry("colour", "ignored"));
    }
}
