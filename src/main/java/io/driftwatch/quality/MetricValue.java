package io.driftwatch.quality;

import java.util.Objects;

/**
 * One metric's value on one side of a check: a number (NaN where the metric's definition gives NaN,
 * e.g. TPR with no positive row), a mean with its standard deviation, or the reason the metric could
 * not be computed (Evidently raises there; Driftwatch reports it and goes on).
 *
 * <p>Thread-safe: immutable.
 *
 * @param value the value, or the mean of a mean-and-deviation metric; NaN with an error
 * @param std the standard deviation of a mean-and-deviation metric; NaN otherwise
 * @param error why the metric could not be computed, or null
 */
public record MetricValue(double value, double std, String error) {

    /** A single number. */
    public static MetricValue of(double value) {
        return new MetricValue(value, Double.NaN, null);
    }

    /** A mean with its standard deviation. */
    public static MetricValue of(double mean, double std) {
        return new MetricValue(mean, std, null);
    }

    /** A metric that could not be computed, and why. */
    public static MetricValue failed(String error) {
        return new MetricValue(Double.NaN, Double.NaN, Objects.requireNonNull(error, "error"));
    }

    /** Whether the metric was computed. */
    public boolean ok() {
        return error == null;
    }

    /** The mean of a mean-and-deviation metric (the same as {@link #value()}). */
    public double mean() {
        return value;
    }
}
