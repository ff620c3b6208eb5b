package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading {@code Retry-After}: delay-seconds and HTTP-dates (RFC 9110 §10.2.3). */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAsTheTimeLeftUntilIt() {
        assertThat(RetryAfter.parse("Wed, 01 May 2024 12:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void readsADateInThePastAsNoWait() {
        assertThat(RetryAfter.parse("Wed, 01 May 2024 11:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
    }
}
