package io.driftwatch.cli;

import io.driftwatch.monitor.checks.CheckRunner;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.util.Locale;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch profile --reference REF --out FILE.profile [--monitor M.yml] [--sketch]}: reduces a
 * reference batch once to the profile every check against it needs (sorted values, category
 * counts), so later {@code check --reference FILE.profile} runs skip parsing and sorting it. Give
 * the same {@code --monitor} as the checks, so declared numerical and text columns are read the
 * same way. With {@code --sketch} the profile is a {@link SketchProfile} (docs/sketch-profile.md) for
 * {@code check --sketch}, and a CSV or Arrow reference is streamed through it in bounded batches
 * ({@link SketchProfile.Builder#read}). Exit code 0, or 2 with one line when the input cannot be read or the file written.
 *
 * <p>Thread-safe: stateless.
 */
public final class ProfileCommand extends DriftwatchCommand {

    public ProfileCommand() {
        super("profile", "Save the profile of a reference batch for fast repeated checks");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--reference").metavar("REF")
                .help("reference batch (CSV, Arrow or Parquet; a path or s3://BUCKET/KEY), a DVC-tracked file (FILE.dvc, or"
                        + " dvc:PATH), or a registered MLflow model's training data (mlflow:models:/NAME@ALIAS); defaults"
                        + " to the monitor's 'reference'");
        subparser.addArgument("--out").metavar("FILE.profile").required(true).help("where to write the profile");
        subparser.addArgument("--monitor").metavar("MONITOR.yml")
                .help("monitor definition whose declared column types to read the reference with");
        subparser.addArgument("--sketch").action(Arguments.storeTrue())
                .help("write a sketch profile (KLL quantiles, frequent items: docs/sketches.md) instead, streaming"
                        + " a CSV or Arrow reference in bounded batches so a file of any size fits in a fixed heap");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        S3Inputs.using(inputs -> {
            run(namespace, inputs);
            return null;
        });
    }

    private static void run(Namespace namespace, S3Inputs inputs) {
        String monitorFile = namespace.getString("monitor");
        MonitorDefinition monitor = monitorFile == null ? MonitorDefinition.empty()
                : MonitorDefinition.read(Path.of(monitorFile));
        String referenceName = namespace.getString("reference");
        if (referenceName == null) {
            referenceName = monitor.reference().orElseThrow(() -> new CommandFailedException(ExitCode.BAD_INPUT,
                    "argument --reference is required" + (monitorFile == null ? ""
                            : ": the monitor " + monitorFile + " names no reference")));
        }
        try (ReferenceArgument reference = ReferenceArgument.of(referenceName, inputs::local)) {
            Path out = Path.of(namespace.getString("out"));
            if (namespace.getBoolean("sketch")) {
                SketchProfile sketch = SketchProfile.builder(SketchSettings.defaults())
                        .read(reference.file(), monitor.csvOptions()).build();
                CheckCommand.write(out, "sketch profile", sketch::writeTo);
                System.out.printf(Locale.ROOT, "%s: sketch profile of %s (%,d rows, %d columns)%n", out,
                        reference.name(), sketch.rowCount(), sketch.columns().size());
                return;
            }
            ReferenceProfile profile = CheckRunner.referenceProfile(reference.file(), monitor);
            CheckCommand.write(out, "profile", profile::writeTo);
            System.out.printf(Locale.ROOT, "%s: profile of %s (%,d rows, %d columns)%n", out, reference.name(),
                    profile.rowCount(), profile.columns().size());
            if (reference.lineage() != null) {
                System.out.println(reference.describe());
            }
        }
    }
}
