package io.driftwatch.monitor;

import java.time.Instant;

/**
 * One alert or retraining request in the outbox, as users see it: where it goes, what it is about,
 * and how its delivery is going. Never holds the payload's secrets (payloads have none; secrets
 * are added when sending).
 *
 * @param targetKind {@code channel} or {@code trigger}
 * @param target the channel's or trigger's configured name
 * @param event {@code triggered}, {@code resolved}, {@code breach} or {@code check}
 * @param state {@code pending}, {@code delivered} or {@code failed}
 *
 * <p>Thread-safe: immutable.
 */
public record Delivery(String id, String monitorId, String checkId, String incidentId, String targetKind,
        String target, String event, String state, int attempts, Instant createdAt, Instant nextAttemptAt,
        Instant deliveredAt, String lastError, String externalId) {
}
