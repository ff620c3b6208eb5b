package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.ColumnOverride;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.report.ColumnRoles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorDefinitionTest {

    /** The example of DESIGN.md's "Monitor definition", verbatim. */
    private static final String DESIGN_EXAMPLE = """
            name: bike-sharing
            reference: examples/bike-sharing/reference.csv   # the CLI's --reference overrides it
            columns:                 # every list is optional; what is not listed is inferred
              numerical: [temp, atemp, hum, windspeed]
              categorical: [season, weathersit, holiday, workingday]
              datetime: dteday       # orders the "values over time" charts
              target: cnt
              prediction: null
              ignored: [instant]
            drift:
              share: 0.5             # dataset drift when the share of drifted columns >= share
              method: null           # one test for every column (overrides the automatic choice)
              num_method: null       # for numerical columns
              cat_method: null       # for categorical columns
              threshold: null        # likewise for thresholds
              num_threshold: null
              cat_threshold: null
              per_column:
                temp: {method: psi, threshold: 0.2}
              correction: none       # none | bonferroni | benjamini-hochberg (p-value tests only)
            """;

    @Test
    void readsTheDesignExample() {
        MonitorDefinition m = MonitorDefinition.parse(DESIGN_EXAMPLE, "design.yml");

        assertThat(m.name()).contains("bike-sharing");
        assertThat(m.reference()).contains("examples/bike-sharing/reference.csv");
        assertThat(m.declaredTypes()).containsEntry("temp", ColumnType.NUMERICAL)
                .containsEntry("season", ColumnType.CATEGORICAL).containsEntry("dteday", ColumnType.DATETIME)
                .doesNotContainKey("cnt").doesNotContainKey("instant");
        assertThat(m.ignored()).containsExactly("instant");
        assertThat(m.roles()).isEqualTo(new ColumnRoles("cnt", null, "dteday"));
        DriftOptions options = m.driftOptions();
        assertThat(options.share()).isEqualTo(0.5);
        assertThat(options.method()).isNull();
        assertThat(options.correction()).isEqualTo(Correction.NONE);
        assertThat(options.perColumn()).containsExactly(java.util.Map.entry("temp", new ColumnOverride("psi", 0.2)));
        assertThat(m.csvOptions().numericColumns()).containsExactlyInAnyOrder("temp", "atemp", "hum", "windspeed");
    }

    @Test
    void readsTheBundledExampleFile() {
        MonitorDefinition m = MonitorDefinition.read(Path.of("examples/bike-sharing/monitor.yml"));
        assertThat(m.target()).contains("cnt");
        assertThat(m.ignored()).contains("instant");
    }

    @Test
    void jsonAndYamlGiveTheSameDefinition() {
        String json = """
                {"name": "m", "columns": {"numerical": ["a"], "categorical": "b", "ignored": ["c"]},
                 "drift": {"share": 0.3, "num_method": "wasserstein", "cat_threshold": 0.01,
                           "per_column": {"a": {"threshold": 0.2}}, "correction": "benjamini-hochberg"}}
                """;
        String yaml = """
                name: m
                columns: {numerical: [a], categorical: [b], ignored: [c]}
                drift:
                  share: 0.3
                  num_method: wasserstein
                  cat_threshold: 0.01
                  per_column: {a: {threshold: 0.2}}
                  correction: benjamini-hochberg
                """;
        MonitorDefinition fromJson = MonitorDefinition.parse(json, "m.json");
        MonitorDefinition fromYaml = MonitorDefinition.parse(yaml, "m.yml");
        for (MonitorDefinition m : new MonitorDefinition[] {fromJson, fromYaml}) {
            assertThat(m.declaredTypes()).containsEntry("a", ColumnType.NUMERICAL).containsEntry("b", ColumnType.CATEGORICAL);
            assertThat(m.driftOptions().share()).isEqualTo(0.3);
            assertThat(m.driftOptions().numMethod()).isEqualTo("wasserstein");
            assertThat(m.driftOptions().catThreshold()).isEqualTo(0.01);
            assertThat(m.perColumn()).containsEntry("a", new ColumnOverride(null, 0.2));
            assertThat(m.correction()).isEqualTo(Correction.BENJAMINI_HOCHBERG);
        }
    }

    @Test
    void unknownKeyNamesTheFileTheLineTheFieldAndTheValidKeys() {
        InvalidMonitorException e = invalid("""
                name: m
                drift:
                  shares: 0.5
                """);
        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 3, column 3: drift.shares: unknown key"
                + " 'shares'; valid keys here: share, method, num_method, cat_method, threshold, num_threshold,"
                + " cat_threshold, per_column, correction, binning, n_bins, missing_share_threshold");
        assertThat(e.field()).isEqualTo("drift.shares");
    }

    @Test
    void evidentlyStyleKeySuggestsOurs() {
        assertThat(invalid("columns:\n  timestamp: dteday\n").getMessage())
                .contains("columns.timestamp: unknown key 'timestamp' (did you mean 'datetime'?)");
    }

    @Test
    void unknownTestListsTheValidOnes() {
        InvalidMonitorException e = invalid("drift:\n  per_column:\n    temp: {method: pis}\n");
        assertThat(e.field()).isEqualTo("drift.per_column.temp.method");
        assertThat(e.getMessage()).contains("line 3").contains("unknown test 'pis'; valid tests: ks, ")
                .contains("psi").contains("wasserstein").contains("TVD");
    }

    @Test
    void testNamesAreCaseSensitiveWithAHint() {
        assertThat(invalid("drift:\n  method: KS\n").getMessage())
                .contains("drift.method: unknown test 'KS' (names are case-sensitive: did you mean 'ks'?)");
    }

    @Test
    void typeWideTestMustApplyToThatType() {
        assertThat(invalid("drift:\n  cat_method: ks\n").getMessage())
                .contains("drift.cat_method: test 'ks' does not apply to categorical columns; categorical tests: chisquare")
                .doesNotContain("wasserstein");
        assertThat(invalid("columns: {categorical: [season]}\ndrift:\n  per_column:\n    season: {method: anderson}\n")
                .getMessage()).contains("drift.per_column.season.method: test 'anderson' does not apply to categorical");
    }

    @Test
    void thresholdMustBeANonNegativeNumber() {
        assertThat(invalid("drift:\n  threshold: high\n").getMessage())
                .contains("line 2, column 3: drift.threshold: expected a number, found 'high'");
        assertThat(invalid("drift:\n  per_column:\n    a: {threshold: -0.1}\n").getMessage())
                .contains("drift.per_column.a.threshold: must be a finite number of at least 0, got -0.1");
    }

    @Test
    void shareMustBeBetweenZeroAndOne() {
        assertThat(invalid("drift:\n  share: 50\n").getMessage())
                .contains("drift.share: must be between 0 and 1 (a share of columns), got 50.0; for 50.0 % write 0.5");
    }

    @Test
    void columnInTwoRolesIsRejected() {
        InvalidMonitorException e = invalid("columns:\n  numerical: [temp, hum]\n  ignored: [hum]\n");
        assertThat(e.getMessage()).contains("line 3").contains("columns.ignored[0]: column 'hum' is also listed in"
                + " columns.numerical; a column has one role");
        assertThat(invalid("columns:\n  target: cnt\n  ignored: [cnt]\n").getMessage())
                .contains("columns.target: column 'cnt' is also listed in columns.ignored");
    }

    @Test
    void targetMayAlsoDeclareItsType() {
        MonitorDefinition m = MonitorDefinition.parse("columns:\n  numerical: [cnt]\n  target: cnt\n", "m.yml");
        assertThat(m.declaredTypes()).containsEntry("cnt", ColumnType.NUMERICAL);
        assertThat(m.target()).contains("cnt");
    }

    @Test
    void binningAndMissingShareThresholdReachTheDriftOptions() {
        MonitorDefinition m = MonitorDefinition.parse(
                "drift:\n  binning: reference_quantiles\n  n_bins: 20\n  missing_share_threshold: 0.1\n", "m.yml");
        assertThat(m.driftOptions().binning()).isEqualTo(io.driftwatch.stats.BinningStrategy.REFERENCE_QUANTILES);
        assertThat(m.driftOptions().binCount()).isEqualTo(20);
        assertThat(m.driftOptions().missingShareThreshold()).isEqualTo(0.1);
        assertThat(MonitorDefinition.parse("drift:\n  binning: sturges\n", "m.yml").driftOptions().binning())
                .isEqualTo(io.driftwatch.stats.BinningStrategy.EVIDENTLY);
    }

    @Test
    void binningMistakesAreNamed() {
        assertThat(invalid("drift:\n  binning: deciles\n").getMessage())
                .contains("drift.binning: unknown binning 'deciles'; valid: sturges (Evidently's), reference_quantiles, equal_width");
        assertThat(invalid("drift:\n  n_bins: 10\n").getMessage())
                .contains("drift.n_bins: needs binning: reference_quantiles or equal_width");
        assertThat(invalid("drift:\n  binning: equal_width\n  n_bins: 2.5\n").getMessage())
                .contains("drift.n_bins: must be a whole number from 1 to 10000, got 2.5");
        assertThat(invalid("drift:\n  missing_share_threshold: 5\n").getMessage())
                .contains("drift.missing_share_threshold: must be between 0 and 1");
    }

    @Test
    void unknownCorrectionListsTheValidOnes() {
        assertThat(invalid("drift:\n  correction: holm\n").getMessage())
                .contains("drift.correction: unknown correction 'holm'; valid: none, bonferroni, benjamini-hochberg");
    }

    @Test
    void everyProblemIsReportedInDocumentOrder() {
        InvalidMonitorException e = invalid("""
                drift:
                  share: 2
                  correction: holm
                colums: {}
                """);
        assertThat(e.problems()).extracting(InvalidMonitorException.Problem::field)
                .containsExactly("drift.share", "drift.correction", "colums");
        assertThat(e.getMessage()).startsWith("monitor m.yml has 3 problems:");
    }

    @Test
    void malformedYamlGivesTheLine() {
        InvalidMonitorException e = invalid("drift:\n  share: [0.5\n  method: ks\n");
        assertThat(e.getMessage()).startsWith("monitor m.yml is invalid: line ").contains("not valid YAML");
    }

    @Test
    void duplicateKeyIsRejected() {
        assertThat(invalid("drift:\n  share: 0.5\n  share: 0.3\n").getMessage()).contains("Duplicate field 'share'");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yml");
        assertThatThrownBy(() -> MonitorDefinition.read(file)).isInstanceOf(InvalidMonitorException.class)
                .hasMessage("monitor " + file + " is invalid: no such file");
    }

    @Test
    void emptyDocumentIsRejected(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("empty.yml"), "# nothing\n");
        assertThatThrownBy(() -> MonitorDefinition.read(file)).isInstanceOf(InvalidMonitorException.class)
                .hasMessageContaining("the definition is empty");
    }

    private static InvalidMonitorException invalid(String yaml) {
        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.parse(yaml, "m.yml"));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        return e;
    }

    @Test
    void preparingTheParsersReadsAValidDefinitionSoNothingIsPrintedOnTheCommandLine() {
        // CheckCommand runs it on a daemon thread, where a failure would print a stack trace
        assertThatCode(MonitorDefinition::prepare).doesNotThrowAnyException();
    }
}
