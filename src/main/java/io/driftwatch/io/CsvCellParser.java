package io.driftwatch.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Recognises and converts one cell held in a slice of a {@code char[]}: numbers, booleans and
 * ISO-8601 dates or date-times. Nothing here allocates on the normal path.
 *
 * <p>Number syntax (what pandas' C parser takes, no more): an optional sign, digits with an
 * optional decimal point (at least one digit in all), an optional exponent {@code e}/{@code E}
 * with optional sign and at least one digit; or, case-insensitively, {@code inf}, {@code infinity}
 * with an optional sign, and {@code nan}. Java-only forms ({@code 1d}, {@code 0x1p3},
 * {@code 1_000}) are not numbers. A plain number with at most 18 digits whose decimal exponent is
 * within ±22 is converted exactly here (one correctly rounded multiplication or division of two
 * exactly represented doubles); every other number goes to FastDoubleParser, which rounds
 * correctly too.
 *
 * <p>Numbers are read from a {@code char[]} (FastCSV's buffer) or, by the byte-level reader
 * ({@link CsvFastScan}), from the file's ASCII bytes, with the same syntax and the same results;
 * the byte version takes eight digits at a time ("SWAR": one 64-bit load, a digit test and three
 * multiplications, as in simdjson's {@code parse_eight_digits_unrolled}).
 *
 * <p>Deliberately low-level: the number result comes back as a {@code double} and the kind of the
 * last parse in {@link #kind}, to avoid returning an object per cell.
 *
 * <p>Not thread-safe: one instance per reader.
 */
final class CsvCellParser {
    /** {@link #kind} after a cell that is not a number. */
    static final int NOT_A_NUMBER = 0;
    /** {@link #kind} after a whole number written without point or exponent. */
    static final int INTEGER = 1;
    /** {@link #kind} after any other number (point, exponent, infinity, nan, or more than 18 digits). */
    static final int DECIMAL = 2;

    /** Returned by {@link #parseTimestamp} for a cell that is not a date or date-time. */
    static final long NOT_A_TIMESTAMP = Long.MIN_VALUE;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long TWO_TO_53 = 1L << 53;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;

    /** The kind of the last cell given to {@link #parseNumber}. */
    int kind;

    /**
     * The number in {@code buf[off, off + len)}, with {@link #kind} set; when {@link #kind} is
     * {@link #NOT_A_NUMBER} the returned value is meaningless. {@code len} must be positive.
     */
    double parseNumber(char[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            if (++i == end) {
                kind = NOT_A_NUMBER;
                return 0;
            }
        }
        long mantissa = 0;
        int start = i;
        while (i < end && (c = buf[i]) >= '0' && c <= '9') {
            mantissa = 10 * mantissa + (c - '0');
            i++;
        }
        int digits = i - start;
        if (i == end) {
            if (digits <= 18) {
                kind = INTEGER;
                return negative ? -mantissa : mantissa;
            }
            kind = DECIMAL;
            return JavaDoubleParser.parseDouble(buf, off, len);
        }
        int fractionDigits = 0;
        if (c == '.') {
            int fractionStart = ++i;
            while (i < end && (c = buf[i]) >= '0' && c <= '9') {
                mantissa = 10 * mantissa + (c - '0');
                i++;
            }
            fractionDigits = i - fractionStart;
            digits += fractionDigits;
        }
        if (digits == 0) {
            return parseNamedNumber(buf, off, len);
        }
        int exponent = 0;
        if (i < end) {
            c = buf[i];
            if (c != 'e' && c != 'E' || ++i == end) {
                kind = NOT_A_NUMBER;
                return 0;
            }
            c = buf[i];
            boolean negativeExponent = c == '-';
            if ((c == '-' || c == '+') && ++i == end) {
                kind = NOT_A_NUMBER;
                return 0;
            }
            int exponentStart = i;
            while (i < end && (c = buf[i]) >= '0' && c <= '9') {
                if (exponent < 100_000) {
                    exponent = 10 * exponent + (c - '0');
                }
                i++;
            }
            if (i != end || i == exponentStart) {
                kind = NOT_A_NUMBER;
                return 0;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        kind = DECIMAL;
        int power = exponent - fractionDigits;
        if (digits <= 18 && mantissa < TWO_TO_53 && power >= -22 && power <= 22) {
            double value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
            return negative ? -value : value;
        }
        return JavaDoubleParser.parseDouble(buf, off, len);
    }

    /**
     * The number in the ASCII bytes {@code buf[off, off + len)}, exactly as
     * {@link #parseNumber(char[], int, int)} reads the same characters. {@code len} must be positive.
     */
    double parseNumber(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        int c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            if (++i == end) {
                kind = NOT_A_NUMBER;
                return 0;
            }
        }
        long mantissa = 0;
        int start = i;
        long eight;
        while (end - i >= 8 && isEightDigits(eight = (long) LONGS.get(buf, i))) {
            mantissa = 100_000_000 * mantissa + eightDigits(eight);
            i += 8;
        }
        while (i < end && (c = buf[i]) >= '0' && c <= '9') {
            mantissa = 10 * mantissa + (c - '0');
            i++;
        }
        int digits = i - start;
        if (i == end) {
            if (digits <= 18) {
                kind = INTEGER;
                return negative ? -mantissa : mantissa;
            }
            kind = DECIMAL;
            return JavaDoubleParser.parseDouble(buf, off, len);
        }
        int fractionDigits = 0;
        if (c == '.') {
            int fractionStart = ++i;
            while (end - i >= 8 && isEightDigits(eight = (long) LONGS.get(buf, i))) {
                mantissa = 100_000_000 * mantissa + eightDigits(eight);
                i += 8;
            }
            while (i < end && (c = buf[i]) >= '0' && c <= '9') {
                mantissa = 10 * mantissa + (c - '0');
                i++;
            }
            fractionDigits = i - fractionStart;
            digits += fractionDigits;
        }
        if (digits == 0) {
            return parseNamedNumber(buf, off, len);
        }
        int exponent = 0;
        if (i < end) {
            c = buf[i];
            if (c != 'e' && c != 'E' || ++i == end) {
                kind = NOT_A_NUMBER;
                return 0;
            }
            c = buf[i];
            boolean negativeExponent = c == '-';
            if ((c == '-' || c == '+') && ++i == end) {
                kind = NOT_A_NUMBER;
                return 0;
            }
            int exponentStart = i;
            while (i < end && (c = buf[i]) >= '0' && c <= '9') {
                if (exponent < 100_000) {
                    exponent = 10 * exponent + (c - '0');
                }
                i++;
            }
            if (i != end || i == exponentStart) {
                kind = NOT_A_NUMBER;
                return 0;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        kind = DECIMAL;
        int power = exponent - fractionDigits;
        if (digits <= 18 && mantissa < TWO_TO_53 && power >= -22 && power <= 22) {
            double value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
            return negative ? -value : value;
        }
        return JavaDoubleParser.parseDouble(buf, off, len);
    }

    /** Whether the eight bytes of {@code word} (little-endian) are all ASCII digits. */
    private static boolean isEightDigits(long word) {
        return (((word & 0xF0F0F0F0F0F0F0F0L) | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L);
    }

    /** The value of eight ASCII digits (the first in the lowest byte), all checked by {@link #isEightDigits}. */
    private static long eightDigits(long word) {
        long v = word - ZEROS;
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
    }

    private double parseNamedNumber(byte[] buf, int off, int len) {
        char[] chars = new char[len];
        for (int i = 0; i < len; i++) {
            chars[i] = (char) buf[off + i];
        }
        return parseNamedNumber(chars, 0, len);
    }

    private double parseNamedNumber(char[] buf, int off, int len) {
        kind = DECIMAL;
        int i = off;
        char sign = buf[i];
        if (sign == '-' || sign == '+') {
            i++;
        }
        int rest = off + len - i;
        if (equalsIgnoreCase(buf, i, rest, "inf") || equalsIgnoreCase(buf, i, rest, "infinity")) {
            return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (i == off && equalsIgnoreCase(buf, i, rest, "nan")) {
            return Double.NaN;
        }
        kind = NOT_A_NUMBER;
        return 0;
    }

    /** 1 for {@code true}, 0 for {@code false} (any letter case), -1 for anything else. */
    static int parseBoolean(char[] buf, int off, int len) {
        if (len == 4 && equalsIgnoreCase(buf, off, len, "true")) {
            return 1;
        }
        if (len == 5 && equalsIgnoreCase(buf, off, len, "false")) {
            return 0;
        }
        return -1;
    }

    /**
     * Epoch milliseconds of an ISO-8601 date {@code yyyy-MM-dd} or date-time
     * {@code yyyy-MM-dd[T| ]HH:mm[:ss[.fraction]][Z|±HH[:]MM|±HH]}; UTC when no zone is written, a
     * written offset is applied. {@link #NOT_A_TIMESTAMP} for anything else, including impossible
     * dates such as {@code 2011-02-30}.
     */
    static long parseTimestamp(char[] buf, int off, int len) {
        if (len < 10 || buf[off + 4] != '-' || buf[off + 7] != '-') {
            return NOT_A_TIMESTAMP;
        }
        int year = digits(buf, off, 4);
        int month = digits(buf, off + 5, 2);
        int day = digits(buf, off + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return NOT_A_TIMESTAMP;
        }
        long millis = daysSinceEpoch(year, month, day) * 86_400_000L;
        if (len == 10) {
            return millis;
        }
        int end = off + len;
        int i = off + 10;
        char separator = buf[i];
        if ((separator != 'T' && separator != ' ') || len < 16 || buf[off + 13] != ':') {
            return NOT_A_TIMESTAMP;
        }
        int hour = digits(buf, off + 11, 2);
        int minute = digits(buf, off + 14, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return NOT_A_TIMESTAMP;
        }
        millis += hour * 3_600_000L + minute * 60_000L;
        i = off + 16;
        if (i < end && buf[i] == ':') {
            int second = i + 3 <= end ? digits(buf, i + 1, 2) : -1;
            if (second < 0 || second > 59) {
                return NOT_A_TIMESTAMP;
            }
            millis += second * 1_000L;
            i += 3;
            if (i < end && buf[i] == '.') {
                int fractionStart = ++i;
                int scale = 100;
                while (i < end && buf[i] >= '0' && buf[i] <= '9') {
                    millis += (buf[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == fractionStart) {
                    return NOT_A_TIMESTAMP;
                }
            }
        }
        if (i == end) {
            return millis;
        }
        char zone = buf[i];
        if (zone == 'Z' && i + 1 == end) {
            return millis;
        }
        if (zone != '+' && zone != '-') {
            return NOT_A_TIMESTAMP;
        }
        int rest = end - i - 1;
        int offsetHours = rest >= 2 ? digits(buf, i + 1, 2) : -1;
        int offsetMinutes;
        if (rest == 2) {
            offsetMinutes = 0;
        } else if (rest == 4) {
            offsetMinutes = digits(buf, i + 3, 2);
        } else if (rest == 5 && buf[i + 3] == ':') {
            offsetMinutes = digits(buf, i + 4, 2);
        } else {
            return NOT_A_TIMESTAMP;
        }
        if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
            return NOT_A_TIMESTAMP;
        }
        long offsetMillis = offsetHours * 3_600_000L + offsetMinutes * 60_000L;
        return zone == '+' ? millis - offsetMillis : millis + offsetMillis;
    }

    /** The value of {@code count} decimal digits at {@code buf[off]}, or -1 if one is not a digit. */
    private static int digits(char[] buf, int off, int count) {
        int value = 0;
        for (int i = off; i < off + count; i++) {
            char c = buf[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = 10 * value + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (the "days from civil" construction). */
    private static long daysSinceEpoch(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        int dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    private static boolean equalsIgnoreCase(char[] buf, int off, int len, String lowerCase) {
        if (len != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = buf[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
