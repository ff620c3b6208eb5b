package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class QuietLoggingTest {

    @Test
    void withoutAConfigurationFileOnlyWarningsReachStandardError() {
        LoggerContext context = new LoggerContext();
        QuietLogging quiet = new QuietLogging();
        quiet.setContext(context);

        assertThat(quiet.configure(context, false)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("stderr")).isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
    }

    @Test
    void aConfigurationFileStillWins() {
        LoggerContext context = new LoggerContext();
        QuietLogging quiet = new QuietLogging();
        quiet.setContext(context);

        // the tests' logback-test.xml is on the class path
        assertThat(quiet.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr")).isNull();
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class)).anySatisfy(c -> assertThat(c).isInstanceOf(QuietLogging.class));
    }
}
