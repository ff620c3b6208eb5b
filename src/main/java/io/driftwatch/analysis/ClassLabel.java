package io.driftwatch.analysis;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A class of a classifier's target as Evidently sees it: a Python value whose type follows the
 * column's pandas dtype. An {@code int64} column gives integers, a {@code float64} column (an integer
 * column with a missing cell becomes one) floats, a {@code bool} column booleans, a text column
 * strings. The type matters because Evidently compares, sorts, prints and validates labels with
 * Python's rules: {@code 1 == 1.0 == True} but {@code 1 != "1"}, {@code str(1.0)} is {@code "1.0"},
 * and a float label cannot be a by-label key.
 *
 * <p>Labels are few (one per class); rows never hold a {@code ClassLabel}, they hold codes.
 *
 * <p>Thread-safe: immutable.
 *
 * @param kind the Python type
 * @param number the value of a numeric label ({@code 0}/{@code 1} for booleans; {@code -0.0} is
 *     stored as {@code 0.0}); NaN for text
 * @param text the text of a text label; null for numbers
 */
public record ClassLabel(Kind kind, double number, String text) implements Comparable<ClassLabel> {

    /** The Python type of a label, after the pandas dtype of its column. */
    public enum Kind {
        /** {@code int} (an {@code int64} column). */
        INTEGER,
        /** {@code float} (a {@code float64} column). */
        FLOAT,
        /** {@code bool} (a {@code bool} column). */
        BOOLEAN,
        /** {@code str} (a text column). */
        TEXT;

        /** Whether labels of this kind are numbers (booleans are: {@code True == 1}). */
        public boolean isNumeric() {
            return this != TEXT;
        }
    }

    public ClassLabel {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.TEXT) {
            Objects.requireNonNull(text, "text");
            number = Double.NaN;
        } else {
            if (text != null) {
                throw new IllegalArgumentException("a numeric label has no text");
            }
            if (Double.isNaN(number)) {
                throw new IllegalArgumentException("a label cannot be NaN (a missing value is not a class)");
            }
            if (kind == Kind.INTEGER && (number != Math.rint(number) || Double.isInfinite(number))) {
                throw new IllegalArgumentException("integer label " + number + " is not a whole number");
            }
            if (kind == Kind.BOOLEAN && number != 0 && number != 1) {
                throw new IllegalArgumentException("boolean label must be 0 or 1, got " + number);
            }
            number += 0.0; // -0.0 and 0.0 are one class
        }
    }

    /** The integer {@code value}. */
    public static ClassLabel ofInteger(long value) {
        return new ClassLabel(Kind.INTEGER, value, null);
    }

    /** The float {@code value}. */
    public static ClassLabel ofFloat(double value) {
        return new ClassLabel(Kind.FLOAT, value, null);
    }

    /** {@code True} or {@code False}. */
    public static ClassLabel ofBoolean(boolean value) {
        return new ClassLabel(Kind.BOOLEAN, value ? 1 : 0, null);
    }

    /** The string {@code text}. */
    public static ClassLabel ofText(String text) {
        return new ClassLabel(Kind.TEXT, Double.NaN, text);
    }

    /** A label of {@code kind} with the numeric {@code value} (not for {@link Kind#TEXT}). */
    public static ClassLabel ofNumber(Kind kind, double value) {
        return new ClassLabel(kind, value, null);
    }

    /**
     * Python's {@code ==}: numbers by value whatever their type ({@code 1 == 1.0 == True}), text by
     * its characters, a number never equal to a text.
     */
    public boolean matches(ClassLabel other) {
        if (kind.isNumeric() != other.kind.isNumeric()) {
            return false;
        }
        return kind.isNumeric() ? number == other.number : text.equals(other.text);
    }

    /**
     * Python's {@code str()}: {@code 1}, {@code 1.0}, {@code True}, or the text itself. Evidently
     * compares labels with probability column names through it and keys by-label results with it.
     */
    @Override
    public String toString() {
        return switch (kind) {
            case INTEGER -> Long.toString((long) number);
            case FLOAT -> pythonFloat(number);
            case BOOLEAN -> number == 1 ? "True" : "False";
            case TEXT -> text;
        };
    }

    /** Python's {@code repr()}, as Evidently's messages print labels: {@code 1}, {@code 'yes'}. */
    public String repr() {
        if (kind != Kind.TEXT) {
            return toString();
        }
        if (text.indexOf('\'') >= 0 && text.indexOf('"') < 0) {
            return '"' + text.replace("\\", "\\\\") + '"';
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Python's ordering ({@code sorted}): numbers by value, text by code point. Python cannot order a
     * number against a text; here numbers come first, so that the order is total.
     */
    @Override
    public int compareTo(ClassLabel o) {
        if (kind.isNumeric() != o.kind.isNumeric()) {
            return kind.isNumeric() ? -1 : 1;
        }
        if (kind.isNumeric()) {
            return Double.compare(number, o.number);
        }
        return compareCodePoints(text, o.text);
    }

    /**
     * Orders strings as Python orders them: by Unicode code point ({@link String#compareTo} orders
     * UTF-16 units, which differs past U+FFFF).
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Python's {@code repr(float)}: shortest digits, exponent form below 1e-4 and from 1e16 on. */
    static String pythonFloat(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        String sign = x < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int e = Math.abs(exp);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        if (exp >= digits.length() - 1) {
            return sign + digits + "0".repeat(exp - (digits.length() - 1)) + ".0";
        }
        if (exp >= 0) {
            return sign + digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
        }
        return sign + "0." + "0".repeat(-exp - 1) + digits;
    }
}
