package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.integrity.IntegrityOptions.Tests;
import org.junit.jupiter.api.Test;

/**
 * The {@code integrity:} section of a monitor definition as {@link MonitorParser} reads it into
 * {@link IntegrityOptions}: absent means no integrity analysis, the defaults, each knob, the
 * shorthand, and every mistake named with its field, line and column.
 */
class IntegrityParsingTest {

    private static MonitorDefinition parse(String yaml) {
        return MonitorDefinition.parse(yaml, "m.yml");
    }

    private static InvalidMonitorException invalid(String yaml) {
        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.parse(yaml, "m.yml"));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        return e;
    }

    @Test
    void aMonitorWithoutAnIntegritySectionRunsNoIntegrityAnalysis() {
        assertThat(parse("name: m\ndrift: {share: 0.3}\n").integrityOptions()).isEmpty();
        assertThat(MonitorDefinition.empty().integrityOptions()).isEmpty();
    }

    @Test
    void theDesignExampleRunsEvidentlysTestsWithTheDefaultKnobs() {
        assertThat(parse("integrity: {tests: evidently}\n").integrityOptions()).contains(IntegrityOptions.defaults());
    }

    @Test
    void anEmptyMappingIsEvidentlysTests() {
        assertThat(parse("integrity: {}\n").integrityOptions()).contains(IntegrityOptions.defaults());
    }

    @Test
    void theTestsAloneMayBeWrittenAsTheSectionsValue() {
        assertThat(parse("integrity: reference\n").integrityOptions())
                .contains(IntegrityOptions.defaults().withTests(Tests.REFERENCE));
        assertThat(parse("integrity: none\n").integrityOptions())
                .contains(IntegrityOptions.defaults().withTests(Tests.NONE));
    }

    @Test
    void everyKnobOfTheReferenceConditionsReachesTheOptions() {
        IntegrityOptions o = parse("""
                integrity:
                  tests: reference
                  range_margin: 0.1
                  missing_tolerance: 0.02
                  duplicated_tolerance: 0
                  confidence: 0.95
                """).integrityOptions().orElseThrow();

        assertThat(o).isEqualTo(new IntegrityOptions(Tests.REFERENCE, 0.1, 0.02, 0.0, 0.95));
    }

    @Test
    void jsonAndYamlGiveTheSameOptions() {
        IntegrityOptions fromJson = MonitorDefinition.parse(
                "{\"integrity\": {\"tests\": \"reference\", \"range_margin\": 0.5, \"confidence\": 0.9}}", "m.json")
                .integrityOptions().orElseThrow();
        IntegrityOptions fromYaml = parse("integrity:\n  tests: reference\n  range_margin: 0.5\n  confidence: 0.9\n")
                .integrityOptions().orElseThrow();

        assertThat(fromJson).isEqualTo(fromYaml).isEqualTo(new IntegrityOptions(Tests.REFERENCE, 0.5, 0.05, 0.05, 0.9));
    }

    @Test
    void unknownTestsNameTheLineTheFieldAndTheValidOnes() {
        InvalidMonitorException e = invalid("name: m\nintegrity:\n  tests: strict\n");

        assertThat(e.getMessage()).startsWith("monitor m.yml is invalid: line 3, column 3: integrity.tests: unknown"
                + " tests 'strict'; valid: evidently, reference, none");
        assertThat(e.field()).isEqualTo("integrity.tests");
    }

    @Test
    void unknownTestsInTheShorthandAreNamedToo() {
        InvalidMonitorException e = invalid("name: m\nintegrity: Evidently\n");

        assertThat(e.getMessage()).startsWith("monitor m.yml is invalid: line 2, column 1: integrity: unknown tests"
                + " 'Evidently'; valid: evidently, reference, none");
    }

    @Test
    void unknownKeyListsTheValidKeys() {
        InvalidMonitorException e = invalid("integrity:\n  tests: reference\n  margin: 0.1\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 3, column 3: integrity.margin: unknown key"
                + " 'margin'; valid keys here: tests, range_margin, missing_tolerance, duplicated_tolerance, confidence");
    }

    @Test
    void anEmptySectionSaysWhatToWrite() {
        InvalidMonitorException e = invalid("name: m\nintegrity:\n");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 2, column 1: integrity: is empty: write"
                + " integrity: {tests: evidently} (or reference, none) to check data quality, or leave the key out");
    }

    @Test
    void aListIsNotASection() {
        assertThat(invalid("integrity: [evidently]\n").getMessage()).isEqualTo("monitor m.yml is invalid: line 1,"
                + " column 1: integrity: expected a mapping such as {tests: evidently}, or one of evidently, reference,"
                + " none, found a list");
    }

    @Test
    void tolerancesAreSharesWithAHintForPercentages() {
        assertThat(invalid("integrity:\n  tests: reference\n  missing_tolerance: 5\n").getMessage())
                .isEqualTo("monitor m.yml is invalid: line 3, column 3: integrity.missing_tolerance: must be between 0"
                        + " and 1 (a share of rows, e.g. 0.05 for five percentage points), got 5.0; for 5.0 % write 0.05");
        assertThat(invalid("integrity:\n  tests: reference\n  duplicated_tolerance: 1.5\n").getMessage())
                .contains("line 3, column 3: integrity.duplicated_tolerance: must be between 0 and 1");
        assertThat(invalid("integrity:\n  tests: reference\n  duplicated_tolerance: -0.1\n").getMessage())
                .contains("integrity.duplicated_tolerance: must be a finite number of at least 0, got -0.1");
    }

    @Test
    void rangeMarginMustBeANonNegativeNumber() {
        assertThat(invalid("integrity:\n  tests: reference\n  range_margin: -1\n").getMessage())
                .isEqualTo("monitor m.yml is invalid: line 3, column 3: integrity.range_margin: must be a finite number"
                        + " of at least 0, got -1");
        assertThat(invalid("integrity:\n  tests: reference\n  range_margin: wide\n").getMessage())
                .contains("integrity.range_margin: expected a number, found 'wide'");
    }

    @Test
    void confidenceExcludesZeroAndOne() {
        assertThat(invalid("integrity:\n  tests: reference\n  confidence: 1\n").getMessage())
                .isEqualTo("monitor m.yml is invalid: line 3, column 3: integrity.confidence: must be between 0 and 1,"
                        + " both excluded (e.g. 0.99), got 1.0");
        assertThat(invalid("integrity:\n  tests: reference\n  confidence: 0\n").getMessage())
                .contains("integrity.confidence: must be between 0 and 1, both excluded (e.g. 0.99), got 0.0");
        assertThat(invalid("integrity:\n  tests: reference\n  confidence: 95\n").getMessage())
                .contains("got 95.0; for 95.0 % write 0.95");
    }

    @Test
    void referenceKnobsWithOtherTestsAreNamedAsUnused() {
        InvalidMonitorException e = invalid("""
                integrity:
                  tests: evidently
                  range_margin: 0.1
                  confidence: 0.9
                """);

        assertThat(e.problems()).extracting(InvalidMonitorException.Problem::describe).containsExactly(
                "line 3, column 3: integrity.range_margin: applies to tests: reference only (the conditions derived"
                        + " from the reference); these tests are evidently",
                "line 4, column 3: integrity.confidence: applies to tests: reference only (the conditions derived"
                        + " from the reference); these tests are evidently");
        assertThat(invalid("integrity: {missing_tolerance: 0.1}\n").getMessage())
                .contains("integrity.missing_tolerance: applies to tests: reference only");
    }

    @Test
    void everyMistakeOfTheSectionIsReportedAtOnce() {
        InvalidMonitorException e = invalid("""
                integrity:
                  tests: reference
                  range_margin: -2
                  missing_tolerance: 3
                  confidence: 2
                """);

        assertThat(e.problems()).extracting(InvalidMonitorException.Problem::field)
                .containsExactly("integrity.range_margin", "integrity.missing_tolerance", "integrity.confidence");
    }
}
