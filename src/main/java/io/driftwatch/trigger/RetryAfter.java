package io.driftwatch.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a receiver asked to wait: an HTTP {@code Retry-After} header (RFC 9110 §10.2.3:
 * delay-seconds or an HTTP-date) or a rate-limit reset time in epoch seconds (GitHub's
 * {@code x-ratelimit-reset}). A time in the past means "now" (zero); an unreadable value means
 * "did not say" (null).
 *
 * <p>Thread-safe: stateless.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait a {@code Retry-After} value asks for, relative to {@code now}; null when unreadable. */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (isDigits(v)) {
            return seconds(v);
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return nonNegative(Duration.between(now, at));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The wait until an epoch-seconds reset time, relative to {@code now}; null when unreadable. */
    static Duration untilEpochSeconds(String value, Instant now) {
        if (value == null || !isDigits(value.trim())) {
            return null;
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(value.trim()));
            return nonNegative(Duration.between(now, at));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration seconds(String digits) {
        try {
            return Duration.ofSeconds(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return null; // more digits than a long holds
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
