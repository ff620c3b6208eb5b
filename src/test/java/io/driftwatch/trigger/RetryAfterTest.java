package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading Retry-After (RFC 9110 §10.2.3) and rate-limit reset times. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

    @Test
    void readsDelaySecondsAndHttpDates() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aDateInThePastIsNowAndGarbageIsUnknown() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
    }

    @Test
    void readsEpochSecondResetTimes() {
        assertThat(RetryAfter.untilEpochSeconds(Long.toString(NOW.getEpochSecond() + 30), NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.untilEpochSeconds("1", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.untilEpochSeconds("x", NOW)).isNull();
    }
}
