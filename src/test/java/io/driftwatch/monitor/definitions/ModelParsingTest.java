package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.quality.ClassificationMetric;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.quality.QualityOptions.Tests;
import io.driftwatch.quality.QualityOptions.Tolerance;
import io.driftwatch.quality.RegressionMetric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The {@code model:} and {@code quality:} sections of a monitor definition as {@link MonitorParser}
 * reads them into a {@link ModelSpec}, the model's id column and {@link QualityOptions}: every key, the
 * defaults, the shorthands, and every mistake named with its field, line and column.
 */
class ModelParsingTest {

    private static MonitorDefinition parse(String yaml) {
        return MonitorDefinition.parse(yaml, "m.yml");
    }

    private static InvalidMonitorException invalid(String yaml) {
        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.parse(yaml, "m.yml"));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        return e;
    }

    /** The only problem of {@code yaml}, as {@code line L, column C: field: message}. */
    private static String problem(String yaml) {
        InvalidMonitorException e = invalid(yaml);
        assertThat(e.problems()).as("problems of %s", yaml).hasSize(1);
        return e.problems().get(0).describe();
    }

    // ---------------------------------------------------------------------------------------------
    // model:

    @Test
    void aMonitorWithoutAModelMeasuresNoQuality() {
        MonitorDefinition m = parse("name: m\ncolumns: {target: y}\n");

        assertThat(m.model()).isEmpty();
        assertThat(m.modelId()).isEmpty();
        assertThat(m.qualityOptions()).isEqualTo(QualityOptions.defaults());
        assertThat(MonitorDefinition.empty().model()).isEmpty();
    }

    @Test
    void everyKeyOfABinaryModelReachesTheSpec() {
        MonitorDefinition m = parse("""
                model:
                  task: binary_classification
                  target: churned
                  prediction: churn_label
                  probabilities: churn_proba
                  pos_label: 1
                  probas_threshold: 0.3
                  id: request_id
                """);

        assertThat(m.model()).contains(new ModelSpec(ModelTask.BINARY_CLASSIFICATION, "churned", "churn_label",
                "churn_proba", Map.of(), ClassLabel.ofInteger(1), OptionalDouble.of(0.3)));
        assertThat(m.modelId()).contains("request_id");
        assertThat(m.target()).as("the model's target is the monitor's").contains("churned");
        assertThat(m.prediction()).contains("churn_label");
        assertThat(m.ignored()).as("a row id is not a feature").contains("request_id");
        assertThat(m.qualityOptions()).as("Evidently's tests by default").isEqualTo(QualityOptions.defaults());
    }

    @Test
    void multiclassProbabilitiesMapEachClassToItsColumnInOrder() {
        MonitorDefinition m = parse("""
                model:
                  task: multiclass_classification
                  target: species
                  probabilities: {setosa: p_setosa, versicolor: p_versicolor, virginica: p_virginica}
                """);

        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("setosa", "p_setosa");
        columns.put("versicolor", "p_versicolor");
        columns.put("virginica", "p_virginica");
        ModelSpec spec = m.model().orElseThrow();
        assertThat(spec).isEqualTo(ModelSpec.multiclass("species", null, columns));
        assertThat(spec.classProbabilities().keySet()).containsExactly("setosa", "versicolor", "virginica");
    }

    @Test
    void theTaskFollowsFromTheProbabilitiesWhenLeftOut() {
        assertThat(parse("model: {target: y, probabilities: p}\n").model().orElseThrow().task())
                .isEqualTo(ModelTask.BINARY_CLASSIFICATION);
        assertThat(parse("model: {target: y, probabilities: {a: pa, b: pb, c: pc}}\n").model().orElseThrow().task())
                .isEqualTo(ModelTask.MULTICLASS_CLASSIFICATION);
    }

    @Test
    void aRegressionHasATargetAndAPrediction() {
        assertThat(parse("model: {task: regression, target: cnt, prediction: predicted_cnt}\n").model())
                .contains(ModelSpec.regression("cnt", "predicted_cnt"));
    }

    @Test
    void theTargetAndPredictionMayBeNamedUnderColumnsInstead() {
        MonitorDefinition m = parse("""
                columns: {target: cnt, prediction: predicted_cnt}
                model: {task: regression}
                """);
        assertThat(m.model()).contains(ModelSpec.regression("cnt", "predicted_cnt"));

        MonitorDefinition both = parse("""
                columns: {target: cnt}
                model: {task: regression, target: cnt, prediction: predicted_cnt}
                """);
        assertThat(both.model()).contains(ModelSpec.regression("cnt", "predicted_cnt"));
        assertThat(both.prediction()).as("the model's prediction is the monitor's").contains("predicted_cnt");
    }

    @Test
    void thePositiveLabelKeepsItsType() {
        String model = "model: {task: binary_classification, target: y, prediction: p, pos_label: %s}\n";

        assertThat(parse(model.formatted("1")).model().orElseThrow().posLabel()).isEqualTo(ClassLabel.ofInteger(1));
        assertThat(parse(model.formatted("1.5")).model().orElseThrow().posLabel()).isEqualTo(ClassLabel.ofFloat(1.5));
        assertThat(parse(model.formatted("true")).model().orElseThrow().posLabel())
                .isEqualTo(ClassLabel.ofBoolean(true));
        assertThat(parse(model.formatted("'>50K'")).model().orElseThrow().posLabel())
                .isEqualTo(ClassLabel.ofText(">50K"));
        assertThat(parse(model.formatted("\"1\"")).model().orElseThrow().posLabel())
                .as("a quoted number is a name").isEqualTo(ClassLabel.ofText("1"));
        assertThat(parse(BINARY).model().orElseThrow().effectivePosLabel()).as("Evidently's default")
                .isEqualTo(ClassLabel.ofInteger(1));
    }

    @Test
    void aYesOrNoPositiveLabelThatYamlReadsAsABooleanMustBeQuotedOrWrittenTrue() {
        assertThat(problem("model:\n  task: binary_classification\n  target: y\n  prediction: p\n  pos_label: yes\n"))
                .isEqualTo("line 5, column 3: model.pos_label: yes reads as true in YAML (as yes, no, on and off do):"
                        + " write pos_label: \"yes\" for the class 'yes', or true for a true/false class");
        assertThat(problem("model: {task: binary_classification, target: y, prediction: p, pos_label: No}\n"))
                .contains("model.pos_label: No reads as false in YAML");
        assertThat(parse("model: {task: binary_classification, target: y, prediction: p, pos_label: True}\n").model()
                .orElseThrow().posLabel()).isEqualTo(ClassLabel.ofBoolean(true));
    }

    @Test
    void jsonAndYamlGiveTheSameModelAndTests() {
        MonitorDefinition json = MonitorDefinition.parse("""
                {"model": {"task": "binary_classification", "target": "y", "probabilities": "p", "pos_label": "yes",
                           "probas_threshold": 0.7, "id": "rid"},
                 "quality": {"tests": "degradation", "degradation": {"f1_score": 0.05}, "confidence": 0.9}}
                """, "m.json");
        MonitorDefinition yaml = parse("""
                model:
                  task: binary_classification
                  target: y
                  probabilities: p
                  pos_label: "yes"
                  probas_threshold: 0.7
                  id: rid
                quality:
                  tests: degradation
                  degradation: {f1_score: 0.05}
                  confidence: 0.9
                """);

        assertThat(json.model()).isEqualTo(yaml.model()).isPresent();
        assertThat(json.modelId()).isEqualTo(yaml.modelId()).contains("rid");
        assertThat(json.qualityOptions()).isEqualTo(yaml.qualityOptions()).isEqualTo(new QualityOptions(
                Tests.DEGRADATION, Map.of(ClassificationMetric.F1_SCORE, Tolerance.relative(0.05)), 0.9));
    }

    @Test
    void anUnknownTaskNamesTheValidOnes() {
        assertThat(problem("name: m\nmodel:\n  task: classification\n  target: y\n  prediction: p\n")).isEqualTo(
                "line 3, column 3: model.task: unknown task 'classification'; valid: binary_classification,"
                        + " multiclass_classification, regression");
    }

    @Test
    void aTaskIsRequiredUnlessTheProbabilitiesTellIt() {
        assertThat(problem("model:\n  target: y\n  prediction: p\n")).isEqualTo(
                "line 1, column 1: model.task: is required: one of binary_classification, multiclass_classification,"
                        + " regression");
    }

    @Test
    void aTargetIsRequired() {
        assertThat(problem("model:\n  task: regression\n  prediction: p\n")).isEqualTo(
                "line 1, column 1: model.target: is required: the column of true labels (or values, for a regression)");
    }

    @Test
    void theModelsTargetMustBeTheColumnsTarget() {
        assertThat(problem("columns:\n  target: cnt\nmodel:\n  task: regression\n  target: count\n  prediction: p\n"))
                .isEqualTo("line 5, column 3: model.target: names 'count' but columns.target names 'cnt'; they are the"
                        + " same column: name it once, or alike in both");
        assertThat(problem("columns: {prediction: a}\nmodel:\n  task: regression\n  target: y\n  prediction: b\n"))
                .startsWith("line 5, column 3: model.prediction: names 'b' but columns.prediction names 'a'");
    }

    @Test
    void aMulticlassMappingNeedsThreeClasses() {
        assertThat(problem("model:\n  task: multiclass_classification\n  target: y\n  probabilities:\n    a: pa\n"
                + "    b: pb\n")).isEqualTo("line 4, column 3: model.probabilities: a multiclass classifier needs at least"
                        + " 3 classes, got 2");
    }

    @Test
    void aBinaryClassifierHasOneProbabilityColumn() {
        assertThat(problem("model:\n  task: binary_classification\n  target: y\n  probabilities: {a: pa, b: pb}\n"))
                .isEqualTo("line 4, column 3: model.probabilities: a binary classifier has one column, the probability"
                        + " of pos_label");
        assertThat(problem("model:\n  task: multiclass_classification\n  target: y\n  probabilities: p\n"))
                .startsWith("line 4, column 3: model.probabilities: a multiclass classifier has one column per class");
        assertThat(problem("model:\n  task: regression\n  target: y\n  prediction: p\n  probabilities: q\n"))
                .isEqualTo("line 5, column 3: model.probabilities: a regression has none");
    }

    @Test
    void aClassifierNeedsAPredictionOrProbabilities() {
        assertThat(problem("model:\n  task: binary_classification\n  target: y\n")).isEqualTo(
                "line 1, column 1: model.prediction: give the predicted label or probabilities column");
        assertThat(problem("model:\n  task: regression\n  target: y\n")).isEqualTo(
                "line 1, column 1: model.prediction: a regression needs the predicted value's column");
    }

    @Test
    void aPositiveLabelAppliesToBinaryClassificationOnly() {
        assertThat(problem("model:\n  task: regression\n  target: y\n  prediction: p\n  pos_label: 1\n")).isEqualTo(
                "line 5, column 3: model.pos_label: applies to binary classification only; this model is a regression");
        assertThat(problem("model:\n  task: multiclass_classification\n  target: y\n  prediction: p\n"
                + "  pos_label: a\n")).startsWith("line 5, column 3: model.pos_label: applies to binary classification");
        assertThat(problem("model:\n  task: binary_classification\n  target: y\n  prediction: p\n  pos_label: [1]\n"))
                .isEqualTo("line 5, column 3: model.pos_label: expected the positive class (a number or a name),"
                        + " found a list");
    }

    @Test
    void theProbabilityThresholdIsAProbability() {
        String model = "model:\n  task: binary_classification\n  target: y\n  probabilities: p\n  probas_threshold: %s\n";

        assertThat(problem(model.formatted("1.5"))).isEqualTo(
                "line 5, column 3: model.probas_threshold: must be between 0 and 1 (a probability), got 1.5");
        assertThat(problem(model.formatted("-0.5"))).isEqualTo(
                "line 5, column 3: model.probas_threshold: must be a finite number of at least 0, got -0.5");
        assertThat(problem(model.formatted("high"))).isEqualTo(
                "line 5, column 3: model.probas_threshold: expected a number, found 'high'");
        assertThat(parse(model.formatted("1")).model().orElseThrow().probasThreshold()).hasValue(1.0);
        assertThat(problem("model:\n  task: regression\n  target: y\n  prediction: p\n  probas_threshold: 0.5\n"))
                .isEqualTo("line 5, column 3: model.probas_threshold: applies to binary classification only");
    }

    @Test
    void theIdMustNotBeOneOfTheModelsColumns() {
        assertThat(problem("model:\n  task: binary_classification\n  target: y\n  prediction: p\n  id: p\n"))
                .isEqualTo("line 5, column 3: model.id: column 'p' is already one of the model's columns; the id"
                        + " identifies a prediction row (e.g. request_id)");
        assertThat(problem("model:\n  target: y\n  probabilities: {a: pa, b: pb, c: pc}\n  id: pb\n"))
                .startsWith("line 4, column 3: model.id: column 'pb' is already one of the model's columns");
    }

    @Test
    void unknownKeysListTheValidOnes() {
        assertThat(problem("model:\n  task: regression\n  target: y\n  prediction: p\n  label: y\n")).isEqualTo(
                "line 5, column 3: model.label: unknown key 'label'; valid keys here: task, target, prediction,"
                        + " probabilities, pos_label, probas_threshold, id");
    }

    @Test
    void anEmptyOrScalarModelSaysWhatToWrite() {
        assertThat(problem("name: m\nmodel:\n")).isEqualTo("line 2, column 1: model: is empty: describe the model"
                + " ({task, target, prediction, …}) or leave the key out");
        assertThat(problem("model: regression\n")).isEqualTo("line 1, column 1: model: expected a mapping, found"
                + " 'regression'");
    }

    @Test
    void theModelsColumnsAreScoredSoTheyCannotBeIgnored() {
        assertThat(problem("columns:\n  ignored: [p]\nmodel:\n  task: regression\n  target: y\n  prediction: p\n"))
                .isEqualTo("line 6, column 3: model.prediction: column 'p' is listed as text, datetime or ignored; the"
                        + " model's columns are scored");
        assertThat(problem("columns:\n  text: [pb]\nmodel:\n  target: y\n  probabilities: {a: pa, b: pb, c: pc}\n"))
                .isEqualTo("line 5, column 26: model.probabilities.b: column 'pb' is listed as text, datetime or"
                        + " ignored; the model's columns are scored");
    }

    @Test
    void everyMistakeOfTheModelIsReportedAtOnceInDocumentOrder() {
        InvalidMonitorException e = invalid("""
                model:
                  task: binary_classification
                  target: y
                  probabilities: p
                  pos_label: [1]
                  probas_threshold: 2
                  id: y
                  colour: red
                """);

        assertThat(e.problems()).extracting(InvalidMonitorException.Problem::field).containsExactly(
                "model.pos_label", "model.probas_threshold", "model.id", "model.colour");
        assertThat(e.problems()).extracting(InvalidMonitorException.Problem::line).containsExactly(5, 6, 7, 8);
    }

    // ---------------------------------------------------------------------------------------------
    // quality:

    private static final String REGRESSION = "model: {task: regression, target: y, prediction: p}\n";
    private static final String BINARY = "model: {task: binary_classification, target: y, prediction: p}\n";

    @Test
    void theTestsAloneMayBeTheSectionsValue() {
        assertThat(parse(REGRESSION + "quality: degradation\n").qualityOptions())
                .isEqualTo(QualityOptions.defaults().withTests(Tests.DEGRADATION));
        assertThat(parse(REGRESSION + "quality: none\n").qualityOptions().tests()).isEqualTo(Tests.NONE);
        assertThat(parse(REGRESSION + "quality: {tests: evidently}\n").qualityOptions())
                .isEqualTo(QualityOptions.defaults());
    }

    @Test
    void everyKnobOfTheDegradationTestsReachesTheOptions() {
        QualityOptions o = parse(REGRESSION + """
                quality:
                  tests: degradation
                  degradation: {rmse: 0.1, mae: {absolute: 2.5}, r2_score: {relative: 0.2}}
                  confidence: 0.99
                """).qualityOptions();

        Map<QualityMetric, Tolerance> tolerances = new LinkedHashMap<>();
        tolerances.put(RegressionMetric.RMSE, Tolerance.relative(0.1));
        tolerances.put(RegressionMetric.MAE, Tolerance.absolute(2.5));
        tolerances.put(RegressionMetric.R2_SCORE, Tolerance.relative(0.2));
        assertThat(o).isEqualTo(new QualityOptions(Tests.DEGRADATION, tolerances, 0.99));
        assertThat(o.degradation().keySet()).as("in the order given").containsExactly(RegressionMetric.RMSE,
                RegressionMetric.MAE, RegressionMetric.R2_SCORE);
    }

    @Test
    void aQualitySectionNeedsAModel() {
        assertThat(problem("name: m\nquality: {tests: degradation}\n")).isEqualTo(
                "line 2, column 1: quality: needs a model: section (task, target, prediction…) whose quality it tests");
    }

    @Test
    void unknownTestsNameTheValidOnes() {
        assertThat(problem(REGRESSION + "quality:\n  tests: strict\n")).startsWith(
                "line 3, column 3: quality.tests: unknown tests 'strict'; valid: evidently, degradation, none");
        assertThat(problem(REGRESSION + "quality: Evidently\n")).startsWith(
                "line 2, column 1: quality: unknown tests 'Evidently'; valid: evidently, degradation, none");
        assertThat(problem(REGRESSION + "quality:\n")).isEqualTo("line 2, column 1: quality: is empty: write quality:"
                + " {tests: evidently} (or degradation, none), or leave the key out");
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  alpha: 0.05\n")).isEqualTo(
                "line 4, column 3: quality.alpha: unknown key 'alpha'; valid keys here: tests, degradation, confidence");
    }

    @Test
    void aDegradedMetricMustBeOneOfTheTasks() {
        assertThat(problem(BINARY + "quality:\n  tests: degradation\n  degradation:\n    rmse: 0.1\n")).isEqualTo(
                "line 5, column 5: quality.degradation.rmse: unknown metric 'rmse' for a binary_classification; valid:"
                        + " accuracy, precision, recall, f1_score, roc_auc, log_loss, tpr, tnr, fpr, fnr");
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  degradation: {accuracy: 0.1}\n"))
                .startsWith("line 4, column 17: quality.degradation.accuracy: unknown metric 'accuracy' for a"
                        + " regression; valid: mean_error, mape, rmse, mae, r2_score, abs_max_error");
    }

    @Test
    void aToleranceIsAShareOfTheReferencesValueWithAHintForPercentages() {
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: 5\n")).isEqualTo(
                "line 5, column 5: quality.degradation.rmse: a tolerance of 5.0 is more than the reference's whole"
                        + " value; for 5.0 % write 0.05, or {absolute: 5} in the metric's units");
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: -0.1\n")).isEqualTo(
                "line 5, column 5: quality.degradation.rmse: must be a finite number of at least 0 (a share of the"
                        + " reference's value), got -0.1");
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: lots\n")).isEqualTo(
                "line 5, column 5: quality.degradation.rmse: expected a share of the reference's value (e.g. 0.05) or"
                        + " {absolute: 0.02}, found 'lots'");
    }

    @Test
    void aRelativeToleranceWrittenAsAMappingIsAShareToo() {
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: {relative: 5}\n"))
                .isEqualTo("line 5, column 12: quality.degradation.rmse.relative: a tolerance of 5.0 is more than the"
                        + " reference's whole value; for 5.0 % write 0.05, or {absolute: 5} in the metric's units");
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: {relative: -0.1}\n"))
                .as("one problem, not also 'give exactly one'").endsWith(
                        "quality.degradation.rmse.relative: must be a finite number of at least 0, got -0.1");
        assertThat(parse(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: {absolute: 5}\n")
                .qualityOptions().degradation()).containsEntry(RegressionMetric.RMSE, Tolerance.absolute(5));
    }

    @Test
    void aToleranceIsEitherRelativeOrAbsolute() {
        String both = REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: {relative: 0.1, absolute: 2}\n";
        assertThat(problem(both)).isEqualTo("line 5, column 5: quality.degradation.rmse: give exactly one of relative"
                + " (a share of the reference's value) or absolute (in the metric's units)");
        assertThat(problem(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: {}\n"))
                .startsWith("line 5, column 5: quality.degradation.rmse: give exactly one of relative");
        assertThat(invalid(REGRESSION + "quality:\n  tests: degradation\n  degradation:\n    rmse: {share: 0.1}\n")
                .problems()).extracting(InvalidMonitorException.Problem::describe).contains(
                        "line 5, column 12: quality.degradation.rmse.share: unknown key 'share'; valid keys here:"
                                + " relative, absolute");
    }

    @Test
    void confidenceExcludesZeroAndOne() {
        String q = REGRESSION + "quality:\n  tests: degradation\n  confidence: %s\n";

        assertThat(problem(q.formatted("1"))).isEqualTo("line 4, column 3: quality.confidence: must be between 0 and 1,"
                + " both excluded (e.g. 0.95), got 1.0");
        assertThat(problem(q.formatted("0"))).startsWith("line 4, column 3: quality.confidence: must be between 0 and 1");
        assertThat(problem(q.formatted("95"))).endsWith("got 95.0; for 95.0 % write 0.95");
        assertThat(problem(q.formatted("-0.9"))).isEqualTo("line 4, column 3: quality.confidence: must be a finite"
                + " number of at least 0, got -0.9");
    }

    @Test
    void degradationKnobsWithOtherTestsAreNamedAsUnused() {
        InvalidMonitorException e = invalid(REGRESSION + """
                quality:
                  tests: evidently
                  degradation: {rmse: 0.1}
                  confidence: 0.9
                """);

        assertThat(e.problems()).extracting(InvalidMonitorException.Problem::describe).containsExactly(
                "line 4, column 3: quality.degradation: applies to tests: degradation only; these tests are evidently",
                "line 5, column 3: quality.confidence: applies to tests: degradation only; these tests are evidently");
        assertThat(problem(REGRESSION + "quality: {tests: none, confidence: 0.9}\n"))
                .contains("quality.confidence: applies to tests: degradation only; these tests are none");
    }

    @Test
    void aModelProblemFoundOnTheDataPointsAtTheFieldThatNamedTheColumn() {
        MonitorDefinition m = parse("""
                name: m
                columns:
                  target: cnt
                model:
                  task: regression
                  prediction: predicted
                  probas_threshold: null
                """);

        assertThat(m.modelProblem("model.prediction", "no such column").describe())
                .isEqualTo("line 6, column 3: model.prediction: no such column");
        assertThat(m.modelProblem("model.target", "no such column").describe())
                .as("the target was named under columns:").isEqualTo("line 3, column 3: model.target: no such column");
        assertThat(m.documentName()).isEqualTo("m.yml");
    }

    @Test
    void aClassProbabilityProblemPointsAtItsClass() {
        MonitorDefinition m = parse("""
                model:
                  target: species
                  probabilities:
                    setosa: p_setosa
                    versicolor: p_versicolor
                    virginica: p_virginica
                """);

        assertThat(m.modelProblem("model.probabilities.versicolor", "x").describe())
                .isEqualTo("line 5, column 5: model.probabilities.versicolor: x");
        assertThat(List.copyOf(m.model().orElseThrow().columns())).containsExactly("species", "p_setosa",
                "p_versicolor", "p_virginica");
    }
}
