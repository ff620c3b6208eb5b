package io.driftwatch.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets: the service under test records checks and receives labels at the instant set
 * last, so that a test can run "day 1, day 2, day 3" in seconds.
 *
 * <p>Thread-safe: the instant is volatile.
 */
public final class SettableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-02T10:00:00Z");

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service uses UTC");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
