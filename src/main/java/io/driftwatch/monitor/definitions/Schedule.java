package io.driftwatch.monitor.definitions;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.driftwatch.monitor.sources.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a monitor runs: a cron expression (Unix's five fields, or Quartz's six or seven with seconds)
 * in a time zone, or a fixed interval. Each run has a <em>slot</em>, the instant it is due, and
 * covers the <em>window</em> from the previous slot up to its own: an hourly schedule's 10:00 slot
 * reads {@code [09:00, 10:00)}. Interval slots are whole multiples of the interval since the epoch
 * in UTC, so {@code every: 1h} runs on the hour and {@code every: 1d} at midnight UTC.
 *
 * <p>Thread-safe: immutable (cron-utils' execution times are).
 */
public final class Schedule {
    /** The cron dialects a schedule may be written in. */
    public enum CronType {
        UNIX, QUARTZ
    }

    private final String expression;
    private final CronType cronType;
    private final ZoneId zone;
    private final ExecutionTime cron;
    private final Duration every;
    private final String description;

    private Schedule(String expression, CronType cronType, ZoneId zone, ExecutionTime cron, Duration every,
            String description) {
        this.expression = expression;
        this.cronType = cronType;
        this.zone = zone;
        this.cron = cron;
        this.every = every;
        this.description = description;
    }

    /**
     * A cron schedule.
     *
     * @throws IllegalArgumentException with cron-utils' explanation when the expression is not valid
     */
    public static Schedule cron(String expression, CronType type, ZoneId zone) {
        CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(
                type == CronType.QUARTZ ? com.cronutils.model.CronType.QUARTZ : com.cronutils.model.CronType.UNIX));
        Cron cron = parser.parse(expression).validate();
        String description = CronDescriptor.instance(Locale.UK).describe(cron);
        return new Schedule(expression, type, zone, ExecutionTime.forCron(cron), null,
                description + " (" + (zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId()) + ")");
    }

    /**
     * Every {@code interval}, on whole multiples of it since the epoch (UTC).
     *
     * @throws IllegalArgumentException when the interval is shorter than a second
     */
    public static Schedule every(Duration interval) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the interval must be at least 1s, got " + interval);
        }
        return new Schedule(null, null, java.time.ZoneOffset.UTC, null, interval, "every " + human(interval));
    }

    /** A sentence saying when the schedule runs, for the dashboard ("every hour (UTC)"). */
    public String describe() {
        return description;
    }

    /** The cron expression as written, or null for an interval schedule. */
    public String expression() {
        return expression;
    }

    /** The latest slot at or before {@code t}. */
    public Instant latestAtOrBefore(Instant t) {
        if (every != null) {
            long step = every.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step);
        }
        ZonedDateTime at = t.atZone(zone);
        if (cron.isMatch(at.withNano(0)) && at.getNano() == 0) {
            return t;
        }
        return cron.lastExecution(at).map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("cron '" + expression + "' has no run before " + t));
    }

    /** The first slot strictly after {@code t}. */
    public Instant nextAfter(Instant t) {
        if (every != null) {
            long step = every.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step + step);
        }
        return cron.nextExecution(t.atZone(zone)).map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("cron '" + expression + "' has no run after " + t));
    }

    /** The window slot {@code slot} covers: from the slot before it up to the slot. */
    public TimeWindow window(Instant slot) {
        if (every != null) {
            return new TimeWindow(slot.minus(every), slot);
        }
        Instant previous = cron.lastExecution(slot.atZone(zone)).map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("cron '" + expression + "' has no run before " + slot));
        return new TimeWindow(previous, slot);
    }

    /**
     * The slots whose whole window lies in {@code [from, to)}, oldest first: what a backfill of that
     * period runs.
     */
    public List<Instant> slotsCovering(Instant from, Instant to) {
        List<Instant> slots = new ArrayList<>();
        Instant slot = nextAfter(from);
        while (!slot.isAfter(to)) {
            if (!window(slot).from().isBefore(from)) {
                slots.add(slot);
            }
            slot = nextAfter(slot);
        }
        return slots;
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s == 86_400 ? "day" : s / 86_400 + " days";
        }
        if (s % 3_600 == 0) {
            return s == 3_600 ? "hour" : s / 3_600 + " hours";
        }
        if (s % 60 == 0) {
            return s == 60 ? "minute" : s / 60 + " minutes";
        }
        return s == 1 ? "second" : s + " seconds";
    }

    @Override
    public String toString() {
        return expression != null ? "cron '" + expression + "' (" + cronType.name().toLowerCase(Locale.ROOT) + ", "
                + zone.getId() + ")" : "every " + every;
    }
}
