package io.driftwatch.data;

/**
 * Whether a bulk operation on one column may use other cores. A caller that already runs many
 * columns at once on all cores asks for {@link #SINGLE_THREAD}: nested parallelism would only add
 * merging work and compete for the same cores.
 */
public enum Parallelism {
    /** On the calling thread only. */
    SINGLE_THREAD,
    /** Large inputs split across the common fork-join pool. */
    ALL_CORES
}
