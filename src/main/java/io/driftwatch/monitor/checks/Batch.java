package io.driftwatch.monitor.checks;

import io.driftwatch.data.Table;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.profile.SketchProfile;
import java.util.Objects;

/**
 * A stored dataset together with the table it was parsed into, so that a check runs on the table the
 * intake already read instead of parsing the stored bytes again. A dataset that the intake could
 * store but not read with the monitor's declared columns (a declared numerical column holding a
 * word) has no table and carries why ({@link #unreadable()}); its check is recorded as failed with
 * that reason. A dataset that is a sketch profile (docs/sketch-profile.md) carries the profile instead
 * of a table: its check runs on sketches.
 *
 * <p>Thread-safe: immutable (the table is never modified once read; a sketch profile is immutable).
 *
 * @param dataset the stored dataset
 * @param table its rows, or null when it could not be read with the monitor's declared columns (or
 *     was not read for a check), or is a sketch profile
 * @param unreadable why it could not, or null
 * @param sketch the sketch profile the dataset is, or null for a batch of rows
 */
public record Batch(Dataset dataset, Table table, UnreadableDatasetException unreadable, SketchProfile sketch) {
    public Batch {
        Objects.requireNonNull(dataset, "dataset");
        int held = (table != null ? 1 : 0) + (unreadable != null ? 1 : 0) + (sketch != null ? 1 : 0);
        if (held > 1) {
            throw new IllegalArgumentException("a batch has a table, a sketch profile or the reason it has neither,"
                    + " only one of them");
        }
    }

    static Batch read(Dataset dataset, Table table) {
        return new Batch(dataset, table, null, null);
    }

    /** The dataset of a batch taken in but not to be checked: its table was not kept. */
    static Batch notRead(Dataset dataset) {
        return new Batch(dataset, null, null, null);
    }

    static Batch unreadable(Dataset dataset, UnreadableDatasetException why) {
        return new Batch(dataset, null, why, null);
    }

    static Batch sketched(Dataset dataset, SketchProfile sketch) {
        return new Batch(dataset, null, null, Objects.requireNonNull(sketch, "sketch"));
    }
}
