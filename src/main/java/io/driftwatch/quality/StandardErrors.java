package io.driftwatch.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The standard errors of one side's metrics ({@link SamplingVariance}), or why a metric has none: what
 * a side measured for the degradation tests carries beside its values.
 *
 * <p>Thread-safe: immutable; the builder is not, and is used by one scorer run.
 *
 * @param values each metric's standard error (finite, ≥ 0)
 * @param errors why a metric has no standard error
 */
record StandardErrors(Map<QualityMetric, Double> values, Map<QualityMetric, String> errors) {

    /** No standard error of any metric: a side that could not be scored. */
    static final StandardErrors NONE = new StandardErrors(Map.of(), Map.of());

    StandardErrors {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** The standard error of {@code metric}, or NaN when it has none. */
    double of(QualityMetric metric) {
        Double v = values.get(metric);
        return v == null ? Double.NaN : v;
    }

    /** Why {@code metric} has no standard error, or null when it has one or was never asked for. */
    String error(QualityMetric metric) {
        return errors.get(metric);
    }

    /** Collects one side's standard errors. Not thread-safe. */
    static final class Builder {
        private final Map<QualityMetric, Double> values = new LinkedHashMap<>();
        private final Map<QualityMetric, String> errors = new LinkedHashMap<>();

        /**
         * The standard error of a metric whose sampling variance is {@code variance}; a variance that is
         * NaN or infinite leaves the metric without one, {@code whyUndefined} saying why.
         */
        Builder variance(QualityMetric metric, double variance, String whyUndefined) {
            if (variance >= 0 && variance < Double.POSITIVE_INFINITY) {
                values.put(metric, Math.sqrt(variance));
                errors.remove(metric);
            } else {
                fail(metric, whyUndefined);
            }
            return this;
        }

        /** The standard error of a metric given directly. */
        Builder standardError(QualityMetric metric, double standardError, String whyUndefined) {
            if (standardError >= 0 && standardError < Double.POSITIVE_INFINITY) {
                values.put(metric, standardError);
                errors.remove(metric);
            } else {
                fail(metric, whyUndefined);
            }
            return this;
        }

        /** A metric without a standard error, and why. */
        Builder fail(QualityMetric metric, String why) {
            values.remove(metric);
            errors.put(metric, Objects.requireNonNull(why, "why"));
            return this;
        }

        StandardErrors build() {
            return new StandardErrors(values, errors);
        }
    }
}
