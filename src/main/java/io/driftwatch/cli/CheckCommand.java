package io.driftwatch.cli;

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
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch check --reference REF --current CUR [--monitor M.yml] [--report F.html]
 * [--json F.json]}: one drift check. Prints the dataset verdict and a compact table of the tested
 * columns ({@link TextReport}: drifted first, the strongest drift on top) to stdout, writes the JSON result and the
 * HTML report when asked, and exits 0 when the dataset did not drift, 1 when it did, 2 for bad
 * usage or unreadable input (one line on stderr says what to fix). A progress bar appears on stderr
 * only on a terminal and only when the check takes more than a second.
 *
 * <p>Thread-safe: stateless; each run builds its own runner and progress bar.
 */
public final class CheckCommand extends DriftwatchCommand {

    public CheckCommand() {
        super("check", "Check a current batch for drift against a reference; exit 0 no drift, 1 drift, 2 bad input");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--reference").metavar("REF")
                .help("reference batch (CSV or Arrow) or a profile written by 'driftwatch profile'; "
                        + "defaults to the monitor's 'reference'");
        subparser.addArgument("--current").metavar("CUR").required(true).help("current batch (CSV or Arrow)");
        subparser.addArgument("--monitor").metavar("MONITOR.yml")
                .help("monitor definition (YAML or JSON): column mapping, tests, thresholds, drift share");
        subparser.addArgument("--report").metavar("REPORT.html").help("write the HTML report here");
        subparser.addArgument("--json").metavar("RESULT.json").help("write the JSON result here");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String monitorFile = namespace.getString("monitor");
        MonitorDefinition monitor = monitorFile == null ? MonitorDefinition.empty()
                : MonitorDefinition.read(Path.of(monitorFile));
        String referenceName = namespace.getString("reference");
        if (referenceName == null) {
            referenceName = monitor.reference().orElseThrow(() -> new CommandFailedException(ExitCode.BAD_INPUT,
                    monitorFile == null ? "argument --reference is required (or give a --monitor that names one)"
                            : "argument --reference is required: the monitor " + monitorFile + " names no reference"));
        }
        Path reference = Path.of(referenceName);
        Path current = Path.of(namespace.getString("current"));
        String html = namespace.getString("report");

        CheckReport report;
        try (CheckRunner runner = CheckRunner.withCores(); ProgressBar bar = ProgressBar.onTerminal(System.err)) {
            report = runner.run(reference, current, monitor, bar);
        }
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
        if (report.drift().dataset().detected()) {
            throw new CommandFailedException(ExitCode.DRIFT, "");
        }
    }

    /** Writes through {@link ReportFiles}; a failure is the command's, naming the file. */
    static void write(Path file, String what, ReportFiles.Document document) {
        try {
            ReportFiles.write(file, document);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, "cannot write the " + what + " to " + file + ": "
                    + e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage());
        }
    }
}
