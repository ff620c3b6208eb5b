package io.driftwatch.drift;

/**
 * The dataset-level verdict: drift when the share of drifted columns reaches the threshold
 * (Evidently's {@code >=}). Columns that could not be tested are not counted in the share.
 *
 * @param detected whether the dataset drifted
 * @param share drifted columns / tested columns (0 when none was tested)
 * @param threshold the drift share policy
 * @param numberOfColumns columns tested successfully
 * @param numberOfDriftedColumns columns that drifted
 * @param numberOfErrors columns that could not be tested
 */
public record DatasetDrift(boolean detected, double share, double threshold, int numberOfColumns,
        int numberOfDriftedColumns, int numberOfErrors) {
}
