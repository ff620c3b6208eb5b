package io.driftwatch.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the quality analysis needs to know about a model: the monitor's {@code model:} section
 * (task, target, prediction, probabilities, {@code pos_label}, {@code probas_threshold}), in
 * Evidently's terms ({@code BinaryClassification}, {@code MulticlassClassification},
 * {@code Regression} of a {@code DataDefinition}, and {@code ClassificationPreset(probas_threshold)}).
 *
 * <p>Which prediction is scored follows Evidently: multiclass probabilities when given; else the
 * binary probability column when given (the label column is then ignored, as Evidently ignores it);
 * else the predicted labels.
 *
 * <p>Thread-safe: immutable.
 *
 * @param task what the model predicts
 * @param target the column of true labels (or true values for a regression)
 * @param prediction the predicted label (or value) column, or null
 * @param probability binary: the column holding the probability of the positive class, or null
 * @param classProbabilities multiclass: one probability column per class, in order, keyed by the
 *     class as text (Evidently names the columns by their class); empty otherwise
 * @param posLabel binary: the positive class; null means not given, which Evidently reads as
 *     {@code 1}
 * @param probasThreshold binary with probabilities: the probability from which the positive class
 *     is predicted (Evidently's {@code probas_threshold}); empty means not given (0.5)
 */
public record ModelSpec(ModelTask task, String target, String prediction, String probability,
        Map<String, String> classProbabilities, ClassLabel posLabel, OptionalDouble probasThreshold) {

    /** Evidently's positive class when none is given. */
    public static final ClassLabel DEFAULT_POS_LABEL = ClassLabel.ofInteger(1);

    public ModelSpec {
        Objects.requireNonNull(task, "task");
        requireName(target, "target");
        classProbabilities = Collections.unmodifiableMap(new LinkedHashMap<>(
                classProbabilities == null ? Map.of() : classProbabilities));
        probasThreshold = probasThreshold == null ? OptionalDouble.empty() : probasThreshold;
        if (prediction != null) {
            requireName(prediction, "prediction");
        }
        if (probability != null) {
            requireName(probability, "probabilities");
        }
        for (Map.Entry<String, String> e : classProbabilities.entrySet()) {
            requireName(e.getKey(), "probabilities (class)");
            requireName(e.getValue(), "probabilities." + e.getKey());
        }
        switch (task) {
            case REGRESSION -> {
                if (prediction == null) {
                    throw new IllegalArgumentException("prediction: a regression needs the predicted value's column");
                }
                if (probability != null || !classProbabilities.isEmpty()) {
                    throw new IllegalArgumentException("probabilities: a regression has none");
                }
                if (posLabel != null) {
                    throw new IllegalArgumentException("pos_label: applies to binary classification only");
                }
                if (probasThreshold.isPresent()) {
                    throw new IllegalArgumentException("probas_threshold: applies to binary classification only");
                }
            }
            case BINARY_CLASSIFICATION -> {
                if (!classProbabilities.isEmpty()) {
                    throw new IllegalArgumentException(
                            "probabilities: a binary classifier has one column, the probability of pos_label");
                }
                if (prediction == null && probability == null) {
                    throw new IllegalArgumentException("prediction: give the predicted label or probabilities column");
                }
            }
            case MULTICLASS_CLASSIFICATION -> {
                if (probability != null) {
                    throw new IllegalArgumentException(
                            "probabilities: a multiclass classifier has one column per class ({class: column, …})");
                }
                if (!classProbabilities.isEmpty() && classProbabilities.size() < 3) {
                    throw new IllegalArgumentException("probabilities: a multiclass classifier needs at least 3 classes, got "
                            + classProbabilities.size());
                }
                if (prediction == null && classProbabilities.isEmpty()) {
                    throw new IllegalArgumentException("prediction: give the predicted label or probabilities columns");
                }
                if (posLabel != null) {
                    throw new IllegalArgumentException("pos_label: applies to binary classification only");
                }
                if (probasThreshold.isPresent()) {
                    throw new IllegalArgumentException("probas_threshold: applies to binary classification only");
                }
            }
        }
        if (probasThreshold.isPresent()) {
            double t = probasThreshold.getAsDouble();
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("probas_threshold: must be between 0 and 1, got " + t);
            }
        }
    }

    /** A regression of {@code target} predicted by {@code prediction}. */
    public static ModelSpec regression(String target, String prediction) {
        return new ModelSpec(ModelTask.REGRESSION, target, prediction, null, Map.of(), null, OptionalDouble.empty());
    }

    /**
     * A binary classifier of {@code target}: a predicted label column, a probability column (of the
     * positive class), or both (then, as in Evidently, the probabilities are scored).
     */
    public static ModelSpec binary(String target, String prediction, String probability) {
        return new ModelSpec(ModelTask.BINARY_CLASSIFICATION, target, prediction, probability, Map.of(), null,
                OptionalDouble.empty());
    }

    /**
     * A multiclass classifier of {@code target}: a predicted label column, or one probability column
     * per class ({@code classProbabilities}, in order), or both (then the probabilities are scored).
     */
    public static ModelSpec multiclass(String target, String prediction, Map<String, String> classProbabilities) {
        return new ModelSpec(ModelTask.MULTICLASS_CLASSIFICATION, target, prediction, null, classProbabilities, null,
                OptionalDouble.empty());
    }

    /** This binary classifier with {@code posLabel} as the positive class. */
    public ModelSpec withPosLabel(ClassLabel posLabel) {
        if (task != ModelTask.BINARY_CLASSIFICATION) {
            throw new IllegalArgumentException("pos_label: applies to binary classification only");
        }
        return new ModelSpec(task, target, prediction, probability, classProbabilities, posLabel, probasThreshold);
    }

    /** This binary classifier with {@code probas_threshold} {@code threshold}. */
    public ModelSpec withProbasThreshold(double threshold) {
        return new ModelSpec(task, target, prediction, probability, classProbabilities, posLabel,
                OptionalDouble.of(threshold));
    }

    /** The positive class: the one given, else Evidently's default {@code 1}. */
    public ClassLabel effectivePosLabel() {
        return posLabel == null ? DEFAULT_POS_LABEL : posLabel;
    }

    /** The columns the model's quality is scored from: target, prediction and probabilities, as named. */
    public java.util.List<String> columns() {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(target);
        if (prediction != null) {
            out.add(prediction);
        }
        if (probability != null) {
            out.add(probability);
        }
        out.addAll(classProbabilities.values());
        return java.util.List.copyOf(out);
    }

    /** Whether probabilities are given (Evidently then adds ROC AUC and log loss to the preset). */
    public boolean hasProbabilities() {
        return probability != null || !classProbabilities.isEmpty();
    }

    private static void requireName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(field + ": a column name is required");
        }
    }
}
