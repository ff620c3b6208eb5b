package io.driftwatch.monitor.checks;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.store.JoinedPredictions;
import io.driftwatch.store.PredictionBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a checked batch's predictions are kept for labels that arrive later, both ways: the rows to log
 * from the batch's table ({@link #of}: its id column, prediction and probabilities), and, once labels
 * are joined to them, the table of a window's labelled rows to score ({@link #labelledTable}), typed as
 * the reference's kept rows are, so that the labels parse as the reference's target did ({@code 1} is
 * a whole-number class when the reference's target holds whole numbers, text when it holds text).
 *
 * <p>Rows without an id (a missing cell, an empty or too long one) are not logged: no label could
 * reach them. A predicted label longer than {@value PredictionBatch#MAX_TEXT} characters is kept as
 * missing (no label that long is accepted either). Multiclass probabilities are kept as numbers
 * joined by {@code ','} in the order of {@code model.probabilities} (an empty field when missing).
 *
 * <p>Thread-safe: stateless.
 */
final class PredictionLog {
    private PredictionLog() {
    }

    /**
     * The predictions of {@code batch} to log, or null when the batch has no column {@code idColumn}
     * (nothing can be joined to it later).
     */
    static PredictionBatch of(String checkId, String monitorId, Instant loggedAt, ModelSpec spec, String idColumn,
            Table batch) {
        Optional<Column> ids = batch.column(idColumn);
        if (ids.isEmpty()) {
            return null;
        }
        int n = batch.rowCount();
        Column id = ids.get();
        Column prediction = spec.prediction() == null ? null : batch.column(spec.prediction()).orElse(null);
        NumericColumn probability = spec.probability() == null ? null
                : batch.column(spec.probability()).filter(c -> c instanceof NumericColumn)
                        .map(c -> (NumericColumn) c).orElse(null);
        List<Column> classColumns = new ArrayList<>();
        for (String column : spec.classProbabilities().values()) {
            batch.column(column).ifPresent(classColumns::add);
        }
        boolean multiclass = !classColumns.isEmpty() && classColumns.size() == spec.classProbabilities().size();

        int[] positions = new int[n];
        String[] rowIds = new String[n];
        String[] labels = prediction instanceof CategoricalColumn ? new String[n] : null;
        double[] values = prediction instanceof NumericColumn ? new double[n] : null;
        double[] probabilities = probability == null ? null : new double[n];
        String[] classProbabilities = multiclass ? new String[n] : null;
        int size = 0;
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String rowId = CellText.of(id, i);
            if (rowId == null || rowId.isEmpty() || rowId.length() > PredictionBatch.MAX_TEXT) {
                continue;
            }
            positions[size] = i;
            rowIds[size] = rowId;
            if (labels != null) {
                String label = ((CategoricalColumn) prediction).labelAt(i);
                labels[size] = label != null && label.length() <= PredictionBatch.MAX_TEXT ? label : null;
            }
            if (values != null) {
                values[size] = ((NumericColumn) prediction).value(i);
            }
            if (probabilities != null) {
                probabilities[size] = probability.value(i);
            }
            if (classProbabilities != null) {
                joined.setLength(0);
                for (int k = 0; k < classColumns.size(); k++) {
                    if (k > 0) {
                        joined.append(',');
                    }
                    String cell = CellText.of(classColumns.get(k), i);
                    if (cell != null) {
                        joined.append(cell);
                    }
                }
                classProbabilities[size] = joined.toString();
            }
            size++;
        }
        return new PredictionBatch(checkId, monitorId, loggedAt, size, positions, rowIds, labels, values,
                probabilities, classProbabilities);
    }

    /**
     * The table of a window's labelled rows: the target from the labels, the prediction and the
     * probabilities from the log, under the model's column names and typed as {@code reference} (the
     * reference's kept rows, when the profile has them) types them.
     */
    static Table labelledTable(ModelSpec spec, JoinedPredictions rows, Optional<Table> reference) {
        int n = rows.size();
        List<Column> columns = new ArrayList<>();
        columns.add(fromText(spec.target(), rows.labels(), n, type(reference, spec.target())));
        if (spec.prediction() != null) {
            boolean text = false;
            for (int i = 0; i < n && !text; i++) {
                text = rows.predictedLabels()[i] != null;
            }
            PhysicalType declared = type(reference, spec.prediction());
            if (text || declared == PhysicalType.STRING) {
                String[] labels = rows.predictedLabels();
                if (!text) {
                    labels = new String[n];
                    for (int i = 0; i < n; i++) {
                        double v = rows.predictedValues()[i];
                        labels[i] = Double.isNaN(v) ? null : CellText.number(v);
                    }
                }
                columns.add(categorical(spec.prediction(), labels, n));
            } else {
                columns.add(numeric(spec.prediction(), java.util.Arrays.copyOf(rows.predictedValues(), n), n,
                        declared));
            }
        }
        if (spec.probability() != null) {
            columns.add(NumericColumn.wrap(spec.probability(), PhysicalType.FLOAT,
                    java.util.Arrays.copyOf(rows.probability(), n), n));
        }
        if (!spec.classProbabilities().isEmpty()) {
            List<String> names = new ArrayList<>(spec.classProbabilities().values());
            double[][] values = new double[names.size()][n];
            for (int i = 0; i < n; i++) {
                split(rows.probabilities()[i], values, i);
            }
            for (int k = 0; k < names.size(); k++) {
                columns.add(NumericColumn.wrap(names.get(k), PhysicalType.FLOAT, values[k], n));
            }
        }
        return Table.of(columns);
    }

    /** Fills {@code values[k][row]} from {@code joined} ("0.1,0.7,0.2"); NaN where a field is empty or absent. */
    private static void split(String joined, double[][] values, int row) {
        int start = 0;
        for (int k = 0; k < values.length; k++) {
            double v = Double.NaN;
            if (joined != null && start <= joined.length()) {
                int end = joined.indexOf(',', start);
                if (end < 0) {
                    end = joined.length();
                }
                if (end > start) {
                    v = parse(joined.substring(start, end));
                }
                start = end + 1;
            }
            values[k][row] = v;
        }
    }

    /** The physical type of {@code column} among the reference's kept rows; null when unknown. */
    private static PhysicalType type(Optional<Table> reference, String column) {
        return reference.flatMap(t -> t.column(column)).map(Column::physicalType).orElse(null);
    }

    /**
     * A column of {@code texts} typed as {@code declared}: text for a text column; else numbers, whole
     * numbers or true/false as the values allow (text when a value is not a number).
     */
    private static Column fromText(String name, String[] texts, int n, PhysicalType declared) {
        if (declared == PhysicalType.STRING) {
            return categorical(name, texts, n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = texts[i] == null ? Double.NaN : parse(texts[i]);
            if (texts[i] != null && Double.isNaN(values[i])) {
                return categorical(name, texts, n);
            }
        }
        return numeric(name, values, n, declared);
    }

    /** Numbers typed as {@code declared} allows: true/false when all are 0 or 1, whole numbers when all are whole. */
    private static NumericColumn numeric(String name, double[] values, int n, PhysicalType declared) {
        boolean whole = true;
        boolean binary = true;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            whole &= v == Math.rint(v);
            binary &= v == 0 || v == 1;
        }
        PhysicalType type;
        if (declared == PhysicalType.BOOLEAN && binary) {
            type = PhysicalType.BOOLEAN;
        } else if ((declared == null || declared == PhysicalType.INTEGER) && whole) {
            type = PhysicalType.INTEGER;
        } else {
            type = PhysicalType.FLOAT;
        }
        return NumericColumn.wrap(name, type, values, n);
    }

    private static CategoricalColumn categorical(String name, String[] labels, int n) {
        CategoricalColumnBuilder b = new CategoricalColumnBuilder(name, n);
        for (int i = 0; i < n; i++) {
            if (labels[i] == null) {
                b.appendMissing();
            } else {
                b.append(labels[i]);
            }
        }
        return b.build();
    }

    /** The number {@code text} writes (a label or probability as the log keeps it), or NaN when it is not one. */
    private static double parse(String text) {
        int n = text.length();
        if (n > 0 && n <= 9) {
            // whole numbers, the usual class labels, without the general parser
            int i = text.charAt(0) == '-' && n > 1 ? 1 : 0;
            int value = 0;
            for (int k = i; k < n && value >= 0; k++) {
                char ch = text.charAt(k);
                value = ch >= '0' && ch <= '9' ? value * 10 + (ch - '0') : -1;
            }
            if (value >= 0) {
                return i == 1 ? -value : value;
            }
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
