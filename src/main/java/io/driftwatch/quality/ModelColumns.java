package io.driftwatch.quality;

import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a model's columns on a batch before anything is scored (the reference, when a monitor is
 * created or a check starts): every column the {@code model:} section names is there, a regression's
 * target and prediction are numbers, and every probability is a number between 0 and 1. Each problem
 * names the field of the monitor definition it comes from, so the caller can point at its line.
 *
 * <p>Thread-safe: stateless.
 */
public final class ModelColumns {
    private ModelColumns() {
    }

    /**
     * A problem with one field of the {@code model:} section on a batch.
     *
     * @param field the field's path in the monitor definition ({@code model.probabilities.setosa})
     * @param message what is wrong, naming the column and, for a value, the row (1-based, data rows)
     */
    public record Problem(String field, String message) {
    }

    /** The problems of {@code spec}'s columns on {@code batch}, called {@code batchName} in messages; empty when none. */
    public static List<Problem> problems(ModelSpec spec, Table batch, String batchName) {
        List<Problem> problems = new ArrayList<>();
        boolean regression = !spec.task().isClassification();
        column(problems, batch, batchName, "model.target", spec.target(), regression ? "a number" : null);
        if (spec.prediction() != null) {
            column(problems, batch, batchName, "model.prediction", spec.prediction(), regression ? "a number" : null);
        }
        if (spec.probability() != null) {
            probability(problems, batch, batchName, "model.probabilities", spec.probability());
        }
        for (Map.Entry<String, String> e : spec.classProbabilities().entrySet()) {
            probability(problems, batch, batchName, "model.probabilities." + e.getKey(), e.getValue());
        }
        return List.copyOf(problems);
    }

    private static Optional<Column> column(List<Problem> problems, Table batch, String batchName, String field,
            String name, String mustBe) {
        Optional<Column> column = batch.column(name);
        if (column.isEmpty()) {
            problems.add(new Problem(field, batchName + " has no column '" + name + "'"));
            return Optional.empty();
        }
        if (mustBe != null && column.get() instanceof CategoricalColumn categories) {
            problems.add(new Problem(field, "column '" + name + "' of " + batchName + " must hold " + mustBe
                    + firstText(categories)));
            return Optional.empty();
        }
        return column;
    }

    private static void probability(List<Problem> problems, Table batch, String batchName, String field, String name) {
        Optional<Column> column = column(problems, batch, batchName, field, name, "probabilities (numbers from 0 to 1)");
        if (column.isEmpty()) {
            return;
        }
        NumericColumn numbers = (NumericColumn) column.get();
        int n = numbers.length();
        for (int i = 0; i < n; i++) {
            double p = numbers.value(i);
            if (p < 0 || p > 1) {
                problems.add(new Problem(field, "column '" + name + "' of " + batchName + " holds " + p + " at row "
                        + (i + 1) + "; probabilities are between 0 and 1"));
                return;
            }
        }
    }

    /**
     * The first cell that is not a number (a column read as text because of it), else the first cell
     * (a column stored as text whose cells all look like numbers).
     */
    private static String firstText(CategoricalColumn column) {
        int first = -1;
        for (int i = 0; i < column.length(); i++) {
            if (column.isMissing(i)) {
                continue;
            }
            if (!looksLikeANumber(column.labelAt(i))) {
                return ", found '" + column.labelAt(i) + "' at row " + (i + 1);
            }
            first = first < 0 ? i : first;
        }
        return first < 0 ? "" : ", found text such as '" + column.labelAt(first) + "' at row " + (first + 1);
    }

    private static boolean looksLikeANumber(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
