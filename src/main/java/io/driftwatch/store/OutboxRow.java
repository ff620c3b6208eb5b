package io.driftwatch.store;

import java.time.Instant;

/**
 * One delivery waiting in (or done with) the outbox: an alert to a channel or a request to a
 * retraining trigger, its rendered payload (never a secret: those are added when it is sent), its
 * idempotency key, and its delivery state. Its place in its receiver's line is the table's
 * {@code seq} column, numbered by the database on insert, which the record does not carry: the
 * queries of {@link OutboxDao} order by it.
 *
 * @param targetKind {@code channel} or {@code trigger}
 * @param targetName the channel's or trigger's name in the configuration
 * @param event what happened: {@code triggered}, {@code resolved}, {@code check}, {@code breach}
 * @param state {@code pending}, {@code delivered} or {@code failed}
 * @param claimedUntil while a worker is sending it, the end of its lease; null otherwise
 * @param externalId what the receiver called it (a DAG run id, an MLflow run id), when it says
 *
 * <p>Thread-safe: immutable.
 */
public record OutboxRow(String id, String idempotencyKey, String monitorId, String checkId, String incidentId,
        String targetKind, String targetName, String event, String payload, String state, int attempts,
        Instant createdAt, Instant nextAttemptAt, Instant claimedUntil, Instant deliveredAt, String lastError,
        String externalId) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
}
