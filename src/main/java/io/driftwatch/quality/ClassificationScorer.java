package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.quality.EvidentlyFailure.Stage;
import io.driftwatch.stats.MersenneTwister;
import io.driftwatch.stats.PairwiseSummation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a classifier on one side of a check exactly as Evidently 0.7.21's
 * {@code ClassificationPreset} does, and notes what Evidently would raise on the same data.
 *
 * <p>The steps, each Evidently's:
 * <ol>
 *   <li>which prediction is scored: multiclass probabilities, else the binary probability column
 *       (the label column is then ignored), else the labels;</li>
 *   <li>cleaning: rows with a missing or infinite target or prediction are dropped;</li>
 *   <li>labels and probabilities by the pandas dtypes ({@code get_prediction_data}): a float
 *       prediction column is a probability; with a text target its classes are the target's in order
 *       of appearance, {@code pos_label} must be one of them and the negative class is the last other
 *       one; with an integer target the positive class is always 1; with a float or boolean target
 *       the floats are taken as labels; a threshold re-derives the labels;</li>
 *   <li>accuracy; precision, recall and F1 of {@code pos_label} when there are two labels, else
 *       their unweighted means over the classes present; the rates from the confusion matrix (0/0 is
 *       NaN); ROC AUC and log loss from the probabilities; the by-label metrics of the target's
 *       classes;</li>
 *   <li>without a reference, the dummy baseline: labels drawn from the target's class shares with
 *       NumPy's {@code np.random.seed(0)}, scored like the model, adjusted for the threshold.</li>
 * </ol>
 *
 * <p>Hot loops run over primitive arrays: one pass to clean, one to code, one to count; ROC AUC sorts
 * each probability column once (split into the rows of its class and the others), and the report's
 * ROC and precision-recall curves ({@link ThresholdCurves}) are drawn from those sorted scores in one
 * more merge, without changing any metric.
 *
 * <p>Thread-safe: immutable; each call scores with its own state.
 */
final class ClassificationScorer {
    static final String TPR_MISSING = "ValueError: Cannot compute TPR: current TPR value is missing."
            + " Ensure prediction labels and probabilities are available. ";
    static final String ROC_AUC_MISSING = "ValueError: Cannot compute RocAuc: current RocAuc value is missing."
            + " Ensure prediction labels and probabilities are available. ";
    static final String ONE_CLASS = "ValueError: Only one class present in y_true."
            + " ROC AUC score is not defined in that case.";
    static final String THRESHOLD_NEEDS_PROBAS = "ValueError: Top K / Threshold parameter can be used only with"
            + " binary classification with probas";
    static final String NEGATIVE_LABEL = "ValueError: Failed to determine negative label";
    static final String FLOAT_LABELS = "ValidationError: 1 validation error for ByLabelValue";
    static final double DEFAULT_THRESHOLD = 0.5;
    static final String ONE_ROW = "one row: no sampling variance can be estimated";

    private final ModelSpec spec;
    private final boolean withStandardErrors;

    ClassificationScorer(ModelSpec spec) {
        this(spec, false);
    }

    private ClassificationScorer(ModelSpec spec, boolean withStandardErrors) {
        if (!spec.task().isClassification()) {
            throw new IllegalArgumentException("not a classification: " + spec.task().label());
        }
        this.spec = spec;
        this.withStandardErrors = withStandardErrors;
    }

    /**
     * This scorer, also computing each metric's standard error ({@link SamplingVariance}) from the
     * rows it scores, for the degradation tests. The metrics' values are the same.
     */
    ClassificationScorer withStandardErrors() {
        return new ClassificationScorer(spec, true);
    }

    /**
     * One side's score and, for a current batch without a reference, the dummy baselines.
     *
     * @param side the side
     * @param baselines the dummy metrics the no-reference tests compare with (empty unless asked)
     * @param dummyFailure what Evidently raises computing them, or null
     * @param errors the metrics' standard errors when asked for ({@link #withStandardErrors()}), else
     *     {@link StandardErrors#NONE}
     * @param curves the ROC and precision-recall curves of the scored probability (the positive class's, or
     *     each class's against the rest for at most {@value QualityCharts#MAX_CLASSES_DRAWN} classes), from
     *     the scores the ROC AUC sorted; empty without probabilities
     */
    record Measured(ClassificationSide side, List<Baseline> baselines, EvidentlyFailure dummyFailure,
            StandardErrors errors, List<QualityCharts.Curves> curves) {
    }

    /**
     * Scores {@code table}; {@code current} says which side it is (some of Evidently's messages
     * differ), {@code withDummy} asks for the dummy baselines (a current batch without a reference).
     */
    Measured measure(Table table, boolean current, boolean withDummy) {
        return new Run(table, current).measure(withDummy);
    }

    /** How the prediction is read. */
    private enum Mode {
        /** One probability column per class. */
        MULTI_PROBA,
        /** A float column: a probability (or, with a float target, float labels). */
        FLOAT,
        /** A label column. */
        LABELS
    }

    /** The state of scoring one side. Not thread-safe: one per call. */
    private final class Run {
        private final Table table;
        private final boolean current;
        private final int rowsRead;
        private final List<EvidentlyFailure> failures = new ArrayList<>();
        private final LabelCodes codes = new LabelCodes();
        private final ClassLabel pos = spec.effectivePosLabel();
        private final double threshold = spec.probasThreshold().orElse(DEFAULT_THRESHOLD);

        private int rowsUsed;
        private ClassLabel.Kind targetKind;
        private int[] truth;
        private int[] predicted;
        /** Evidently's {@code labels}, as codes, in Evidently's order. */
        private int[] labelCodes;
        /** Whether Evidently's labels are numbers (its dummy log loss then matches no row). */
        private boolean labelsNumeric;
        private boolean probas;
        // binary probabilities: the first column is base (baseIsFirst) or 1 - base, the second the other
        private double[] base;
        private boolean baseIsFirst;
        private int firstCode;
        private int secondCode;
        // multiclass probabilities
        private double[][] columns;
        private int[] columnCodes;
        // what the uncleaned rows hold, for Evidently's ROC curve widget
        private boolean rawProbabilityNaN;
        private boolean rawProbabilityInfinite;
        private boolean rawAllNaNRow;
        private boolean rawNegativeMissing;
        // scratch reused across probability columns: split scores, then per-row losses
        private double[] scratchA;
        private double[] scratchB;
        /** The metrics' standard errors, when asked for; null otherwise. */
        private final StandardErrors.Builder spread = withStandardErrors ? new StandardErrors.Builder() : null;
        /** Each probability column's ROC AUC standard error (DeLong), when asked for. */
        private double[] columnAucSe;
        /** The curves of the scored probability, drawn from the scratch arrays while they hold a column's sorted scores. */
        private final List<QualityCharts.Curves> curves = new ArrayList<>();

        Run(Table table, boolean current) {
            this.table = table;
            this.current = current;
            this.rowsRead = table.rowCount();
        }

        private void fail(Stage stage, String message) {
            for (EvidentlyFailure f : failures) {
                if (f.stage() == stage) {
                    return;
                }
            }
            failures.add(new EvidentlyFailure(stage, message));
        }

        private Measured failed(String error) {
            return new Measured(ClassificationSide.failed(rowsRead, rowsUsed, error, ordered()), List.of(), null,
                    StandardErrors.NONE, List.of());
        }

        private List<EvidentlyFailure> ordered() {
            List<EvidentlyFailure> out = new ArrayList<>(failures);
            out.sort((a, b) -> a.stage().compareTo(b.stage()));
            return out;
        }

        Measured measure(boolean withDummy) {
            Column target = table.column(spec.target()).orElse(null);
            if (target == null) {
                return failed("the batch has no target column '" + spec.target() + "'");
            }
            targetKind = kindOf(target);
            if (targetKind == null) {
                return failed("target column '" + spec.target() + "' holds timestamps, not classes");
            }
            Mode mode;
            Column prediction = null;
            List<NumericColumn> probabilityColumns = new ArrayList<>();
            if (!spec.classProbabilities().isEmpty()) {
                mode = Mode.MULTI_PROBA;
                for (Map.Entry<String, String> e : spec.classProbabilities().entrySet()) {
                    Column c = table.column(e.getValue()).orElse(null);
                    if (c == null) {
                        return failed("the batch has no probability column '" + e.getValue() + "' (class '"
                                + e.getKey() + "')");
                    }
                    if (!(c instanceof NumericColumn nc) || c.physicalType() == PhysicalType.TIMESTAMP) {
                        return failed("probability column '" + e.getValue() + "' holds no numbers");
                    }
                    probabilityColumns.add(nc);
                }
            } else {
                String name = spec.probability() != null ? spec.probability() : spec.prediction();
                prediction = table.column(name).orElse(null);
                if (prediction == null) {
                    return failed("the batch has no " + (spec.probability() != null ? "probability" : "prediction")
                            + " column '" + name + "'");
                }
                if (prediction.physicalType() == PhysicalType.TIMESTAMP) {
                    return failed("prediction column '" + name + "' holds timestamps, not classes");
                }
                mode = prediction.physicalType() == PhysicalType.FLOAT ? Mode.FLOAT : Mode.LABELS;
            }

            // Raw arrays, then Evidently's cleaning: drop rows with a missing or infinite target or prediction.
            double[] targetValues = null;
            int[] targetCells = null;
            String[] targetDictionary = null;
            if (target instanceof NumericColumn nc) {
                targetValues = new double[rowsRead];
                nc.copyValues(targetValues, 0);
            } else {
                CategoricalColumn cc = (CategoricalColumn) target;
                targetCells = cc.codes();
                targetDictionary = cc.dictionary();
            }
            double[] predictionValues = null;
            int[] predictionCells = null;
            String[] predictionDictionary = null;
            if (prediction instanceof NumericColumn nc) {
                predictionValues = new double[rowsRead];
                nc.copyValues(predictionValues, 0);
            } else if (prediction instanceof CategoricalColumn cc) {
                predictionCells = cc.codes();
                predictionDictionary = cc.dictionary();
            }
            double[][] probabilityValues = new double[probabilityColumns.size()][];
            for (int j = 0; j < probabilityValues.length; j++) {
                probabilityValues[j] = new double[rowsRead];
                probabilityColumns.get(j).copyValues(probabilityValues[j], 0);
            }
            if (targetCells != null && mode == Mode.FLOAT) {
                rawLabelOrder(targetCells, targetDictionary, prediction.name());
            }
            boolean[] drop = new boolean[rowsRead];
            if (targetValues != null) {
                markNonFinite(targetValues, drop);
            } else {
                markMissing(targetCells, drop);
            }
            if (predictionValues != null) {
                markProbabilities(predictionValues, drop);
            } else if (predictionCells != null) {
                markMissing(predictionCells, drop);
            }
            for (double[] p : probabilityValues) {
                markProbabilities(p, drop);
            }
            if (mode == Mode.MULTI_PROBA && targetKind == ClassLabel.Kind.INTEGER && rawProbabilityNaN) {
                rawAllNaNRow = anyAllNaNRow(probabilityValues, rowsRead);
            }
            int n = 0;
            for (int i = 0; i < rowsRead; i++) {
                if (!drop[i]) {
                    n++;
                }
            }
            rowsUsed = n;
            if (n < rowsRead) {
                targetValues = compact(targetValues, drop);
                targetCells = compact(targetCells, drop);
                predictionValues = compact(predictionValues, drop);
                predictionCells = compact(predictionCells, drop);
                for (int j = 0; j < probabilityValues.length; j++) {
                    probabilityValues[j] = compact(probabilityValues[j], drop);
                }
            }
            if (n == 0) {
                return failed("no row has both a target and a prediction");
            }
            truth = targetValues != null ? codes.encode(targetValues, n, targetKind)
                    : codes.encode(targetCells, n, targetDictionary);
            if (truth == null) {
                return failed(tooManyClasses("target"));
            }
            String error = switch (mode) {
                case MULTI_PROBA -> deriveMulticlass(probabilityValues, n);
                case FLOAT -> deriveFromFloats(predictionValues, prediction.name(), n);
                case LABELS -> deriveFromLabels(prediction, predictionValues, predictionCells, predictionDictionary, n);
            };
            if (error != null) {
                return failed(error);
            }
            if (spec.probasThreshold().isPresent() && (!probas || labelCodes.length > 2)) {
                fail(Stage.PREPARE, THRESHOLD_NEEDS_PROBAS);
                return failed("probas_threshold needs a binary classifier's probabilities, and '"
                        + (prediction == null ? "" : prediction.name()) + "' holds labels");
            }
            error = checkTargetTypes(n);
            if (error != null) {
                return failed(error);
            }
            return score(n, withDummy);
        }

        // ----- deriving labels and probabilities (Evidently's get_prediction_data) -----

        /** Multiclass probabilities: the predicted class is the column with the largest value (the first on ties). */
        private String deriveMulticlass(double[][] values, int n) {
            List<String> classes = new ArrayList<>(spec.classProbabilities().keySet());
            int k = classes.size();
            columns = values;
            columnCodes = new int[k];
            boolean anyKeyMatchesTarget = false;
            int targetClasses = codes.size();
            for (int j = 0; j < k; j++) {
                String key = classes.get(j);
                ClassLabel label = classLabelOfKey(key);
                if (label == null) {
                    if (targetKind == ClassLabel.Kind.INTEGER) {
                        fail(Stage.PREPARE, "ValueError: invalid literal for int() with base 10: "
                                + ClassLabel.ofText(key).repr());
                    }
                    return "class '" + key + "' of the probabilities is not a " + kindName(targetKind)
                            + " like the target's classes";
                }
                columnCodes[j] = codes.add(label);
                for (int c = 0; c < targetClasses; c++) {
                    if (codes.label(c).toString().equals(key)) {
                        anyKeyMatchesTarget = true;
                    }
                }
            }
            if (codes.size() > LabelCodes.MAX_CLASSES) {
                return tooManyClasses("probabilities");
            }
            if ((targetKind == ClassLabel.Kind.FLOAT || targetKind == ClassLabel.Kind.BOOLEAN) && !anyKeyMatchesTarget) {
                // the column names stay text; NumPy compares them with the float target's text forms
                fail(Stage.PREPARE, "ValueError: At least one label specified must be in y_true");
            }
            predicted = new int[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                double max = values[0][i];
                for (int j = 1; j < k; j++) {
                    double v = values[j][i];
                    if (v > max) {
                        max = v;
                        best = j;
                    }
                }
                predicted[i] = columnCodes[best];
            }
            labelCodes = columnCodes.clone();
            labelsNumeric = false; // Evidently's labels are the column names
            probas = true;
            return null;
        }

        /** A float prediction column: Evidently's probability branches, chosen by the target's dtype. */
        private String deriveFromFloats(double[] x, String columnName, int n) {
            if (targetKind == ClassLabel.Kind.TEXT) {
                return deriveTextTargetProbability(x, columnName, n);
            }
            if (pos.kind().isNumeric() && pos.number() == 0 && (columnName.equals("0") || columnName.equals("1"))) {
                // Evidently's branch for a column named "0" or "1" with pos_label 0
                double[] first = x;
                if (columnName.equals("1")) {
                    first = new double[n];
                    for (int i = 0; i < n; i++) {
                        first[i] = 1.0 - x[i];
                    }
                }
                useBinaryProbabilities(first, true, codes.add(ClassLabel.ofInteger(0)), codes.add(ClassLabel.ofInteger(1)),
                        n);
                labelsNumeric = true;
                return null;
            }
            if (targetKind == ClassLabel.Kind.INTEGER) {
                // integer target: the column is P(1), whatever pos_label says
                useBinaryProbabilities(x, true, codes.add(ClassLabel.ofInteger(1)), codes.add(ClassLabel.ofInteger(0)), n);
                labelsNumeric = true;
                return null;
            }
            // float or boolean target: Evidently takes the floats as predicted labels, without probabilities
            if (!allWhole(x, n)) {
                fail(Stage.PREPARE, "ValueError: Classification metrics can't handle a mix of "
                        + typeOfClasses(truth, n) + " and continuous targets");
                return "the target '" + spec.target() + "' is " + kindName(targetKind)
                        + " (an integer column with missing cells?) and the prediction '" + columnName
                        + "' holds probabilities: Evidently scores them as labels and cannot";
            }
            predicted = codes.encode(x, n, ClassLabel.Kind.FLOAT);
            if (predicted == null) {
                return tooManyClasses("prediction");
            }
            labelCodes = codesInOrderOfAppearance(predicted, n);
            labelsNumeric = true;
            probas = false;
            return null;
        }

        /** A text target and P(pos_label): the negative class is the last other class in order of appearance. */
        private String deriveTextTargetProbability(double[] x, String columnName, int n) {
            if (spec.task() == ModelTask.MULTICLASS_CLASSIFICATION) {
                // Evidently passes a multiclass definition's (absent) pos_label to this branch
                fail(Stage.PREPARE, "ValueError: Undefined pos_label.");
                return "prediction column '" + columnName + "' holds floats: a multiclass classifier's probabilities"
                        + " are one column per class, its predicted labels the classes themselves";
            }
            int targetClasses = codes.size();
            int posCode = -1;
            for (int c = 0; c < targetClasses; c++) {
                if (codes.label(c).matches(pos)) {
                    posCode = c;
                }
            }
            if (posCode < 0) {
                fail(Stage.PREPARE, "ValueError: Cannot find pos_label '" + pos + "' in labels " + pythonList(targetClasses));
                return "pos_label " + pos.repr() + " is not a class of the target " + pythonList(targetClasses);
            }
            int negCode = -1;
            boolean columnIsNegative = false;
            for (int c = 0; c < targetClasses; c++) {
                if (c != posCode && codes.label(c).text().equals(columnName)) {
                    negCode = c;
                    columnIsNegative = true;
                }
            }
            if (negCode < 0) {
                for (int c = 0; c < targetClasses; c++) {
                    if (c != posCode) {
                        negCode = c;
                    }
                }
            }
            if (negCode < 0) {
                fail(Stage.PREPARE, NEGATIVE_LABEL);
                return "the target holds only the positive class " + pos.repr() + ": the negative class is unknown";
            }
            useBinaryProbabilities(x, !columnIsNegative, posCode, negCode, n);
            labelsNumeric = false;
            return null;
        }

        /** Two probability columns, {@code base} and {@code 1 − base}; predicted: the first class from the threshold on. */
        private void useBinaryProbabilities(double[] base, boolean baseIsFirst, int firstCode, int secondCode, int n) {
            this.base = base;
            this.baseIsFirst = baseIsFirst;
            this.firstCode = firstCode;
            this.secondCode = secondCode;
            predicted = new int[n];
            double t = threshold;
            for (int i = 0; i < n; i++) {
                double b = base[i];
                double first = baseIsFirst ? b : 1.0 - b;
                predicted[i] = first >= t ? firstCode : secondCode;
            }
            labelCodes = new int[] {firstCode, secondCode};
            probas = true;
        }

        /** A label column: Evidently's labels are the sorted union of the target's and the prediction's classes. */
        private String deriveFromLabels(Column column, double[] values, int[] cells, String[] dictionary, int n) {
            ClassLabel.Kind kind = kindOf(column);
            if (kind.isNumeric() != targetKind.isNumeric()) {
                fail(Stage.PREPARE, "TypeError: '<' not supported between instances of 'int' and 'str'");
                return "the target '" + spec.target() + "' holds " + kindName(targetKind) + "s and the prediction '"
                        + column.name() + "' " + kindName(kind) + "s: they cannot be compared";
            }
            predicted = values != null ? codes.encode(values, n, kind) : codes.encode(cells, n, dictionary);
            if (predicted == null) {
                return tooManyClasses("prediction");
            }
            labelCodes = new int[codes.size()];
            for (int c = 0; c < labelCodes.length; c++) {
                labelCodes[c] = c;
            }
            labelsNumeric = targetKind.isNumeric();
            probas = false;
            return null;
        }

        /** scikit-learn's {@code _check_targets}: a mix with continuous values, or continuous values alone, is refused. */
        private String checkTargetTypes(int n) {
            String truthType = typeOfClasses(truth, n);
            String predictedType = typeOfClasses(predicted, n);
            if (truthType.equals(predictedType) && !truthType.equals("continuous")) {
                return null;
            }
            boolean discrete = !truthType.equals("continuous") && !predictedType.equals("continuous");
            if (discrete) {
                return null; // binary and multiclass make multiclass
            }
            if (!truthType.equals(predictedType)) {
                fail(Stage.PREPARE, "ValueError: Classification metrics can't handle a mix of " + truthType + " and "
                        + predictedType + " targets");
            } else {
                fail(Stage.PREPARE, "ValueError: continuous is not supported");
            }
            return "the target '" + spec.target() + "' holds fractional values: a classifier's target holds classes";
        }

        // ----- scoring -----

        private Measured score(int n, boolean withDummy) {
            int size = codes.size();
            Tally tally = Tally.of(truth, predicted, n, size);
            int[] sortedLabels = sortedCodes(labelCodes);
            List<ClassLabel> labels = new ArrayList<>();
            ClassLabel.Kind labelKind = labelsKind(sortedLabels);
            for (int c : sortedLabels) {
                ClassLabel l = codes.label(c);
                labels.add(l.kind() == labelKind || !l.kind().isNumeric() ? l : ClassLabel.ofNumber(labelKind, l.number()));
            }
            ConfusionMatrix confusion = new ConfusionMatrix(labels, tally.confusion(sortedLabels));
            Map<QualityMetric, MetricValue> metrics = new LinkedHashMap<>();
            Scores model = scores(tally, sortedLabels);
            if (model.error != null) {
                fail(Stage.SCORE, model.evidentlyError);
                return failed(model.error);
            }
            metrics.put(ClassificationMetric.ACCURACY, MetricValue.of(model.accuracy));
            metrics.put(ClassificationMetric.PRECISION, MetricValue.of(model.precision));
            metrics.put(ClassificationMetric.RECALL, MetricValue.of(model.recall));
            metrics.put(ClassificationMetric.F1_SCORE, MetricValue.of(model.f1));

            double[] columnAuc = null;
            double rocAuc = Double.NaN;
            double logLoss = Double.NaN;
            String rocAucError = null;
            if (probas) {
                scratchA = new double[n];
                scratchB = new double[n];
                columnAuc = columnRocAucs(tally, n);
                rocAuc = PairwiseSummation.mean(columnAuc, 0, columnAuc.length);
                if (Double.isNaN(rocAuc)) {
                    fail(Stage.SCORE, ONE_CLASS);
                    rocAucError = "ROC AUC is undefined: a class's probability column has rows of one kind only"
                            + " (the class is in every row or in none)";
                }
                logLoss = columns != null ? LogLoss.multiclass(columns, columnCodes, truth, n, size, scratchA)
                        : LogLoss.binary(base, baseIsFirst, truth, n, firstCode, secondCode, scratchA);
                if (spread != null) {
                    // scratchA holds the rows' losses
                    spread.variance(ClassificationMetric.LOG_LOSS, SamplingVariance.ofMean(scratchA, n, logLoss),
                            ONE_ROW);
                    spread.standardError(ClassificationMetric.ROC_AUC, meanOf(columnAucSe),
                            rocAucError != null ? rocAucError : "ROC AUC is undefined");
                }
            }
            if (spec.hasProbabilities()) {
                if (!probas) {
                    String why = "no probabilities: '" + (spec.probability() != null ? spec.probability() : "")
                            + "' does not hold floats";
                    metrics.put(ClassificationMetric.ROC_AUC, MetricValue.failed(why));
                    metrics.put(ClassificationMetric.LOG_LOSS, MetricValue.failed(why));
                } else {
                    metrics.put(ClassificationMetric.ROC_AUC,
                            rocAucError == null ? MetricValue.of(rocAuc) : MetricValue.failed(rocAucError));
                    metrics.put(ClassificationMetric.LOG_LOSS, MetricValue.of(logLoss));
                }
            }
            if (spec.task() == ModelTask.BINARY_CLASSIFICATION) {
                if (model.rates != null) {
                    metrics.put(ClassificationMetric.TPR, MetricValue.of(model.rates[0]));
                    metrics.put(ClassificationMetric.TNR, MetricValue.of(model.rates[1]));
                    metrics.put(ClassificationMetric.FPR, MetricValue.of(model.rates[2]));
                    metrics.put(ClassificationMetric.FNR, MetricValue.of(model.rates[3]));
                } else {
                    String why = "the rates need two classes, found " + labelCodes.length;
                    for (ClassificationMetric m : new ClassificationMetric[] {ClassificationMetric.TPR,
                            ClassificationMetric.TNR, ClassificationMetric.FPR, ClassificationMetric.FNR}) {
                        metrics.put(m, MetricValue.failed(why));
                    }
                    fail(Stage.RATES, current ? TPR_MISSING : "ReferenceMetricNotFound: Reference data not found for TPR");
                }
            }
            List<LabelMetrics> byLabel = byLabel(tally, columnAuc);
            if (spec.hasProbabilities()) {
                rocCurveFailures();
            }
            if (targetKind == ClassLabel.Kind.FLOAT) {
                fail(Stage.BY_LABEL, FLOAT_LABELS);
            }
            List<Baseline> baselines = List.of();
            EvidentlyFailure dummyFailure = null;
            if (withDummy) {
                if (rowsUsed != rowsRead) {
                    dummyFailure = new EvidentlyFailure(Stage.DUMMY, "ValueError: Found input variables with inconsistent"
                            + " numbers of samples: [" + rowsUsed + ", " + rowsRead + "]");
                }
                baselines = dummy(n, sortedLabels);
            }
            ClassificationSide side = new ClassificationSide(rowsRead, rowsUsed, null, metrics, labels, confusion, byLabel,
                    ordered());
            StandardErrors errors = StandardErrors.NONE;
            if (spread != null) {
                countSpread(tally, model, sortedLabels, n);
                errors = spread.build();
            }
            return new Measured(side, baselines, dummyFailure, errors, curves);
        }

        /** Accuracy, precision, recall, F1 and the rates of predictions counted in {@code tally}. */
        private Scores scores(Tally tally, int[] sortedLabels) {
            Scores s = new Scores();
            s.accuracy = tally.accuracy();
            if (labelCodes.length == 2) {
                int posCode = -1;
                for (int c : labelCodes) {
                    if (codes.label(c).matches(pos)) {
                        posCode = c;
                    }
                }
                if (posCode < 0) {
                    s.evidentlyError = "KeyError: " + pos.repr();
                    s.error = "pos_label " + pos.repr() + " is not one of the classes " + pythonList(labelCodes);
                    return s;
                }
                if (tally.presentCount() > 2) {
                    s.evidentlyError = "ValueError: Target is multiclass but average='binary'. Please choose another"
                            + " average setting, one of [None, 'micro', 'macro', 'weighted'].";
                    s.error = "the target holds " + tally.presentCount() + " classes where a binary classifier's holds 2";
                    return s;
                }
                s.precision = tally.precision(posCode);
                s.recall = tally.recall(posCode);
                s.f1 = Tally.f1(s.precision, s.recall);
                int p = sortedLabels[0] == posCode ? 0 : 1;
                long[] m = tally.confusion(sortedLabels);
                long tp = m[p * 2 + p];
                long fp = m[(1 - p) * 2 + p];
                long fn = m[p * 2 + (1 - p)];
                long tn = m[(1 - p) * 2 + (1 - p)];
                s.binaryCounts = new long[] {tp, fp, fn, tn};
                s.positiveIndex = p;
                s.rates = new double[] {(double) tp / (tp + fn), (double) tn / (tn + fp), (double) fp / (fp + tn),
                        (double) fn / (fn + tp)};
            } else {
                double[] macro = tally.macro(sortedCodes(allCodes()));
                s.precision = macro[0];
                s.recall = macro[1];
                s.f1 = macro[2];
            }
            return s;
        }

        /**
         * The ROC AUC of each probability column (NaN where it has rows of one kind only), and the curves of
         * the scored probability: a binary classifier's positive (first) class, or the first
         * {@value QualityCharts#MAX_CLASSES_DRAWN} classes in sorted order, each drawn while the scratch
         * arrays hold its column's sorted scores.
         */
        private double[] columnRocAucs(Tally tally, int n) {
            if (columns != null) {
                boolean[] drawn = new boolean[columns.length];
                int[] sorted = sortedCodes(columnCodes);
                for (int k = 0; k < Math.min(sorted.length, QualityCharts.MAX_CLASSES_DRAWN); k++) {
                    for (int j = 0; j < columnCodes.length; j++) {
                        if (columnCodes[j] == sorted[k]) {
                            drawn[j] = true;
                        }
                    }
                }
                double[] out = new double[columns.length];
                columnAucSe = spread != null ? new double[columns.length] : null;
                QualityCharts.Curves[] byColumn = new QualityCharts.Curves[columns.length];
                for (int j = 0; j < columns.length; j++) {
                    out[j] = columnAuc(columns[j], columnCodes[j], tally, n, j);
                    if (drawn[j] && !Double.isNaN(out[j])) {
                        int positives = (int) tally.truthTotal(columnCodes[j]);
                        byColumn[j] = ThresholdCurves.of(codes.label(columnCodes[j]), out[j], scratchA, positives,
                                scratchB, n - positives, false, QualityCharts.MAX_POINTS_PER_CLASS);
                    }
                }
                for (int c : sorted) {
                    for (int j = 0; j < columnCodes.length; j++) {
                        if (columnCodes[j] == c && byColumn[j] != null) {
                            curves.add(byColumn[j]);
                            byColumn[j] = null;
                        }
                    }
                }
                return out;
            }
            columnAucSe = spread != null ? new double[2] : null;
            int baseColumn = baseIsFirst ? 0 : 1;
            int baseCode = baseIsFirst ? firstCode : secondCode;
            int otherCode = baseIsFirst ? secondCode : firstCode;
            int positives = (int) tally.truthTotal(baseCode);
            double baseAuc;
            double otherAuc;
            if (positives == 0 || positives == n) {
                baseAuc = Double.NaN;
                otherAuc = Double.NaN;
            } else if (tally.truthTotal(otherCode) == n - positives) {
                // every other row is of the other class: its column 1 − base sorts as base reversed
                double[] pos = scratchA;
                double[] neg = scratchB;
                RocAuc.split(base, truth, n, baseCode, positives, pos, neg);
                baseAuc = RocAuc.ofSorted(pos, positives, neg, n - positives);
                otherAuc = RocAuc.ofComplementOfSorted(neg, n - positives, pos, positives);
                if (columnAucSe != null) {
                    // the complement column ranks the rows in reverse: the same placements, mirrored
                    double se = Math.sqrt(SamplingVariance.ofRocAuc(pos, positives, neg, n - positives, baseAuc));
                    columnAucSe[0] = se;
                    columnAucSe[1] = se;
                }
                curves.add(baseIsFirst
                        ? ThresholdCurves.of(codes.label(firstCode), baseAuc, pos, positives, neg, n - positives, false,
                                QualityCharts.MAX_POINTS)
                        : ThresholdCurves.of(codes.label(firstCode), otherAuc, neg, n - positives, pos, positives, true,
                                QualityCharts.MAX_POINTS));
            } else {
                baseAuc = columnAuc(base, baseCode, tally, n, baseColumn);
                if (baseIsFirst) {
                    binaryCurve(baseAuc, tally, n);
                }
                double[] complement = new double[n];
                for (int i = 0; i < n; i++) {
                    complement[i] = 1.0 - base[i];
                }
                otherAuc = columnAuc(complement, otherCode, tally, n, 1 - baseColumn);
                if (!baseIsFirst) {
                    binaryCurve(otherAuc, tally, n);
                }
            }
            return baseIsFirst ? new double[] {baseAuc, otherAuc} : new double[] {otherAuc, baseAuc};
        }

        /** The positive (first) class's curves, from the scratch arrays its column's ROC AUC just sorted. */
        private void binaryCurve(double auc, Tally tally, int n) {
            int positives = (int) tally.truthTotal(firstCode);
            if (positives > 0 && positives < n) {
                curves.add(ThresholdCurves.of(codes.label(firstCode), auc, scratchA, positives, scratchB, n - positives,
                        false, QualityCharts.MAX_POINTS));
            }
        }

        /** The ROC AUC of one column and, when asked for, its DeLong standard error in {@code columnAucSe[column]}. */
        private double columnAuc(double[] scores, int code, Tally tally, int n, int column) {
            int positives = (int) tally.truthTotal(code);
            if (positives == 0 || positives == n) {
                if (columnAucSe != null) {
                    columnAucSe[column] = Double.NaN;
                }
                return Double.NaN;
            }
            double auc = RocAuc.ofColumn(scores, truth, n, code, positives, scratchA, scratchB);
            if (columnAucSe != null) {
                columnAucSe[column] = Math.sqrt(SamplingVariance.ofRocAuc(scratchA, positives, scratchB, n - positives,
                        auc));
            }
            return auc;
        }

        /**
         * The standard errors of the metrics counted from the confusion matrix: accuracy and, with two
         * labels, precision, recall and the rates as proportions (Agresti–Caffo), F1 by the delta method;
         * with more, the macro averages by the delta method over the classes present.
         */
        private void countSpread(Tally tally, Scores model, int[] sortedLabels, int n) {
            spread.variance(ClassificationMetric.ACCURACY, SamplingVariance.ofProportion(tally.correct(), n), ONE_ROW);
            if (model.binaryCounts != null) {
                long tp = model.binaryCounts[0];
                long fp = model.binaryCounts[1];
                long fn = model.binaryCounts[2];
                long tn = model.binaryCounts[3];
                spread.variance(ClassificationMetric.PRECISION, SamplingVariance.ofProportion(tp, tp + fp), ONE_ROW);
                spread.variance(ClassificationMetric.RECALL, SamplingVariance.ofProportion(tp, tp + fn), ONE_ROW);
                spread.variance(ClassificationMetric.F1_SCORE, SamplingVariance.ofConfusion(tally.confusion(sortedLabels),
                        2, SamplingVariance.ConfusionStatistic.F1_OF_CLASS, model.positiveIndex), ONE_ROW);
                spread.variance(ClassificationMetric.TPR, SamplingVariance.ofProportion(tp, tp + fn), ONE_ROW);
                spread.variance(ClassificationMetric.TNR, SamplingVariance.ofProportion(tn, tn + fp), ONE_ROW);
                spread.variance(ClassificationMetric.FPR, SamplingVariance.ofProportion(fp, fp + tn), ONE_ROW);
                spread.variance(ClassificationMetric.FNR, SamplingVariance.ofProportion(fn, fn + tp), ONE_ROW);
                return;
            }
            int[] present = presentCodes(tally);
            ClassificationMetric[] macro = {ClassificationMetric.PRECISION, ClassificationMetric.RECALL,
                    ClassificationMetric.F1_SCORE};
            if (present.length < 2) {
                for (ClassificationMetric m : macro) {
                    spread.fail(m, "one class only (" + pythonList(present) + ") in the target and the predictions: "
                            + m.key() + " has no sampling distribution");
                }
                return;
            }
            long[] counts = tally.confusion(present);
            SamplingVariance.ConfusionStatistic[] statistics = {SamplingVariance.ConfusionStatistic.MACRO_PRECISION,
                    SamplingVariance.ConfusionStatistic.MACRO_RECALL, SamplingVariance.ConfusionStatistic.MACRO_F1};
            for (int i = 0; i < macro.length; i++) {
                spread.variance(macro[i], SamplingVariance.ofConfusion(counts, present.length, statistics[i], 0), ONE_ROW);
            }
        }

        /** The classes in the target or the predictions, sorted (the macro averages' classes). */
        private int[] presentCodes(Tally tally) {
            int[] sorted = sortedCodes(allCodes());
            int k = 0;
            for (int c : sorted) {
                if (tally.present(c)) {
                    sorted[k++] = c;
                }
            }
            return Arrays.copyOf(sorted, k);
        }

        /** The by-label metrics of the classes present in the target, sorted. */
        private List<LabelMetrics> byLabel(Tally tally, double[] columnAuc) {
            List<LabelMetrics> out = new ArrayList<>();
            for (int c : sortedCodes(allCodes())) {
                if (tally.truthTotal(c) == 0) {
                    continue;
                }
                double p = tally.precision(c);
                double r = tally.recall(c);
                double auc = Double.NaN;
                if (columnAuc != null) {
                    auc = 0.0; // Evidently reports a class without a probability column as 0.0
                    int[] cols = columns != null ? columnCodes : new int[] {firstCode, secondCode};
                    for (int j = 0; j < cols.length; j++) {
                        if (cols[j] == c) {
                            auc = columnAuc[j];
                        }
                    }
                }
                out.add(new LabelMetrics(codes.label(c), p, r, Tally.f1(p, r), auc));
            }
            return out;
        }

        /** What Evidently's ROC curve widget raises reading this side's uncleaned rows. */
        private void rocCurveFailures() {
            if (!probas) {
                fail(Stage.ROC_CURVE, current ? ROC_AUC_MISSING
                        : "ValueError: Roc Curve can be calculated only on binary probabilistic predictions");
                return;
            }
            if (rawAllNaNRow) {
                fail(Stage.ROC_CURVE, "ValueError: cannot convert float NaN to integer");
            } else if (targetKind == ClassLabel.Kind.TEXT && columns == null && rawNegativeMissing) {
                fail(Stage.ROC_CURVE, NEGATIVE_LABEL);
            } else if (columns != null && targetKind.isNumeric()) {
                fail(Stage.ROC_CURVE, "AttributeError: 'bool' object has no attribute 'astype'");
            } else if (rawProbabilityNaN) {
                fail(Stage.ROC_CURVE, "ValueError: Input contains NaN.");
            } else if (rawProbabilityInfinite) {
                fail(Stage.ROC_CURVE, "ValueError: Input contains infinity or a value too large for dtype('float64').");
            }
        }

        // ----- the dummy baseline (Evidently's ClassificationDummyMetric) -----

        /**
         * Evidently's stratified dummy: class shares of the target (most frequent first, ties in order of
         * appearance), {@code np.random.seed(0)}, one draw per row, scored like the model. Evidently draws
         * one label per uncleaned row and fails when rows were dropped; Driftwatch then draws one per
         * scored row.
         */
        private List<Baseline> dummy(int n, int[] sortedLabels) {
            int size = codes.size();
            long[] counts = new long[size];
            int[] firstSeen = new int[size];
            Arrays.fill(firstSeen, Integer.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                int c = truth[i];
                counts[c]++;
                if (firstSeen[c] == Integer.MAX_VALUE) {
                    firstSeen[c] = i;
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < size; c++) {
                if (counts[c] > 0) {
                    order.add(c);
                }
            }
            order.sort((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a])
                    : Integer.compare(firstSeen[a], firstSeen[b]));
            double[] shares = new double[order.size()];
            for (int k = 0; k < shares.length; k++) {
                shares[k] = (double) counts[order.get(k)] / n;
            }
            int[] draws = new MersenneTwister(0).choice(shares, n);
            int[] dummy = new int[n];
            for (int i = 0; i < n; i++) {
                dummy[i] = order.get(draws[i]);
            }
            Tally tally = Tally.of(truth, dummy, n, size);
            Scores s = scores(tally, sortedLabels);
            if (s.error != null) {
                return List.of();
            }
            double precision = s.precision;
            double recall = s.recall;
            double f1 = s.f1;
            double[] rates = s.rates;
            if (probas && labelCodes.length == 2) {
                double cp = threshold == 1.0 ? 1.0 : Math.min(1.0, 0.5 / (1 - threshold));
                double cr = Math.min(1.0, (1 - threshold) / 0.5);
                double denominator = precision * cp + recall * cr;
                f1 = denominator != 0 ? 2 * precision * cp * recall * cr / denominator : Double.NaN;
                precision *= cp;
                recall *= cr;
                if (rates != null) {
                    rates = new double[] {rates[0] * cr, rates[1] * cp, rates[2] * cr, rates[3] * cp};
                }
            }
            List<Baseline> out = new ArrayList<>();
            out.add(new Baseline("dummy_accuracy", ClassificationMetric.ACCURACY, s.accuracy));
            out.add(new Baseline("dummy_precision", ClassificationMetric.PRECISION, precision));
            out.add(new Baseline("dummy_recall", ClassificationMetric.RECALL, recall));
            out.add(new Baseline("dummy_f1_score", ClassificationMetric.F1_SCORE, f1));
            if (spec.hasProbabilities() && probas) {
                out.add(new Baseline("dummy_roc_auc", ClassificationMetric.ROC_AUC, 0.5));
                out.add(new Baseline("dummy_log_loss", ClassificationMetric.LOG_LOSS, dummyLogLoss(n)));
            }
            if (spec.task() == ModelTask.BINARY_CLASSIFICATION && rates != null) {
                out.add(new Baseline("dummy_tpr", ClassificationMetric.TPR, rates[0]));
                out.add(new Baseline("dummy_tnr", ClassificationMetric.TNR, rates[1]));
                out.add(new Baseline("dummy_fpr", ClassificationMetric.FPR, rates[2]));
                out.add(new Baseline("dummy_fnr", ClassificationMetric.FNR, rates[3]));
            }
            return out;
        }

        /**
         * Log loss of the uniform prediction {@code 1/K} against Evidently's indicator
         * {@code str(target) == label}, where the labels are not turned into text: integer labels match
         * no row and the loss is 0.0.
         */
        private double dummyLogLoss(int n) {
            int k = labelCodes.length;
            if (labelsNumeric) {
                return 0.0;
            }
            double u = LogLoss.clip(1.0 / k);
            double[] uniform = new double[k];
            Arrays.fill(uniform, u);
            double sum = PairwiseSummation.sum(uniform, 0, k);
            double perRow = -Math.log(u / sum);
            boolean[] isLabel = new boolean[codes.size()];
            for (int c : labelCodes) {
                isLabel[c] = true;
            }
            double[] loss = new double[n];
            for (int i = 0; i < n; i++) {
                if (isLabel[truth[i]]) {
                    loss[i] = perRow;
                }
            }
            return PairwiseSummation.mean(loss, 0, n);
        }

        // ----- helpers -----

        /** The class of a multiclass probability column's key, read as the target's kind; null if it is not one. */
        private ClassLabel classLabelOfKey(String key) {
            switch (targetKind) {
                case TEXT:
                    return ClassLabel.ofText(key);
                case INTEGER:
                    try {
                        String k = key.strip();
                        return ClassLabel.ofInteger(Long.parseLong(k.startsWith("+") ? k.substring(1) : k));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                case FLOAT:
                    try {
                        double v = Double.parseDouble(key.strip());
                        return Double.isFinite(v) ? ClassLabel.ofFloat(v) : null;
                    } catch (NumberFormatException e) {
                        return null;
                    }
                case BOOLEAN:
                    return key.equals("True") ? ClassLabel.ofBoolean(true)
                            : key.equals("False") ? ClassLabel.ofBoolean(false) : null;
                default:
                    throw new IllegalStateException(targetKind.name());
            }
        }

        /** The target's classes in order of appearance as a Python list, as Evidently prints them. */
        private String pythonList(int count) {
            int[] c = new int[count];
            for (int i = 0; i < count; i++) {
                c[i] = i;
            }
            return pythonList(c);
        }

        private String pythonList(int[] labelCodes) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < labelCodes.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(codes.label(labelCodes[i]).repr());
            }
            return sb.append(']').toString();
        }

        private int[] allCodes() {
            int[] all = new int[codes.size()];
            for (int c = 0; c < all.length; c++) {
                all[c] = c;
            }
            return all;
        }

        private int[] sortedCodes(int[] which) {
            Integer[] boxed = new Integer[which.length];
            for (int i = 0; i < which.length; i++) {
                boxed[i] = which[i];
            }
            Arrays.sort(boxed, (a, b) -> codes.label(a).compareTo(codes.label(b)));
            int[] out = new int[which.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = boxed[i];
            }
            return out;
        }

        /** NumPy's kind for the union of numeric labels: float over int over bool. */
        private ClassLabel.Kind labelsKind(int[] which) {
            ClassLabel.Kind widest = null;
            for (int c : which) {
                ClassLabel.Kind k = codes.label(c).kind();
                if (widest == null || k == ClassLabel.Kind.FLOAT
                        || (k == ClassLabel.Kind.INTEGER && widest == ClassLabel.Kind.BOOLEAN)) {
                    widest = k;
                }
            }
            return widest;
        }

        /** scikit-learn's {@code type_of_target} of coded classes: continuous, binary or multiclass. */
        private String typeOfClasses(int[] coded, int n) {
            boolean[] seen = new boolean[codes.size()];
            int distinct = 0;
            boolean fractional = false;
            for (int i = 0; i < n; i++) {
                int c = coded[i];
                if (!seen[c]) {
                    seen[c] = true;
                    distinct++;
                    ClassLabel l = codes.label(c);
                    if (l.kind() == ClassLabel.Kind.FLOAT && l.number() != Math.rint(l.number())) {
                        fractional = true;
                    }
                }
            }
            return fractional ? "continuous" : distinct > 2 ? "multiclass" : "binary";
        }

        /** Whether the floats {@code x[0, n)} are all whole numbers (else scikit-learn calls them continuous). */
        private boolean allWhole(double[] x, int n) {
            for (int i = 0; i < n; i++) {
                if (x[i] != Math.rint(x[i])) {
                    return false;
                }
            }
            return true;
        }

        private int[] codesInOrderOfAppearance(int[] coded, int n) {
            boolean[] seen = new boolean[codes.size()];
            int[] out = new int[codes.size()];
            int k = 0;
            for (int i = 0; i < n; i++) {
                int c = coded[i];
                if (!seen[c]) {
                    seen[c] = true;
                    out[k++] = c;
                }
            }
            return Arrays.copyOf(out, k);
        }

        /**
         * Evidently's ROC curve widget derives the negative class from the uncleaned target, where a
         * missing cell is a label too: when the last label other than {@code pos_label} (or the
         * column's name) is a missing cell, it has no negative class.
         */
        private void rawLabelOrder(int[] cells, String[] dictionary, String columnName) {
            boolean[] seen = new boolean[dictionary.length];
            boolean missingSeen = false;
            boolean columnIsNegative = false;
            for (String label : dictionary) {
                if (label.equals(columnName) && !ClassLabel.ofText(label).matches(pos)) {
                    columnIsNegative = true;
                }
            }
            boolean lastOtherIsMissing = false;
            for (int cell : cells) {
                if (cell < 0) {
                    if (!missingSeen) {
                        missingSeen = true;
                        lastOtherIsMissing = true;
                    }
                } else if (!seen[cell]) {
                    seen[cell] = true;
                    if (!ClassLabel.ofText(dictionary[cell]).matches(pos)) {
                        lastOtherIsMissing = false;
                    }
                }
            }
            rawNegativeMissing = !columnIsNegative && lastOtherIsMissing;
        }

        /** Marks the rows of missing or infinite values, noting which the uncleaned column holds. */
        private void markProbabilities(double[] values, boolean[] drop) {
            boolean nan = false;
            boolean infinite = false;
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    drop[i] = true;
                    if (v != v) {
                        nan = true;
                    } else {
                        infinite = true;
                    }
                }
            }
            rawProbabilityNaN |= nan;
            rawProbabilityInfinite |= infinite;
        }

        private String tooManyClasses(String what) {
            return "the " + what + " holds more than " + LabelCodes.MAX_CLASSES
                    + " classes: is the model a regression?";
        }
    }

    /** A model's (or the dummy's) scores. */
    private static final class Scores {
        double accuracy;
        double precision;
        double recall;
        double f1;
        /** TPR, TNR, FPR, FNR; null unless there are two labels. */
        double[] rates;
        /** Two labels: TP, FP, FN, TN of {@code pos_label}; null otherwise. */
        long[] binaryCounts;
        /** Two labels: the index of {@code pos_label} among the sorted labels. */
        int positiveIndex;
        /** Why the predictions could not be scored, or null. */
        String error;
        /** What Evidently raises there. */
        String evidentlyError;
    }

    /** The mean of standard errors: the ROC AUC's, an upper bound for a mean of correlated areas. */
    private static double meanOf(double[] se) {
        if (se == null || se.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : se) {
            sum += v;
        }
        return sum / se.length;
    }

    /** The label kind of a column after its pandas dtype; null for timestamps. */
    static ClassLabel.Kind kindOf(Column column) {
        return switch (column.physicalType()) {
            case INTEGER -> ClassLabel.Kind.INTEGER;
            case FLOAT -> ClassLabel.Kind.FLOAT;
            case BOOLEAN -> ClassLabel.Kind.BOOLEAN;
            case STRING -> ClassLabel.Kind.TEXT;
            case TIMESTAMP -> null;
        };
    }

    private static String kindName(ClassLabel.Kind kind) {
        return switch (kind) {
            case INTEGER -> "integer";
            case FLOAT -> "float";
            case BOOLEAN -> "boolean";
            case TEXT -> "text";
        };
    }

    private static void markNonFinite(double[] values, boolean[] drop) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                drop[i] = true;
            }
        }
    }

    private static void markMissing(int[] cells, boolean[] drop) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] < 0) {
                drop[i] = true;
            }
        }
    }

    private static boolean anyAllNaNRow(double[][] columns, int rows) {
        for (int i = 0; i < rows; i++) {
            boolean allNaN = true;
            for (double[] c : columns) {
                if (!Double.isNaN(c[i])) {
                    allNaN = false;
                    break;
                }
            }
            if (allNaN) {
                return true;
            }
        }
        return false;
    }

    private static double[] compact(double[] values, boolean[] drop) {
        if (values == null) {
            return null;
        }
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (!drop[i]) {
                values[k++] = values[i];
            }
        }
        return values;
    }

    private static int[] compact(int[] values, boolean[] drop) {
        if (values == null) {
            return null;
        }
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (!drop[i]) {
                values[k++] = values[i];
            }
        }
        return values;
    }
}
