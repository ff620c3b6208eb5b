package io.driftwatch.cli;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.Monitoring;
import io.driftwatch.monitor.Leftovers;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.Schedule;
import io.driftwatch.monitor.schedule.ScheduledChecks;
import io.driftwatch.monitor.sources.TimeWindow;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch backfill MONITOR --from T --to T config.yml}: computes a scheduled monitor's
 * history for past windows. Every slot of the monitor's schedule whose window lies in
 * {@code [from, to)} is run as the scheduler would run it (read from the source, one check per
 * chunk), oldest first, unless it ran already: slots are claimed in the same table as the
 * service's, so a backfill beside a running service (on PostgreSQL) never repeats a window.
 *
 * <p>Prints one line per slot and a total. Exit codes: 0 when no check found dataset drift, 1 when
 * one did (as {@code check}), 2 for bad usage (no such monitor, no schedule, bad times, a database
 * that cannot be opened). Failed checks are printed and recorded, and feed the monitor's alerts.
 *
 * <p>Thread-safe: stateless.
 */
public final class BackfillCommand extends ConfiguredCommand<DriftwatchConfiguration> {

    public BackfillCommand() {
        super("backfill", "Check a scheduled monitor's past windows, as its schedule would have");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("monitor").metavar("MONITOR").help("the scheduled monitor to backfill");
        subparser.addArgument("--from").required(true).metavar("TIME")
                .help("start of the period (inclusive): 2026-11-01, 2026-11-01T06:00 (UTC) or 2026-11-01T06:00:00Z");
        subparser.addArgument("--to").required(true).metavar("TIME")
                .help("end of the period (exclusive), written like --from");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<DriftwatchConfiguration> bootstrap, Namespace namespace,
            DriftwatchConfiguration configuration) throws Exception {
        CommandLogging.warningsToStandardError(configuration, bootstrap);
        String monitorId = namespace.getString("monitor");
        Instant from = instant(namespace.getString("from"), "--from");
        Instant to = instant(namespace.getString("to"), "--to");
        if (!from.isBefore(to)) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, "--from (" + from + ") must be before --to (" + to + ")");
        }
        boolean drift;
        CommandEnvironment environment = CommandEnvironment.open(bootstrap, configuration);
        try {
            Monitoring monitoring = Monitoring.forCommand(configuration, environment.environment(), getName());
            Monitor monitor = monitoring.catalog.find(monitorId);
            Schedule schedule = monitor.definition().schedule().orElseThrow(() -> new CommandFailedException(
                    ExitCode.BAD_INPUT, "monitor " + monitorId + " has no schedule, so it has no windows to backfill"));
            // a service starting meanwhile (on PostgreSQL) leaves this process's temporary files alone
            try (Leftovers.Lease lease = Leftovers.Lease.take(configuration.getDataDirectory())) {
                drift = backfill(System.out, monitoring.scheduledChecks, monitor, schedule.slotsCovering(from, to), from,
                        to);
            }
        } finally {
            environment.stop();
        }
        if (drift) {
            throw new CommandFailedException(ExitCode.DRIFT, "");
        }
    }

    /** Runs each slot not run yet; prints a line per slot and a total; returns whether any check drifted. */
    public static boolean backfill(PrintStream out, ScheduledChecks checks, Monitor monitor, List<Instant> slots,
            Instant from, Instant to) {
        Schedule schedule = monitor.definition().schedule().orElseThrow();
        if (slots.isEmpty()) {
            out.println("no window of monitor " + monitor.id() + "'s schedule (" + schedule.describe()
                    + ") lies within [" + from + ", " + to + ")");
            return false;
        }
        int ran = 0;
        int skipped = 0;
        int checksMade = 0;
        int drifted = 0;
        int failed = 0;
        for (Instant slot : slots) {
            Optional<ScheduledChecks.Outcome> outcome = checks.run(monitor, slot, ScheduledChecks.BACKFILL);
            if (outcome.isEmpty()) {
                skipped++;
                TimeWindow window = schedule.window(slot);
                out.println(window.from() + " .. " + window.to() + "  ran already, skipped");
                continue;
            }
            ran++;
            ScheduledChecks.Outcome o = outcome.get();
            checksMade += o.checks().size();
            failed += o.failed();
            for (var c : o.checks()) {
                drifted += c.driftDetected() ? 1 : 0;
            }
            out.println(o.window().from() + " .. " + o.window().to() + "  " + o.summary());
        }
        out.println("backfilled " + ran + " of " + count(slots.size(), "window") + " (" + skipped + " ran already): "
                + count(checksMade, "check") + ", " + drifted + " with dataset drift, " + failed + " failed");
        return drifted > 0;
    }

    /** "1 check", "2 checks". */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** An instant, a UTC date-time without zone, or a date (midnight UTC). */
    static Instant instant(String text, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // not an instant with a zone: try the shorter forms
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // nor a local date-time
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, option + " '" + text + "' is not a time: write "
                    + "2026-11-01, 2026-11-01T06:00 (UTC) or 2026-11-01T06:00:00Z");
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!OneLineErrors.print(cli, getName(), e)) {
            super.onError(cli, namespace, e);
        }
    }
}
