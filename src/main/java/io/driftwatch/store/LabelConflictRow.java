package io.driftwatch.store;

import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A row id given two different labels: the one posted at {@code position} (0-based row of the posted
 * batch) and the other one, stored before or posted earlier in the same batch.
 *
 * <p>Thread-safe: immutable.
 */
public record LabelConflictRow(String rowId, int position, String posted, String other) {

    @JdbiConstructor
    public LabelConflictRow {
    }
}
