package io.driftwatch.report;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.quality.ClassificationMetric;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.quality.QualityEvaluator;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.quality.QualityResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Model-quality sections computed by the real {@link QualityEvaluator} on synthetic batches (a churn
 * classifier, a three-class classifier, a price regression), and check reports carrying them.
 */
final class QualityFixtures {
    private QualityFixtures() {
    }

    static final ModelSpec BINARY = ModelSpec.binary("churned", null, "churn_proba");
    static final ModelSpec BINARY_LABELS = ModelSpec.binary("churned", "churn_label", null);
    static final ModelSpec REGRESSION = ModelSpec.regression("price", "predicted_price");

    /**
     * A binary classifier's batch: a score {@code z ~ N(0, 1)} gives {@code P(1) = sigmoid(sharpness·z)},
     * the label is drawn from {@code sigmoid(2z)}, so a sharpness of 2 is a calibrated model and less is a
     * model that ranks worse; the predicted label is the probability from 0.5 on.
     */
    static Table binary(int rows, double sharpness, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NumericColumnBuilder target = new NumericColumnBuilder("churned", PhysicalType.INTEGER, rows);
        NumericColumnBuilder proba = new NumericColumnBuilder("churn_proba", PhysicalType.FLOAT, rows);
        NumericColumnBuilder label = new NumericColumnBuilder("churn_label", PhysicalType.INTEGER, rows);
        for (int i = 0; i < rows; i++) {
            double z = gaussian(random);
            double truth = 1 / (1 + Math.exp(-2 * z));
            double noisy = z + (2 - sharpness) * gaussian(random);
            double p = Math.round(1000 / (1 + Math.exp(-2 * noisy))) / 1000.0;
            target.append(random.nextDouble() < truth ? 1 : 0);
            proba.append(p);
            label.append(p >= 0.5 ? 1 : 0);
        }
        return Table.of(List.of(target.build(), proba.build(), label.build()));
    }

    /** Three classes with one probability column each (a softmax of noisy scores); labels may be any text. */
    static Table multiclass(int rows, double noise, long seed, String... classes) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = classes.length;
        String[] target = new String[rows];
        NumericColumnBuilder[] columns = new NumericColumnBuilder[k];
        for (int c = 0; c < k; c++) {
            columns[c] = new NumericColumnBuilder("p_" + c, PhysicalType.FLOAT, rows);
        }
        double[] e = new double[k];
        for (int i = 0; i < rows; i++) {
            int truth = random.nextInt(k);
            target[i] = classes[truth];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                e[c] = Math.exp((c == truth ? 1.5 : 0) + noise * gaussian(random));
                sum += e[c];
            }
            for (int c = 0; c < k; c++) {
                columns[c].append(Math.round(1000 * e[c] / sum) / 1000.0);
            }
        }
        Column[] all = new Column[k + 1];
        all[0] = CategoricalColumn.of("species", target);
        for (int c = 0; c < k; c++) {
            all[c + 1] = columns[c].build();
        }
        return Table.of(List.of(all));
    }

    static ModelSpec multiclassSpec(String... classes) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int c = 0; c < classes.length; c++) {
            columns.put(classes[c], "p_" + c);
        }
        return ModelSpec.multiclass("species", null, columns);
    }

    /** A price regression: predictions off by a noise of {@code noise} and a bias of {@code bias}. */
    static Table regression(int rows, double noise, double bias, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NumericColumnBuilder price = new NumericColumnBuilder("price", PhysicalType.FLOAT, rows);
        NumericColumnBuilder predicted = new NumericColumnBuilder("predicted_price", PhysicalType.FLOAT, rows);
        for (int i = 0; i < rows; i++) {
            double y = 200 + 60 * gaussian(random);
            price.append(y);
            predicted.append(y + bias + noise * gaussian(random));
        }
        return Table.of(List.of(price.build(), predicted.build()));
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    static QualityResult binaryWithProbabilities() {
        return QualityEvaluator.of(BINARY).evaluate(binary(2_000, 1.2, 2), binary(3_000, 2, 1));
    }

    static QualityResult binaryLabelsOnly() {
        return QualityEvaluator.of(BINARY_LABELS).evaluate(binary(2_000, 1.2, 2), binary(3_000, 2, 1));
    }

    static QualityResult multiclassWithProbabilities(String... classes) {
        return QualityEvaluator.of(multiclassSpec(classes)).evaluate(multiclass(1_500, 1.4, 2, classes),
                multiclass(1_500, 0.8, 1, classes));
    }

    static QualityResult regressionWithReference() {
        return QualityEvaluator.of(REGRESSION).evaluate(regression(2_000, 25, 8, 2), regression(3_000, 15, 0, 1));
    }

    /** The binary section with degradation tests in place of Evidently's: accuracy failed, ROC AUC passed. */
    static QualityResult withDegradation(QualityResult r) {
        QualityOptions.Tolerance tolerance = QualityOptions.Tolerance.relative(0.05);
        List<DegradationTest> tests = List.of(
                new DegradationTest(ClassificationMetric.ACCURACY, 0.84, 0.74, tolerance, 0.042, 0.95, 0.10, 0.072,
                        MetricTest.Status.FAIL, null),
                new DegradationTest(ClassificationMetric.ROC_AUC, 0.91, 0.92, tolerance, 0.0455, 0.95, -0.01, -0.025,
                        MetricTest.Status.SUCCESS, null),
                new DegradationTest(ClassificationMetric.LOG_LOSS, 0.4, Double.NaN, QualityOptions.Tolerance.absolute(0.1),
                        0.1, 0.95, Double.NaN, Double.NaN, MetricTest.Status.ERROR, "log loss <undefined> here"));
        return new QualityResult(r.task(), QualityOptions.Tests.DEGRADATION, r.current(), r.reference(), List.of(),
                List.of(), List.of(), tests, r.evidentlyError(), r.errors(), r.charts());
    }

    /** A report carrying {@code section} alone, with a reference when the section has one. */
    static CheckReport report(QualityResult section) {
        boolean withReference = section.reference() != null;
        Table table = Table.of(List.of(CategoricalColumn.of("segment", new String[] {"a", "b"})));
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("segment", ColumnType.CATEGORICAL);
        return new CheckReport("churn-model", Sections.of(section),
                withReference ? io.driftwatch.profile.ReferenceProfile.of(table) : null, table, types,
                ColumnRoles.none(), withReference ? new BatchInfo("reference.csv", "csv", 3_000, "a".repeat(64)) : null,
                new BatchInfo("current.csv", "csv", 2_000, "b".repeat(64)), new Timings(12, 3, 15),
                HtmlReportFixtures.CREATED, "0.1.0-test");
    }

    /** The quality section's part of a rendered page. */
    static String section(String html) {
        int start = html.indexOf("<section class=\"mq\"");
        int end = html.indexOf("<footer>");
        return html.substring(start, end);
    }
}
