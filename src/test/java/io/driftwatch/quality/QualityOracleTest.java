package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.quality.QualityOracle.Case;
import io.driftwatch.quality.QualityOracle.Expected;
import io.driftwatch.quality.QualityOracle.ExpectedMetric;
import io.driftwatch.quality.QualityOracle.ExpectedTest;
import io.driftwatch.quality.QualityOracle.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every visible case of the quality oracle (Evidently 0.7.21's {@code ClassificationPreset} and
 * {@code RegressionPreset} with their default tests) through {@link QualityEvaluator}: the metrics of
 * both sides, the by-label metrics (compared as maps: Evidently lists them in Python's set order),
 * the dummy baselines, every default test (operator, bound, tested value, status), within the
 * oracle's tolerances; and where Evidently raised, the same error, without an exception.
 */
class QualityOracleTest {

    static Stream<Case> cases() {
        return QualityOracle.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesEvidently(Case c) {
        QualityEvaluator evaluator = QualityEvaluator.of(c.spec());
        QualityResult result = c.hasReference() ? evaluator.evaluate(c.current(), c.reference())
                : evaluator.evaluate(c.current());
        Expected expected = c.expected();
        if (expected.error() != null) {
            assertThat(result.evidentlyError()).as("Evidently's error").isNotNull();
            assertThat(result.evidentlyError().strip()).isEqualTo(expected.error().strip());
            return;
        }
        assertThat(result.evidentlyError()).as("Evidently raised nothing").isNull();
        assertThat(result.current().error()).isNull();
        List<String> mismatches = new ArrayList<>();
        for (ExpectedMetric m : expected.metrics()) {
            compare(c, m, m.current(), result.current(), "current", mismatches);
            if (c.hasReference()) {
                compare(c, m, m.reference(), result.reference(), "reference", mismatches);
            }
        }
        for (ExpectedMetric b : expected.baselines()) {
            Baseline actual = baseline(result, b.key());
            if (actual == null) {
                mismatches.add("baseline " + b.key() + " missing");
            } else if (!QualityOracle.close(b.current().value(), actual.value(),
                    QualityOracle.relativeTolerance(c.kind(), b.evidentlyName()))) {
                mismatches.add("baseline " + b.key() + ": expected " + b.current().value() + ", got " + actual.value());
            }
        }
        assertThat(result.tests()).as("number of default tests").hasSize(expected.tests().size());
        for (ExpectedTest t : expected.tests()) {
            MetricTest actual = test(result.tests(), t.key(), t.slot());
            if (actual == null) {
                mismatches.add("test " + t.key() + "/" + t.slot() + " missing");
                continue;
            }
            double tol = QualityOracle.relativeTolerance(c.kind(), t.evidentlyName());
            if (!actual.condition().op().label().equals(t.op())
                    || actual.condition().isReference() != t.referenceBound()
                    || !QualityOracle.close(t.bound(), actual.condition().value(), tol)
                    || !QualityOracle.close(t.testedValue(), actual.value(), tol)) {
                mismatches.add("test " + t.key() + ": expected " + t.op() + " " + t.bound() + " on " + t.testedValue()
                        + ", got " + actual.condition().describe() + " on " + actual.value());
            }
            if (!actual.status().name().equals(t.status()) && !t.onTheEdge()) {
                mismatches.add("test " + t.key() + ": expected " + t.status() + ", got " + actual.status());
            }
        }
        assertThat(mismatches).as(c.id()).isEmpty();
    }

    private static void compare(Case c, ExpectedMetric m, Value expected, QualitySide side, String which,
            List<String> mismatches) {
        double tol = QualityOracle.relativeTolerance(c.kind(), m.evidentlyName());
        if (m.byLabel()) {
            ClassificationSide cs = (ClassificationSide) side;
            Map<ClassLabel, Double> actual = new LinkedHashMap<>();
            for (LabelMetrics l : cs.byLabel()) {
                actual.put(l.label(), switch (m.key()) {
                    case "precision" -> l.precision();
                    case "recall" -> l.recall();
                    case "f1_score" -> l.f1Score();
                    case "roc_auc" -> l.rocAuc();
                    default -> throw new IllegalStateException(m.key());
                });
            }
            if (!actual.keySet().equals(expected.byLabel().keySet())) {
                mismatches.add(which + " " + m.evidentlyName() + " labels: expected " + expected.byLabel().keySet()
                        + ", got " + actual.keySet());
                return;
            }
            for (Map.Entry<ClassLabel, Double> e : expected.byLabel().entrySet()) {
                if (!QualityOracle.close(e.getValue(), actual.get(e.getKey()), tol)) {
                    mismatches.add(which + " " + m.evidentlyName() + "[" + e.getKey() + "]: expected " + e.getValue()
                            + ", got " + actual.get(e.getKey()));
                }
            }
            return;
        }
        MetricValue actual = null;
        for (Map.Entry<QualityMetric, MetricValue> e : side.metrics().entrySet()) {
            if (e.getKey().key().equals(m.key()) && m.evidentlyName().equals(e.getKey().evidentlyName())) {
                actual = e.getValue();
            }
        }
        if (actual == null || !actual.ok()) {
            mismatches.add(which + " " + m.evidentlyName() + " missing: " + (actual == null ? "" : actual.error()));
            return;
        }
        if (!QualityOracle.close(expected.value(), actual.value(), tol)) {
            mismatches.add(which + " " + m.evidentlyName() + ": expected " + expected.value() + ", got " + actual.value());
        }
        if (!Double.isNaN(expected.std()) || !Double.isNaN(actual.std())) {
            if (!QualityOracle.close(expected.std(), actual.std(), tol)) {
                mismatches.add(which + " " + m.evidentlyName() + " std: expected " + expected.std() + ", got "
                        + actual.std());
            }
        }
    }

    private static Baseline baseline(QualityResult result, String key) {
        for (Baseline b : result.baselines()) {
            if (b.key().equals(key)) {
                return b;
            }
        }
        return null;
    }

    private static MetricTest test(List<MetricTest> tests, String key, String slot) {
        for (MetricTest t : tests) {
            if (t.metric().equals(key) && t.slot().equals(slot)) {
                return t;
            }
        }
        return null;
    }
}
