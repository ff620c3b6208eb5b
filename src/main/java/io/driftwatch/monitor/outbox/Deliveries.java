package io.driftwatch.monitor.outbox;

import io.driftwatch.monitor.ConflictException;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.store.OutboxDao;
import io.driftwatch.store.OutboxRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox as users see it: a monitor's deliveries, the failed ones, and a retry by hand of a
 * delivery that failed.
 *
 * <p>Thread-safe.
 */
public final class Deliveries {
    private final OutboxDao outbox;
    private final MonitorCatalog monitors;
    private final Runnable requeued;

    /**
     * @param requeued called after a delivery was put back in the queue (wakes the worker)
     */
    public Deliveries(OutboxDao outbox, MonitorCatalog monitors, Runnable requeued) {
        this.outbox = outbox;
        this.monitors = monitors;
        this.requeued = requeued;
    }

    /**
     * Monitor {@code monitorId}'s deliveries, newest first.
     *
     * @throws NotFoundException when there is no such monitor
     */
    public List<OutboxEntry> ofMonitor(String monitorId, int limit) {
        monitors.find(monitorId);
        return deliveries(outbox.byMonitor(monitorId, limit(limit)));
    }

    /**
     * Deliveries in {@code state} ({@code pending}, {@code delivered}, {@code failed}), newest first.
     *
     * @throws InvalidRequestException for another state
     */
    public List<OutboxEntry> inState(String state, int limit) {
        OutboxRow.State wanted = OutboxRow.State.of(state).orElseThrow(() -> new InvalidRequestException("state",
                "'" + state + "' is not a delivery state; use pending, delivered or failed"));
        return deliveries(outbox.byState(wanted, limit(limit)));
    }

    /**
     * Puts failed delivery {@code id} back in the queue, due now, in its old place in its receiver's
     * line: rows queued after it that are still pending wait until it is delivered or fails again.
     *
     * @throws NotFoundException when there is no such delivery
     * @throws ConflictException when it has not failed (it is pending or delivered), or when it is an
     *     incident's {@code triggered} whose {@code resolved} already went to the same receiver: sent
     *     now, it would open the incident again there after it was resolved (a PagerDuty incident
     *     would then stay open for good)
     */
    public OutboxEntry retry(String id) {
        outbox.find(id).orElseThrow(() -> new NotFoundException("delivery", id, "id"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (outbox.requeue(id, now) == 0) {
            OutboxRow row = outbox.find(id).orElseThrow(() -> new NotFoundException("delivery", id, "id"));
            Optional<OutboxRow> resolve = row.state() == OutboxRow.State.FAILED ? outbox.resolveSent(id, now)
                    : Optional.empty();
            if (resolve.isPresent()) {
                throw new ConflictException("delivery " + id + " cannot be retried: it opens incident "
                        + row.incidentId() + " at " + row.targetKind().value() + " '" + row.targetName()
                        + "', which was already told that the incident is resolved (delivery " + resolve.get().id() + "); sent now "
                        + "it would open the incident again there, with no resolve to follow", "state");
            }
            throw new ConflictException("delivery " + id + " is " + row.state().value() + ", not failed: only a failed "
                    + "delivery can be retried by hand", "state");
        }
        requeued.run();
        return OutboxEntry.of(outbox.find(id).orElseThrow());
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > CheckHistory.MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + CheckHistory.MAX_LIMIT + ", not "
                    + limit);
        }
        return limit;
    }

    private static List<OutboxEntry> deliveries(List<OutboxRow> rows) {
        List<OutboxEntry> out = new ArrayList<>(rows.size());
        for (OutboxRow r : rows) {
            out.add(OutboxEntry.of(r));
        }
        return out;
    }
}
