package io.driftwatch.cli;

import io.driftwatch.drift.SketchDrift;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Datasets;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.report.SketchDriftReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code check --sketch}: both sides reduced to {@link SketchProfile}s (a {@code .sketch} file read as it
 * is, a CSV file streamed in bounded batches, an Arrow file record batch by record batch), the
 * columns tested on the sketches ({@link SketchDrift}), the table printed, the {@code sketch} JSON
 * document written when asked. The exit code is {@code check}'s: 1 dataset drift, 0 none, 2 bad input.
 *
 * <p>Thread-safe: stateless.
 */
final class SketchCheck {
    private SketchCheck() {
    }

    /** Runs the check; returns normally for no drift, throws {@link CommandFailedException} otherwise. */
    static void run(ReferenceArgument reference, Path current, MonitorDefinition monitor, String json) {
        CsvOptions csv = monitor.csvOptions();
        SketchProfile ref = load(reference.file(), reference.name(), csv, SketchSettings.defaults());
        SketchProfile cur = load(current, current.toString(), csv, ref.settings());
        SketchDrift.Result result = SketchDrift.run(ref, cur, monitor.declaredTypes(), monitor.ignored(),
                monitor.driftOptions());
        SketchDriftReport report = new SketchDriftReport(result, reference.name(), ref.rowCount(), current.toString(),
                cur.rowCount(), ref.settings());
        if (json != null) {
            CheckCommand.write(Path.of(json), "JSON result", report::writeJson);
        }
        report.print(System.out);
        if (json != null) {
            System.out.println();
            System.out.println("JSON result written to " + json);
        }
        if (result.dataset().detected()) {
            throw new CommandFailedException(ExitCode.ofCheck(true, false), "");
        }
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
