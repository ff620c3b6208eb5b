package io.driftwatch.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import java.util.List;
import java.util.Map;

/**
 * Logging for the verbs that open the service's database ({@code backfill}, {@code notify-test}):
 * their standard output is their result (one line per window or channel), so the service's logging
 * settings, which would print the connection pool's, Liquibase's and the checks' INFO lines among
 * them, do not apply. Warnings and errors go to standard error; nothing below WARN is printed.
 *
 * <p>Not thread-safe: called once, at the start of a command, before any other thread logs.
 */
final class CommandLogging {
    private CommandLogging() {
    }

    /** Replaces the logging Dropwizard set up from {@code configuration} with WARN and above on stderr. */
    static void warningsToStandardError(Configuration configuration, Bootstrap<?> bootstrap) {
        ConsoleAppenderFactory<ILoggingEvent> console = new ConsoleAppenderFactory<>();
        console.setTarget(ConsoleAppenderFactory.ConsoleStream.STDERR);
        DefaultLoggingFactory logging = new DefaultLoggingFactory();
        logging.setLevel("WARN");
        // Smile (DLE, the domain classifier) logs one INFO line per tree it grows
        logging.setLoggers(Map.of("smile", TextNode.valueOf("WARN")));
        logging.setAppenders(List.of(console));
        configuration.getLoggingFactory().stop();
        // Dropwizard stops the configuration's logging factory when the command ends: make it this one
        configuration.setLoggingFactory(logging);
        logging.configure(bootstrap.getMetricRegistry(), bootstrap.getApplication().getName());
    }
}
