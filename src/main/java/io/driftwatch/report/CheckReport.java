package io.driftwatch.report;

import io.driftwatch.analysis.Sections;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Table;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.profile.ReferenceProfile;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a rendering of one check needs: the sections its analyses returned, the data they were computed from (the
 * reference profile and the current batch, for the charts), the column types and roles, where the
 * inputs came from, and when and how fast it ran.
 *
 * @param title what the check is about: the monitor's name, or "REF vs CUR"
 * @param sections what each analysis found, in the order the report shows them
 * @param reference the reference profile the check ran against; null for a check without reference
 *     (which runs only the analyses that need none) and for a check on sketch profiles (whose drift section
 *     carries them in {@link io.driftwatch.drift.SketchDetails})
 * @param current the current batch; null for a check on sketch profiles, which has no rows
 * @param types the type of every current column the check considered (tested or not; columns the
 *     monitor ignores are left out), in column order
 * @param roles target, prediction and datetime columns, if any
 * @param referenceBatch where the reference came from; null without reference
 * @param currentBatch where the current batch came from
 * @param timings how long it took
 * @param createdAt when the check ran
 * @param driftwatchVersion the version that ran it
 * @param skipped the analyses the monitor asks for that did not run, with why (a check on sketch profiles
 *     runs only drift)
 */
public record CheckReport(
        String title,
        Sections sections,
        ReferenceProfile reference,
        Table current,
        Map<String, ColumnType> types,
        ColumnRoles roles,
        BatchInfo referenceBatch,
        BatchInfo currentBatch,
        Timings timings,
        Instant createdAt,
        String driftwatchVersion,
        java.util.List<Skipped> skipped) {

    /**
     * An analysis the monitor asks for that the check did not run.
     *
     * @param analysis the section it would have written ({@code integrity}, {@code quality}…)
     * @param reason why, in a sentence
     */
    public record Skipped(String analysis, String reason) {
    }

    public CheckReport {
        Objects.requireNonNull(sections, "sections");
        types = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(types));
        roles = roles == null ? ColumnRoles.none() : roles;
        skipped = skipped == null ? java.util.List.of() : java.util.List.copyOf(skipped);
        if (current == null && (referenceBatch == null || currentBatch == null
                || sections.find(DriftResult.class).flatMap(DriftResult::sketchDetails).isEmpty())) {
            throw new IllegalArgumentException("only a check on sketch profiles has no current rows, and it says"
                    + " where both sides came from");
        }
    }

    /** A check that skipped no analysis. */
    public CheckReport(String title, Sections sections, ReferenceProfile reference, Table current,
            Map<String, ColumnType> types, ColumnRoles roles, BatchInfo referenceBatch, BatchInfo currentBatch,
            Timings timings, Instant createdAt, String driftwatchVersion) {
        this(title, sections, reference, current, types, roles, referenceBatch, currentBatch, timings, createdAt,
                driftwatchVersion, java.util.List.of());
    }

    /** This report with the reference's lineage (the version of the data it names); no-op without a reference. */
    public CheckReport withReferenceLineage(io.driftwatch.data.Lineage lineage) {
        if (referenceBatch == null || lineage == null) {
            return this;
        }
        return new CheckReport(title, sections, reference, current, types, roles, referenceBatch.withLineage(lineage),
                currentBatch, timings, createdAt, driftwatchVersion, skipped);
    }

    /** Whether the check ran against a reference (else only the analyses that need none ran). */
    public boolean hasReference() {
        return reference != null || onSketches();
    }

    /** Whether the check ran on sketch profiles of both sides (then it has no rows and only a drift section). */
    public boolean onSketches() {
        return current == null;
    }

    /** Rows of the reference: its profile's, or the reference sketch's; 0 without a reference. */
    public long referenceRows() {
        return reference != null ? reference.rowCount() : referenceBatch != null ? referenceBatch.rows() : 0;
    }

    /** Rows of the current batch: its table's, or the current sketch's. */
    public long currentRows() {
        return current != null ? current.rowCount() : currentBatch.rows();
    }

    /** The drift section, if the check ran one (it needs a reference). */
    public Optional<DriftResult> findDrift() {
        return sections.find(DriftResult.class);
    }

    /**
     * The drift section: the verdict a check's exit code, history and heat map are about.
     *
     * @throws IllegalStateException when the check ran no drift analysis
     */
    public DriftResult drift() {
        return sections.find(DriftResult.class)
                .orElseThrow(() -> new IllegalStateException("the check '" + title + "' has no drift section"));
    }

    /** The running Driftwatch version, from the jar manifest ({@code dev} when run from classes). */
    public static String runningVersion() {
        String v = CheckReport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
