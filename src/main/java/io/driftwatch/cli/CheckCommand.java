package io.driftwatch.cli;

import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.monitor.CheckProgress;
import io.driftwatch.monitor.CheckRunner;
import io.driftwatch.monitor.MonitorDefinition;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.HtmlReport;
import io.driftwatch.report.JsonResult;
import io.driftwatch.report.ReportFiles;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import io.dropwizard.core.setup.Bootstrap;
import java.io.Console;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch check --reference REF --current CUR [--monitor M.yml] [--report F.html]
 * [--json F.json]}: one drift check. Prints the dataset verdict and a compact table of the tested
 * columns (drifted first, the strongest drift on top) to stdout, writes the JSON result and the
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
        print(System.out, report, monitor);
        if (json != null || html != null) {
            System.out.println();
        }
        if (json != null) {
            System.out.println("JSON result written to " + json);
        }
        if (html != null) {
            System.out.println("HTML report written to " + html);
        }
        if (report.result().dataset().detected()) {
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

    /** The verdict line, the table of columns, and notes on what was not tested or changed. */
    static void print(PrintStream out, CheckReport report, MonitorDefinition monitor) {
        DatasetDrift d = report.result().dataset();
        String inputs = String.format(Locale.ROOT, "%s (%,d rows) vs %s (%,d rows)", report.referenceBatch().source(),
                report.referenceBatch().rows(), report.currentBatch().source(), report.currentBatch().rows());
        out.println(monitor.name().isPresent() ? report.title() + ": " + inputs : inputs);
        out.printf(Locale.ROOT, "Dataset drift: %s, %d of %d columns drifted (%s, threshold %s)%n",
                d.detected() ? "YES" : "NO", d.numberOfDriftedColumns(), d.numberOfColumns(), percent(d.share()),
                percent(d.threshold()));
        if (d.numberOfErrors() > 0) {
            out.printf(Locale.ROOT, "%d %s could not be tested (see below)%n", d.numberOfErrors(),
                    d.numberOfErrors() == 1 ? "column" : "columns");
        }
        out.println();

        List<ColumnDrift> columns = new ArrayList<>(report.result().columns());
        columns.sort(TABLE_ORDER);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"column", "type", "test", "score", "threshold", "drift"});
        List<String> errors = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean pValues = false;
        boolean distances = false;
        for (ColumnDrift c : columns) {
            String name = c.name() + role(report, c.name());
            TestResult r = c.result();
            if (c.missingShareChanged()) {
                missing.add(c.name() + ": " + percent(c.referenceMissingShare()) + " of the reference, "
                        + percent(c.currentMissingShare()) + " of the current batch");
            }
            if (!c.newCategories().isEmpty() || !c.goneCategories().isEmpty()) {
                categories.add(c.name() + ": " + (c.newCategories().isEmpty() ? ""
                        : "new " + labels(c.newCategories()) + (c.goneCategories().isEmpty() ? "" : "; "))
                        + (c.goneCategories().isEmpty() ? "" : "gone " + labels(c.goneCategories())));
            }
            if (r == null) {
                rows.add(new String[] {name, c.type().label(), "-", "-", "-", "error"});
                errors.add(c.name() + ": " + c.error());
                continue;
            }
            boolean p = r.scoreKind() == ScoreKind.P_VALUE;
            pValues |= p;
            distances |= !p;
            String score = number(r.score());
            if (!Double.isNaN(c.adjustedScore()) && c.adjustedScore() != r.score()) {
                score += " (adjusted " + number(c.adjustedScore()) + ")";
            }
            rows.add(new String[] {name, c.type().label(), r.test(), score,
                    (p ? "p " : "d ") + r.comparison().symbol() + " " + threshold(r.threshold()),
                    c.drifted() ? "DRIFT" : "-"});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        if (pValues) {
            out.println("  p: the score is a p-value; a small one means the two batches differ");
        }
        if (distances) {
            out.println("  d: the score is a distance; a large one means the two batches differ");
        }
        String notTested = notTested(report, monitor);
        if (!notTested.isEmpty()) {
            out.println("  not tested: " + notTested);
        }
        if (!missing.isEmpty()) {
            out.println();
            out.println("Missing values changed:");
            missing.forEach(line -> out.println("  " + line));
        }
        if (!categories.isEmpty()) {
            out.println();
            out.println("Categories:");
            categories.forEach(line -> out.println("  " + line));
        }
        if (!errors.isEmpty()) {
            out.println();
            out.println("Could not be tested:");
            errors.forEach(line -> out.println("  " + line));
        }
    }

    /** Columns left out, with why: {@code dteday (datetime); instant, yr (ignored)}. */
    private static String notTested(CheckReport report, MonitorDefinition monitor) {
        java.util.Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
        report.types().forEach((column, type) -> {
            if (!type.isTested()) {
                byReason.computeIfAbsent(type.label(), k -> new ArrayList<>()).add(column);
            }
        });
        for (String column : monitor.ignored()) {
            if (report.current().column(column).isPresent()) {
                byReason.computeIfAbsent("ignored", k -> new ArrayList<>()).add(column);
            }
        }
        List<String> parts = new ArrayList<>();
        byReason.forEach((reason, names) -> parts.add(String.join(", ", names) + " (" + reason + ")"));
        return String.join("; ", parts);
    }

    private static String labels(List<String> labels) {
        int shown = Math.min(5, labels.size());
        String list = String.join(", ", labels.subList(0, shown));
        return labels.size() > shown ? list + ", ... (" + labels.size() + " in all)" : list;
    }

    /**
     * Drifted columns first, then the others, then the ones that could not be tested; within each
     * group the strongest evidence of drift first: by score over threshold for p-values (smaller is
     * stronger) and threshold over score for distances.
     */
    static final Comparator<ColumnDrift> TABLE_ORDER = Comparator
            .comparingInt((ColumnDrift c) -> !c.tested() ? 2 : c.drifted() ? 0 : 1)
            .thenComparingDouble(CheckCommand::strength);

    private static double strength(ColumnDrift c) {
        if (!c.tested()) {
            return 0;
        }
        TestResult r = c.result();
        double score = r.scoreKind() == ScoreKind.P_VALUE && !Double.isNaN(c.adjustedScore()) ? c.adjustedScore()
                : r.score();
        if (Double.isNaN(score)) {
            return Double.POSITIVE_INFINITY;
        }
        if (r.scoreKind() == ScoreKind.P_VALUE) {
            return r.threshold() == 0 ? score : score / r.threshold();
        }
        return score == 0 ? Double.POSITIVE_INFINITY : r.threshold() / score;
    }

    private static String role(CheckReport report, String column) {
        if (column.equals(report.roles().target())) {
            return " (target)";
        }
        if (column.equals(report.roles().prediction())) {
            return " (prediction)";
        }
        return "";
    }

    private static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
                + "%";
    }

    /** Three significant digits; scientific notation below 0.001 and from a million. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A threshold as the user would write it: {@code 0.05}, {@code 0.2}, {@code 1e-07}. */
    static String threshold(double v) {
        if (v != 0 && Math.abs(v) < 1e-4) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * A one-line progress bar on stderr, drawn only on a terminal and only once the check has run for
     * a second; erased when the check ends. Thread-safe: drawing is synchronised.
     */
    static final class ProgressBar implements CheckProgress, AutoCloseable {
        private static final long DELAY_MILLIS = 1000;
        private static final int WIDTH = 24;

        private final PrintStream err;
        private final ScheduledExecutorService timer;
        private final long start = System.nanoTime();
        private String description = "";
        private int done;
        private int total = 1;
        private int drawnLength;

        ProgressBar(PrintStream err, boolean enabled) {
            this.err = err;
            if (enabled) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "driftwatch-progress");
                    t.setDaemon(true);
                    return t;
                });
                timer.scheduleAtFixedRate(this::draw, DELAY_MILLIS, 200, TimeUnit.MILLISECONDS);
            } else {
                timer = null;
            }
        }

        /** A bar on {@code err} when the process runs on a terminal; otherwise one that stays silent. */
        static ProgressBar onTerminal(PrintStream err) {
            return new ProgressBar(err, isTerminal());
        }

        private static boolean isTerminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            // From Java 22 System.console() is not null when redirected; isTerminal() tells the truth.
            try {
                Method isTerminal = Console.class.getMethod("isTerminal");
                return (Boolean) isTerminal.invoke(console);
            } catch (NoSuchMethodException e) {
                return true;
            } catch (IllegalAccessException | InvocationTargetException e) {
                return false;
            }
        }

        @Override
        public synchronized void stage(String stageDescription, int stagesDone, int stages) {
            this.description = stageDescription;
            this.done = stagesDone;
            this.total = Math.max(1, stages);
        }

        private synchronized void draw() {
            int filled = WIDTH * done / total;
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = String.format(Locale.ROOT, "[%s%s] %d/%d %s  %.1f s", "#".repeat(filled),
                    "-".repeat(WIDTH - filled), done, total, description, seconds);
            err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
            err.flush();
            drawnLength = line.length();
        }

        @Override
        public void close() {
            if (timer == null) {
                return;
            }
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                if (drawnLength > 0) {
                    err.print("\r" + " ".repeat(drawnLength) + "\r");
                    err.flush();
                }
            }
        }
    }
}
