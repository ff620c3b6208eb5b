package io.driftwatch.drift;

import io.driftwatch.analysis.Section;
import java.util.List;
import java.util.Optional;

/**
 * The drift section of a check's result: the dataset verdict, one entry per tested column in the current batch's
 * column order, and the multiple-testing correction the verdicts were decided with. A check run on sketch
 * profiles ({@link SketchDrift#section}) carries its {@link SketchDetails} too: each column's interval, error
 * bound and three-way verdict, of which {@link ColumnDrift#drifted()} keeps only "drift".
 *
 * <p>Thread-safe: immutable.
 *
 * @param sketch what the sketches said beyond the verdicts; null for a check on rows
 */
public record DriftResult(DatasetDrift dataset, List<ColumnDrift> columns, Correction correction, SketchDetails sketch)
        implements Section {
    public DriftResult {
        columns = List.copyOf(columns);
        java.util.Objects.requireNonNull(correction, "correction");
    }

    /** The drift section of a check on rows. */
    public DriftResult(DatasetDrift dataset, List<ColumnDrift> columns, Correction correction) {
        this(dataset, columns, correction, null);
    }

    /** The sketch details, when the check ran on sketch profiles. */
    public Optional<SketchDetails> sketchDetails() {
        return Optional.ofNullable(sketch);
    }

    /** {@code drift}. */
    @Override
    public String name() {
        return "drift";
    }
}
