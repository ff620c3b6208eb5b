package io.driftwatch.trigger;

import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Lineage;
import io.driftwatch.drift.DatasetDrift;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What happened, as a trigger needs to know it: one check's verdict, or a drift incident that a
 * policy opened on a check. Built by the monitor layer from a stored check; triggers render it to
 * a {@link io.driftwatch.delivery.Payload} when the event is recorded.
 *
 * <p>Thread-safe: immutable.
 *
 * @param kind a check (every check, for run logging) or a breach (an incident opened: retrain)
 * @param monitor the monitor's name
 * @param incidentId the incident, stable for the incident's whole life; null for {@link Kind#CHECK}
 * @param checkId the check (for a breach: the check that opened the incident)
 * @param occurredAt when the check ran (for a breach: when the incident opened)
 * @param dataset the dataset-level verdict
 * @param columns one entry per column of the check, in the check's column order
 * @param reportUrl the absolute address of the check's HTML report; null when there is none
 * @param dashboardUrl the absolute address of the monitor's dashboard page; null when there is none
 * @param estimate a line per estimated metric (CBPE, DLE) that left its thresholds on some chunk, as
 *     alerts print them; empty when none did or the monitor estimates nothing
 * @param multivariate a line per multivariate method that alerted on some chunk, with the columns
 *     that drove it; empty when none did
 * @param reference the version of the reference the check used, when it was registered through the
 *     system that versions it (a DVC pointer, an MLflow model version); null otherwise
 */
public record RetrainEvent(
        Kind kind,
        String monitor,
        String incidentId,
        String checkId,
        Instant occurredAt,
        DatasetDrift dataset,
        List<Column> columns,
        URI reportUrl,
        URI dashboardUrl,
        List<String> estimate,
        List<String> multivariate,
        Lineage reference) {

    /** Why the event was recorded. */
    public enum Kind {
        /** A check finished, drifted or not. */
        CHECK,
        /** A policy opened a drift incident: the model should be retrained. */
        BREACH
    }

    /**
     * One column's verdict.
     *
     * @param name the column
     * @param type numerical or categorical (other types are not tested)
     * @param test the registry name of the test that ran; null when the column could not be tested
     * @param score the drift score (a p-value or a distance); NaN when undefined or not tested
     * @param threshold the threshold the verdict was decided with; NaN when not tested
     * @param drifted the verdict (false when not tested)
     */
    public record Column(String name, ColumnType type, String test, double score, double threshold,
            boolean drifted) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public RetrainEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(dataset, "dataset");
        columns = List.copyOf(columns);
        estimate = estimate == null ? List.of() : List.copyOf(estimate);
        multivariate = multivariate == null ? List.of() : List.copyOf(multivariate);
        if (kind == Kind.BREACH && incidentId == null) {
            throw new IllegalArgumentException("a breach names its incident");
        }
        if (kind == Kind.CHECK && incidentId != null) {
            throw new IllegalArgumentException("a check event has no incident");
        }
    }

    /** An event without label-free findings. */
    public RetrainEvent(Kind kind, String monitor, String incidentId, String checkId, Instant occurredAt,
            DatasetDrift dataset, List<Column> columns, URI reportUrl, URI dashboardUrl) {
        this(kind, monitor, incidentId, checkId, occurredAt, dataset, columns, reportUrl, dashboardUrl, List.of(),
                List.of(), null);
    }

    /** This event with the lines of the check's estimate and multivariate alerts. */
    public RetrainEvent withLabelFree(List<String> estimateLines, List<String> multivariateLines) {
        return new RetrainEvent(kind, monitor, incidentId, checkId, occurredAt, dataset, columns, reportUrl,
                dashboardUrl, estimateLines, multivariateLines, reference);
    }

    /** This event with the version of the reference the check used (null: not versioned). */
    public RetrainEvent withReference(Lineage lineage) {
        return new RetrainEvent(kind, monitor, incidentId, checkId, occurredAt, dataset, columns, reportUrl,
                dashboardUrl, estimate, multivariate, lineage);
    }

    /** The names of the drifted columns, in column order. */
    public List<String> driftedColumns() {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            if (c.drifted()) {
                names.add(c.name());
            }
        }
        return List.copyOf(names);
    }
}
