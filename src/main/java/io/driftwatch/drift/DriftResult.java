package io.driftwatch.drift;

import java.util.List;

/**
 * The outcome of one check: the dataset verdict and one entry per tested column, in the current
 * batch's column order.
 *
 * <p>Thread-safe: immutable.
 */
public record DriftResult(DatasetDrift dataset, List<ColumnDrift> columns) {
    public DriftResult {
        columns = List.copyOf(columns);
    }
}
