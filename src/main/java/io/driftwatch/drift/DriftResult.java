package io.driftwatch.drift;

import io.driftwatch.analysis.Section;
import java.util.List;

/**
 * The drift section of a check's result: the dataset verdict, one entry per tested column in the current batch's
 * column order, and the multiple-testing correction the verdicts were decided with.
 *
 * <p>Thread-safe: immutable.
 */
public record DriftResult(DatasetDrift dataset, List<ColumnDrift> columns, Correction correction) implements Section {
    public DriftResult {
        columns = List.copyOf(columns);
        java.util.Objects.requireNonNull(correction, "correction");
    }

    /** {@code drift}. */
    @Override
    public String name() {
        return "drift";
    }
}
