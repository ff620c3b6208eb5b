package io.driftwatch.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code driftwatch inspect FILE…}: per-column type and summary of CSV or Arrow batches. */
public final class InspectCommand extends Command {

    public InspectCommand() {
        super("inspect", "Print the inferred schema and a summary of each column of CSV or Arrow files");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("files").nargs("+").metavar("FILE").help("CSV (.csv, .csv.gz) or Arrow IPC files");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        throw new UnsupportedOperationException("inspect is being built");
    }
}
