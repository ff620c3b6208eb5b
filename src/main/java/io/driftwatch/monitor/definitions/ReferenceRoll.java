package io.driftwatch.monitor.definitions;

import java.time.Duration;

/**
 * A rolling reference (the {@code reference_roll:} of a monitor definition): instead of the pinned
 * reference, each window is checked against the source's data over the {@code previous} period
 * before it, re-read and re-profiled once per {@code every} (the period's end is the window's start
 * rounded down to a multiple of {@code every} since the epoch, UTC). Each re-profiled reference is a
 * new reference version.
 *
 * <p>Thread-safe: immutable.
 */
public record ReferenceRoll(Duration previous, Duration every) {
}
