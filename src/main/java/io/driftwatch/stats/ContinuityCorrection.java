package io.driftwatch.stats;

/**
 * Whether a contingency-table test corrects for continuity (Yates, "Contingency tables involving
 * small numbers and the χ² test", Suppl. J. R. Stat. Soc. 1(2), 1934, doi:10.2307/2983604).
 *
 * <ul>
 *   <li>{@link #YATES_WHEN_ONE_DEGREE_OF_FREEDOM} (the default, as {@code scipy.stats.chi2_contingency}):
 *       with exactly one degree of freedom (two categories) every observed count moves towards its
 *       expected count by {@code min(0.5, |expected − observed|)} before the statistic is computed;
 *       with more categories nothing changes.</li>
 *   <li>{@link #NONE}: the observed counts are used as they are.</li>
 * </ul>
 */
public enum ContinuityCorrection {
    YATES_WHEN_ONE_DEGREE_OF_FREEDOM,
    NONE
}
