package io.driftwatch.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The slots of monitors' schedules that have been claimed. Claiming is an insert that does nothing
 * when the slot's row exists, so of several service instances sharing the database exactly one
 * gets each slot, whoever asks first; a backfill claims the same way.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(ScheduledRunRow.class)
public interface ScheduledRunDao {

    /** Claims the run's slot; returns 1 when this call claimed it, 0 when it was claimed already. */
    @SqlUpdate("""
            INSERT INTO scheduled_runs (monitor_id, slot, window_start, window_end, run_kind, instance, state,
                                        started_at, finished_at, check_count, failed_count, row_count, summary)
            VALUES (:monitorId, :slot, :windowStart, :windowEnd, :runKind, :instance, :state, :startedAt,
                    :finishedAt, :checkCount, :failedCount, :rowCount, :summary)
            ON CONFLICT DO NOTHING
            """)
    int claim(@BindMethods ScheduledRunRow run);

    /**
     * Claims a slot whose run was cut off (still {@code running}, started before {@code staleBefore}):
     * its instance died mid-run. Returns 1 when this call took it over; of several callers one wins.
     */
    @SqlUpdate("""
            UPDATE scheduled_runs
               SET instance = :instance, run_kind = :runKind, started_at = :startedAt, finished_at = NULL,
                   check_count = 0, failed_count = 0, row_count = 0, summary = NULL
             WHERE monitor_id = :monitorId AND slot = :slot AND state = 'running' AND started_at < :staleBefore
            """)
    int takeOver(String monitorId, Instant slot, String instance, String runKind, Instant startedAt,
            Instant staleBefore);

    /** Records how a claimed run went. */
    @SqlUpdate("""
            UPDATE scheduled_runs
               SET state = :state, finished_at = :finishedAt, check_count = :checkCount,
                   failed_count = :failedCount, row_count = :rowCount, summary = :summary
             WHERE monitor_id = :monitorId AND slot = :slot
            """)
    int finish(String monitorId, Instant slot, String state, Instant finishedAt, int checkCount, int failedCount,
            long rowCount, String summary);

    @SqlQuery("SELECT * FROM scheduled_runs WHERE monitor_id = :monitorId AND slot = :slot")
    Optional<ScheduledRunRow> find(String monitorId, Instant slot);

    /** Up to {@code limit} runs of a monitor, latest slot first. */
    @SqlQuery("""
            SELECT * FROM scheduled_runs
             WHERE monitor_id = :monitorId
             ORDER BY slot DESC
             LIMIT :limit
            """)
    List<ScheduledRunRow> latest(String monitorId, int limit);

    /** The claimed slots of a monitor in {@code [from, to)}, oldest first. */
    @SqlQuery("""
            SELECT * FROM scheduled_runs
             WHERE monitor_id = :monitorId AND slot >= :from AND slot < :to
             ORDER BY slot
            """)
    List<ScheduledRunRow> between(String monitorId, Instant from, Instant to);
}
