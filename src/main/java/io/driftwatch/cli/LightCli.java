package io.driftwatch.cli;

import io.dropwizard.util.JarLocation;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.ArgumentAction;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Runs the verbs that need nothing of the service ({@code check}, {@code inspect}, {@code profile})
 * without Dropwizard's bootstrap. Dropwizard builds, before any command runs, a full Jackson
 * {@code ObjectMapper}, a Hibernate Validator factory and the JVM metrics with a JMX reporter:
 * about 1.9 s of CPU on this project's 2-core machine, several times what a check of a small batch
 * costs. These verbs use none of it.
 *
 * <p>The command line behaves as Dropwizard's {@code Cli} lays out a verb: the same usage line
 * ({@code java -jar driftwatch.jar check …}), {@code -h}, defaults shown in the help, a parse error
 * printed with the verb's usage on stderr; failures are reported with the command's own wording
 * ({@link DriftwatchCommand#report}) and mapped to the same exit codes. Logging, if anything logs,
 * is {@link QuietLogging}'s: warnings and errors on stderr, as under Dropwizard's bootstrap; FreeMarker
 * logs nothing here (unless {@code -Dorg.freemarker.loggerLibrary} says otherwise). Every
 * other invocation (the service, the database verbs, no
 * verb at all, {@code --help}) goes through Dropwizard as before.
 *
 * <p>Not thread-safe: run once per process, on the main thread.
 */
public final class LightCli {
    private static final String COMMAND = "command";
    static final String FREEMARKER_LOGGING = "org.freemarker.loggerLibrary";

    private LightCli() {
    }

    /**
     * Runs {@code args} when they name a light verb.
     *
     * @return the exit code, or empty when the arguments are for Dropwizard's command line
     */
    public static OptionalInt run(String[] args, OutputStream stdout, OutputStream stderr) {
        DriftwatchCommand command = args.length == 0 ? null : verb(args[0]);
        if (command == null) {
            return OptionalInt.empty();
        }
        // FreeMarker asks SLF4J for its loggers as its classes load, which starts logback (about 200
        // classes: 0.025 s of the bike-sharing check) although nothing of FreeMarker's would be logged:
        // the report's template errors are thrown and reported by the command (HtmlTemplates). A
        // library the user chose wins.
        if (System.getProperty(FREEMARKER_LOGGING) == null) {
            System.setProperty(FREEMARKER_LOGGING, "none");
        }
        DriftwatchCommand.onSpareThread("prepare-" + command.getName(), () -> command.prepare(args));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        // the terminal's width is asked of `stty` in a child process (50 ms), worth it only for the help
        ArgumentParser parser = ArgumentParsers.newFor("java -jar " + new JarLocation(LightCli.class))
                .addHelp(false).terminalWidthDetection(asksForHelp(args)).build();
        Subparser subparser = parser.addSubparsers().addParser(command.getName(), false);
        command.configure(subparser);
        subparser.addArgument("-h", "--help").action(new PrintHelp(out)).help("show this help message and exit")
                .setDefault(Arguments.SUPPRESS);
        subparser.description(command.getDescription()).setDefault(COMMAND, command.getName()).defaultHelp(true);
        Namespace namespace;
        try {
            namespace = parser.parseArgs(args);
        } catch (HelpScreenException e) {
            return OptionalInt.of(ExitCode.OK.code());
        } catch (ArgumentParserException e) {
            err.println(e.getMessage());
            e.getParser().printHelp(err);
            return OptionalInt.of(ExitCode.BAD_INPUT.code());
        }
        try {
            command.run(null, namespace);
            return OptionalInt.of(ExitCode.OK.code());
        } catch (Throwable e) { // as Dropwizard's Cli: the command reports its own failure
            command.report(err, e);
            return OptionalInt.of(DriftwatchCommand.exitCodeFor(e).code());
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static boolean asksForHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /** The light verb called {@code name}, or null. */
    private static DriftwatchCommand verb(String name) {
        return switch (name) {
            case "check" -> new CheckCommand();
            case "inspect" -> new InspectCommand();
            case "profile" -> new ProfileCommand();
            default -> null;
        };
    }

    /** {@code -h}: prints the verb's help to stdout and ends parsing, as Dropwizard's Cli does. */
    private record PrintHelp(PrintWriter out) implements ArgumentAction {
        @Override
        public void run(ArgumentParser parser, Argument arg, Map<String, Object> attrs, String flag, Object value)
                throws ArgumentParserException {
            parser.printHelp(out);
            throw new HelpScreenException(parser);
        }

        @Override
        public boolean consumeArgument() {
            return false;
        }

        @Override
        public void onAttach(Argument arg) {
            // nothing to attach
        }
    }
}
