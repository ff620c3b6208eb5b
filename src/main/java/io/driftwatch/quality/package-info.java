/**
 * Model quality from labels (the {@code quality} analysis): Evidently 0.7.21's
 * {@code ClassificationPreset} and {@code RegressionPreset} metrics, its rules for dropping rows and
 * for deriving predicted labels from probabilities, its default tests and its dummy baselines,
 * reproduced exactly, together with what Evidently 0.7.21 would raise on the same input; and
 * Driftwatch's corrected alternatives under names of their own (MAPE over {@code |y|}, regression
 * baselines that are not the model's own errors), and Driftwatch's one-sided degradation tests with
 * their metrics' standard errors. {@link io.driftwatch.quality.QualityEvaluator} is
 * the entry point: it measures one side (reference or current) of a check from the parsed columns
 * and evaluates a current batch against a measured reference; beside the metrics it computes, from the
 * same rows, what the report draws ({@link io.driftwatch.quality.QualityCharts}: ROC and
 * precision-recall curves, a regression's density and errors). Hot loops run over primitive arrays.
 * No I/O, no logging; nothing here knows about monitors, reports or the other analyses.
 */
package io.driftwatch.quality;
