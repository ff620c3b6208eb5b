package io.driftwatch.monitor.sources;

import java.time.Instant;

/**
 * A half-open interval of time {@code [from, to)}: the data one scheduled run or one chunk covers.
 *
 * <p>Thread-safe: immutable.
 */
public record TimeWindow(Instant from, Instant to) {
    public TimeWindow {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a window must end after it starts: [" + from + ", " + to + ")");
        }
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
