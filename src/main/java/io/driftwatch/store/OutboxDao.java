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
 * <p>One receiver (a channel or a trigger, by kind and name) gets its rows strictly one after the
 * other, in the order they were inserted: the database numbers rows as they are inserted
 * ({@code seq}), and only a receiver's first pending row can be due or claimed. A row retrying holds
 * back the rows behind it (a PagerDuty resolve never overtakes its trigger); a row delivered or
 * failed lets the next one go. Because the rule is in the queries, it holds across restarts and
 * across workers sharing the database: while one worker has a receiver's first row in flight, that
 * row is still pending, so no worker can take the second. Rows are numbered when inserted, not
 * when committed: one monitor's checks are recorded one at a time (its row is locked), so its rows
 * keep their order; rows of two monitors' checks committed at the same moment may reach a receiver
 * they share in either order.
 *
 * <p>Target kinds and states are stored as the values of {@link OutboxRow.TargetKind} and
 * {@link OutboxRow.State} ({@code channel}, {@code pending}, …), which the queries below name.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterArgumentFactory(OutboxCodes.KindBinder.class)
@RegisterArgumentFactory(OutboxCodes.StateBinder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterColumnMapper(OutboxCodes.KindReader.class)
@RegisterColumnMapper(OutboxCodes.StateReader.class)
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

    /**
     * The first pending row of each receiver, where it is due and no live lease holds it, oldest due
     * first: at most one row per receiver. A receiver whose first pending row waits for a retry, or
     * is being sent, has none.
     */
    @SqlQuery("""
            SELECT * FROM outbox o
             WHERE o.state = 'pending' AND o.next_attempt_at <= :now
               AND (o.claimed_until IS NULL OR o.claimed_until < :now)
               AND NOT EXISTS (SELECT 1 FROM outbox earlier
                                WHERE earlier.target_kind = o.target_kind AND earlier.target_name = o.target_name
                                  AND earlier.state = 'pending' AND earlier.seq < o.seq)
             ORDER BY o.next_attempt_at, o.seq
             LIMIT :limit
            """)
    List<OutboxRow> due(Instant now, int limit);

    /** The first pending row of a receiver, due or not, claimed or not. */
    @SqlQuery("""
            SELECT * FROM outbox
             WHERE target_kind = :targetKind AND target_name = :targetName AND state = 'pending'
             ORDER BY seq
             LIMIT 1
            """)
    Optional<OutboxRow> first(OutboxRow.TargetKind targetKind, String targetName);

    /**
     * Takes a lease on a row until {@code until}; returns 1 if this caller got it: the row is
     * pending, due, not leased, and the first pending row of its receiver (checked in the same
     * statement, so a row read as first a moment ago is not claimed once an earlier one is pending).
     */
    @SqlUpdate("""
            UPDATE outbox SET claimed_until = :until
             WHERE id = :id AND state = 'pending' AND next_attempt_at <= :now
               AND (claimed_until IS NULL OR claimed_until < :now)
               AND NOT EXISTS (SELECT 1 FROM outbox earlier
                                WHERE earlier.target_kind = outbox.target_kind
                                  AND earlier.target_name = outbox.target_name
                                  AND earlier.state = 'pending' AND earlier.seq < outbox.seq)
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

    /**
     * Puts a failed delivery back in the queue, due now (a retry by hand), in its old place: it goes
     * to its receiver before every row queued after it. Refused (0) for an incident's
     * {@code triggered} whose {@code resolved} to the same receiver was delivered or is being sent
     * ({@link #resolveSent}): sent now, the trigger would arrive after its own resolve and open the
     * incident again at the receiver, for good.
     */
    @SqlUpdate("""
            UPDATE outbox SET state = 'pending', next_attempt_at = :now, claimed_until = NULL
             WHERE id = :id AND state = 'failed'
               AND NOT (event = 'triggered' AND EXISTS (
                        SELECT 1 FROM outbox r
                         WHERE r.incident_id = outbox.incident_id AND r.target_kind = outbox.target_kind
                           AND r.target_name = outbox.target_name AND r.event = 'resolved'
                           AND (r.state = 'delivered' OR (r.state = 'pending' AND r.claimed_until >= :now))))
            """)
    int requeue(String id, Instant now);

    /**
     * For row {@code id}, an incident's {@code triggered}: the same incident's {@code resolved} to
     * the same receiver, if it was delivered or is being sent (leased at {@code now}).
     */
    @SqlQuery("""
            SELECT r.* FROM outbox r JOIN outbox t
                ON r.incident_id = t.incident_id AND r.target_kind = t.target_kind
               AND r.target_name = t.target_name
             WHERE t.id = :id AND t.event = 'triggered' AND r.event = 'resolved'
               AND (r.state = 'delivered' OR (r.state = 'pending' AND r.claimed_until >= :now))
            """)
    Optional<OutboxRow> resolveSent(String id, Instant now);

    @SqlQuery("SELECT * FROM outbox WHERE id = :id")
    Optional<OutboxRow> find(String id);

    /** A monitor's deliveries, newest first. */
    @SqlQuery("SELECT * FROM outbox WHERE monitor_id = :monitorId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<OutboxRow> byMonitor(String monitorId, int limit);

    /** Deliveries in a state, newest first. */
    @SqlQuery("SELECT * FROM outbox WHERE state = :state ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<OutboxRow> byState(OutboxRow.State state, int limit);

    /** When the earliest pending delivery is due, if any. */
    @SqlQuery("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'")
    Optional<Instant> nextDue();
}
