package io.driftwatch.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date.
 * A date in the past gives zero; anything else unreadable gives nothing, and the outbox falls back
 * to its own backoff.
 *
 * <p>Thread-safe: stateless.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait {@code value} asks for, as seen at {@code now}. */
    static Optional<Duration> parse(String value, Instant now) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // more digits than a long holds
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
