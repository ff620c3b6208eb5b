package io.driftwatch.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The bulk paths of labels that arrive later, on one transaction's handle: logging a checked batch's
 * predictions in {@code prediction_log}; staging the ids of posted labels in the temporary table
 * {@code label_batch} (dropped when the transaction ends) and joining them, in one pass, to the
 * monitor's logged predictions and stored labels; storing new labels; and reading a window's labelled
 * rows. Rows are read into arrays ({@link JoinedPredictions}) through a forward-only cursor of
 * {@value #FETCH} rows at a time.
 *
 * <p>Deliberately low-level, and the one place where the SQL depends on the database. On PostgreSQL
 * rows go in with {@code COPY … FROM STDIN} (text format, written in 1 MiB chunks), sorted by row id
 * so that the {@code (monitor_id, row_id)} indexes grow at their edge instead of at random pages (three
 * times faster for a million rows); a large batch is followed by {@code ANALYZE} so the planner knows
 * its size; and the labels' transaction gets {@code work_mem} enough to hash a million ids in memory.
 * Elsewhere (the embedded H2) rows go in through JDBI prepared batches of {@value #BATCH} rows, and
 * the temporary table is created {@code TRANSACTIONAL} (H2 would otherwise commit the open
 * transaction).
 *
 * <p>Not thread-safe: use on the thread of the transaction whose handle it holds.
 */
public final class LabelBulk {
    private static final int BATCH = 10_000;
    private static final int FETCH = 10_000;
    private static final int FLUSH_CHARS = 1 << 20;
    /** Batches at least this large are analysed afterwards on PostgreSQL. */
    private static final int ANALYZE_FROM = 100_000;
    private static final String PREDICTION_COLUMNS = "check_id, position, monitor_id, row_id, predicted_label, "
            + "predicted_value, probability, probabilities, logged_at";
    private static final String PREDICTION_FIELDS = "p.position, p.predicted_label, p.predicted_value, p.probability,"
            + " p.probabilities, p.logged_at, l.label, l.received_at";

    private final Handle handle;

    public LabelBulk(Handle handle) {
        this.handle = handle;
    }

    /** Logs {@code batch}'s predictions; returns how many rows were written. */
    public int logPredictions(PredictionBatch batch) {
        if (batch.size() == 0) {
            return 0;
        }
        int[] order = byText(batch.rowIds(), batch.size());
        try {
            PGConnection pg = postgres();
            if (pg != null) {
                copyPredictions(pg, batch, order);
                analyzeIfLarge("prediction_log", batch.size());
            } else {
                batchPredictions(batch, order);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("cannot log the predictions of check " + batch.checkId(), e,
                    null);
        }
        return batch.size();
    }

    /**
     * Creates the temporary table {@code label_batch (position, row_id)} for this transaction and fills
     * it with {@code rowIds[0..size)} at positions {@code 0..size-1}; the ids should be distinct.
     */
    public void stageIds(String[] rowIds, int size) {
        try {
            PGConnection pg = postgres();
            Connection c = handle.getConnection();
            try (Statement s = c.createStatement()) {
                if (pg != null) {
                    s.execute("SET LOCAL work_mem = '256MB'");
                    s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS label_batch (position INTEGER NOT NULL,"
                            + " row_id VARCHAR(400) NOT NULL) ON COMMIT DROP");
                } else {
                    s.execute("CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS label_batch (position INTEGER NOT NULL,"
                            + " row_id VARCHAR(400) NOT NULL) ON COMMIT DROP TRANSACTIONAL");
                }
                s.execute("DELETE FROM label_batch");
            }
            if (pg != null) {
                copyIds(pg, rowIds, size);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE label_batch");
                }
            } else {
                PreparedBatch batch = handle.prepareBatch("INSERT INTO label_batch (position, row_id) VALUES (?, ?)");
                for (int i = 0; i < size; i++) {
                    batch.bind(0, i).bind(1, rowIds[i]).add();
                    if (batch.size() == BATCH) {
                        batch.execute();
                    }
                }
                if (batch.size() > 0) {
                    batch.execute();
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("cannot stage the ids of the posted labels", e, null);
        }
    }

    /**
     * Each staged id joined to monitor {@code monitorId}'s logged predictions (a row per prediction;
     * one row with a null check id when it has none) and to its stored label (null when it has none), in
     * no particular order. The times are not read (a prediction was logged when its check ran; a
     * stored label's time matters only to a window read again whole): their arrays are zeros.
     *
     * @param expected how many rows to make room for (the staged ids)
     */
    public JoinedPredictions joinStaged(String monitorId, int expected) {
        String sql = """
                SELECT b.position, p.check_id, p.position, p.predicted_label, p.predicted_value, p.probability,
                       p.probabilities, NULL, l.label, NULL
                  FROM label_batch b
                  LEFT JOIN prediction_log p ON p.monitor_id = ? AND p.row_id = b.row_id
                  LEFT JOIN labels l ON l.monitor_id = ? AND l.row_id = b.row_id""";
        return read(sql, true, expected, monitorId, monitorId);
    }

    /**
     * Stores {@code labels[i]} for {@code rowIds[i]}, {@code i < size}, as monitor {@code monitorId}'s,
     * received at {@code receivedAt}; the ids must be distinct and have no label yet. Returns how many.
     */
    public int insertLabels(String monitorId, String[] rowIds, String[] labels, int size, Instant receivedAt) {
        if (size == 0) {
            return 0;
        }
        int[] order = byText(rowIds, size);
        try {
            PGConnection pg = postgres();
            if (pg != null) {
                copyLabels(pg, monitorId, rowIds, labels, order, receivedAt);
                analyzeIfLarge("labels", size);
            } else {
                PreparedBatch batch = handle.prepareBatch(
                        "INSERT INTO labels (monitor_id, row_id, label, received_at) VALUES (?, ?, ?, ?)");
                OffsetDateTime at = receivedAt.atOffset(ZoneOffset.UTC);
                for (int k = 0; k < size; k++) {
                    int i = order[k];
                    batch.bind(0, monitorId).bind(1, rowIds[i]).bind(2, labels[i])
                            .bindBySqlType(3, at, Types.TIMESTAMP_WITH_TIMEZONE).add();
                    if (batch.size() == BATCH) {
                        batch.execute();
                    }
                }
                if (batch.size() > 0) {
                    batch.execute();
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("cannot store the labels of monitor " + monitorId, e, null);
        }
        return size;
    }

    /**
     * The labelled predictions of window {@code checkId}, in batch order: its logged predictions whose
     * id has a label received at or after the prediction was logged.
     *
     * @param expected how many rows to make room for (the window's predictions)
     */
    public JoinedPredictions labelledRows(String checkId, int expected) {
        String sql = "SELECT " + PREDICTION_FIELDS + " " + """
                  FROM prediction_log p JOIN labels l ON l.monitor_id = p.monitor_id AND l.row_id = p.row_id
                 WHERE p.check_id = ? AND l.received_at >= p.logged_at
                 ORDER BY p.position""";
        return read(sql, false, expected, checkId);
    }

    /** Reads the rows of {@code sql}: staged position and check id first when {@code staged}, then {@link #PREDICTION_FIELDS}. */
    private JoinedPredictions read(String sql, boolean staged, int expected, String... parameters) {
        int capacity = Math.max(16, expected);
        int[] stagedPositions = staged ? new int[capacity] : null;
        String[] checkIds = staged ? new String[capacity] : null;
        int[] positions = new int[capacity];
        String[] predictedLabels = new String[capacity];
        double[] predictedValues = new double[capacity];
        double[] probability = new double[capacity];
        String[] probabilities = new String[capacity];
        long[] logged = new long[capacity];
        String[] labels = new String[capacity];
        long[] received = new long[capacity];
        int n = 0;
        try (PreparedStatement s = handle.getConnection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH);
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                int c = staged ? 2 : 0;
                String lastCheck = null;
                while (r.next()) {
                    if (n == positions.length) {
                        int grown = positions.length * 2;
                        if (staged) {
                            stagedPositions = Arrays.copyOf(stagedPositions, grown);
                            checkIds = Arrays.copyOf(checkIds, grown);
                        }
                        positions = Arrays.copyOf(positions, grown);
                        predictedLabels = Arrays.copyOf(predictedLabels, grown);
                        predictedValues = Arrays.copyOf(predictedValues, grown);
                        probability = Arrays.copyOf(probability, grown);
                        probabilities = Arrays.copyOf(probabilities, grown);
                        logged = Arrays.copyOf(logged, grown);
                        labels = Arrays.copyOf(labels, grown);
                        received = Arrays.copyOf(received, grown);
                    }
                    if (staged) {
                        stagedPositions[n] = r.getInt(1);
                        String check = r.getString(2);
                        // one string per check, not per row: rows of a check come together in most plans
                        checkIds[n] = check != null && check.equals(lastCheck) ? lastCheck : check;
                        lastCheck = checkIds[n] != null ? checkIds[n] : lastCheck;
                    }
                    positions[n] = r.getInt(c + 1);
                    predictedLabels[n] = r.getString(c + 2);
                    double value = r.getDouble(c + 3);
                    predictedValues[n] = r.wasNull() ? Double.NaN : value;
                    double p = r.getDouble(c + 4);
                    probability[n] = r.wasNull() ? Double.NaN : p;
                    probabilities[n] = r.getString(c + 5);
                    labels[n] = r.getString(c + 7);
                    if (!staged) {
                        logged[n] = r.getObject(c + 6, OffsetDateTime.class).toInstant().toEpochMilli();
                        received[n] = r.getObject(c + 8, OffsetDateTime.class).toInstant().toEpochMilli();
                    }
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("cannot read logged predictions", e, null);
        }
        return new JoinedPredictions(n, stagedPositions, checkIds, positions, predictedLabels, predictedValues,
                probability, probabilities, logged, labels, received);
    }

    /** The PostgreSQL connection under the pool's proxy, or null on another database. */
    private PGConnection postgres() throws SQLException {
        Connection c = handle.getConnection();
        return c.isWrapperFor(PGConnection.class) ? c.unwrap(PGConnection.class) : null;
    }

    private void analyzeIfLarge(String table, int rows) throws SQLException {
        if (rows >= ANALYZE_FROM) {
            try (Statement s = handle.getConnection().createStatement()) {
                s.execute("ANALYZE " + table); // one of this class's two table names, never input
            }
        }
    }

    /**
     * The indexes {@code 0..size-1} in the order of {@code texts} (Java's order of UTF-16 units); one
     * pass when they are in order already.
     */
    private static int[] byText(String[] texts, int size) {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = texts[i - 1].compareTo(texts[i]) <= 0;
        }
        if (sorted) {
            int[] identity = new int[size];
            for (int i = 0; i < size; i++) {
                identity[i] = i;
            }
            return identity;
        }
        Keyed[] keyed = new Keyed[size];
        for (int i = 0; i < size; i++) {
            keyed[i] = new Keyed(texts[i], i);
        }
        Arrays.parallelSort(keyed, BY_TEXT);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = keyed[i].index;
        }
        return order;
    }

    private record Keyed(String text, int index) {
    }

    private static final Comparator<Keyed> BY_TEXT = (a, b) -> a.text.compareTo(b.text);

    private void batchPredictions(PredictionBatch b, int[] order) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO prediction_log (" + PREDICTION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        OffsetDateTime logged = b.loggedAt().atOffset(ZoneOffset.UTC);
        for (int k = 0; k < b.size(); k++) {
            int i = order[k];
            batch.bind(0, b.checkId()).bind(1, b.positions()[i]).bind(2, b.monitorId()).bind(3, b.rowIds()[i])
                    .bindByType(4, b.predictedLabels() == null ? null : b.predictedLabels()[i], String.class);
            bindDouble(batch, 5, b.predictedValues(), i);
            bindDouble(batch, 6, b.probability(), i);
            batch.bindByType(7, b.probabilities() == null ? null : b.probabilities()[i], String.class)
                    .bindBySqlType(8, logged, Types.TIMESTAMP_WITH_TIMEZONE).add();
            if (batch.size() == BATCH) {
                batch.execute();
            }
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static void bindDouble(PreparedBatch batch, int position, double[] values, int row) {
        if (values == null || Double.isNaN(values[row])) {
            batch.bindByType(position, null, Double.class);
        } else {
            batch.bind(position, values[row]);
        }
    }

    private static void copyPredictions(PGConnection pg, PredictionBatch b, int[] order) throws SQLException {
        String prefix = escaped(b.checkId()) + '\t';
        String monitor = '\t' + escaped(b.monitorId()) + '\t';
        String logged = b.loggedAt().toString();
        copy(pg, "COPY prediction_log (" + PREDICTION_COLUMNS + ") FROM STDIN", b.size(), (out, k) -> {
            int i = order[k];
            out.append(prefix).append(b.positions()[i]).append(monitor);
            escape(out, b.rowIds()[i]);
            out.append('\t');
            text(out, b.predictedLabels() == null ? null : b.predictedLabels()[i]);
            out.append('\t');
            number(out, b.predictedValues(), i);
            out.append('\t');
            number(out, b.probability(), i);
            out.append('\t');
            text(out, b.probabilities() == null ? null : b.probabilities()[i]);
            out.append('\t').append(logged).append('\n');
        });
    }

    private static void copyIds(PGConnection pg, String[] rowIds, int size) throws SQLException {
        copy(pg, "COPY label_batch (position, row_id) FROM STDIN", size, (out, i) -> {
            out.append(i).append('\t');
            escape(out, rowIds[i]);
            out.append('\n');
        });
    }

    private static void copyLabels(PGConnection pg, String monitorId, String[] rowIds, String[] labels, int[] order,
            Instant receivedAt) throws SQLException {
        String monitor = escaped(monitorId) + '\t';
        String received = '\t' + receivedAt.toString() + '\n';
        copy(pg, "COPY labels (monitor_id, row_id, label, received_at) FROM STDIN", order.length, (out, k) -> {
            int i = order[k];
            out.append(monitor);
            escape(out, rowIds[i]);
            out.append('\t');
            escape(out, labels[i]);
            out.append(received);
        });
    }

    /** Appends one row (the {@code k}-th) of a COPY's text, tab-separated and ending with a newline. */
    @FunctionalInterface
    private interface CopyRow {
        void append(StringBuilder out, int k);
    }

    /**
     * Streams {@code rows} rows written by {@code row} through {@code sql} (a {@code COPY … FROM STDIN}),
     * a megabyte at a time; a failure cancels the COPY.
     */
    private static void copy(PGConnection pg, String sql, int rows, CopyRow row) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        try {
            StringBuilder out = new StringBuilder(FLUSH_CHARS + 4096);
            for (int k = 0; k < rows; k++) {
                row.append(out, k);
                if (out.length() >= FLUSH_CHARS) {
                    flush(copy, out);
                }
            }
            flush(copy, out);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, StringBuilder out) throws SQLException {
        if (out.length() == 0) {
            return;
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        out.setLength(0);
    }

    private static void number(StringBuilder out, double[] values, int row) {
        if (values == null || Double.isNaN(values[row])) {
            out.append("\\N");
        } else {
            out.append(values[row]);
        }
    }

    private static void text(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
        } else {
            escape(out, value);
        }
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        escape(out, value);
        return out.toString();
    }

    /** COPY's text format: backslash, tab, newline and carriage return escaped with a backslash. */
    private static void escape(StringBuilder out, String value) {
        int n = value.length();
        int first = 0;
        while (first < n) {
            char ch = value.charAt(first);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                break;
            }
            first++;
        }
        if (first == n) {
            out.append(value); // the usual case: nothing to escape, one copy
            return;
        }
        out.append(value, 0, first);
        for (int i = first; i < n; i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
