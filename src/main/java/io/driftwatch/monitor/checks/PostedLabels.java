package io.driftwatch.monitor.checks;

import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.store.PredictionBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels of a posted batch: for each row, the id of the prediction it labels and the label, both
 * as text ({@link CellText}). Every row must have both: a missing id or label, or one longer than
 * {@value PredictionBatch#MAX_TEXT} characters, refuses the whole batch naming its line (CSV; the data
 * row for Arrow) and column; so does a text label where the reference's target holds numbers.
 *
 * <p>Holds its arrays without copying. Thread-safe: effectively immutable.
 *
 * @param rowIds the ids, row by row
 * @param labels the labels, row by row
 * @param size how many rows
 */
record PostedLabels(String[] rowIds, String[] labels, int size) {

    /**
     * The labels of {@code table}, read from the columns named {@code idColumn} and {@code targetColumn}.
     *
     * @param source what messages call the batch, e.g. {@code the labels (dataset 3f9a…)}
     * @param referenceTarget the physical type of the reference's target, or null when unknown
     * @param csv whether the batch was CSV (messages name lines) or Arrow (messages name data rows)
     * @throws InvalidLabelsException when a column is missing or a row has no id or no label
     */
    static PostedLabels read(Table table, String source, String idColumn, String targetColumn,
            PhysicalType referenceTarget, boolean csv, String monitorId) {
        Column ids = column(table, source, idColumn, "the id column", "model.id", monitorId);
        Column targets = column(table, source, targetColumn, "the target", "model.target", monitorId);
        int idIndex = table.columns().indexOf(ids) + 1;
        int targetIndex = table.columns().indexOf(targets) + 1;
        if (referenceTarget != null && referenceTarget != PhysicalType.STRING && !(targets instanceof NumericColumn)) {
            for (int i = 0; i < targets.length(); i++) {
                String label = CellText.of(targets, i);
                if (label != null) {
                    throw new InvalidLabelsException("model.target", at(source, csv, i, targetIndex, targetColumn)
                            + ": the label '" + label + "' is text, but the reference's target holds "
                            + referenceTarget.describe());
                }
            }
        }
        int n = table.rowCount();
        String[] rowIds = new String[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            String id = CellText.of(ids, i);
            if (id == null || id.isEmpty()) {
                throw new InvalidLabelsException("model.id", at(source, csv, i, idIndex, idColumn)
                        + ": the id is empty; every label needs the id of the prediction it labels");
            }
            if (id.length() > PredictionBatch.MAX_TEXT) {
                throw new InvalidLabelsException("model.id", at(source, csv, i, idIndex, idColumn) + ": the id has "
                        + id.length() + " characters, more than the " + PredictionBatch.MAX_TEXT + " an id may have");
            }
            String label = CellText.of(targets, i);
            if (label == null || label.isEmpty()) {
                throw new InvalidLabelsException("model.target", at(source, csv, i, targetIndex, targetColumn)
                        + ": the label is missing; leave out the rows whose label is not known yet");
            }
            if (label.length() > PredictionBatch.MAX_TEXT) {
                throw new InvalidLabelsException("model.target", at(source, csv, i, targetIndex, targetColumn)
                        + ": the label has " + label.length() + " characters, more than the "
                        + PredictionBatch.MAX_TEXT + " a label may have");
            }
            rowIds[i] = id;
            labels[i] = label;
        }
        return new PostedLabels(rowIds, labels, n);
    }

    private static Column column(Table table, String source, String name, String role, String field,
            String monitorId) {
        return table.column(name).orElseThrow(() -> {
            List<String> names = new ArrayList<>();
            for (Column c : table.columns()) {
                names.add(c.name());
            }
            return new InvalidLabelsException(field, source + " has no column '" + name + "', " + role
                    + " of monitor '" + monitorId + "' (" + field + "); its columns are: " + String.join(", ", names));
        });
    }

    /**
     * {@code the labels (dataset 3f9a…), line 7, column 2 ('churned')} for CSV (the header is line 1),
     * {@code …, row 6, column 2 ('churned')} for Arrow.
     */
    private static String at(String source, boolean csv, int row, int column, String name) {
        return source + ", " + (csv ? "line " + (row + 2) : "row " + (row + 1)) + ", column " + column + " ('" + name
                + "')";
    }
}
