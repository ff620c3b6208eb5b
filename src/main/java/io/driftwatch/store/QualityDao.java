package io.driftwatch.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The model quality of checks: each check's own verdict, the labels that arrive later, and the
 * evaluations of the windows (checks' logged predictions) they complete. The bulk parts (logging a
 * batch's predictions, staging posted labels and joining them to the log, storing labels, reading a
 * window's labelled rows) are {@link LabelBulk}'s.
 *
 * <p>Windows are paged newest first by their check's {@code (created_at, id)}, as {@link CheckDao}
 * pages checks.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}; inside a transaction, use from that
 * transaction's thread only.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(CheckQualityRow.class)
@RegisterConstructorMapper(QualityEvaluationRow.class)
@RegisterConstructorMapper(QualityWindowRow.class)
public interface QualityDao {
    /** The columns of a {@link QualityWindowRow}, from {@link #WINDOW_FROM}. */
    String WINDOW_COLUMNS = """
            c.id AS check_id, c.monitor_id, c.created_at, s.window_end, q.failed, q.rows_scored, q.summary,
            q.predictions, e.id AS evaluation_id, e.evaluated_at, e.labelled, e.coverage, e.latency_median_ms,
            e.latency_max_ms, e.failed AS evaluation_failed, e.rows_scored AS evaluation_rows,
            e.summary AS evaluation_summary, e.estimate_realized AS evaluation_estimate_realized""";
    String WINDOW_FROM = """
             FROM check_model_quality q JOIN checks c ON c.id = q.check_id
             LEFT JOIN check_sources s ON s.check_id = c.id
             LEFT JOIN quality_evaluations e ON e.id = q.latest_evaluation
            """;

    /** Stores a check's verdict (in the check's transaction). */
    @SqlUpdate("""
            INSERT INTO check_model_quality (check_id, failed, rows_scored, summary, predictions, latest_evaluation)
            VALUES (:checkId, :failed, :rowsScored, :summary, :predictions, :latestEvaluation)
            """)
    void insertSummary(@BindMethods CheckQualityRow row);

    @SqlQuery("SELECT * FROM check_model_quality WHERE check_id = :checkId")
    Optional<CheckQualityRow> summary(String checkId);

    /** The windows of several checks (those with a model-quality verdict); none for no checks. */
    @SqlQuery("SELECT " + WINDOW_COLUMNS + WINDOW_FROM + " WHERE q.check_id IN (<checkIds>)")
    List<QualityWindowRow> windows(@BindList(value = "checkIds", onEmpty = BindList.EmptyHandling.NULL_STRING)
            Collection<String> checkIds);

    /**
     * Up to {@code limit} windows of a monitor whose checks were created at or after {@code from} and
     * strictly before the position {@code (beforeTime, beforeId)}, newest first.
     */
    @SqlQuery("SELECT " + WINDOW_COLUMNS + WINDOW_FROM + """
             WHERE c.monitor_id = :monitorId
               AND c.created_at >= :from
               AND (c.created_at < :beforeTime OR (c.created_at = :beforeTime AND c.id < :beforeId))
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT :limit
            """)
    List<QualityWindowRow> page(String monitorId, Instant from, Instant beforeTime, String beforeId, int limit);

    /**
     * The monitor's newest window whose quality is known: evaluated from labels, or scored when it was
     * checked (a batch that came with its target).
     */
    @SqlQuery("SELECT " + WINDOW_COLUMNS + WINDOW_FROM + """
             WHERE c.monitor_id = :monitorId AND (q.latest_evaluation IS NOT NULL OR q.rows_scored > 0)
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT 1
            """)
    Optional<QualityWindowRow> latestMeasured(String monitorId);

    /** Every evaluation of a window, oldest first. */
    @SqlQuery("SELECT * FROM quality_evaluations WHERE check_id = :checkId ORDER BY evaluated_at, id")
    List<QualityEvaluationRow> evaluations(String checkId);

    /** Records an evaluation and makes it its window's newest. */
    default void insertEvaluation(QualityEvaluationRow row) {
        insertEvaluationRow(row);
        pointAt(row.checkId(), row.id());
    }

    @SqlUpdate("""
            INSERT INTO quality_evaluations (id, check_id, monitor_id, evaluated_at, predictions, labelled, coverage,
                                             latency_median_ms, latency_max_ms, failed, rows_scored, summary,
                                             estimate_realized)
            VALUES (:id, :checkId, :monitorId, :evaluatedAt, :predictions, :labelled, :coverage, :latencyMedianMs,
                    :latencyMaxMs, :failed, :rowsScored, :summary, :estimateRealized)
            """)
    void insertEvaluationRow(@BindMethods QualityEvaluationRow row);

    @SqlUpdate("UPDATE check_model_quality SET latest_evaluation = :evaluationId WHERE check_id = :checkId")
    int pointAt(String checkId, String evaluationId);

    /** How many labels the monitor has. */
    @SqlQuery("SELECT COUNT(*) FROM labels WHERE monitor_id = :monitorId")
    long labelCount(String monitorId);

    /** The monitor's label for row id {@code rowId}, if it has one. */
    @SqlQuery("SELECT label FROM labels WHERE monitor_id = :monitorId AND row_id = :rowId")
    Optional<String> label(String monitorId, String rowId);

    /** How many prediction rows check {@code checkId} logged. */
    @SqlQuery("SELECT COUNT(*) FROM prediction_log WHERE check_id = :checkId")
    long loggedPredictions(String checkId);
}
