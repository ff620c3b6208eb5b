package io.driftwatch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Reading {@code Retry-After} (RFC 9110 §10.2.3: delay-seconds and HTTP-dates) and rate-limit reset
 * times, for channels and triggers alike.
 */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant RFC_NOW = Instant.parse("2015-10-21T07:27:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAsTheTimeLeftUntilIt() {
        assertThat(RetryAfter.parse("Wed, 01 May 2024 12:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", RFC_NOW)).contains(Duration.ofMinutes(1));
    }

    @Test
    void readsADateInThePastAsNoWait() {
        assertThat(RetryAfter.parse("Wed, 01 May 2024 11:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", RFC_NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void readsEpochSecondResetTimes() {
        assertThat(RetryAfter.untilEpochSeconds(Long.toString(RFC_NOW.getEpochSecond() + 30), RFC_NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.untilEpochSeconds("1", RFC_NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.untilEpochSeconds("x", RFC_NOW)).isEmpty();
        assertThat(RetryAfter.untilEpochSeconds("99999999999999999999999", RFC_NOW)).isEmpty();
    }
}
