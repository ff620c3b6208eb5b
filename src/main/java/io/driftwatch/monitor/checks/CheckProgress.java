package io.driftwatch.monitor.checks;

/**
 * Hears which stage a running check is in, for a progress display. Stages are coarse (reading the
 * inputs, profiling the reference, testing the columns) because that is what the layers below
 * report; {@code done} of {@code total} stages are complete when {@code stage} begins, and a last
 * call with {@code done == total} says the check has finished.
 *
 * <p>Implementations must be thread-safe: a runner may call from any of its threads.
 */
@FunctionalInterface
public interface CheckProgress {
    /** Ignores everything. */
    CheckProgress NONE = (description, done, total) -> { };

    /**
     * A stage began.
     *
     * @param description what is happening, e.g. {@code testing 15 columns}
     * @param done stages complete so far
     * @param total stages in all
     */
    void stage(String description, int done, int total);
}
