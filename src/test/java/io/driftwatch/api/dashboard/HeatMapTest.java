package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heat map's colour encoding (verdict for the hue, strength for the shade), row order and layout. */
class HeatMapTest {

    private static CheckHistory.Column ks(String name, double p, boolean drifted) {
        return stored(name, "ks", p, 0.05, drifted);
    }

    private static CheckHistory.Column psi(String name, double d, boolean drifted) {
        return stored(name, "psi", d, 0.1, drifted);
    }

    /** A column as a check records it: with the strength, display name and comparison of its result. */
    private static CheckHistory.Column stored(String name, String test, double score, double threshold,
            boolean drifted) {
        TestResult r = TestResult.of(DriftTests.byName(test).orElseThrow(), score, threshold);
        ColumnDrift c = new ColumnDrift(name, ColumnType.NUMERICAL, r, null,
                r.scoreKind() == ScoreKind.P_VALUE ? score : Double.NaN, drifted, 100, 100, 0, 0, List.of(), List.of(),
                false);
        return new CheckHistory.Column(name, "numerical", test, score, threshold, drifted, null,
                Double.isNaN(c.strength()) ? null : c.strength(), r.displayName(), r.comparison().symbol(),
                r.scoreKind().label());
    }

    /** A column as checks recorded it before strengths, display names and comparisons were stored. */
    private static CheckHistory.Column storedBefore(String name, String test, Double score, Double threshold,
            boolean drifted, String error) {
        return new CheckHistory.Column(name, "numerical", test, score, threshold, drifted, error, null, null, null,
                null);
    }

    private static Check check(String id, String at, boolean drift) {
        return new Check(id, "m", "ds-" + id, Instant.parse(at), drift, drift ? 0.6 : 0.2, 0.5, 5, drift ? 3 : 1, 0, 40);
    }

    @Test
    void shadesPValuesByLogPOverLogThreshold() {
        assertThat(HeatMap.strength(ks("a", 0.05, true))).isCloseTo(1, offset(1e-12));
        assertThat(HeatMap.strength(ks("a", 0.0025, true))).isCloseTo(2, offset(1e-12));
        assertThat(HeatMap.level(ks("a", 0.9, false))).isEqualTo("n1");
        assertThat(HeatMap.level(ks("a", 0.3, false))).isEqualTo("n2");
        assertThat(HeatMap.level(ks("a", 0.15, false))).isEqualTo("n3");
        assertThat(HeatMap.level(ks("a", 0.06, false))).isEqualTo("n4");
        assertThat(HeatMap.level(ks("a", 0.04, true))).isEqualTo("d1");
        assertThat(HeatMap.level(ks("a", 1e-3, true))).isEqualTo("d2");
        assertThat(HeatMap.level(ks("a", 1e-6, true))).isEqualTo("d3");
        assertThat(HeatMap.level(ks("a", 1e-40, true))).isEqualTo("d4");
        assertThat(HeatMap.level(ks("a", 0, true))).isEqualTo("d4");
    }

    @Test
    void shadesByTheStrengthOnTheColumnResultThatEveryViewRanksBy() {
        for (double p : new double[] {0.9, 0.06, 0.05, 0.0025, 1e-12, 0}) {
            TestResult r = TestResult.of(DriftTests.byName("ks").orElseThrow(), p, 0.05);
            ColumnDrift column = new ColumnDrift("a", ColumnType.NUMERICAL, r, null, p, r.drifted(), 100, 100, 0, 0,
                    List.of(), List.of(), false);
            assertThat(HeatMap.strength(ks("a", p, r.drifted()))).as("p = %s", p).isEqualTo(column.strength());
        }
        for (double d : new double[] {0, 0.01, 0.1, 0.35, 2.5}) {
            TestResult r = TestResult.of(DriftTests.byName("psi").orElseThrow(), d, 0.1);
            ColumnDrift column = new ColumnDrift("a", ColumnType.NUMERICAL, r, null, Double.NaN, r.drifted(), 100, 100,
                    0, 0, List.of(), List.of(), false);
            assertThat(HeatMap.strength(psi("a", d, r.drifted()))).as("d = %s", d).isEqualTo(column.strength());
        }
    }

    @Test
    void shadesDistancesByDistanceOverThreshold() {
        assertThat(HeatMap.level(psi("a", 0.01, false))).isEqualTo("n1");
        assertThat(HeatMap.level(psi("a", 0.09, false))).isEqualTo("n4");
        assertThat(HeatMap.level(psi("a", 0.1, true))).isEqualTo("d1");
        assertThat(HeatMap.level(psi("a", 0.35, true))).isEqualTo("d2");
        assertThat(HeatMap.level(psi("a", 2.5, true))).isEqualTo("d4");
    }

    @Test
    void takesTheHueFromTheVerdictEvenWhenACorrectionChangedIt() {
        assertThat(HeatMap.level(ks("a", 0.01, false))).as("Bonferroni kept p = 0.01 below drift").isEqualTo("n4");
    }

    @Test
    void marksErrorsAndUndefinedScoresApart() {
        assertThat(HeatMap.level(storedBefore("a", null, null, null, false, "all missing"))).isEqualTo("e");
        assertThat(HeatMap.level(new CheckHistory.Column("a", "numerical", "ks", null, 0.05, false, null, null,
                "K-S p_value", "<=", "p_value"))).isEqualTo("u");
        assertThat(HeatMap.level(storedBefore("a", "ks", null, 0.05, false, null))).isEqualTo("u");
        assertThat(HeatMap.level(storedBefore("a", "future_test", 3.0, 1.0, true, null)))
                .as("a test this version does not know still shows its verdict").isEqualTo("d1");
    }

    @Test
    void shadesByTheStrengthTheCheckStoredWhichACorrectionMoved() {
        // Bonferroni over 10 columns: raw p = 0.004 is 0.04 corrected; the stored strength is the corrected one.
        double corrected = Math.log(0.04) / Math.log(0.05);
        CheckHistory.Column c = new CheckHistory.Column("a", "numerical", "ks", 0.004, 0.05, true, null, corrected,
                "K-S p_value", "<=", "p_value");

        assertThat(HeatMap.strength(c)).isEqualTo(corrected);
        assertThat(HeatMap.strength(storedBefore("a", "ks", 0.004, 0.05, true, null)))
                .as("a check recorded before strengths were stored: from its raw score")
                .isCloseTo(Math.log(0.004) / Math.log(0.05), offset(1e-12));
    }

    @Test
    void titlesAColumnWithTheTestItsCheckStored() {
        Check check = check("c1", "2026-11-22T06:00:00Z", true);
        CheckHistory.Column distance = stored("late", "wasserstein", 0.25, 0.1, true);
        HeatMap map = HeatMap.of(List.of(check), Map.of("c1", List.of(distance,
                storedBefore("old", "ks", 1e-9, 0.05, true, null))));

        assertThat(map.checks().get(0).cells()).extracting(HeatMap.Cell::title).containsExactlyInAnyOrder(
                "late · 2026-11-22 06:00 UTC\nDrift · " + distance.displayName() + " 0.25, drift if score ≥ 0.1",
                "old · 2026-11-22 06:00 UTC\nDrift · K-S p_value 1e-9, drift if p ≤ 0.05");
    }

    @Test
    void putsTheMostDriftedColumnsFirstAndLeavesGapsWhereAColumnWasMissing() {
        List<Check> checks = List.of(check("c1", "2026-11-20T06:00:00Z", false), check("c2", "2026-11-21T06:00:00Z", true),
                check("c3", "2026-11-22T06:00:00Z", true));
        Map<String, List<CheckHistory.Column>> columns = new LinkedHashMap<>();
        columns.put("c1", List.of(ks("steady", 0.5, false), ks("late", 0.5, false), ks("gone", 0.01, true)));
        columns.put("c2", List.of(ks("steady", 0.5, false), ks("late", 0.01, true)));
        columns.put("c3", List.of(ks("steady", 0.4, false), ks("late", 1e-9, true), ks("new", 0.01, true)));

        HeatMap map = HeatMap.of(checks, columns);

        assertThat(map.rows()).extracting(HeatMap.Row::name).containsExactly("late", "new", "gone", "steady");
        assertThat(map.rows()).extracting(HeatMap.Row::driftedChecks).containsExactly(2, 1, 1, 0);
        assertThat(map.checks()).extracting(c -> c.cells().size()).containsExactly(3, 2, 3);
        assertThat(map.checks().get(0).href()).isEqualTo("/api/v1/checks/c1/report");
        HeatMap.Cell late = map.checks().get(2).cells().get(0);
        assertThat(late.level()).isEqualTo("d3");
        assertThat(late.title()).isEqualTo("late · 2026-11-22 06:00 UTC\nDrift · K-S p_value 1e-9, drift if p ≤ 0.05");
        assertThat(map.xLabels()).extracting(HeatMap.Label::text).contains("Nov 22");
    }

    @Test
    void shortensLongColumnNamesButKeepsThemWhole() {
        String name = "a_very_long_feature_name_from_a_feature_store";
        HeatMap map = HeatMap.of(List.of(check("c1", "2026-11-20T06:00:00Z", false)),
                Map.of("c1", List.of(ks(name, 0.5, false))));
        assertThat(map.rows().get(0).label()).hasSize(24).endsWith("…");
        assertThat(map.rows().get(0).name()).isEqualTo(name);
    }

    @Test
    void keepsCellsReadableWhateverTheNumberOfChecks() {
        Map<String, List<CheckHistory.Column>> columns = new LinkedHashMap<>();
        List<Check> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Check c = check("c" + i, Instant.parse("2026-11-01T06:00:00Z").plusSeconds(86400L * i).toString(), false);
            many.add(c);
            columns.put(c.id(), List.of(ks("x", 0.5, false)));
        }
        assertThat(HeatMap.of(many, columns).cellWidth()).isBetween(16, 56);
        assertThat(HeatMap.of(many.subList(0, 2), columns).cellWidth()).isEqualTo(56);
        assertThat(HeatMap.of(List.of(), Map.of())).isNull();
    }
}
