package io.driftwatch.cli;

import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.SketchDrift;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Datasets;
import io.driftwatch.monitor.checks.CheckRunner;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.report.BatchInfo;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.HtmlReport;
import io.driftwatch.report.SketchDriftReport;
import io.driftwatch.report.Timings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code check --sketch}: both sides reduced to {@link SketchProfile}s (a {@code .sketch} file read as it
 * is, a CSV file streamed in bounded batches, an Arrow file record batch by record batch), the
 * columns tested on the sketches ({@link SketchDrift#section}), the table printed, the {@code sketch} JSON
 * document and the HTML report written when asked. The HTML report is the one the service renders for a check on
 * sketch profiles ({@link CheckRunner#reportOnSketches}, {@link HtmlReport}). The exit code is {@code check}'s: 1 dataset drift, 0 none, 2 bad input.
 *
 * <p>Thread-safe: stateless.
 */
final class SketchCheck {
    private SketchCheck() {
    }

    /**
     * Runs the check; returns normally for no drift, throws {@link CommandFailedException} otherwise.
     *
     * @param json where to write the JSON result, or null
     * @param html where to write the HTML report, or null
     */
    static void run(ReferenceArgument reference, Path current, MonitorDefinition monitor, String json, String html) {
        Instant createdAt = Instant.now();
        long start = System.nanoTime();
        CsvOptions csv = monitor.csvOptions();
        SketchProfile ref = load(reference.file(), reference.name(), csv, SketchSettings.defaults());
        SketchProfile cur = load(current, current.toString(), csv, ref.settings());
        long read = System.nanoTime();
        DriftResult drift = SketchDrift.section(ref, cur, monitor.declaredTypes(), monitor.ignored(),
                monitor.driftOptions());
        long analysed = System.nanoTime();
        SketchDrift.Result result = drift.sketch().result();
        SketchDriftReport report = new SketchDriftReport(result, reference.name(), ref.rowCount(), current.toString(),
                cur.rowCount(), ref.settings());
        if (json != null) {
            CheckCommand.write(Path.of(json), "JSON result", report::writeJson);
        }
        if (html != null) {
            Timings timings = new Timings(millis(start, read), millis(read, analysed), millis(start, analysed));
            CheckReport checkReport = CheckRunner.reportOnSketches(drift, cur,
                    new BatchInfo(reference.name(), format(reference.file()), ref.rowCount(), null),
                    new BatchInfo(current.toString(), format(current), cur.rowCount(), null), monitor, timings,
                    createdAt);
            CheckCommand.write(Path.of(html), "HTML report", out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                HtmlReport.render(checkReport, writer);
                writer.flush();
            });
        }
        report.print(System.out);
        if (json != null || html != null) {
            System.out.println();
        }
        if (json != null) {
            System.out.println("JSON result written to " + json);
        }
        if (html != null) {
            System.out.println("HTML report written to " + html);
        }
        if (result.dataset().detected()) {
            throw new CommandFailedException(ExitCode.ofCheck(true, false), "");
        }
    }

    /** {@code sketch} for a sketch profile file, else the data file's format as a check on rows names it. */
    private static String format(Path file) {
        byte[] head = Datasets.head(file, 8);
        return SketchProfile.looksLikeSketchProfile(head) ? "sketch" : Datasets.detect(head).label();
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /** A sketch profile file as it is, else the data file reduced with {@code settings}. */
    private static SketchProfile load(Path file, String name, CsvOptions csv, SketchSettings settings) {
        if (SketchProfile.looksLikeSketchProfile(Datasets.head(file, 8))) {
            try (InputStream in = Files.newInputStream(file)) {
                return SketchProfile.readFrom(in, name);
            } catch (IOException e) {
                throw new CommandFailedException(ExitCode.BAD_INPUT, name + ": cannot read the sketch profile: " + e);
            }
        }
        return SketchProfile.builder(settings).read(file, csv).build();
    }
}
