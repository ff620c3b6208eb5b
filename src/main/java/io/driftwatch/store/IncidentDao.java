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
 * Incidents. The caller serialises the checks of one monitor with {@link #lockMonitor} inside its
 * transaction, so two checks finishing together cannot both open an incident.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}; inside a transaction, use from that
 * transaction's thread only.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(IncidentRow.class)
public interface IncidentDao {

    /** Locks the monitor's row until the transaction ends; empty when the monitor does not exist. */
    @SqlQuery("SELECT id FROM monitors WHERE id = :monitorId FOR UPDATE")
    Optional<String> lockMonitor(String monitorId);

    @SqlQuery("SELECT * FROM incidents WHERE monitor_id = :monitorId AND closed_at IS NULL")
    Optional<IncidentRow> open(String monitorId);

    /** The incident closed most recently, if any (for the cooldown). */
    @SqlQuery("""
            SELECT * FROM incidents
             WHERE monitor_id = :monitorId AND closed_at IS NOT NULL
             ORDER BY closed_at DESC, id DESC
             LIMIT 1
            """)
    Optional<IncidentRow> lastClosed(String monitorId);

    @SqlQuery("SELECT * FROM incidents WHERE id = :id")
    Optional<IncidentRow> find(String id);

    /** A monitor's incidents, newest first. */
    @SqlQuery("SELECT * FROM incidents WHERE monitor_id = :monitorId ORDER BY opened_at DESC, id DESC LIMIT :limit")
    List<IncidentRow> recent(String monitorId, int limit);

    @SqlUpdate("""
            INSERT INTO incidents (id, monitor_id, opened_at, opened_by, last_breach_at, last_breach_check,
                                   breaching_checks, retrain_requested, closed_at, closed_by)
            VALUES (:id, :monitorId, :openedAt, :openedBy, :lastBreachAt, :lastBreachCheck, :breachingChecks,
                    :retrainRequested, :closedAt, :closedBy)
            """)
    void insert(@BindMethods IncidentRow row);

    /** Records one more breaching check in an open (or re-opened) incident. */
    @SqlUpdate("""
            UPDATE incidents
               SET last_breach_at = :at, last_breach_check = :checkId, breaching_checks = breaching_checks + 1,
                   closed_at = NULL, closed_by = NULL
             WHERE id = :id
            """)
    int breach(String id, Instant at, String checkId);

    @SqlUpdate("UPDATE incidents SET retrain_requested = TRUE WHERE id = :id")
    int retrainRequested(String id);

    @SqlUpdate("UPDATE incidents SET closed_at = :at, closed_by = :checkId WHERE id = :id AND closed_at IS NULL")
    int close(String id, Instant at, String checkId);
}
