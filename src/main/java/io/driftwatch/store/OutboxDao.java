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
 * The outbox of alert and trigger deliveries. Rows are inserted with the check that caused them;
 * a worker finds {@link #due} rows, {@link #claim}s one (a lease, so two workers never send the same
 * row at once and a crashed worker's row is retried when its lease ends), sends it, and records the
 * outcome.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(OutboxRow.class)
public interface OutboxDao {

    /** Inserts the delivery unless its idempotency key exists; returns the rows inserted (0 or 1). */
    @SqlUpdate("""
            INSERT INTO outbox (id, idempotency_key, monitor_id, check_id, incident_id, target_kind, target_name,
                                event, payload, state, attempts, created_at, next_attempt_at, claimed_until,
                                delivered_at, last_error, external_id)
            VALUES (:id, :idempotencyKey, :monitorId, :checkId, :incidentId, :targetKind, :targetName, :event,
                    :payload, :state, :attempts, :createdAt, :nextAttemptAt, :claimedUntil, :deliveredAt,
                    :lastError, :externalId)
            ON CONFLICT DO NOTHING
            """)
    int insertIfAbsent(@BindMethods OutboxRow row);

    /** Pending rows whose next attempt is due and that no live lease holds, oldest due first. */
    @SqlQuery("""
            SELECT * FROM outbox
             WHERE state = 'pending' AND next_attempt_at <= :now
               AND (claimed_until IS NULL OR claimed_until < :now)
             ORDER BY next_attempt_at, id
             LIMIT :limit
            """)
    List<OutboxRow> due(Instant now, int limit);

    /** Takes a lease on a due row until {@code until}; returns 1 if this caller got it. */
    @SqlUpdate("""
            UPDATE outbox SET claimed_until = :until
             WHERE id = :id AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)
            """)
    int claim(String id, Instant now, Instant until);

    @SqlUpdate("""
            UPDATE outbox
               SET state = 'delivered', attempts = attempts + 1, delivered_at = :at, claimed_until = NULL,
                   external_id = :externalId, last_error = NULL
             WHERE id = :id
            """)
    int delivered(String id, Instant at, String externalId);

    @SqlUpdate("""
            UPDATE outbox
               SET attempts = attempts + 1, next_attempt_at = :next, claimed_until = NULL, last_error = :error
             WHERE id = :id
            """)
    int retryAt(String id, Instant next, String error);

    @SqlUpdate("""
            UPDATE outbox
               SET state = 'failed', attempts = attempts + 1, claimed_until = NULL, last_error = :error
             WHERE id = :id
            """)
    int failed(String id, String error);

    /** Puts a failed delivery back in the queue, due now (a retry by hand). */
    @SqlUpdate("""
            UPDATE outbox SET state = 'pending', next_attempt_at = :now, claimed_until = NULL
             WHERE id = :id AND state = 'failed'
            """)
    int requeue(String id, Instant now);

    @SqlQuery("SELECT * FROM outbox WHERE id = :id")
    Optional<OutboxRow> find(String id);

    /** A monitor's deliveries, newest first. */
    @SqlQuery("SELECT * FROM outbox WHERE monitor_id = :monitorId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<OutboxRow> byMonitor(String monitorId, int limit);

    /** Deliveries in a state, newest first. */
    @SqlQuery("SELECT * FROM outbox WHERE state = :state ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<OutboxRow> byState(String state, int limit);

    /** When the earliest pending delivery is due, if any. */
    @SqlQuery("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'")
    Optional<Instant> nextDue();
}
