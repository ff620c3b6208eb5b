package io.driftwatch.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How the report prints numbers: scores to four significant digits, tiny p-values in scientific
 * notation, shares as percentages, counts with thousands separators, and SVG coordinates rounded to
 * one decimal without trailing zeros (the report's size budget depends on it). Locale-independent.
 *
 * <p>Thread-safe: stateless.
 */
public final class DisplayNumbers {
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

    private DisplayNumbers() {
    }

    /** Four significant digits; scientific notation below 0.001 and from 1e7; "n/a" for NaN. */
    public static String score(double x) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "-∞";
        }
        if (x == 0) {
            return "0";
        }
        double abs = Math.abs(x);
        if (abs < 1e-3 || abs >= 1e7) {
            return scientific(x);
        }
        return new BigDecimal(x).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** {@code 1.234e-12}: four significant digits. */
    static String scientific(double x) {
        String s = String.format(Locale.ROOT, "%.3e", x);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /** A share in [0, 1] as a percentage: one decimal, or two below 1 %, "0%" for none. */
    public static String percent(double share) {
        if (Double.isNaN(share)) {
            return "n/a";
        }
        if (share == 0) {
            return "0%";
        }
        double p = share * 100;
        if (p < 0.01) {
            return "<0.01%";
        }
        String s = String.format(Locale.ROOT, p < 1 ? "%.2f" : "%.1f", p);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s + "%";
    }

    /** {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An axis label: at most four significant digits, compact. */
    static String axis(double x) {
        if (x == 0 || Double.isNaN(x)) {
            return Double.isNaN(x) ? "" : "0";
        }
        double abs = Math.abs(x);
        if (abs >= 1e6 || abs < 1e-3) {
            return scientific(x);
        }
        return new BigDecimal(x).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** An SVG coordinate: one decimal, no trailing zero. */
    static void coordinate(StringBuilder out, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10);
        long frac = tenths % 10;
        if (frac != 0) {
            out.append('.').append(frac);
        }
    }

    /** {@link #coordinate(StringBuilder, double)} as a string. */
    static String coordinate(double v) {
        StringBuilder b = new StringBuilder(8);
        coordinate(b, v);
        return b.toString();
    }
}
