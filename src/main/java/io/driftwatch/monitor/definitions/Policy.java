package io.driftwatch.monitor.definitions;

import io.driftwatch.analysis.Sections;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A monitor's alert and retraining policy: which checks breach it, which channels hear about it,
 * which retraining triggers fire, and the cooldown.
 *
 * <p>Incidents: the first breaching check opens one (alerting the channels once), breaching checks
 * after it update it silently, and the first clean check closes it (a "resolved" notice if
 * {@code notifyResolved}). A breach within {@code cooldown} of the last incident closing re-opens
 * that incident without a new alert, so a flapping monitor does not page anyone twice. Retraining
 * triggers fire once per incident, at its first check that meets {@code retrainWhen}.
 *
 * @param alertWhen what opens an incident
 * @param channels the configured channels told of it
 * @param cooldown how long after an incident closes a breach re-opens it instead of a new one
 * @param notifyResolved whether the channels hear when it closes
 * @param retrainWhen what must also hold for the retraining triggers to fire
 * @param triggers the configured retraining triggers
 *
 * <p>Thread-safe: immutable.
 */
public record Policy(Condition alertWhen, List<String> channels, Duration cooldown, boolean notifyResolved,
        Condition retrainWhen, List<String> triggers) {

    /** No channels, no triggers: checks open no incidents. */
    public static final Policy NONE = new Policy(Condition.DATASET_DRIFT, List.of(), Duration.ZERO, true,
            Condition.DATASET_DRIFT, List.of());

    public Policy {
        channels = List.copyOf(channels);
        triggers = List.copyOf(triggers);
    }

    /** Whether the policy does anything (has a channel or a trigger). */
    public boolean active() {
        return !channels.isEmpty() || !triggers.isEmpty();
    }

    /**
     * What breaches a policy; any condition that is set suffices.
     *
     * @param datasetDrift the check found dataset drift
     * @param driftShare the share of drifted columns reached this, when set
     * @param columns any of these columns drifted
     * @param checkError the check could not run
     */
    public record Condition(boolean datasetDrift, Double driftShare, List<String> columns, boolean checkError) {
        /** Evidently's notion: dataset drift, nothing else. */
        public static final Condition DATASET_DRIFT = new Condition(true, null, List.of(), false);

        public Condition {
            columns = List.copyOf(columns);
        }

        /**
         * Whether a check that ran, with these sections, breaches the condition: the drift conditions
         * read the drift section (a check without one breaches none of them).
         */
        public boolean breachedBy(Sections sections) {
            Optional<DriftResult> found = sections.find(DriftResult.class);
            if (found.isEmpty()) {
                return false;
            }
            DatasetDrift drift = found.get().dataset();
            if (datasetDrift && drift.detected()) {
                return true;
            }
            if (driftShare != null && drift.numberOfColumns() > 0 && drift.share() >= driftShare) {
                return true;
            }
            if (!columns.isEmpty()) {
                Set<String> drifted = new HashSet<>();
                for (ColumnDrift c : found.get().columns()) {
                    if (c.drifted()) {
                        drifted.add(c.name());
                    }
                }
                for (String c : columns) {
                    if (drifted.contains(c)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
