package io.driftwatch.analysis;

import java.util.Locale;
import java.util.Objects;

/**
 * The condition of one of Evidently's metric tests: an operator and a bound that is either a
 * constant or the reference's value of the same metric with a tolerance, as Evidently 0.7.21
 * resolves {@code Reference(relative=r, absolute=a)}: {@code r} defaults to 1e-6, {@code a} to
 * 1e-12, and {@code tol = max(|ref|·r, a)}. The quality and integrity analyses share it.
 *
 * <p>Semantics ({@code v} the tested value): a constant {@code x}: {@code eq} v == x, {@code gt}
 * v > x, {@code lt} v < x, {@code gte} v >= x, {@code lte} v <= x. A reference bound: {@code eq}
 * {@code ref − tol <= v <= ref + tol}; {@code lte} {@code v <= ref + tol}; {@code gte}
 * {@code v >= ref − tol}; {@code lt} {@code v < ref − tol}; {@code gt} {@code v > ref + tol}. Any
 * comparison with NaN is false, so the test fails.
 *
 * <p>Thread-safe: immutable.
 *
 * @param op the operator
 * @param value the constant, or the reference's value for a reference bound
 * @param relative the relative tolerance of a reference bound (NaN for a constant)
 * @param absolute the absolute tolerance of a reference bound (NaN for a constant)
 */
public record MetricCondition(Op op, double value, double relative, double absolute) {
    /** Evidently's default relative tolerance of {@code Reference()}. */
    public static final double DEFAULT_RELATIVE = 1e-6;
    /** Evidently's default absolute tolerance of {@code Reference()}. */
    public static final double DEFAULT_ABSOLUTE = 1e-12;

    /** The comparison. */
    public enum Op {
        EQ("eq"), GT("gt"), LT("lt"), GTE("gte"), LTE("lte");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        /** Evidently's name of the operator. */
        public String label() {
            return label;
        }
    }

    public MetricCondition {
        Objects.requireNonNull(op, "op");
    }

    /** {@code op} against the constant {@code value}. */
    public static MetricCondition constant(Op op, double value) {
        return new MetricCondition(op, value, Double.NaN, Double.NaN);
    }

    /** {@code op} against the reference's value {@code reference} with Evidently's default tolerances. */
    public static MetricCondition reference(Op op, double reference) {
        return reference(op, reference, DEFAULT_RELATIVE);
    }

    /** {@code op} against the reference's value within {@code relative} of it (absolute tolerance 1e-12). */
    public static MetricCondition reference(Op op, double reference, double relative) {
        return new MetricCondition(op, reference, relative, DEFAULT_ABSOLUTE);
    }

    /** Whether the bound is the reference's value (else a constant). */
    public boolean isReference() {
        return !Double.isNaN(relative);
    }

    /** The tolerance around a reference value ({@code max(|ref|·r, a)}); 0 for a constant. */
    public double tolerance() {
        return isReference() ? Math.max(Math.abs(value) * relative, absolute) : 0;
    }

    /** Whether {@code v} meets the condition (false for NaN). */
    public boolean holds(double v) {
        double tol = tolerance();
        return switch (op) {
            case EQ -> isReference() ? value - tol <= v && v <= value + tol : v == value;
            case GT -> v > value + tol;
            case LT -> v < value - tol;
            case GTE -> v >= value - tol;
            case LTE -> v <= value + tol;
        };
    }

    /**
     * The condition in words, as the report and the JSON result show it: {@code "eq 0.91 ± 0.182"},
     * {@code "lte 3 ± 3e-06"}, {@code "gt 0"} (four significant digits at most).
     */
    public String describe() {
        String bound = number(value);
        return isReference() ? op.label + " " + bound + " ± " + number(tolerance()) : op.label + " " + bound;
    }

    private static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "NaN" : x > 0 ? "inf" : "-inf";
        }
        // Four significant digits without trailing zeros: 0.3, 0.1823, 1.5e-06.
        String text = String.format(Locale.ROOT, "%.4g", x);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }
}
