package io.driftwatch.store;

import java.time.Instant;

/**
 * An incident of a monitor: opened by a breaching check, updated by the breaching checks after it,
 * closed by the first clean check ({@code closedAt} and {@code closedBy} null while open).
 *
 * <p>Thread-safe: immutable.
 */
public record IncidentRow(String id, String monitorId, Instant openedAt, String openedBy, Instant lastBreachAt,
        String lastBreachCheck, int breachingChecks, boolean retrainRequested, Instant closedAt, String closedBy) {

    /** Whether the incident is still open. */
    public boolean open() {
        return closedAt == null;
    }
}
