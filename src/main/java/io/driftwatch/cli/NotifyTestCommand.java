package io.driftwatch.cli;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.Monitoring;
import io.driftwatch.monitor.policy.ChannelProbe;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.delivery.Outcome;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch notify-test MONITOR config.yml}: sends a test alert to every channel that monitor
 * {@code MONITOR}'s {@code alerts.channels} names, at once and directly (not through the outbox), and
 * prints one line per channel: {@code delivered}, {@code will-retry} (the outbox would try again) or
 * {@code failed}, with the reason. Exit code 0 when every channel accepted the test, 1 when one did
 * not, 2 for bad usage (no such monitor, a monitor without channels, a database that cannot be
 * opened).
 *
 * <p>It reads the monitor from the service's database, with the configuration the service uses, and
 * may run while the service runs on PostgreSQL. The embedded default (an H2 file) admits one process:
 * while the service holds it, the command says so and exits 2.
 *
 * <p>A PagerDuty test opens a real PagerDuty incident; the command resolves it at once.
 *
 * <p>Thread-safe: stateless.
 */
public final class NotifyTestCommand extends ConfiguredCommand<DriftwatchConfiguration> {
    public NotifyTestCommand() {
        super("notify-test", "Send a test alert to each channel of a monitor, and say whether it arrived");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("monitor").metavar("MONITOR").help("the monitor whose alerts.channels to test");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<DriftwatchConfiguration> bootstrap, Namespace namespace,
            DriftwatchConfiguration configuration) throws Exception {
        CommandLogging.warningsToStandardError(configuration, bootstrap);
        String monitorId = namespace.getString("monitor");
        List<ChannelProbe.Result> outcomes;
        CommandEnvironment environment = CommandEnvironment.open(bootstrap, configuration);
        try {
            Monitoring monitoring = Monitoring.forCommand(configuration, environment.environment(), getName());
            Monitor monitor = monitoring.catalog.find(monitorId);
            outcomes = new ChannelProbe(monitoring.receivers).probe(monitor,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
        } finally {
            environment.stop();
        }
        if (!print(System.out, outcomes)) {
            throw new CommandFailedException(ExitCode.NOT_DELIVERED, "");
        }
    }

    /**
     * Prints one line per channel; returns whether every channel accepted the test.
     */
    static boolean print(PrintStream out, List<ChannelProbe.Result> outcomes) {
        boolean all = true;
        for (ChannelProbe.Result o : outcomes) {
            all &= o.delivered();
            StringBuilder line = new StringBuilder(o.channel());
            o.type().ifPresent(t -> line.append(" (").append(t).append(')'));
            line.append(": ").append(outcome(o.test()));
            o.resolve().ifPresent(r -> {
                line.append("; the test opened a real PagerDuty incident, ");
                line.append(r instanceof Outcome.Delivered ? "resolved at once (" + r.reason() + ")"
                        : "and resolving it " + outcome(r) + ": resolve it in PagerDuty by hand");
            });
            out.println(line);
        }
        return all;
    }

    private static String outcome(Outcome d) {
        if (d instanceof Outcome.Delivered) {
            return "delivered (" + d.reason() + ")";
        }
        if (d instanceof Outcome.Retry) {
            return "will-retry (" + d.reason() + "; the service's outbox would try again)";
        }
        return "failed (" + d.reason() + ")";
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!OneLineErrors.print(cli, getName(), e)) {
            super.onError(cli, namespace, e);
        }
    }
}
