package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's UTC time axis: linear placement and round, readable ticks at every span. */
class TimeScaleTest {

    private static List<String> labels(String from, String to) {
        return new TimeScale(Instant.parse(from), Instant.parse(to), 0, 1000).ticks(8).stream()
                .map(t -> t.context() == null ? t.label() : t.label() + " / " + t.context()).toList();
    }

    @Test
    void mapsInstantsLinearlyOntoTheRange() {
        TimeScale s = new TimeScale(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), 100,
                500);
        assertThat(s.x(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(100);
        assertThat(s.x(Instant.parse("2026-01-01T12:00:00Z"))).isEqualTo(300);
        assertThat(s.x(Instant.parse("2026-01-02T00:00:00Z"))).isEqualTo(500);
    }

    @Test
    void putsASingleInstantInTheMiddleWithOneFullTick() {
        TimeScale s = new TimeScale(Instant.parse("2026-11-22T14:05:09Z"), Instant.parse("2026-11-22T14:05:09Z"), 0,
                1000);
        assertThat(s.x(Instant.parse("2026-11-22T14:05:09Z"))).isEqualTo(500);
        assertThat(s.ticks(8)).singleElement().satisfies(t -> {
            assertThat(t.x()).isEqualTo(500);
            assertThat(t.label()).isEqualTo("14:05:09");
            assertThat(t.context()).isEqualTo("Nov 22 2026");
        });
    }

    @Test
    void labelsSecondsWhenChecksRanSecondsApart() {
        assertThat(labels("2026-11-22T14:05:01Z", "2026-11-22T14:05:29Z"))
                .containsExactly("14:05:05 / Nov 22", "14:05:10", "14:05:15", "14:05:20", "14:05:25");
    }

    @Test
    void namesTheDayUnderTheFirstHourOfEachDay() {
        assertThat(labels("2026-11-22T13:10:00Z", "2026-11-23T09:00:00Z"))
                .containsExactly("15:00 / Nov 22", "18:00", "21:00", "00:00 / Nov 23", "03:00", "06:00", "09:00");
    }

    @Test
    void labelsDaysWithTheYearOnTheFirst() {
        assertThat(labels("2026-12-27T06:00:00Z", "2027-01-02T06:00:00Z"))
                .containsExactly("Dec 28 / 2026", "Dec 29", "Dec 30", "Dec 31", "Jan 1 / 2027", "Jan 2");
    }

    @Test
    void usesMondaysForSpansOfWeeks() {
        assertThat(labels("2026-10-01T00:00:00Z", "2026-11-20T00:00:00Z"))
                .containsExactly("Oct 5 / 2026", "Oct 12", "Oct 19", "Oct 26", "Nov 2", "Nov 9", "Nov 16");
    }

    @Test
    void usesMonthsAndYearsForLongSpans() {
        assertThat(labels("2026-02-10T00:00:00Z", "2026-09-01T00:00:00Z"))
                .containsExactly("Mar / 2026", "Apr", "May", "Jun", "Jul", "Aug", "Sep");
        assertThat(labels("2025-05-01T00:00:00Z", "2027-02-01T00:00:00Z"))
                .containsExactly("Jul / 2025", "Oct", "Jan / 2026", "Apr", "Jul", "Oct", "Jan / 2027");
        assertThat(labels("2016-03-01T00:00:00Z", "2026-03-01T00:00:00Z"))
                .containsExactly("2018", "2020", "2022", "2024", "2026");
    }

    @Test
    void neverGivesMoreTicksThanAsked() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        for (long span = 1; span < 40L * 365 * 86400; span = span * 3 / 2 + 1) {
            List<TimeScale.Tick> ticks = new TimeScale(from, from.plusSeconds(span), 0, 1000).ticks(8);
            assertThat(ticks).as("span %d s", span).isNotEmpty().hasSizeLessThanOrEqualTo(8)
                    .allSatisfy(t -> assertThat(t.x()).isBetween(0.0, 1000.0));
        }
    }

    @Test
    void rejectsAnAxisThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new TimeScale(Instant.parse("2026-01-02T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
