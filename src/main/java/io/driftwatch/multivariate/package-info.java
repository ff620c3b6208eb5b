/**
 * Drift across columns, as NannyML computes it: the PCA reconstruction error
 * ({@link io.driftwatch.multivariate.PcaReconstruction}, NannyML's
 * {@code DataReconstructionDriftCalculator}) and a domain classifier
 * ({@link io.driftwatch.multivariate.DomainClassifier}, NannyML's
 * {@code DomainClassifierCalculator}). Both take the reference and current {@link io.driftwatch.data.Table}s,
 * the feature columns and the chunks ({@link io.driftwatch.data.Chunks}), and return one immutable
 * record per chunk with its value, thresholds, alert and the columns that drive it. Pure
 * computation: no I/O, no logging, no monitor or report types, and no other analysis (drift,
 * quality, integrity, estimate). Statistics shared with other analyses (the reference-chunk band)
 * come from {@code io.driftwatch.stats}.
 */
package io.driftwatch.multivariate;
