package io.driftwatch.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A monitor's {@code quality:} options: which tests the quality analysis runs, and for
 * {@code tests: degradation} the tolerated worsening of each metric and the confidence with which a
 * worsening beyond it must be shown before the test fails.
 *
 * <p>Thread-safe: immutable.
 *
 * @param tests which tests run
 * @param degradation the metrics a degradation test watches, each with its tolerance, in the order
 *     given; empty means the task's defaults ({@link Degradation#defaultTolerances})
 * @param confidence the one-sided confidence level of the degradation tests, in (0, 1)
 */
public record QualityOptions(Tests tests, Map<QualityMetric, Tolerance> degradation, double confidence) {

    /** The default confidence of degradation tests. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** Which tests the quality analysis runs. */
    public enum Tests {
        /** Evidently 0.7.21's default tests: ±20 % (classification) or ±10 % (regression) of the reference. */
        EVIDENTLY("evidently"),
        /** Driftwatch's one-sided tests: a metric fails only when shown worse than the reference by more than its tolerance. */
        DEGRADATION("degradation"),
        /** The metrics only. */
        NONE("none");

        private final String label;

        Tests(String label) {
            this.label = label;
        }

        /** The name in a monitor definition and the JSON result. */
        public String label() {
            return label;
        }
    }

    /** How a tolerance is measured. */
    public enum Scale {
        /** A share of the reference's value: 0.05 tolerates a metric 5 % worse than the reference's. */
        RELATIVE,
        /** In the metric's own units: 0.02 tolerates an accuracy two points lower. */
        ABSOLUTE
    }

    /**
     * How much worse than the reference a metric may get before its degradation test fails.
     *
     * @param amount the tolerated worsening, ≥ 0
     * @param scale whether {@code amount} is a share of the reference's value or in the metric's units
     */
    public record Tolerance(double amount, Scale scale) {
        public Tolerance {
            Objects.requireNonNull(scale, "scale");
            if (!(amount >= 0) || Double.isInfinite(amount)) {
                throw new IllegalArgumentException("a tolerance is a finite amount ≥ 0, got " + amount);
            }
        }

        /** A share of the reference's value. */
        public static Tolerance relative(double share) {
            return new Tolerance(share, Scale.RELATIVE);
        }

        /** An amount in the metric's units. */
        public static Tolerance absolute(double amount) {
            return new Tolerance(amount, Scale.ABSOLUTE);
        }

        /** The tolerated worsening, in the metric's units, of a metric whose reference value is {@code reference}. */
        public double allowed(double reference) {
            return scale == Scale.ABSOLUTE ? amount : amount * Math.abs(reference);
        }
    }

    public QualityOptions {
        Objects.requireNonNull(tests, "tests");
        degradation = Collections.unmodifiableMap(new LinkedHashMap<>(degradation));
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** Evidently's default tests, the default when a monitor has a model but no {@code quality:} section. */
    public static QualityOptions defaults() {
        return new QualityOptions(Tests.EVIDENTLY, Map.of(), DEFAULT_CONFIDENCE);
    }

    /** These options with {@code newTests}. */
    public QualityOptions withTests(Tests newTests) {
        return new QualityOptions(newTests, degradation, confidence);
    }
}
