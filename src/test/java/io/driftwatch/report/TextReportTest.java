package io.driftwatch.report;

import io.driftwatch.analysis.Sections;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Table;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The terminal rendering of a check, as {@code driftwatch check} prints it: verdict, table (drifted
 * first, strongest first by {@link ColumnDrift#strength()}) and notes. The CLI tests run the same
 * renderer end to end on the bike-sharing example.
 */
class TextReportTest {

    /** A tested column; {@code adjusted} is the corrected p-value (NaN: none, or a distance). */
    private static ColumnDrift tested(String name, ColumnType type, String test, double score, double threshold,
            double adjusted, int currentMissing, List<String> added, List<String> gone) {
        TestResult r = TestResult.of(DriftTests.byName(test).orElseThrow(), score, threshold);
        double verdictScore = Double.isNaN(adjusted) ? score : adjusted;
        double adjustedScore = r.scoreKind() == ScoreKind.P_VALUE ? verdictScore : Double.NaN;
        return new ColumnDrift(name, type, r, null, adjustedScore, r.comparison().drifted(verdictScore, threshold),
                100, 100, 0, currentMissing, added, gone, currentMissing > 5);
    }

    private static ColumnDrift numeric(String name, String test, double score, double threshold) {
        return tested(name, ColumnType.NUMERICAL, test, score, threshold, Double.NaN, 0, List.of(), List.of());
    }

    /**
     * Seven columns in result order a…g: three p-values and a distance past their thresholds (one only
     * after correction), a distance and a categorical p-value below them, and one that failed;
     * {@code c} is the target, {@code when} a datetime column, {@code id} ignored.
     */
    private static CheckReport report() {
        List<ColumnDrift> columns = List.of(
                numeric("a", "ks", 0.04, 0.05),
                numeric("b", "psi", 2.0, 0.1),
                numeric("c", "ks", 1e-12, 0.05),
                tested("d", ColumnType.NUMERICAL, "wasserstein", 0.05, 0.1, Double.NaN, 25, List.of(), List.of()),
                new ColumnDrift("e", ColumnType.NUMERICAL, null, "too few values", Double.NaN, false, 1, 1, 0, 0,
                        List.of(), List.of(), false),
                tested("f", ColumnType.CATEGORICAL, "chisquare", 0.3, 0.05, Double.NaN, 0, List.of("x", "y"),
                        List.of("z")),
                tested("g", ColumnType.NUMERICAL, "ks", 0.01, 0.05, 0.05, 0, List.of(), List.of()));
        DriftResult result = new DriftResult(new DatasetDrift(true, 4.0 / 7, 0.5, 7, 4, 1), columns,
                Correction.BONFERRONI);
        List<Column> current = new ArrayList<>();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (ColumnDrift c : columns) {
            current.add(c.type() == ColumnType.CATEGORICAL ? CategoricalColumn.of(c.name(), "x", "y")
                    : HtmlReportFixtures.normal(c.name(), 2, 0, 1, 1));
            types.put(c.name(), c.type());
        }
        current.add(HtmlReportFixtures.normal("id", 2, 0, 1, 2));
        types.put("when", ColumnType.DATETIME);
        Table table = Table.of(current);
        return new CheckReport("bikes", Sections.of(result), ReferenceProfile.of(table), table, types,
                new ColumnRoles("c", null, null), new BatchInfo("reference.csv", "csv", 1234, "a".repeat(64)),
                new BatchInfo("current.csv", "csv", 2345, "b".repeat(64)), new Timings(1, 2, 3),
                HtmlReportFixtures.CREATED, "0.1.0-test");
    }

    private static String print(CheckReport report, Optional<String> monitorName, Set<String> ignored) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TextReport.print(out, report, monitorName, ignored);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheVerdictTheTableStrongestDriftFirstAndTheNotes() {
        String text = print(report(), Optional.of("bikes"), Set.of("id", "not in the batch"));

        assertThat(text).isEqualTo("""
                bikes: reference.csv (1,234 rows) vs current.csv (2,345 rows)
                Dataset drift: YES, 4 of 7 columns drifted (57.1%, threshold 50%)
                1 column could not be tested (see below)

                  column      type         test         score                     threshold  drift
                  b           numerical    psi          2.00                      d >= 0.1   DRIFT
                  c (target)  numerical    ks           1.00e-12                  p <= 0.05  DRIFT
                  a           numerical    ks           0.0400                    p <= 0.05  DRIFT
                  g           numerical    ks           0.0100 (adjusted 0.0500)  p <= 0.05  DRIFT
                  d           numerical    wasserstein  0.0500                    d >= 0.1   -
                  f           categorical  chisquare    0.300                     p < 0.05   -
                  e           numerical    -            -                         -          error

                  p: the score is a p-value; a small one means the two batches differ
                  d: the score is a distance; a large one means the two batches differ
                  not tested: when (datetime); id (ignored)

                Missing values changed:
                  d: 0% of the reference, 25% of the current batch

                Categories:
                  f: new x, y; gone z

                Could not be tested:
                  e: too few values
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void ranksDriftedColumnsByTheSharedStrengthAcrossPValuesAndDistances() {
        // PSI 2.0 at 0.1 is 20 times its threshold; p = 1e-12 at 0.05 is 0.05^9.2: the distance leads.
        // (Before one strength, the table ranked p/t against t/d and put every tiny p-value first.)
        List<ColumnDrift> columns = new ArrayList<>(report().drift().columns());
        columns.sort(DriftView.TABLE_ORDER);

        assertThat(columns).extracting(ColumnDrift::name).containsExactly("b", "c", "a", "g", "d", "f", "e");
    }

    @Test
    void withoutAMonitorNameTheFirstLineIsTheInputs() {
        String text = print(report(), Optional.empty(), Set.of());

        assertThat(text).startsWith("reference.csv (1,234 rows) vs current.csv (2,345 rows)" + System.lineSeparator())
                .contains("  not tested: when (datetime)" + System.lineSeparator());
    }

    @Test
    void longCategoryListsAreCut() {
        ColumnDrift many = tested("city", ColumnType.CATEGORICAL, "chisquare", 0.5, 0.05, Double.NaN, 0,
                List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7"), List.of());
        CheckReport report = report();
        CheckReport one = new CheckReport(report.title(), Sections.of(new DriftResult(
                new DatasetDrift(false, 0, 0.5, 1, 0, 0), List.of(many), Correction.NONE)), report.reference(), report.current(), Map.of(), report.roles(),
                report.referenceBatch(), report.currentBatch(), report.timings(), report.createdAt(),
                report.driftwatchVersion());

        assertThat(print(one, Optional.empty(), Set.of()))
                .contains("  city: new n1, n2, n3, n4, n5, ... (7 in all)" + System.lineSeparator())
                .doesNotContain("error").doesNotContain("  d: ");
    }
}
