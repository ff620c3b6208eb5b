package io.driftwatch.api.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time axis in UTC: maps instants in {@code [from, to]} linearly onto {@code [x0, x1]} and puts
 * ticks at round times (every 1, 2, 5… seconds, minutes or hours, every day, week, month or year),
 * as few of them as fit {@code maxTicks}. A tick's label is as short as its step allows
 * ({@code 14:05}, {@code Nov 22}, {@code Nov}); the day, month or year is added underneath where it
 * changes, so a reader never has to guess which day an hour belongs to. When every instant is the
 * same, that instant sits in the middle with one tick.
 *
 * <p>Thread-safe: immutable.
 */
final class TimeScale {
    /** Fixed-length steps, in seconds, up to two days. */
    private static final long[] SECOND_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
        21600, 43200, 86400, 172800};
    private static final long WEEK = 7 * 86400;
    private static final int[] MONTH_STEPS = {1, 3, 6};
    private static final int[] YEAR_STEPS = {1, 2, 5, 10, 20, 50, 100};
    private static final DateTimeFormatter SECOND = formatter("HH:mm:ss");
    private static final DateTimeFormatter MINUTE = formatter("HH:mm");
    private static final DateTimeFormatter DAY = formatter("MMM d");
    private static final DateTimeFormatter MONTH = formatter("MMM");
    private static final DateTimeFormatter YEAR = formatter("yyyy");

    private final Instant from;
    private final Instant to;
    private final double x0;
    private final double x1;

    /** One tick: its x coordinate, its label and, where the larger unit changes, a second line. */
    record Tick(double x, String label, String context) {
    }

    TimeScale(Instant from, Instant to, double x0, double x1) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the axis ends (" + to + ") before it starts (" + from + ")");
        }
        this.from = from;
        this.to = to;
        this.x0 = x0;
        this.x1 = x1;
    }

    /** The x coordinate of {@code t}. */
    double x(Instant t) {
        double span = millis(from, to);
        if (span == 0) {
            return (x0 + x1) / 2;
        }
        return x0 + (x1 - x0) * millis(from, t) / span;
    }

    /** Ticks at round times inside the axis, at most {@code maxTicks} of them (at least one). */
    List<Tick> ticks(int maxTicks) {
        List<Tick> ticks = from.equals(to) ? List.of() : roundTicks(maxTicks);
        if (ticks.isEmpty()) {
            ZonedDateTime t = from.atZone(ZoneOffset.UTC);
            return List.of(new Tick(x(from), SECOND.format(t), DAY.format(t) + " " + YEAR.format(t)));
        }
        return ticks;
    }

    private List<Tick> roundTicks(int maxTicks) {
        long spanSeconds = Math.max(1, Duration.between(from, to).getSeconds());
        for (long step : SECOND_STEPS) {
            if (spanSeconds / step + 1 <= maxTicks) {
                return fixedSteps(step);
            }
        }
        if (spanSeconds / WEEK + 1 <= maxTicks) {
            return weeks();
        }
        for (int months : MONTH_STEPS) {
            if (spanSeconds / (months * 30L * 86400) <= maxTicks - 1) {
                return months(months);
            }
        }
        for (int years : YEAR_STEPS) {
            if (spanSeconds / (years * 365L * 86400) <= maxTicks - 1) {
                return years(years);
            }
        }
        return years(1000);
    }

    private List<Tick> fixedSteps(long step) {
        long first = Math.floorDiv(from.getEpochSecond() + step - 1, step) * step;
        if (from.getNano() > 0 && first == from.getEpochSecond()) {
            first += step;
        }
        List<Tick> ticks = new ArrayList<>();
        ZonedDateTime previous = null;
        for (long s = first; !Instant.ofEpochSecond(s).isAfter(to); s += step) {
            ZonedDateTime t = Instant.ofEpochSecond(s).atZone(ZoneOffset.UTC);
            if (step >= 86400) {
                ticks.add(new Tick(x(t.toInstant()), DAY.format(t), yearChange(previous, t)));
            } else {
                String label = (step < 60 ? SECOND : MINUTE).format(t);
                boolean newDay = previous == null || !previous.toLocalDate().equals(t.toLocalDate());
                ticks.add(new Tick(x(t.toInstant()), label, newDay ? DAY.format(t) : null));
            }
            previous = t;
        }
        return ticks;
    }

    private List<Tick> weeks() {
        LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate();
        if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(from)) {
            day = day.plusDays(1);
        }
        while (day.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            day = day.plusDays(1);
        }
        List<Tick> ticks = new ArrayList<>();
        ZonedDateTime previous = null;
        for (ZonedDateTime t = day.atStartOfDay(ZoneOffset.UTC); !t.toInstant().isAfter(to); t = t.plusWeeks(1)) {
            ticks.add(new Tick(x(t.toInstant()), DAY.format(t), yearChange(previous, t)));
            previous = t;
        }
        return ticks;
    }

    private List<Tick> months(int step) {
        ZonedDateTime t = from.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        while (t.toInstant().isBefore(from) || (t.getMonthValue() - 1) % step != 0) {
            t = t.plusMonths(1);
        }
        List<Tick> ticks = new ArrayList<>();
        ZonedDateTime previous = null;
        for (; !t.toInstant().isAfter(to); t = t.plusMonths(step)) {
            ticks.add(new Tick(x(t.toInstant()), MONTH.format(t), yearChange(previous, t)));
            previous = t;
        }
        return ticks;
    }

    private List<Tick> years(int step) {
        ZonedDateTime t = from.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        while (t.toInstant().isBefore(from) || t.getYear() % step != 0) {
            t = t.plusYears(1);
        }
        List<Tick> ticks = new ArrayList<>();
        for (; !t.toInstant().isAfter(to); t = t.plusYears(step)) {
            ticks.add(new Tick(x(t.toInstant()), YEAR.format(t), null));
        }
        return ticks;
    }

    private static String yearChange(ZonedDateTime previous, ZonedDateTime t) {
        return previous == null || previous.getYear() != t.getYear() ? YEAR.format(t) : null;
    }

    private static double millis(Instant a, Instant b) {
        Duration d = Duration.between(a, b);
        return d.getSeconds() * 1e3 + d.getNano() / 1e6;
    }

    private static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(ZoneOffset.UTC);
    }
}
