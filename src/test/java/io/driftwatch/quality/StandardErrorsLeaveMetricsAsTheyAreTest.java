package io.driftwatch.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.quality.QualityOracle.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Computing the standard errors for the degradation tests reads the rows the metrics were scored
 * from and changes nothing: on every quality oracle case, each side measured with them equals the
 * side measured without, and so does the evaluation of the current batch.
 */
class StandardErrorsLeaveMetricsAsTheyAreTest {

    static Stream<Case> cases() {
        return QualityOracle.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void measuringWithStandardErrorsGivesTheSameSides(Case c) {
        QualityEvaluator evaluator = QualityEvaluator.of(c.spec());
        QualityEvaluator.Sampled current = evaluator.sampleReference(c.current());
        assertThat(current.side()).isEqualTo(evaluator.measureReference(c.current()));
        if (current.side().error() == null) {
            assertThat(current.errors().values()).as("standard errors of a scored side").isNotEmpty();
        }
        if (c.hasReference()) {
            QualitySide reference = evaluator.measureReference(c.reference());
            assertThat(evaluator.sampleReference(c.reference()).side()).isEqualTo(reference);
            assertThat(evaluator.evaluateSampled(c.current(), reference).result())
                    .isEqualTo(evaluator.evaluate(c.current(), reference));
        }
    }
}
