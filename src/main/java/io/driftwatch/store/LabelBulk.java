package io.driftwatch.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The bulk paths of labels that arrive later, on one transaction's handle: logging a checked batch's
 * predictions in {@code prediction_log}, staging posted labels in the temporary table
 * {@value QualityDao#STAGED} (dropped when the transaction ends) for {@link QualityDao}'s set-based
 * queries, and reading a window's labelled rows into arrays.
 *
 * <p>Deliberately low-level, and the one place where the SQL depends on the database: on PostgreSQL
 * rows go in with {@code COPY … FROM STDIN} (text format, written in 1 MiB chunks) and the staged
 * table is analysed so the planner joins it by hashing; elsewhere (the embedded H2) through JDBI
 * prepared batches of {@value #BATCH} rows, and the temporary table is created {@code TRANSACTIONAL}
 * (H2 would otherwise commit the open transaction). Reading uses a forward-only cursor of
 * {@value #FETCH} rows at a time, never one object per row beyond the strings read.
 *
 * <p>Not thread-safe: use on the thread of the transaction whose handle it holds.
 */
public final class LabelBulk {
    private static final int BATCH = 10_000;
    private static final int FETCH = 10_000;
    private static final int FLUSH_CHARS = 1 << 20;
    private static final String PREDICTION_COLUMNS = "check_id, position, monitor_id, row_id, predicted_label, "
            + "predicted_value, probability, probabilities, logged_at";

    private final Handle handle;

    public LabelBulk(Handle handle) {
        this.handle = handle;
    }

    /** Logs {@code batch}'s predictions; returns how many rows were written. */
    public int logPredictions(PredictionBatch batch) {
        if (batch.size() == 0) {
            return 0;
        }
        try {
            PGConnection pg = postgres();
            if (pg != null) {
                copyPredictions(pg, batch);
            } else {
                batchPredictions(batch);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("cannot log the predictions of check " + batch.checkId(), e,
                    null);
        }
        return batch.size();
    }

    /**
     * Creates the temporary table {@value QualityDao#STAGED} for this transaction and fills it with
     * rows {@code 0..size-1}: position, row id, label.
     */
    public void stageLabels(String[] rowIds, String[] labels, int size) {
        try {
            PGConnection pg = postgres();
            Connection c = handle.getConnection();
            try (Statement s = c.createStatement()) {
                if (pg != null) {
                    s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS label_batch (position INTEGER NOT NULL,"
                            + " row_id VARCHAR(400) NOT NULL, label VARCHAR(400) NOT NULL) ON COMMIT DROP");
                } else {
                    s.execute("CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS label_batch (position INTEGER NOT NULL,"
                            + " row_id VARCHAR(400) NOT NULL, label VARCHAR(400) NOT NULL) ON COMMIT DROP TRANSACTIONAL");
                }
                s.execute("DELETE FROM label_batch");
            }
            if (pg != null) {
                copyLabels(pg, rowIds, labels, size);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE label_batch");
                }
            } else {
                org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch(
                        "INSERT INTO label_batch (position, row_id, label) VALUES (?, ?, ?)");
                for (int i = 0; i < size; i++) {
                    batch.bind(0, i).bind(1, rowIds[i]).bind(2, labels[i]).add();
                    if (batch.size() == BATCH) {
                        batch.execute();
                    }
                }
                if (batch.size() > 0) {
                    batch.execute();
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("cannot stage the posted labels", e, null);
        }
    }

    /** The labelled rows of window {@code checkId}: its logged predictions that have a label, in batch order. */
    public LabelledRows labelledRows(String checkId, int expected) {
        int capacity = Math.max(16, expected);
        String[] predictedLabels = new String[capacity];
        double[] predictedValues = new double[capacity];
        double[] probability = new double[capacity];
        String[] probabilities = new String[capacity];
        String[] labels = new String[capacity];
        long[] logged = new long[capacity];
        long[] received = new long[capacity];
        int n = 0;
        String sql = """
                SELECT p.predicted_label, p.predicted_value, p.probability, p.probabilities, p.logged_at, l.label,
                       l.received_at
                  FROM prediction_log p JOIN labels l ON l.monitor_id = p.monitor_id AND l.row_id = p.row_id
                 WHERE p.check_id = ?
                 ORDER BY p.position""";
        try (PreparedStatement s = handle.getConnection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH);
            s.setString(1, checkId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (n == labels.length) {
                        int grown = labels.length * 2;
                        predictedLabels = Arrays.copyOf(predictedLabels, grown);
                        predictedValues = Arrays.copyOf(predictedValues, grown);
                        probability = Arrays.copyOf(probability, grown);
                        probabilities = Arrays.copyOf(probabilities, grown);
                        labels = Arrays.copyOf(labels, grown);
                        logged = Arrays.copyOf(logged, grown);
                        received = Arrays.copyOf(received, grown);
                    }
                    predictedLabels[n] = r.getString(1);
                    double value = r.getDouble(2);
                    predictedValues[n] = r.wasNull() ? Double.NaN : value;
                    double p = r.getDouble(3);
                    probability[n] = r.wasNull() ? Double.NaN : p;
                    probabilities[n] = r.getString(4);
                    logged[n] = r.getObject(5, OffsetDateTime.class).toInstant().toEpochMilli();
                    labels[n] = r.getString(6);
                    received[n] = r.getObject(7, OffsetDateTime.class).toInstant().toEpochMilli();
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("cannot read the labelled rows of check " + checkId, e, null);
        }
        return new LabelledRows(n, predictedLabels, predictedValues, probability, probabilities, labels, logged,
                received);
    }

    /** The PostgreSQL connection under the pool's proxy, or null on another database. */
    private PGConnection postgres() throws SQLException {
        Connection c = handle.getConnection();
        return c.isWrapperFor(PGConnection.class) ? c.unwrap(PGConnection.class) : null;
    }

    private void batchPredictions(PredictionBatch b) {
        org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch("INSERT INTO prediction_log ("
                + PREDICTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        OffsetDateTime logged = b.loggedAt().atOffset(ZoneOffset.UTC);
        for (int i = 0; i < b.size(); i++) {
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

    private static void bindDouble(org.jdbi.v3.core.statement.PreparedBatch batch, int position, double[] values,
            int row) {
        if (values == null || Double.isNaN(values[row])) {
            batch.bindByType(position, null, Double.class);
        } else {
            batch.bind(position, values[row]);
        }
    }

    private static void copyPredictions(PGConnection pg, PredictionBatch b) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn("COPY prediction_log (" + PREDICTION_COLUMNS + ") FROM STDIN");
        try {
            StringBuilder out = new StringBuilder(FLUSH_CHARS + 4096);
            String prefix = escaped(b.checkId()) + '\t';
            String monitor = '\t' + escaped(b.monitorId()) + '\t';
            String logged = b.loggedAt().toString();
            for (int i = 0; i < b.size(); i++) {
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

    private static void copyLabels(PGConnection pg, String[] rowIds, String[] labels, int size) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn("COPY label_batch (position, row_id, label) FROM STDIN");
        try {
            StringBuilder out = new StringBuilder(FLUSH_CHARS + 4096);
            for (int i = 0; i < size; i++) {
                out.append(i).append('\t');
                escape(out, rowIds[i]);
                out.append('\t');
                escape(out, labels[i]);
                out.append('\n');
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
        for (int i = 0; i < n; i++) {
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
