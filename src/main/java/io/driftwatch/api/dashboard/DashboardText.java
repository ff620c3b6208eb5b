package io.driftwatch.api.dashboard;

import io.driftwatch.report.DisplayNumbers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the dashboard prints numbers and times, the same way the HTML report does: shares as
 * percentages, scores to four significant digits (scientific below 0.001), times in UTC, and SVG
 * coordinates to one decimal without trailing zeros. Locale-independent.
 *
 * <p>Thread-safe: stateless.
 */
final class DashboardText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DashboardText() {
    }

    /** A share in [0, 1] as a percentage, as the report prints it ({@link DisplayNumbers#percent}). */
    static String percent(double share) {
        return DisplayNumbers.percent(share);
    }

    /** A score as the report prints it: four significant digits ({@link DisplayNumbers#score}). */
    static String score(double x) {
        return DisplayNumbers.score(x);
    }

    /** {@code 2026-11-22 14:05 UTC}. */
    static String time(Instant t) {
        return TIME.format(t);
    }

    /** {@code 2026-11-22 14:05:09 UTC}. */
    static String timeWithSeconds(Instant t) {
        return SECONDS.format(t);
    }

    /** {@code Nov 22}. */
    static String day(Instant t) {
        return DAY.format(t);
    }

    /** {@code 14:05}. */
    static String clock(Instant t) {
        return CLOCK.format(t);
    }

    /** {@code 14:05:09}. */
    static String clockWithSeconds(Instant t) {
        return CLOCK_SECONDS.format(t);
    }

    /** {@code 1,234,567}. */
    static String count(long n) {
        return DisplayNumbers.count(n);
    }

    /** A duration in milliseconds as people read it: {@code 840 ms}, {@code 2.4 s}, {@code 3 min 5 s}. */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return trimZeros(String.format(Locale.ROOT, "%.1f", ms / 1000.0)) + " s";
        }
        long s = Math.round(ms / 1000.0);
        return s / 60 + " min " + s % 60 + " s";
    }

    /** An SVG coordinate: one decimal, no trailing zero. */
    static String coordinate(double v) {
        long tenths = Math.round(v * 10);
        StringBuilder out = new StringBuilder(8);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10);
        if (tenths % 10 != 0) {
            out.append('.').append(tenths % 10);
        }
        return out.toString();
    }

    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
