package io.driftwatch.drift;

import io.driftwatch.profile.SketchSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * What a drift check on sketch profiles found beyond the verdicts its {@link DriftResult} shares with a check
 * on rows: per column the interval the exact score lies in, the statistic's error bound and the three-way
 * verdict (drift, no drift, undecided at this sketch size); the number of undecided columns, counted as not
 * drifted; the columns not tested; the sketch settings of both sides and their exact row counts.
 *
 * <p>Thread-safe: immutable.
 *
 * @param result the drift on sketches, column by column
 * @param referenceSettings the settings the reference profile was built with
 * @param currentSettings the settings the current profile was built with
 * @param referenceRows rows the reference profile summarises
 * @param currentRows rows the current profile summarises
 */
public record SketchDetails(SketchDrift.Result result, SketchSettings referenceSettings,
        SketchSettings currentSettings, long referenceRows, long currentRows) {
    public SketchDetails {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(referenceSettings, "referenceSettings");
        Objects.requireNonNull(currentSettings, "currentSettings");
    }

    /** The sketch result of column {@code name}, if it was tested or given an error entry. */
    public Optional<SketchDrift.Column> column(String name) {
        for (SketchDrift.Column c : result.columns()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
