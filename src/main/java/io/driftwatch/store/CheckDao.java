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
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Checks and their per-column results. A check and its columns are written in one transaction, so
 * a reader never sees a check without its columns.
 *
 * <p>History is paged newest first by {@code (created_at, id)}: a page asks for checks strictly
 * before a position, which the previous page's last check gives, so pages neither skip nor repeat a
 * check when new ones arrive meanwhile.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(CheckRow.class)
@RegisterConstructorMapper(CheckSummaryRow.class)
@RegisterConstructorMapper(CheckColumnRow.class)
@RegisterConstructorMapper(CheckSourceRow.class)
@RegisterConstructorMapper(CheckLabelFreeRow.class)
public interface CheckDao {

    /** The columns of a {@link CheckSummaryRow}, from {@link #SUMMARY_FROM}. */
    String SUMMARY_COLUMNS = """
            c.id, c.monitor_id, c.dataset_id, c.created_at, c.drift_detected, c.drift_share, c.share_threshold,
            c.column_count, c.drifted_count, c.error_count, c.duration_ms, c.status, c.error,
            s.window_start, s.window_end, c.data_quality_failures, c.data_quality_critical""";
    String SUMMARY_FROM = " FROM checks c LEFT JOIN check_sources s ON s.check_id = c.id ";

    /** Stores a check with its column results, atomically. */
    @Transaction
    default void insert(CheckRow check, List<CheckColumnRow> columns) {
        insertCheck(check);
        insertColumns(columns);
    }

    @SqlUpdate("""
            INSERT INTO checks (id, monitor_id, monitor_version, dataset_id, created_at, drift_detected,
                                drift_share, share_threshold, column_count, drifted_count, error_count,
                                duration_ms, result, report_file, status, error, reference_version,
                                data_quality_failures, data_quality_critical)
            VALUES (:id, :monitorId, :monitorVersion, :datasetId, :createdAt, :driftDetected, :driftShare,
                    :shareThreshold, :columnCount, :driftedCount, :errorCount, :durationMs, :result, :reportFile,
                    :status, :error, :referenceVersion, :dataQualityFailures, :dataQualityCritical)
            """)
    void insertCheck(@BindMethods CheckRow check);

    @SqlBatch("""
            INSERT INTO check_columns (check_id, position, name, column_type, test, score, threshold, drifted, error,
                                       strength, display_name, comparison, score_kind)
            VALUES (:checkId, :position, :name, :columnType, :test, :score, :threshold, :drifted, :error,
                    :strength, :displayName, :comparison, :scoreKind)
            """)
    void insertColumns(@BindMethods List<CheckColumnRow> columns);

    /** Stores a check's label-free findings (in the check's transaction). */
    @SqlUpdate("""
            INSERT INTO check_label_free (check_id, estimate_alert, multivariate_alert, summary)
            VALUES (:checkId, :estimateAlert, :multivariateAlert, :summary)
            """)
    void insertLabelFree(@BindMethods CheckLabelFreeRow row);

    /** The label-free findings of those of several checks that have them; none for no checks. */
    @SqlQuery("SELECT * FROM check_label_free WHERE check_id IN (<checkIds>)")
    List<CheckLabelFreeRow> labelFree(@BindList(value = "checkIds", onEmpty = BindList.EmptyHandling.NULL_STRING)
            Collection<String> checkIds);

    /** The label-free findings of the monitor's newest check that has them. */
    @SqlQuery("""
            SELECT f.* FROM check_label_free f JOIN checks c ON c.id = f.check_id
             WHERE c.monitor_id = :monitorId
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT 1
            """)
    Optional<CheckLabelFreeRow> latestLabelFree(String monitorId);

    @SqlQuery("SELECT * FROM checks WHERE id = :id")
    Optional<CheckRow> find(String id);

    /**
     * Up to {@code limit} checks of a monitor created at or after {@code from} and strictly before
     * the position {@code (beforeTime, beforeId)}, newest first. With {@code beforeId} empty the
     * bound is simply {@code created_at < beforeTime}.
     */
    @SqlQuery("SELECT " + SUMMARY_COLUMNS + SUMMARY_FROM + """
            WHERE c.monitor_id = :monitorId
              AND c.created_at >= :from
              AND (c.created_at < :beforeTime OR (c.created_at = :beforeTime AND c.id < :beforeId))
            ORDER BY c.created_at DESC, c.id DESC
            LIMIT :limit
            """)
    List<CheckSummaryRow> page(String monitorId, Instant from, Instant beforeTime, String beforeId, int limit);

    /** The latest check of a monitor that ran (failed checks have no verdict), if it has any. */
    @SqlQuery("SELECT " + SUMMARY_COLUMNS + SUMMARY_FROM + """
            WHERE c.monitor_id = :monitorId AND c.status = 'ok'
            ORDER BY c.created_at DESC, c.id DESC
            LIMIT 1
            """)
    Optional<CheckSummaryRow> latest(String monitorId);

    /** Up to {@code limit} latest checks of a monitor that ran (not the failed ones), newest first. */
    @SqlQuery("SELECT " + SUMMARY_COLUMNS + SUMMARY_FROM + """
            WHERE c.monitor_id = :monitorId AND c.status = 'ok'
            ORDER BY c.created_at DESC, c.id DESC
            LIMIT :limit
            """)
    List<CheckSummaryRow> latestRan(String monitorId, int limit);

    @SqlQuery("SELECT COUNT(*) FROM checks WHERE monitor_id = :monitorId")
    long count(String monitorId);

    @SqlQuery("SELECT * FROM check_columns WHERE check_id = :checkId ORDER BY position")
    List<CheckColumnRow> columns(String checkId);

    /** The column results of several checks, ordered by check then position; none for no checks. */
    @SqlQuery("SELECT * FROM check_columns WHERE check_id IN (<checkIds>) ORDER BY check_id, position")
    List<CheckColumnRow> columns(@BindList(value = "checkIds", onEmpty = BindList.EmptyHandling.NULL_STRING)
            Collection<String> checkIds);

    /** The report files of a monitor's checks (to delete with the monitor). */
    @SqlQuery("SELECT report_file FROM checks WHERE monitor_id = :monitorId")
    List<String> reportFiles(String monitorId);

    /** Records where a scheduled or backfilled check's batch came from (in the check's transaction). */
    @SqlUpdate("""
            INSERT INTO check_sources (check_id, monitor_id, run_kind, slot, window_start, window_end, chunk_index,
                                       chunk_count, source_type, location, file_name, sha256, byte_count, row_count)
            VALUES (:checkId, :monitorId, :runKind, :slot, :windowStart, :windowEnd, :chunkIndex, :chunkCount,
                    :sourceType, :location, :fileName, :sha256, :byteCount, :rowCount)
            """)
    void insertSource(@BindMethods CheckSourceRow source);

    @SqlQuery("SELECT * FROM check_sources WHERE check_id = :checkId")
    Optional<CheckSourceRow> source(String checkId);

    /** What the monitor's source read last (the latest scheduled or backfilled check's source). */
    @SqlQuery("""
            SELECT s.* FROM check_sources s JOIN checks c ON c.id = s.check_id
             WHERE s.monitor_id = :monitorId
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT 1
            """)
    Optional<CheckSourceRow> lastSource(String monitorId);

    /**
     * Marks a directory source's file as read by check {@code checkId}, in the check's transaction;
     * returns 0 when the monitor read that file (name and content) already, and the check must not
     * be recorded.
     */
    @SqlUpdate("""
            INSERT INTO source_files (monitor_id, name, sha256, byte_count, modified_at, check_id, read_at)
            VALUES (:monitorId, :name, :sha256, :byteCount, :modifiedAt, :checkId, :readAt)
            ON CONFLICT DO NOTHING
            """)
    int markFileRead(String monitorId, String name, String sha256, long byteCount, Instant modifiedAt, String checkId,
            Instant readAt);

    /** Whether the monitor read a file of that name, size and last-modified time already. */
    @SqlQuery("""
            SELECT COUNT(*) > 0 FROM source_files
             WHERE monitor_id = :monitorId AND name = :name AND byte_count = :byteCount AND modified_at = :modifiedAt
            """)
    boolean fileUnchanged(String monitorId, String name, long byteCount, Instant modifiedAt);

    /** Whether the monitor read a file of that name and content already. */
    @SqlQuery("""
            SELECT COUNT(*) > 0 FROM source_files
             WHERE monitor_id = :monitorId AND name = :name AND sha256 = :sha256
            """)
    boolean fileRead(String monitorId, String name, String sha256);
}
