package io.driftwatch.monitor.policy;

import io.driftwatch.analysis.Sections;
import io.driftwatch.data.Lineage;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.Policy;
import io.driftwatch.notify.AlertEvent;
import io.driftwatch.notify.Channel;
import io.driftwatch.notify.DriftedColumn;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import io.driftwatch.store.IncidentRow;
import io.driftwatch.store.OutboxRow;
import io.driftwatch.store.Transactions;
import io.driftwatch.trigger.RetrainEvent;
import io.driftwatch.trigger.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a monitor's {@link Policy} to a check, inside the transaction that records the check: opens,
 * updates or closes the monitor's incident and writes the outbox rows of the alerts and retraining
 * requests that follow, so they are committed with the check or not at all.
 *
 * <p>Every outbox row has an idempotency key derived from the incident (or the check) and the
 * receiver, and the outbox ignores a key it has: one incident alerts each channel once, resolves it
 * once, and fires each trigger once, whatever is retried.
 *
 * <p>Thread-safe: stateless apart from the immutable receivers; the transaction serialises the
 * checks of one monitor by locking its row.
 */
public final class Incidents {
    private final Receivers receivers;

    public Incidents(Receivers receivers) {
        this.receivers = receivers;
    }

    /**
     * What is known of a recorded check when the policy is applied: its result, or (for a check that
     * could not run) the reason; the version of the reference it was checked against, when the
     * reference was registered through the system that versions it (null otherwise); and the analyses
     * the monitor asks for that the check skipped (by section name: a check on sketch profiles runs drift
     * only), which it can tell nothing about.
     */
    public record CheckFacts(String checkId, Instant createdAt, Sections sections, String error,
            Lineage referenceLineage, Set<String> skipped) {

        public CheckFacts {
            skipped = skipped == null ? Set.of() : Set.copyOf(skipped);
        }

        /** A check that skipped no analysis. */
        public CheckFacts(String checkId, Instant createdAt, Sections sections, String error,
                Lineage referenceLineage) {
            this(checkId, createdAt, sections, error, referenceLineage, Set.of());
        }

        /** A check whose reference is not versioned. */
        public CheckFacts(String checkId, Instant createdAt, Sections sections, String error) {
            this(checkId, createdAt, sections, error, null);
        }

        boolean failed() {
            return sections == null;
        }

        /** The drift section, which alerts and retraining events describe. */
        DriftResult result() {
            return sections.find(DriftResult.class).orElseThrow(() -> new IllegalStateException("check " + checkId
                    + " has no drift section to alert on"));
        }
    }

    /** Applies {@code monitor}'s policy to the check; returns how many deliveries were queued. */
    /**
     * Takes the monitor's row lock when its policy can open or close incidents. Call it first in the
     * check's transaction: inserting the check takes a shared key lock on the same row (the foreign
     * key), and two transactions that both hold that and then ask for the update lock deadlock.
     */
    public void lockFirst(Transactions.Tx tx, Monitor monitor) {
        if (monitor.definition().policy().active() && tx.incidents().lockMonitor(monitor.id()).isEmpty()) {
            throw new NotFoundException("monitor", monitor.id(), "id");
        }
    }

    public int apply(Transactions.Tx tx, Monitor monitor, CheckFacts check) {
        Policy policy = monitor.definition().policy();
        if (!policy.active()) {
            return 0;
        }
        if (tx.incidents().lockMonitor(monitor.id()).isEmpty()) {
            throw new NotFoundException("monitor", monitor.id(), "id");
        }
        List<OutboxRow> rows = new ArrayList<>();
        Optional<IncidentRow> open = tx.incidents().open(monitor.id());
        if (check.failed()) {
            // A check that could not run breaches only a policy that asks for it; it never closes an
            // incident (it says nothing about drift) and never asks for retraining.
            if (policy.alertWhen().checkError()) {
                breach(tx, monitor, policy, check, open, rows);
            }
            return queue(tx, rows);
        }
        if (policy.alertWhen().breachedBy(check.sections())) {
            IncidentRow incident = breach(tx, monitor, policy, check, open, rows);
            if (!incident.retrainRequested() && policy.retrainWhen().breachedBy(check.sections())) {
                tx.incidents().retrainRequested(incident.id());
                for (String name : policy.triggers()) {
                    receivers.trigger(name).ifPresent(t -> rows.add(retrain(t, monitor, incident.id(), check,
                            RetrainEvent.Kind.BREACH, incident.id() + ":retrain:" + key(name))));
                }
            }
        } else if (open.isPresent() && policy.alertWhen().judgedWithout(check.skipped())) {
            // a check that skipped an analysis the policy watches cannot tell that all is well again
            IncidentRow incident = open.get();
            tx.incidents().close(incident.id(), check.createdAt(), check.checkId());
            for (String name : policy.channels()) {
                receivers.channel(name).ifPresent(c -> {
                    // A receiver that keeps an incident open until told (PagerDuty) always hears of the close.
                    if (policy.notifyResolved() || c.alwaysToldOfResolve()) {
                        rows.add(alert(c, monitor, policy, incident.id(), check, AlertEvent.Kind.RESOLVED,
                                incident.id() + ":resolved:" + key(name)));
                    }
                });
            }
        }
        for (String name : policy.triggers()) {
            receivers.trigger(name).filter(Trigger::wantsEveryCheck).ifPresent(t -> rows.add(retrain(t, monitor,
                    null, check, RetrainEvent.Kind.CHECK, check.checkId() + ":check:" + key(name))));
        }
        return queue(tx, rows);
    }

    private static int queue(Transactions.Tx tx, List<OutboxRow> rows) {
        int queued = 0;
        for (OutboxRow row : rows) {
            queued += tx.outbox().insertIfAbsent(row);
        }
        return queued;
    }

    /** Records a breaching check: a new incident (alerting), or one more check in the current one. */
    private IncidentRow breach(Transactions.Tx tx, Monitor monitor, Policy policy, CheckFacts check,
            Optional<IncidentRow> open, List<OutboxRow> rows) {
        if (open.isPresent()) {
            tx.incidents().breach(open.get().id(), check.createdAt(), check.checkId());
            return open.get();
        }
        Optional<IncidentRow> last = tx.incidents().lastClosed(monitor.id());
        if (last.isPresent() && !policy.cooldown().isZero()
                && last.get().closedAt().plus(policy.cooldown()).isAfter(check.createdAt())) {
            // Within the cooldown: the last incident re-opens, and nobody is paged again.
            tx.incidents().breach(last.get().id(), check.createdAt(), check.checkId());
            return last.get();
        }
        IncidentRow incident = new IncidentRow(UUID.randomUUID().toString(), monitor.id(), check.createdAt(),
                check.checkId(), check.createdAt(), check.checkId(), 1, false, null, null);
        tx.incidents().insert(incident);
        for (String name : policy.channels()) {
            receivers.channel(name).ifPresent(c -> rows.add(alert(c, monitor, policy, incident.id(), check,
                    AlertEvent.Kind.TRIGGERED, incident.id() + ":triggered:" + key(name))));
        }
        return incident;
    }

    /**
     * The outbox row of one alert. An opening event says what of the policy the check breached; a
     * closing one what the policy watches, none of which the closing check breaches.
     */
    private OutboxRow alert(Channel channel, Monitor monitor, Policy policy, String incidentId, CheckFacts check,
            AlertEvent.Kind kind, String key) {
        Policy.Condition when = policy.alertWhen();
        AlertEvent event = check.failed()
                ? new AlertEvent(kind, monitor.id(), incidentId, check.checkId(), check.createdAt(),
                        AlertEvent.Findings.failed(check.error()), null, receivers.dashboardUrl(monitor.id()))
                : new AlertEvent(kind, monitor.id(), incidentId, check.checkId(), check.createdAt(),
                        AlertEvent.Findings.drift(check.result().dataset(), topColumns(check.result()))
                                .withDataQuality(DataQualityLines.of(check.sections()))
                                .withModelQuality(ModelQualityLines.of(check.sections(), when.modelQuality()))
                                .withEstimate(LabelFreeLines.estimate(check.sections()))
                                .withMultivariate(LabelFreeLines.multivariate(check.sections()))
                                .about(kind == AlertEvent.Kind.TRIGGERED ? when.breaches(check.sections())
                                        : when.watched()),
                        receivers.reportUrl(check.checkId()), receivers.dashboardUrl(monitor.id()));
        return row(key, monitor, check, incidentId, OutboxRow.TargetKind.CHANNEL, channel.name(),
                kind.name().toLowerCase(), channel.render(event).json());
    }

    private OutboxRow retrain(Trigger trigger, Monitor monitor, String incidentId, CheckFacts check,
            RetrainEvent.Kind kind, String key) {
        List<RetrainEvent.Column> columns = new ArrayList<>();
        for (ColumnDrift c : check.result().columns()) {
            TestResult r = c.result();
            columns.add(new RetrainEvent.Column(c.name(), c.type(), r == null ? null : r.test(),
                    r == null ? Double.NaN : r.score(), r == null ? Double.NaN : r.threshold(), c.drifted()));
        }
        RetrainEvent event = new RetrainEvent(kind, monitor.id(), incidentId, check.checkId(), check.createdAt(),
                check.result().dataset(), columns, receivers.reportUrl(check.checkId()),
                receivers.dashboardUrl(monitor.id())).withLabelFree(LabelFreeLines.estimate(check.sections()),
                        LabelFreeLines.multivariate(check.sections())).withReference(check.referenceLineage());
        return row(key, monitor, check, incidentId, OutboxRow.TargetKind.TRIGGER, trigger.name(),
                kind == RetrainEvent.Kind.BREACH ? "breach" : "check", trigger.render(event).json());
    }

    private static OutboxRow row(String key, Monitor monitor, CheckFacts check, String incidentId,
            OutboxRow.TargetKind targetKind, String target, String event, String payload) {
        return new OutboxRow(UUID.randomUUID().toString(), key, monitor.id(), check.checkId(), incidentId, targetKind,
                target, event, payload, OutboxRow.State.PENDING, 0, check.createdAt(), check.createdAt(), null, null,
                null, null);
    }

    private static List<DriftedColumn> topColumns(DriftResult result) {
        List<DriftedColumn> columns = new ArrayList<>();
        for (ColumnDrift c : result.columns()) {
            TestResult r = c.result();
            if (c.drifted() && r != null) {
                columns.add(new DriftedColumn(c.name(), c.type(), r.test(), r.scoreKind() == ScoreKind.P_VALUE
                        ? DriftedColumn.ScoreKind.P_VALUE : DriftedColumn.ScoreKind.DISTANCE, r.score(),
                        r.threshold(), c.strength()));
            }
        }
        columns.sort(DriftedColumn.MOST_DRIFTED_FIRST);
        return columns;
    }

    /** A receiver's name as idempotency keys may hold it ({@code A-Z a-z 0-9 _ - :}). */
    private static String key(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
