package io.driftwatch.integrity;

import io.driftwatch.data.PhysicalType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Locale;

/**
 * How the reference conditions write numbers in their findings: counts with thousands separators,
 * shares as percentages, bounds compactly (six significant digits) and example values exactly as
 * stored (whole numbers without a decimal point, dates as ISO instants, booleans as true/false).
 * Locale-independent. The integrity package does not use the report's formatting: findings are
 * plain text that every renderer shows as it is (escaping it).
 *
 * <p>Thread-safe: stateless.
 */
final class FindingText {
    private static final MathContext BOUND_DIGITS = new MathContext(6);
    private static final MathContext SHARE_DIGITS = new MathContext(3);

    private FindingText() {
    }

    /** {@code 12,345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A share as a percentage with three significant digits: {@code 40.2 %}, {@code 0.05 %}, {@code 0 %}. */
    static String percent(double share) {
        return significant(share * 100, SHARE_DIGITS) + " %";
    }

    /** A bound or a limit, with at most six significant digits: {@code 0.0216667}, {@code 1.23457e+20}. */
    static String bound(double v) {
        return significant(v, BOUND_DIGITS);
    }

    /** A value exactly as stored, written for {@code type}: {@code 97.5}, {@code 20000}, {@code 2024-01-31T00:00:00Z}. */
    static String value(double v, PhysicalType type) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (type == PhysicalType.TIMESTAMP && Math.abs(v) < 8.64e15) {
            return Instant.ofEpochMilli((long) v).toString();
        }
        if (type == PhysicalType.BOOLEAN && (v == 0 || v == 1)) {
            return v == 1 ? "true" : "false";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double abs = Math.abs(v);
        if (abs >= 1e-6 && abs < 1e15) {
            return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    private static String significant(double v, MathContext digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return value(v, PhysicalType.FLOAT);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(digits).stripTrailingZeros();
        double abs = Math.abs(v);
        if (abs >= 1e-5 && abs < 1e15) {
            return rounded.toPlainString();
        }
        return rounded.toString().replace("E", "e");
    }
}
