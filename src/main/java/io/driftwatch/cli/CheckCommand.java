package io.driftwatch.cli;

import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.integrity.IntegrityResult;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.checks.CheckRunner;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.HtmlReport;
import io.driftwatch.report.JsonResult;
import io.driftwatch.report.ReportFiles;
import io.driftwatch.report.TextReport;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch check [--reference REF] --current CUR [--monitor M.yml] [--report F.html]
 * [--json F.json] [--sketch]}: one check. The reference and the current batch may be {@code s3://bucket/key} URLs
 * ({@link S3Inputs}: downloaded, read, deleted). Prints the dataset verdict and a compact table of the tested
 * columns ({@link TextReport}: drifted first, the strongest drift on top) and the other sections to
 * stdout, writes the JSON result and the HTML report when asked, and exits with {@link ExitCode#ofCheck}'s
 * code, whose findings add up as bits: 0 nothing found, 1 dataset drift, 4 failed data-quality tests, 8 a
 * model that failed its quality tests (5, 9, 12, 13 for several); 2 for bad usage or
 * unreadable input (one line on stderr says what to fix). Without a reference (none given and none
 * in the monitor), only the monitor's analyses that need none run. A progress bar appears on stderr
 * only on a terminal and only when the check takes more than a second.
 *
 * <p>With {@code --sketch} the check runs on sketch profiles instead ({@link SketchCheck}); {@code --report}
 * then writes the HTML report the service renders for a check on sketches.
 *
 * <p>Thread-safe: stateless; each run builds its own runner and progress bar.
 */
public final class CheckCommand extends DriftwatchCommand {

    public CheckCommand() {
        super("check", "Check a current batch against a reference (drift), and the monitor's data-quality and"
                + " model-quality tests; exit 0 nothing found, else the sum of 1 drift, 4 failed data-quality tests,"
                + " 8 failed model-quality tests; 2 bad input");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--reference").metavar("REF")
                .help("reference batch (CSV, Arrow or Parquet; a path or s3://BUCKET/KEY), a profile written by 'driftwatch"
                        + " profile', a DVC-tracked file (FILE.dvc, or dvc:PATH for a .dvc or dvc.lock output), or a"
                        + " registered MLflow model's training data (mlflow:models:/NAME@ALIAS or /NAME/VERSION);"
                        + " defaults to the monitor's 'reference'");
        subparser.addArgument("--current").metavar("CUR").required(true).help("current batch (CSV, Arrow or Parquet), a path or s3://BUCKET/KEY");
        subparser.addArgument("--monitor").metavar("MONITOR.yml")
                .help("monitor definition (YAML or JSON): column mapping, tests, thresholds, drift share");
        subparser.addArgument("--report").metavar("REPORT.html").help("write the HTML report here");
        subparser.addArgument("--json").metavar("RESULT.json").help("write the JSON result here");
        subparser.addArgument("--sketch").action(Arguments.storeTrue())
                .help("test on sketch profiles (docs/sketches.md): REF and CUR may be .sketch files from 'profile"
                        + " --sketch', and a CSV or Arrow file is streamed in bounded batches; verdicts may be 'undecided';"
                        + " --json writes the sketch JSON document, --report the HTML report of a check on sketches");
    }

    /**
     * The monitor definition's parsers, which a check with {@code --monitor} needs first. Without
     * one they are never used, and warming them would take a core from the check.
     */
    @Override
    void prepare(String[] args) {
        for (String arg : args) {
            if (arg.equals("--monitor") || arg.startsWith("--monitor=")) {
                MonitorDefinition.prepare();
                return;
            }
        }
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        S3Inputs.using(inputs -> {
            run(namespace, inputs);
            return null;
        });
    }

    /** The check, with {@code s3://} inputs read through {@code inputs}. */
    private static void run(Namespace namespace, S3Inputs inputs) {
        String html = namespace.getString("report");
        if (html != null) {
            // the template engine starts while the check runs (a spare core on a small check)
            onSpareThread("report-templates", HtmlReport::prepare);
        }
        String monitorFile = namespace.getString("monitor");
        MonitorDefinition monitor = monitorFile == null ? MonitorDefinition.empty()
                : MonitorDefinition.read(Path.of(monitorFile));
        String referenceName = namespace.getString("reference");
        if (referenceName == null) {
            referenceName = monitor.reference().orElse(null);
        }
        if (referenceName == null && monitorFile == null) {
            throw new CommandFailedException(ExitCode.BAD_INPUT,
                    "argument --reference is required (or give a --monitor that names one)");
        }
        inputs.prefetch(referenceName, namespace.getString("current"));
        Path current = inputs.local(namespace.getString("current"));
        if (namespace.getBoolean("sketch")) {
            if (referenceName == null) {
                throw new CommandFailedException(ExitCode.BAD_INPUT, "argument --reference is required with --sketch");
            }
            try (ReferenceArgument reference = ReferenceArgument.of(referenceName, inputs::local)) {
                SketchCheck.run(reference, current, monitor, namespace.getString("json"), html);
            }
            return;
        }

        CheckReport checked;
        try (CheckRunner runner = CheckRunner.withCores(); ProgressBar bar = ProgressBar.onTerminal(System.err)) {
            if (referenceName == null) {
                checked = withoutReference(runner, current, monitor, monitorFile, bar);
            } else {
                try (ReferenceArgument reference = ReferenceArgument.of(referenceName, inputs::local)) {
                    checked = runner.run(reference.file(), reference.name(), current, monitor, bar)
                            .withReferenceLineage(reference.lineage());
                }
            }
        }
        CheckReport report = !inputs.any() ? checked : named(checked, inputs);
        String json = namespace.getString("json");
        if (json != null) {
            write(Path.of(json), "JSON result", JsonResult.of(report)::writeTo);
        }
        if (html != null) {
            write(Path.of(html), "HTML report", out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                HtmlReport.render(report, writer);
                writer.flush();
            });
        }
        TextReport.print(System.out, report, monitor.name(), monitor.ignored());
        if (json != null || html != null) {
            System.out.println();
        }
        if (json != null) {
            System.out.println("JSON result written to " + json);
        }
        if (html != null) {
            System.out.println("HTML report written to " + html);
        }
        boolean drift = report.findDrift().map(d -> d.dataset().detected()).orElse(false);
        boolean dataQuality = report.sections().find(IntegrityResult.class).map(IntegrityResult::failed).orElse(false);
        boolean modelQuality = report.sections().find(QualityResult.class).map(QualityResult::failed).orElse(false);
        // an estimated performance outside its thresholds is a model-quality finding (8); drift across
        // columns in some chunk is drift (1)
        modelQuality |= report.sections().find(EstimateResult.class).map(EstimateResult::alerts).orElse(false);
        drift |= report.sections().find(MultivariateResult.class).map(MultivariateResult::alerts).orElse(false);
        ExitCode verdict = ExitCode.ofCheck(drift, dataQuality, modelQuality);
        if (verdict != ExitCode.OK) {
            throw new CommandFailedException(verdict, "");
        }
    }

    /** {@code report} with its batches named by the URLs they were downloaded from. */
    private static CheckReport named(CheckReport report, S3Inputs inputs) {
        return new CheckReport(report.title(), report.sections(), report.reference(), report.current(),
                report.types(), report.roles(), inputs.named(report.referenceBatch()),
                inputs.named(report.currentBatch()), report.timings(), report.createdAt(), report.driftwatchVersion());
    }

    /** A check with no reference: the monitor must ask for an analysis that runs without one. */
    private static CheckReport withoutReference(CheckRunner runner, Path current, MonitorDefinition monitor,
            String monitorFile, ProgressBar bar) {
        try {
            return runner.runWithoutReference(current, monitor, bar);
        } catch (InvalidRequestException e) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, "argument --reference is required: the monitor "
                    + monitorFile + " names no reference, and without one only the analyses that need none run"
                    + " (integrity: and model:); it asks for neither");
        }
    }

    /** Writes through {@link ReportFiles}; a failure is the command's, naming the file and why. */
    static void write(Path file, String what, ReportFiles.Document document) {
        try {
            ReportFiles.write(file, document);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, "cannot write the " + what + " to " + file + ": "
                    + whyNotWritten(file, e));
        }
    }

    /**
     * Why {@code file} could not be written, in the user's terms: the file is written to a hidden
     * temporary file beside it first ({@link ReportFiles}), whose name and the exception's class
     * would only confuse.
     */
    static String whyNotWritten(Path file, IOException e) {
        Path directory = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            return "it is a directory; name a file in it";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            // from creating the parent directories: a part of the path is a file
            return exists.getFile() + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied to create a file in " + directory;
        }
        if (e instanceof NoSuchFileException) {
            return "cannot create a file in " + directory;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
