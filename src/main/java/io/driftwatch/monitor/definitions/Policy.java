package io.driftwatch.monitor.definitions;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityResult;
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
     * @param dataQuality the data-quality failures that breach, or null when data quality does not
     */
    public record Condition(boolean datasetDrift, Double driftShare, List<String> columns, boolean checkError,
            DataQuality dataQuality) {
        /** Evidently's notion: dataset drift, nothing else. */
        public static final Condition DATASET_DRIFT = new Condition(true, null, List.of(), false);

        public Condition {
            columns = List.copyOf(columns);
        }

        /** A condition on drift and check errors only. */
        public Condition(boolean datasetDrift, Double driftShare, List<String> columns, boolean checkError) {
            this(datasetDrift, driftShare, columns, checkError, null);
        }

        /**
         * Whether a check that ran, with these sections, breaches the condition: the drift conditions
         * read the drift section (a check without one breaches none of them).
         */
        public boolean breachedBy(Sections sections) {
            if (dataQuality != null && dataQuality.breachedBy(sections)) {
                return true;
            }
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

    /**
     * Which failures of the integrity section breach ({@code when: {integrity: …}}): a failed
     * Evidently test (all of its default tests are critical) or a broken reference-derived condition,
     * of at least {@code severity}, on one of {@code columns} when any are named (dataset-level
     * failures name no column, so they breach only when no column is named).
     *
     * @param severity the least severity that breaches
     * @param columns the columns whose failures breach; empty for any
     */
    public record DataQuality(IntegrityFinding.Severity severity, List<String> columns) {
        /** Any failure breaches. */
        public static final DataQuality ANY = new DataQuality(IntegrityFinding.Severity.WARNING, List.of());

        public DataQuality {
            java.util.Objects.requireNonNull(severity, "severity");
            columns = List.copyOf(columns);
        }

        /** Whether the check's integrity section (if it has one) has a failure this selects. */
        public boolean breachedBy(Sections sections) {
            Optional<IntegrityResult> found = sections.find(IntegrityResult.class);
            if (found.isEmpty()) {
                return false;
            }
            for (MetricTest t : found.get().metricTests()) {
                if (t.status().failed() && selects(IntegrityFinding.Severity.CRITICAL, t.column())) {
                    return true;
                }
            }
            for (IntegrityFinding f : found.get().findings()) {
                if (selects(f.condition().severity(), f.column())) {
                    return true;
                }
            }
            return false;
        }

        private boolean selects(IntegrityFinding.Severity failure, String column) {
            return failure.compareTo(severity) >= 0 && (columns.isEmpty() || column != null && columns.contains(column));
        }
    }
}
