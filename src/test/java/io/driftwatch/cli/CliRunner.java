package io.driftwatch.cli;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.DriftwatchConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the real command line in-process, as {@code java -jar driftwatch.jar ARGS} would, and
 * captures what it prints and the exit code it would exit with.
 */
final class CliRunner {

    record Run(int exitCode, String stdout, String stderr) {
    }

    static Run run(String... args) throws Exception {
        return run(true, args);
    }

    /** Runs {@code args} through Dropwizard's command line even for the light verbs ({@link LightCli}). */
    static Run runThroughDropwizard(String... args) throws Exception {
        return run(false, args);
    }

    private static Run run(boolean light, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(capturedOut);
        System.setErr(capturedErr);
        try {
            if (light) {
                // as DriftwatchApplication.main: the light verbs run without Dropwizard's bootstrap
                OptionalInt code = LightCli.run(args, capturedOut, capturedErr);
                if (code.isPresent()) {
                    return new Run(code.getAsInt(), out.toString(StandardCharsets.UTF_8),
                            err.toString(StandardCharsets.UTF_8));
                }
            }
            DriftwatchApplication app = new DriftwatchApplication();
            Bootstrap<DriftwatchConfiguration> bootstrap = new Bootstrap<>(app);
            bootstrap.addCommand(new ServeCommand<>(app)); // as DriftwatchApplication.addDefaultCommands does
            app.initialize(bootstrap);
            Cli cli = new Cli(new JarLocation(CliRunner.class), bootstrap, capturedOut, capturedErr);
            Optional<Throwable> failure = cli.run(args);
            int code = failure.map(t -> DriftwatchCommand.exitCodeFor(t).code()).orElse(0);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private CliRunner() {
    }
}
