package io.driftwatch.monitor.outbox;

import io.driftwatch.store.OutboxRow;
import java.time.Instant;

/**
 * One alert or retraining request in the outbox, as users see it (the API's and the dashboard's
 * "deliveries"): where it goes, what it is about, and how its delivery is going. The outbox row without
 * its payload and lease. Never holds a secret (payloads have none; secrets are added when sending).
 *
 * <p>Thread-safe: immutable.
 *
 * @param targetKind whether it goes to a channel or a trigger
 * @param target the channel's or trigger's configured name
 * @param event {@code triggered}, {@code resolved}, {@code breach} or {@code check}
 * @param state pending, delivered or failed
 */
public record OutboxEntry(String id, String monitorId, String checkId, String incidentId,
        OutboxRow.TargetKind targetKind, String target, String event, OutboxRow.State state, int attempts,
        Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, String lastError, String externalId) {

    static OutboxEntry of(OutboxRow r) {
        return new OutboxEntry(r.id(), r.monitorId(), r.checkId(), r.incidentId(), r.targetKind(), r.targetName(),
                r.event(), r.state(), r.attempts(), r.createdAt(), r.nextAttemptAt(), r.deliveredAt(), r.lastError(),
                r.externalId());
    }
}
