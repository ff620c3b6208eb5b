package io.driftwatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a receiver asked to wait: an HTTP {@code Retry-After} value (RFC 9110 §10.2.3:
 * delay-seconds or an HTTP-date) or a rate-limit reset time in epoch seconds (GitHub's
 * {@code x-ratelimit-reset}). A time in the past gives zero; a missing or unreadable value gives
 * nothing, and the outbox falls back to its own back-off.
 *
 * <p>Thread-safe: stateless.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait a {@code Retry-After} value asks for, as seen at {@code now}; empty when null or unreadable. */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (isDigits(v)) {
            return seconds(v);
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(nonNegative(Duration.between(now, at)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The wait until an epoch-seconds reset time, as seen at {@code now}; empty when null or unreadable. */
    public static Optional<Duration> untilEpochSeconds(String value, Instant now) {
        if (value == null || !isDigits(value.strip())) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(value.strip()));
            return Optional.of(nonNegative(Duration.between(now, at)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty(); // more digits than a long or an Instant holds
        }
    }

    private static Optional<Duration> seconds(String digits) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(digits)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than a long holds
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
