/**
 * Data quality of a current batch (the {@code integrity} analysis): Evidently 0.7.21's
 * {@code DataSummaryPreset} metrics and default tests, reproduced exactly, and Driftwatch's own
 * conditions derived from the stored reference profile (ranges, category lists, missing shares with
 * a confidence bound, duplicated rows, columns that turned constant or empty, changed or missing
 * columns). Everything is computed in one pass over the parsed table. No I/O, no logging.
 */
package io.driftwatch.integrity;
