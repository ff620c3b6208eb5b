package io.driftwatch.drift;

import java.util.List;

/**
 * The outcome of one check: the dataset verdict, one entry per tested column in the current batch's
 * column order, and the multiple-testing correction the verdicts were decided with.
 *
 * <p>Thread-safe: immutable.
 */
public record DriftResult(DatasetDrift dataset, List<ColumnDrift> columns, Correction correction) {
    public DriftResult {
        columns = List.copyOf(columns);
        java.util.Objects.requireNonNull(correction, "correction");
    }
}
