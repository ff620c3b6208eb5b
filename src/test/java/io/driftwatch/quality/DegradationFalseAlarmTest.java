package io.driftwatch.quality;

import io.driftwatch.analysis.ModelSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The degradation tests' false-alarm rate: 600 pairs of a reference and a current batch drawn from
 * the same seeded model (no change at all), sizes 500 to 5,000 rows each, drawn independently; a
 * binary classifier with probabilities, a 4-class one with unequal classes, a biased regression with
 * normal errors and an unbiased one with Laplace errors. At tolerance 0 and confidence 0.95 each
 * metric may fail in at most 5 % of the pairs plus a margin of three binomial standard errors of a
 * 5 % rate over 600 pairs ({@code 3·√(0.05·0.95/600)} = 0.027, a ceiling of 0.077): a method whose
 * true rate is 5 % passes all but once in a thousand runs, one at 10 % fails. At the default
 * tolerances (5 % of the reference's value) at most 1 % of the pairs may fail, any of the default
 * metrics included.
 */
class DegradationFalseAlarmTest {
    private static final int PAIRS = 600;
    private static final double CONFIDENCE = 0.95;
    private static final double MARGIN = 3 * Math.sqrt(0.05 * 0.95 / PAIRS);
    /** At the default tolerances: at most one pair in a hundred, for every metric. */
    private static final double DEFAULT_TOLERANCE_CEILING = 0.01;

    /**
     * The pairs' failure counts per metric, at tolerance 0 and at the defaults, and the pairs where
     * any default-tolerance test failed (what a check watching the defaults would report).
     */
    private record Rates(Map<QualityMetric, Integer> atZero, Map<QualityMetric, Integer> atDefaults,
            int anyFailures, int pairs) {
        double zero(QualityMetric m) {
            return atZero.getOrDefault(m, 0) / (double) pairs;
        }

        double defaults(QualityMetric m) {
            return atDefaults.getOrDefault(m, 0) / (double) pairs;
        }

        double anyAtDefaults() {
            return anyFailures / (double) pairs;
        }
    }

    private static Rates simulate(ModelSpec spec, List<QualityMetric> metrics, long seed,
            BiFunction<SplittableRandom, Integer, Table> model) {
        Map<QualityMetric, QualityOptions.Tolerance> zero = new LinkedHashMap<>();
        for (QualityMetric m : metrics) {
            zero.put(m, QualityOptions.Tolerance.absolute(0));
        }
        QualityOptions atZero = new QualityOptions(QualityOptions.Tests.DEGRADATION, zero, CONFIDENCE);
        QualityOptions atDefaults = new QualityOptions(QualityOptions.Tests.DEGRADATION,
                Degradation.defaultTolerances(spec), CONFIDENCE);
        QualityEvaluator evaluator = QualityEvaluator.of(spec);
        SplittableRandom random = new SplittableRandom(seed);
        Map<QualityMetric, Integer> failedAtZero = new LinkedHashMap<>();
        Map<QualityMetric, Integer> failedAtDefaults = new LinkedHashMap<>();
        int anyAtDefaults = 0;
        for (int pair = 0; pair < PAIRS; pair++) {
            Table referenceRows = model.apply(random, 500 + random.nextInt(4_501));
            Table currentRows = model.apply(random, 500 + random.nextInt(4_501));
            QualityEvaluator.Sampled reference = evaluator.sampleReference(referenceRows);
            QualityEvaluator.Sampled current = evaluator.evaluateSampled(currentRows, reference.side()).current();
            count(Degradation.tests(spec, reference, current, atZero), failedAtZero);
            if (count(Degradation.tests(spec, reference, current, atDefaults), failedAtDefaults)) {
                anyAtDefaults++;
            }
        }
        return new Rates(failedAtZero, failedAtDefaults, anyAtDefaults, PAIRS);
    }

    /** Counts each failed test; whether any failed. */
    private static boolean count(List<DegradationTest> tests, Map<QualityMetric, Integer> failures) {
        boolean any = false;
        for (DegradationTest t : tests) {
            assertThat(t.error()).as(t.metric().key()).isNull();
            if (t.failed()) {
                failures.merge(t.metric(), 1, Integer::sum);
                any = true;
            }
        }
        return any;
    }

    private static void assertRates(Rates rates, List<QualityMetric> metrics, ModelSpec spec) {
        for (QualityMetric m : metrics) {
            assertThat(rates.zero(m)).as("false alarms of %s at tolerance 0", m.key()).isLessThanOrEqualTo(0.05 + MARGIN);
        }
        for (QualityMetric m : Degradation.defaultTolerances(spec).keySet()) {
            assertThat(rates.defaults(m)).as("false alarms of %s at the default tolerance", m.key())
                    .isLessThanOrEqualTo(DEFAULT_TOLERANCE_CEILING);
        }
        assertThat(rates.anyAtDefaults()).as("pairs where any default test failed")
                .isLessThanOrEqualTo(DEFAULT_TOLERANCE_CEILING);
    }

    // ----- the models -----

    /** A binary classifier: score z ~ N(0, 1), P(1) = sigmoid(2z) rounded to 4 decimals, the label drawn from it. */
    private static Table binary(SplittableRandom random, int rows) {
        NumericColumnBuilder target = new NumericColumnBuilder("y", PhysicalType.INTEGER, rows);
        NumericColumnBuilder proba = new NumericColumnBuilder("p", PhysicalType.FLOAT, rows);
        for (int i = 0; i < rows; i++) {
            double p = 1 / (1 + Math.exp(-2 * gaussian(random)));
            target.append(random.nextDouble() < p ? 1 : 0);
            proba.append(Math.rint(p * 1e4) / 1e4);
        }
        return Table.of(List.of(target.build(), proba.build()));
    }

    private static final String[] CLASSES = {"a", "b", "c", "d"};
    private static final double[] SHARES = {0.4, 0.3, 0.2, 0.1};

    /**
     * A 4-class classifier with unequal classes (40, 30, 20, 10 %): logits 1.5 for the true class plus
     * N(0, 1) noise each, the softmax rounded to 4 decimals as the probability columns.
     */
    private static Table multiclass(SplittableRandom random, int rows) {
        String[] target = new String[rows];
        NumericColumnBuilder[] columns = new NumericColumnBuilder[CLASSES.length];
        for (int j = 0; j < CLASSES.length; j++) {
            columns[j] = new NumericColumnBuilder("p_" + CLASSES[j], PhysicalType.FLOAT, rows);
        }
        double[] logits = new double[CLASSES.length];
        for (int i = 0; i < rows; i++) {
            double u = random.nextDouble();
            int truth = 0;
            for (double cumulative = SHARES[0]; u >= cumulative && truth < CLASSES.length - 1; ) {
                truth++;
                cumulative += SHARES[truth];
            }
            target[i] = CLASSES[truth];
            double sum = 0;
            for (int j = 0; j < CLASSES.length; j++) {
                logits[j] = Math.exp((j == truth ? 1.5 : 0) + gaussian(random));
                sum += logits[j];
            }
            for (int j = 0; j < CLASSES.length; j++) {
                columns[j].append(Math.rint(logits[j] / sum * 1e4) / 1e4);
            }
        }
        List<Column> all = new java.util.ArrayList<>();
        all.add(CategoricalColumn.of("y", target));
        for (NumericColumnBuilder b : columns) {
            all.add(b.build());
        }
        return Table.of(all);
    }

    private static ModelSpec multiclassSpec() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String c : CLASSES) {
            columns.put(c, "p_" + c);
        }
        return ModelSpec.multiclass("y", null, columns);
    }

    /** A regression: x ~ N(20, 5), y = x + N(0, 2), predicted x + 0.5 (a bias). */
    private static Table biasedRegression(SplittableRandom random, int rows) {
        NumericColumnBuilder y = new NumericColumnBuilder("y", PhysicalType.FLOAT, rows);
        NumericColumnBuilder p = new NumericColumnBuilder("p", PhysicalType.FLOAT, rows);
        for (int i = 0; i < rows; i++) {
            double x = 20 + 5 * gaussian(random);
            y.append(x + 2 * gaussian(random));
            p.append(x + 0.5);
        }
        return Table.of(List.of(y.build(), p.build()));
    }

    /** A regression with heavier tails: x ~ N(20, 5), y = x + Laplace(0, 1.5), predicted x (unbiased). */
    private static Table laplaceRegression(SplittableRandom random, int rows) {
        NumericColumnBuilder y = new NumericColumnBuilder("y", PhysicalType.FLOAT, rows);
        NumericColumnBuilder p = new NumericColumnBuilder("p", PhysicalType.FLOAT, rows);
        for (int i = 0; i < rows; i++) {
            double x = 20 + 5 * gaussian(random);
            double u = random.nextDouble() - 0.5;
            double noise = -1.5 * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
            y.append(x + noise);
            p.append(x);
        }
        return Table.of(List.of(y.build(), p.build()));
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static final List<QualityMetric> REGRESSION_METRICS = List.of(RegressionMetric.MEAN_ERROR,
            RegressionMetric.MAPE, RegressionMetric.RMSE, RegressionMetric.MAE, RegressionMetric.R2_SCORE,
            RegressionMetric.MAPE_ABS);

    // ----- the tests -----

    @Test
    void aBinaryClassifierWithoutChangeFailsEachMetricAtMostAtTheStatedRate() {
        ModelSpec spec = ModelSpec.binary("y", null, "p");
        List<QualityMetric> metrics = List.of(ClassificationMetric.values());
        Rates rates = simulate(spec, metrics, 1, DegradationFalseAlarmTest::binary);
        assertRates(rates, metrics, spec);
    }

    @Test
    void aMulticlassClassifierWithoutChangeFailsEachMetricAtMostAtTheStatedRate() {
        ModelSpec spec = multiclassSpec();
        List<QualityMetric> metrics = List.of(ClassificationMetric.ACCURACY, ClassificationMetric.PRECISION,
                ClassificationMetric.RECALL, ClassificationMetric.F1_SCORE, ClassificationMetric.ROC_AUC,
                ClassificationMetric.LOG_LOSS);
        Rates rates = simulate(spec, metrics, 2, DegradationFalseAlarmTest::multiclass);
        assertRates(rates, metrics, spec);
    }

    @Test
    void aBiasedRegressionWithoutChangeFailsEachMetricAtMostAtTheStatedRate() {
        ModelSpec spec = ModelSpec.regression("y", "p");
        Rates rates = simulate(spec, REGRESSION_METRICS, 3, DegradationFalseAlarmTest::biasedRegression);
        assertRates(rates, REGRESSION_METRICS, spec);
    }

    @Test
    void aHeavyTailedUnbiasedRegressionWithoutChangeFailsEachMetricAtMostAtTheStatedRate() {
        ModelSpec spec = ModelSpec.regression("y", "p");
        Rates rates = simulate(spec, REGRESSION_METRICS, 4, DegradationFalseAlarmTest::laplaceRegression);
        assertRates(rates, REGRESSION_METRICS, spec);
    }
}
