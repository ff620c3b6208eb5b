package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.driftwatch.data.ColumnType;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strength on the column result, the one measure the CLI table, the report, the heat map and
 * the alerts rank and shade columns by.
 */
class ColumnDriftTest {

    /** A column tested with {@code test} at {@code threshold}, uncorrected. */
    static ColumnDrift tested(String name, String test, double score, double threshold) {
        TestResult r = TestResult.of(DriftTests.byName(test).orElseThrow(), score, threshold);
        return corrected(name, r, r.scoreKind() == io.driftwatch.stats.ScoreKind.P_VALUE ? score : Double.NaN);
    }

    private static ColumnDrift corrected(String name, TestResult r, double adjusted) {
        boolean drifted = Double.isNaN(adjusted) ? r.drifted() : r.comparison().drifted(adjusted, r.threshold());
        return new ColumnDrift(name, ColumnType.NUMERICAL, r, null, adjusted, drifted, 100, 100, 0, 0, List.of(),
                List.of(), false);
    }

    private static ColumnDrift error(String name) {
        return new ColumnDrift(name, ColumnType.NUMERICAL, null, "too few values", Double.NaN, false, 1, 1, 0, 0,
                List.of(), List.of(), false);
    }

    @Test
    void isOneAtTheThresholdForEveryKindOfTest() {
        assertThat(tested("p", "ks", 0.05, 0.05).strength()).isCloseTo(1, offset(1e-12));
        assertThat(tested("d", "psi", 0.1, 0.1).strength()).isCloseTo(1, offset(1e-12));
        assertThat(tested("e", "ed", 0.1, 0.1).strength()).isCloseTo(1, offset(1e-12));
    }

    @Test
    void aPValueFarBelowItsThresholdOutranksOneJustBelow() {
        ColumnDrift just = tested("just", "ks", 0.04, 0.05);
        ColumnDrift far = tested("far", "ks", 1e-12, 0.05);

        assertThat(far.strength()).isGreaterThan(just.strength()).isCloseTo(9.22, offset(0.01));
        assertThat(sorted(just, far)).containsExactly("far", "just");
    }

    @Test
    void aLargerDistanceIsStrongerDrift() {
        ColumnDrift near = tested("near", "psi", 0.11, 0.1);
        ColumnDrift far = tested("far", "psi", 2.0, 0.1);

        assertThat(far.strength()).isCloseTo(20, offset(1e-9));
        assertThat(sorted(near, far)).containsExactly("far", "near");
    }

    @Test
    void pValuesAndDistancesRankOnOneScale() {
        // 2.0 at a PSI threshold of 0.1 is 20 times the threshold; p = 1e-12 at 0.05 is (0.05)^9.2;
        // p = 0.04 is barely past 0.05 (1.07), a PSI of 0.11 barely past 0.1 (1.1).
        List<String> order = sorted(tested("p barely", "ks", 0.04, 0.05), tested("d barely", "psi", 0.11, 0.1),
                tested("p strongly", "ks", 1e-12, 0.05), tested("d far", "psi", 2.0, 0.1),
                tested("p zero", "chisquare", 0, 0.05));

        assertThat(order).containsExactly("p zero", "d far", "p strongly", "d barely", "p barely");
    }

    @Test
    void usesTheCorrectedPValueTheVerdictUsed() {
        TestResult r = TestResult.of(DriftTests.byName("ks").orElseThrow(), 0.01, 0.05);
        ColumnDrift bonferroni = corrected("x", r, 0.1);

        assertThat(bonferroni.drifted()).isFalse();
        assertThat(bonferroni.strength()).isCloseTo(Math.log(0.1) / Math.log(0.05), offset(1e-12)).isLessThan(1);
    }

    @Test
    void isUndefinedForAnUndefinedScoreOrAnUntestedColumnWhichRankLast() {
        ColumnDrift undefined = tested("undefined", "wasserstein", Double.NaN, 0.1);
        ColumnDrift failed = error("failed");

        assertThat(undefined.strength()).isNaN();
        assertThat(failed.strength()).isNaN();
        assertThat(sorted(failed, undefined, tested("calm", "ks", 0.9, 0.05))).containsExactly("calm", "failed",
                "undefined");
    }

    private static List<String> sorted(ColumnDrift... columns) {
        List<ColumnDrift> list = new ArrayList<>(List.of(columns));
        list.sort(ColumnDrift.STRONGEST_FIRST);
        return list.stream().map(ColumnDrift::name).toList();
    }
}
