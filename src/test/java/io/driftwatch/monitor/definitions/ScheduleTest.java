package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.monitor.sources.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Instant T = Instant.parse("2026-11-22T10:17:42Z");

    @Test
    void hourlyCronCoversThePreviousHour() {
        Schedule hourly = Schedule.cron("0 * * * *", Schedule.CronType.UNIX, ZoneOffset.UTC);
        Instant slot = hourly.latestAtOrBefore(T);
        assertThat(slot).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(hourly.window(slot)).isEqualTo(new TimeWindow(Instant.parse("2026-11-22T09:00:00Z"), slot));
        assertThat(hourly.nextAfter(T)).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(hourly.describe()).isEqualTo("every hour (UTC)");
    }

    @Test
    void aSlotTimeIsItsOwnLatestSlot() {
        Schedule hourly = Schedule.cron("0 * * * *", Schedule.CronType.UNIX, ZoneOffset.UTC);
        Instant ten = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(hourly.latestAtOrBefore(ten)).isEqualTo(ten);
        assertThat(hourly.nextAfter(ten)).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
    }

    @Test
    void cronRunsInItsTimeZone() {
        Schedule nightly = Schedule.cron("30 2 * * *", Schedule.CronType.UNIX, ZoneId.of("Europe/Paris"));
        // 02:30 in Paris in November (UTC+1) is 01:30 UTC
        assertThat(nightly.latestAtOrBefore(T)).isEqualTo(Instant.parse("2026-11-22T01:30:00Z"));
        assertThat(nightly.window(Instant.parse("2026-11-22T01:30:00Z")).from())
                .isEqualTo(Instant.parse("2026-11-21T01:30:00Z"));
    }

    @Test
    void quartzCronHasSeconds() {
        Schedule everyFive = Schedule.cron("0/5 * * * * ?", Schedule.CronType.QUARTZ, ZoneOffset.UTC);
        assertThat(everyFive.latestAtOrBefore(T)).isEqualTo(Instant.parse("2026-11-22T10:17:40Z"));
        assertThat(everyFive.window(Instant.parse("2026-11-22T10:17:40Z")).from())
                .isEqualTo(Instant.parse("2026-11-22T10:17:35Z"));
    }

    @Test
    void intervalSlotsAreAlignedToTheEpoch() {
        Schedule daily = Schedule.every(Duration.ofDays(1));
        assertThat(daily.latestAtOrBefore(T)).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(daily.window(Instant.parse("2026-11-22T00:00:00Z")))
                .isEqualTo(new TimeWindow(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z")));
        assertThat(Schedule.every(Duration.ofMinutes(15)).nextAfter(T)).isEqualTo(Instant.parse("2026-11-22T10:30:00Z"));
        assertThat(daily.describe()).isEqualTo("every day");
    }

    @Test
    void aBackfillCoversTheSlotsWhoseWindowLiesInThePeriod() {
        Schedule hourly = Schedule.every(Duration.ofHours(1));
        assertThat(hourly.slotsCovering(Instant.parse("2026-11-22T06:00:00Z"), Instant.parse("2026-11-22T09:00:00Z")))
                .containsExactly(Instant.parse("2026-11-22T07:00:00Z"), Instant.parse("2026-11-22T08:00:00Z"),
                        Instant.parse("2026-11-22T09:00:00Z"));
        // a period that does not start on a slot boundary leaves out the partial first window
        assertThat(hourly.slotsCovering(Instant.parse("2026-11-22T06:30:00Z"), Instant.parse("2026-11-22T08:00:00Z")))
                .containsExactly(Instant.parse("2026-11-22T08:00:00Z"));
    }

    @Test
    void rejectsInvalidCronsAndTinyIntervals() {
        assertThatThrownBy(() -> Schedule.cron("61 * * * *", Schedule.CronType.UNIX, ZoneOffset.UTC))
                .hasMessageContaining("61");
        assertThatThrownBy(() -> Schedule.every(Duration.ofMillis(500))).hasMessageContaining("at least 1s");
    }
}
