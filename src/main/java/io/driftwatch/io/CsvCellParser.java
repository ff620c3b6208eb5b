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

    /** The kind of the last cell given to {@link #parseNumber} or {@link #parseNumberPrefix}. */
    int kind;
    /** Where the number read by the last {@link #parseNumberPrefix} ends, or -1 when there was none. */
    int end;

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

    /**
     * The plain number that starts at {@code buf[off]}, read while looking for the end of its cell:
     * digits with an optional sign, decimal point and exponent, that
     * {@link #parseNumber(byte[], int, int)} converts itself (no FastDoubleParser, no named number).
     * {@link #end} is set to the index of the first byte after the number, or to -1 when there is no
     * such number there, or it reaches {@code limit}. When the cell is exactly
     * {@code buf[off, end)}, the value and {@link #kind} are those {@code parseNumber} gives it; the
     * caller checks that the byte at {@link #end} ends the cell. The byte-level reader uses it to
     * read a number cell in one pass over its bytes instead of two (find the delimiter, then parse).
     */
    double parseNumberPrefix(byte[] buf, int off, int limit) {
        // the common case, pandas' %.10g, in words of eight bytes: no loop per digit, and a branch per
        // run of digits rather than per byte
        if (buf.length - off < 32) {
            return parseNumberPrefixByBytes(buf, off, limit);
        }
        int i = off;
        boolean negative = buf[i] == '-';
        if (negative || buf[i] == '+') {
            i++;
        }
        long word = (long) LONGS.get(buf, i);
        int digits = leadingDigits(word);
        if (digits == 8) {
            return parseNumberPrefixByBytes(buf, off, limit); // a long whole part
        }
        long mantissa = digits == 0 ? 0 : digitsValue(word, digits);
        i += digits;
        int fractionDigits = 0;
        boolean point = buf[i] == '.';
        if (point) {
            word = (long) LONGS.get(buf, ++i);
            fractionDigits = leadingDigits(word);
            if (fractionDigits == 8) {
                mantissa = 100_000_000 * mantissa + eightDigits(word);
                word = (long) LONGS.get(buf, i + 8);
                int more = leadingDigits(word);
                if (more == 8) {
                    return parseNumberPrefixByBytes(buf, off, limit); // a long fraction
                }
                if (more > 0) {
                    mantissa = (long) POWERS_OF_TEN[more] * mantissa + digitsValue(word, more);
                    fractionDigits += more;
                }
            } else if (fractionDigits > 0) {
                mantissa = (long) POWERS_OF_TEN[fractionDigits] * mantissa + digitsValue(word, fractionDigits);
            }
            i += fractionDigits;
            digits += fractionDigits;
        }
        int next = buf[i];
        if (digits == 0 || digits > 18 || next == 'e' || next == 'E' || i >= limit) {
            // no digits, too many, an exponent, or the number runs past the records in the buffer
            return parseNumberPrefixByBytes(buf, off, limit);
        }
        end = i;
        if (!point) {
            kind = INTEGER;
            return negative ? -mantissa : mantissa;
        }
        kind = DECIMAL;
        if (mantissa >= TWO_TO_53) {
            end = -1;
            return 0;
        }
        double value = mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    /** How many of the eight bytes of {@code word} (little-endian) are ASCII digits before the first that is not. */
    private static int leadingDigits(long word) {
        // a byte's top bit is set in the sum when it is above '9', in the difference when it is below
        // '0'; carries and borrows only come from bytes that are not digits, so the first is exact
        long notDigit = ((word + 0x4646464646464646L) | (word - ZEROS)) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(notDigit) >>> 3;
    }

    /** The value of the first {@code count} (1 to 8) bytes of {@code word}, all ASCII digits. */
    private static long digitsValue(long word, int count) {
        // the digits move to the top bytes; the bytes shifted in are zeros, read as leading zero digits
        long v = (word - ZEROS) << (64 - 8 * count);
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
    }

    /** {@link #parseNumberPrefix} a byte at a time, for what its word-at-a-time path leaves. */
    private double parseNumberPrefixByBytes(byte[] buf, int off, int limit) {
        int i = off;
        boolean negative = false;
        if (i < limit && (buf[i] == '-' || buf[i] == '+')) {
            negative = buf[i] == '-';
            i++;
        }
        long mantissa = 0;
        int start = i;
        long eight;
        while (limit - i >= 8 && isEightDigits(eight = (long) LONGS.get(buf, i))) {
            mantissa = 100_000_000 * mantissa + eightDigits(eight);
            i += 8;
        }
        int c;
        while (i < limit && (c = buf[i]) >= '0' && c <= '9') {
            mantissa = 10 * mantissa + (c - '0');
            i++;
        }
        int digits = i - start;
        boolean plain = true;
        int fractionDigits = 0;
        if (i < limit && buf[i] == '.') {
            plain = false;
            int fractionStart = ++i;
            while (limit - i >= 8 && isEightDigits(eight = (long) LONGS.get(buf, i))) {
                mantissa = 100_000_000 * mantissa + eightDigits(eight);
                i += 8;
            }
            while (i < limit && (c = buf[i]) >= '0' && c <= '9') {
                mantissa = 10 * mantissa + (c - '0');
                i++;
            }
            fractionDigits = i - fractionStart;
            digits += fractionDigits;
        }
        if (digits == 0 || digits > 18) {
            end = -1;
            return 0;
        }
        int exponent = 0;
        if (i < limit && (buf[i] == 'e' || buf[i] == 'E')) {
            plain = false;
            i++;
            boolean negativeExponent = i < limit && buf[i] == '-';
            if (i < limit && (buf[i] == '-' || buf[i] == '+')) {
                i++;
            }
            int exponentStart = i;
            while (i < limit && (c = buf[i]) >= '0' && c <= '9') {
                if (exponent < 100_000) {
                    exponent = 10 * exponent + (c - '0');
                }
                i++;
            }
            if (i == exponentStart) {
                end = -1;
                return 0;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i >= limit) {
            end = -1;
            return 0;
        }
        if (plain) {
            kind = INTEGER;
            end = i;
            return negative ? -mantissa : mantissa;
        }
        int power = exponent - fractionDigits;
        if (mantissa >= TWO_TO_53 || power < -22 || power > 22) {
            end = -1;
            return 0;
        }
        kind = DECIMAL;
        end = i;
        double value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
        return negative ? -value : value;
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
