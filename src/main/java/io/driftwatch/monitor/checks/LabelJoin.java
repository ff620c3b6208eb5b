package io.driftwatch.monitor.checks;

import io.driftwatch.monitor.ConflictException;
import io.driftwatch.store.JoinedPredictions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of posted labels does to what is stored, in two steps around the database's one join:
 * {@link #distinct} folds the batch to one label per id (a repeated id with the same label is a
 * duplicate; with another label the batch is refused), and {@link #classify} sorts each distinct id,
 * from its join to the monitor's logged predictions and stored labels, into unknown (no prediction),
 * known already (a stored label: the same, a duplicate; another, a conflict that refuses the batch) or
 * new, and gathers each window's newly labelled predictions.
 *
 * <p>Per-row loops over arrays; one sort of the batch's ids. Thread-safe: stateless.
 */
final class LabelJoin {
    private LabelJoin() {
    }

    /**
     * The distinct ids of a posted batch, each with its label and the batch row that gave it first.
     *
     * @param repeats rows that repeat an id given earlier in the batch (with the same label)
     */
    record Distinct(String[] ids, String[] labels, int[] firstRows, int size, int[] distinctOfRow, int repeats) {
    }

    /**
     * What the labels do.
     *
     * @param newIds the ids to store, with {@code newLabels}, {@code newCount} of them
     * @param unknown rows of the batch whose id no logged prediction has
     * @param unknownIds the first {@code listed} of those ids, in the batch's order
     * @param windows each reached window's newly labelled predictions (rows of the join), by check id
     */
    record Outcome(String[] newIds, String[] newLabels, int newCount, int unknown, List<String> unknownIds,
            Map<String, Rows> windows) {
    }

    /**
     * The batch folded to one label per id, the ids in sorted order (Java's order of UTF-16 units: the
     * order the store writes labels in, so it need not sort them again).
     *
     * @throws ConflictException when the batch gives one id two different labels (the first such row
     *     of the batch is named)
     */
    static Distinct distinct(PostedLabels posted) {
        int n = posted.size();
        String[] rowIds = posted.rowIds();
        String[] labels = posted.labels();
        Keyed[] keyed = new Keyed[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = new Keyed(rowIds[i], i);
        }
        // stable: rows of one id stay in the batch's order
        Arrays.parallelSort(keyed, BY_ID);
        String[] ids = new String[n];
        String[] distinctLabels = new String[n];
        int[] firstRows = new int[n];
        int[] distinctOfRow = new int[n];
        int size = 0;
        int repeats = 0;
        int conflictRow = -1;
        int conflictWith = -1;
        for (int k = 0; k < n; k++) {
            int row = keyed[k].row;
            if (size == 0 || !keyed[k].id.equals(ids[size - 1])) {
                ids[size] = keyed[k].id;
                distinctLabels[size] = labels[row];
                firstRows[size] = row;
                distinctOfRow[row] = size++;
                continue;
            }
            int d = size - 1;
            if (!distinctLabels[d].equals(labels[row]) && (conflictRow < 0 || row < conflictRow)) {
                conflictRow = row;
                conflictWith = d;
            }
            distinctOfRow[row] = d;
            repeats++;
        }
        if (conflictRow >= 0) {
            throw conflict(rowIds[conflictRow], conflictRow, labels[conflictRow], "the same labels gave it '"
                    + distinctLabels[conflictWith] + "' at data row " + (firstRows[conflictWith] + 1));
        }
        return new Distinct(ids, distinctLabels, firstRows, size, distinctOfRow, repeats);
    }

    private record Keyed(String id, int row) {
    }

    private static final Comparator<Keyed> BY_ID = (a, b) -> a.id.compareTo(b.id);

    /**
     * Sorts the distinct ids by their join to the monitor's predictions and labels ({@code joined},
     * staged at positions {@code 0..size-1}).
     *
     * @param listed how many unknown ids to list
     * @throws ConflictException when an id has a stored label other than the posted one (the first such
     *     row of the batch is named)
     */
    static Outcome classify(Distinct d, JoinedPredictions joined, int listed) {
        int size = d.size();
        boolean[] known = new boolean[size];
        boolean[] stored = new boolean[size];
        int conflict = -1;
        String conflictWith = null;
        Map<String, Rows> rowsByWindow = new LinkedHashMap<>();
        int n = joined.size();
        for (int r = 0; r < n; r++) {
            int u = joined.stagedPositions()[r];
            String check = joined.checkIds()[r];
            if (check == null) {
                continue;
            }
            known[u] = true;
            String label = joined.labels()[r];
            if (label != null) {
                stored[u] = true;
                if (!label.equals(d.labels()[u]) && (conflict < 0 || d.firstRows()[u] < d.firstRows()[conflict])) {
                    conflict = u;
                    conflictWith = label;
                }
                continue;
            }
            Rows rows = rowsByWindow.get(check);
            if (rows == null) {
                rows = new Rows();
                rowsByWindow.put(check, rows);
            }
            rows.add(r);
        }
        if (conflict >= 0) {
            throw conflict(d.ids()[conflict], d.firstRows()[conflict], d.labels()[conflict], "it has the label '"
                    + conflictWith + "' already");
        }
        String[] newIds = new String[size];
        String[] newLabels = new String[size];
        int fresh = 0;
        for (int u = 0; u < size; u++) {
            if (known[u] && !stored[u]) {
                newIds[fresh] = d.ids()[u];
                newLabels[fresh++] = d.labels()[u];
            }
        }
        int unknown = 0;
        List<String> unknownIds = new ArrayList<>();
        int[] distinctOfRow = d.distinctOfRow();
        for (int i = 0; i < distinctOfRow.length; i++) {
            int u = distinctOfRow[i];
            if (!known[u]) {
                unknown++;
                if (unknownIds.size() < listed && d.firstRows()[u] == i) {
                    unknownIds.add(d.ids()[u]);
                }
            }
        }
        return new Outcome(newIds, newLabels, fresh, unknown, unknownIds, rowsByWindow);
    }

    /**
     * A window's newly labelled predictions: its {@code selected} rows of {@code joined}, in batch order,
     * each with its posted label.
     *
     * @param loggedAt when the window's predictions were logged (its check's time)
     * @param receivedAt when the labels were received
     */
    static JoinedPredictions window(JoinedPredictions joined, Rows selected, Distinct d, Instant loggedAt,
            Instant receivedAt) {
        int[] rows = selected.rows;
        int count = selected.count;
        long[] byPosition = new long[count];
        for (int k = 0; k < count; k++) {
            byPosition[k] = ((long) joined.predictionPositions()[rows[k]] << 32) | rows[k];
        }
        Arrays.sort(byPosition);
        int[] positions = new int[count];
        String[] predictedLabels = new String[count];
        double[] predictedValues = new double[count];
        double[] probability = new double[count];
        String[] probabilities = new String[count];
        long[] logged = new long[count];
        String[] labels = new String[count];
        long[] received = new long[count];
        for (int k = 0; k < count; k++) {
            int r = (int) byPosition[k];
            positions[k] = joined.predictionPositions()[r];
            predictedLabels[k] = joined.predictedLabels()[r];
            predictedValues[k] = joined.predictedValues()[r];
            probability[k] = joined.probability()[r];
            probabilities[k] = joined.probabilities()[r];
            logged[k] = loggedAt.toEpochMilli();
            labels[k] = d.labels()[joined.stagedPositions()[r]];
            received[k] = receivedAt.toEpochMilli();
        }
        return new JoinedPredictions(count, null, null, positions, predictedLabels, predictedValues, probability,
                probabilities, logged, labels, received);
    }

    /** A growing list of row numbers, without boxing. */
    static final class Rows {
        int[] rows = new int[64];
        int count;

        void add(int row) {
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, count * 2);
            }
            rows[count++] = row;
        }
    }

    private static ConflictException conflict(String rowId, int row, String label, String other) {
        return new ConflictException("row id '" + rowId + "' is labelled '" + label + "' at data row " + (row + 1)
                + " of the labels, but " + other + "; a label cannot change, and nothing of this request was stored",
                "model.target");
    }
}
