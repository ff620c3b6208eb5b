package io.driftwatch.monitor.checks;

import io.driftwatch.data.Table;
import io.driftwatch.io.UnreadableDatasetException;
import java.util.Objects;

/**
 * A stored dataset together with the table it was parsed into, so that a check runs on the table the
 * intake already read instead of parsing the stored bytes again. A dataset that the intake could
 * store but not read with the monitor's declared columns (a declared numerical column holding a
 * word) has no table and carries why ({@link #unreadable()}); its check is recorded as failed with
 * that reason.
 *
 * <p>Thread-safe: immutable (the table is never modified once read).
 *
 * @param dataset the stored dataset
 * @param table its rows, or null when it could not be read with the monitor's declared columns (or
 *     was not read for a check)
 * @param unreadable why it could not, or null
 */
public record Batch(Dataset dataset, Table table, UnreadableDatasetException unreadable) {
    public Batch {
        Objects.requireNonNull(dataset, "dataset");
        if (table != null && unreadable != null) {
            throw new IllegalArgumentException("a batch has a table or the reason it has none, not both");
        }
    }

    static Batch read(Dataset dataset, Table table) {
        return new Batch(dataset, table, null);
    }

    /** The dataset of a batch taken in but not to be checked: its table was not kept. */
    static Batch notRead(Dataset dataset) {
        return new Batch(dataset, null, null);
    }

    static Batch unreadable(Dataset dataset, UnreadableDatasetException why) {
        return new Batch(dataset, null, why);
    }
}
