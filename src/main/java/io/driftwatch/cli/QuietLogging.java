package io.driftwatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration when nothing else configures it: warnings and errors on standard error,
 * nothing below. Logback's own fallback logs everything down to DEBUG on standard output, which is
 * where a command prints its result; the command-line verbs that skip Dropwizard's bootstrap
 * ({@link LightCli}) rely on this instead. Dropwizard replaces it as soon as it sets up logging, and a
 * {@code logback.xml}, {@code logback-test.xml} or {@code -Dlogback.configurationFile} still wins.
 * Registered in {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}; runs only when
 * something first logs, so a command that logs nothing never loads logback.
 *
 * <p>Thread-safe: logback calls it once, under its own lock.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class QuietLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = QuietLogging.class.getClassLoader();
        boolean configuredElsewhere = System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
        return configure(context, configuredElsewhere);
    }

    /** Leaves {@code context} to logback's own configurators when a file configures it, else quiets it. */
    ExecutionStatus configure(LoggerContext context, boolean configuredElsewhere) {
        if (configuredElsewhere) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level [%d{ISO8601,UTC}] %logger: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // Smile (DLE, the domain classifier) logs one INFO line per tree it grows
        context.getLogger("smile").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
