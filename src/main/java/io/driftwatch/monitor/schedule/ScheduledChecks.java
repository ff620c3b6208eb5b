package io.driftwatch.monitor.schedule;

import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.checks.Batch;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.CheckOrigin;
import io.driftwatch.monitor.checks.Checks;
import io.driftwatch.monitor.checks.Dataset;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.definitions.ChunkSpec;
import io.driftwatch.monitor.definitions.InvalidMonitorException;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.monitor.definitions.ReferenceRoll;
import io.driftwatch.monitor.definitions.ReferenceVersion;
import io.driftwatch.monitor.definitions.Schedule;
import io.driftwatch.monitor.sources.Source;
import io.driftwatch.monitor.sources.SourceBatch;
import io.driftwatch.monitor.sources.SourceException;
import io.driftwatch.monitor.sources.SourceRead;
import io.driftwatch.monitor.sources.SourceSpec;
import io.driftwatch.monitor.sources.Sources;
import io.driftwatch.monitor.sources.TimeWindow;
import io.driftwatch.store.BlobTooLargeException;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.ScheduledRunDao;
import io.driftwatch.store.ScheduledRunRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one slot of a monitor's schedule: claims the slot (so that of several service instances, or
 * a service and a backfill, exactly one runs it), reads the window from the monitor's source, turns
 * each batch read into checks (one per chunk when the monitor splits batches), and records how the
 * run went. Whatever goes wrong with the source or a batch becomes a failed check with the reason,
 * which feeds the alert policy's {@code check_error}.
 *
 * <p>A run cut off by a crash leaves its slot {@code running}; once it has been so for longer than
 * {@code staleAfter}, the slot may be claimed again (by the scheduler while it is the latest slot due, or
 * by a backfill), and checks the cut-off run recorded before the crash may then be made twice.
 *
 * <p>Thread-safe; the {@link Scheduler} never runs two slots of one monitor at once on an instance.
 */
public final class ScheduledChecks {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledChecks.class);

    /** A run on time. */
    public static final String SCHEDULE = "schedule";
    /** The one missed slot run when an instance starts. */
    public static final String CATCH_UP = "catch-up";
    /** A run of {@code driftwatch backfill}. */
    public static final String BACKFILL = "backfill";

    private final MonitorCatalog catalog;
    private final DatasetIntake intake;
    private final Checks recorder;
    private final ScheduledRunDao runs;
    private final CheckDao checks;
    private final BatchChunker chunker;
    private final String instance;
    private final java.util.Map<String, Opened> opened = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.time.Duration staleAfter;
    private final Clock clock;

    /**
     * @param instance names this service instance or command in the run history
     * @param staleAfter how long a slot may stay {@code running} before it counts as cut off by a crash
     *     and may be claimed again
     */
    public ScheduledChecks(MonitorCatalog catalog, DatasetIntake intake, Checks recorder,
            ScheduledRunDao runs, CheckDao checks, String instance, java.time.Duration staleAfter, Clock clock) {
        this.staleAfter = staleAfter;
        this.catalog = catalog;
        this.intake = intake;
        this.recorder = recorder;
        this.runs = runs;
        this.checks = checks;
        this.chunker = new BatchChunker(intake);
        this.instance = instance;
        this.clock = clock;
    }

    /** How a run went. */
    public record Outcome(Instant slot, TimeWindow window, List<Check> checks, int failed, long rows, String summary) {
    }

    /**
     * Runs {@code slot} of {@code monitor}'s schedule unless it was claimed already.
     *
     * @param kind {@link #SCHEDULE}, {@link #CATCH_UP} or {@link #BACKFILL}
     * @return how the run went, or empty when another instance or an earlier run has the slot
     * @throws IllegalArgumentException when the monitor has no schedule and source
     */
    public Optional<Outcome> run(Monitor monitor, Instant slot, String kind) {
        MonitorDefinition definition = monitor.definition();
        Schedule schedule = definition.schedule()
                .orElseThrow(() -> new IllegalArgumentException("monitor " + monitor.id() + " has no schedule"));
        SourceSpec spec = definition.source()
                .orElseThrow(() -> new IllegalArgumentException("monitor " + monitor.id() + " has no source"));
        TimeWindow window = schedule.window(slot);
        Instant started = now();
        if (runs.claim(new ScheduledRunRow(monitor.id(), slot, window.from(), window.to(), kind, instance,
                ScheduledRunRow.RUNNING, started, null, 0, 0, 0, null)) == 0
                && runs.takeOver(monitor.id(), slot, instance, kind, started, started.minus(staleAfter)) == 0) {
            return Optional.empty();
        }
        Tally tally = new Tally();
        boolean finished = false;
        try {
            read(monitor, spec, window, new CheckOrigin(kind, slot, window, spec.type(), null, null, null, null, false),
                    tally);
            String state = tally.checks.isEmpty() && tally.failed > 0 ? ScheduledRunRow.FAILED : ScheduledRunRow.DONE;
            String summary = tally.summary();
            runs.finish(monitor.id(), slot, state, now(), tally.checks.size(), tally.failed, tally.rows, summary);
            finished = true;
            LOG.info("{} run of monitor {} for {}: {}", kind, monitor.id(), window, summary);
            return Optional.of(new Outcome(slot, window, List.copyOf(tally.checks), tally.failed, tally.rows, summary));
        } finally {
            if (!finished) {
                // an unexpected error (a full disk, a lost database): the slot stays claimed, marked failed
                runs.finish(monitor.id(), slot, ScheduledRunRow.FAILED, now(), tally.checks.size(), tally.failed,
                        tally.rows, "interrupted by an internal error; see the service log");
            }
        }
    }

    /** Reads the window and checks what was read; source failures become a failed check. */
    private void read(Monitor monitor, SourceSpec spec, TimeWindow window, CheckOrigin origin, Tally tally) {
        ReferenceVersion reference = null;
        try {
            Source source = source(monitor, spec);
            reference = reference(monitor, window, source);
            List<SourceBatch> batches = source.read(window, new Source.SeenFiles() {
                @Override
                public boolean seen(String name, String sha256) {
                    return checks.fileRead(monitor.id(), name, sha256);
                }

                @Override
                public boolean unchanged(String name, long bytes, Instant modified) {
                    return checks.fileUnchanged(monitor.id(), name, bytes, modified);
                }

                @Override
                public void refused(String name, String reason) {
                    tally.notes.add(name + " not read: " + reason);
                }
            });
            try {
                for (SourceBatch batch : batches) {
                    checkBatch(monitor, reference, origin, batch, tally);
                }
            } finally {
                for (SourceBatch batch : batches) {
                    deleteQuietly(batch.file());
                }
            }
            if (batches.isEmpty()) {
                tally.notes.add("no new files");
            }
        } catch (SourceException e) {
            tally.failed(recorder.recordFailure(monitor, null, reference, origin, e.getMessage()));
        } catch (InvalidMonitorException e) {
            // a rolled reference that cannot be profiled with the monitor's definition
            tally.failed(recorder.recordFailure(monitor, null, reference, origin,
                    "the rolling reference cannot be used: " + e.getMessage()));
        }
    }

    /** The monitor's opened source, kept between runs (an http source keeps its connections) until it changes. */
    private Source source(Monitor monitor, SourceSpec spec) {
        Opened known = opened.get(monitor.id());
        if (known == null || known.version() != monitor.version()) {
            known = new Opened(monitor.version(), Sources.open(spec, catalog.sources()));
            opened.put(monitor.id(), known);
        }
        return known.source();
    }

    private record Opened(int version, Source source) {
    }

    /** Checks one batch the source read: ingests it, and checks it whole or chunk by chunk. */
    private void checkBatch(Monitor monitor, ReferenceVersion reference, CheckOrigin origin, SourceBatch batch,
            Tally tally) {
        SourceRead read = batch.read();
        CheckOrigin batchOrigin = new CheckOrigin(origin.runKind(), origin.slot(), origin.window(), read.type(), read,
                null, null, null, true);
        String what = read.name() != null ? "the file " + read.name() : "the " + read.type() + " source";
        Batch taken;
        try (InputStream in = Files.newInputStream(batch.file())) {
            taken = intake.ingest(in, monitor.definition().csvOptions());
        } catch (UnreadableDatasetException e) {
            if (read.name() == null && headerOnly(batch.file())) {
                tally.failed(recorder.recordFailure(monitor, null, reference, batchOrigin.withRows(0),
                        "empty window: the " + read.type() + " source returned no rows for " + origin.window()));
                return;
            }
            tally.failed(recorder.recordFailure(monitor, null, reference, batchOrigin, what + " is not a readable "
                    + "CSV, Arrow or Parquet batch: " + e.getMessage().replace("the uploaded batch: ", "")
                            .replace("the uploaded batch ", "")
                            .replace(batch.file().toString(), what)));
            return;
        } catch (BlobTooLargeException e) {
            tally.failed(recorder.recordFailure(monitor, null, reference, batchOrigin, what + " is too large: "
                    + e.getMessage()));
            return;
        } catch (IOException e) {
            tally.failed(recorder.recordFailure(monitor, null, reference, batchOrigin, what + " could not be read: "
                    + e.getMessage()));
            return;
        }
        Dataset dataset = taken.dataset();
        tally.rows += dataset.rows();
        if (dataset.rows() == 0) {
            String why = read.name() != null ? "the file " + read.name() + " has no rows"
                    : "empty window: the " + read.type() + " source returned no rows for " + origin.window();
            tally.failed(recorder.recordFailure(monitor, dataset.id(), reference, batchOrigin.withRows(0), why));
            return;
        }
        Optional<ChunkSpec> chunks = monitor.definition().chunks();
        if (chunks.isEmpty()) {
            check(monitor, taken, reference, batchOrigin.withRows(dataset.rows()), tally);
            return;
        }
        BatchChunker.Chunked chunked;
        try {
            chunked = chunker.split(taken, chunks.get(), origin.window());
        } catch (UnreadableDatasetException e) {
            tally.failed(recorder.recordFailure(monitor, dataset.id(), reference, batchOrigin.withRows(dataset.rows()),
                    "cannot split " + what + " into " + chunks.get().describe() + ": " + e.getMessage()));
            return;
        }
        if (chunked.rowsWithoutTime() > 0) {
            tally.notes.add(chunked.rowsWithoutTime() + " rows without a time in " + chunks.get().column());
        }
        List<BatchChunker.Chunk> parts = chunked.chunks();
        for (int i = 0; i < parts.size(); i++) {
            BatchChunker.Chunk part = parts.get(i);
            check(monitor, part.batch(), reference, batchOrigin.withChunk(part.window(), i + 1, parts.size(),
                    part.batch().dataset().rows(), i == 0), tally);
        }
    }

    private void check(Monitor monitor, Batch batch, ReferenceVersion reference, CheckOrigin origin, Tally tally) {
        try {
            Check check = recorder.run(monitor, batch, reference, origin);
            if (check != null) {
                tally.checks.add(check);
            }
        } catch (UnreadableDatasetException | io.driftwatch.io.SchemaMismatchException e) {
            // the recorder stored it as a failed check with this reason
            tally.failed++;
        } catch (io.driftwatch.DriftwatchException e) {
            tally.failed(recorder.recordFailure(monitor, batch.dataset().id(), reference, origin, e.getMessage()));
        }
    }

    /**
     * The reference a window is checked against: the pinned one, or for a rolling reference the source's
     * data over the period before the window (read and profiled once per period, then reused).
     */
    private ReferenceVersion reference(Monitor monitor, TimeWindow window, Source source) {
        Optional<ReferenceRoll> roll = monitor.definition().referenceRoll();
        if (roll.isEmpty()) {
            return catalog.currentReference(monitor);
        }
        long every = roll.get().every().toMillis();
        Instant to = Instant.ofEpochMilli(Math.floorDiv(window.from().toEpochMilli(), every) * every);
        Instant from = to.minus(roll.get().previous());
        Optional<ReferenceVersion> known = catalog.rolledReference(monitor, from, to);
        if (known.isPresent()) {
            return known.get();
        }
        TimeWindow period = new TimeWindow(from, to);
        List<SourceBatch> batches = source.read(period, Source.SeenFiles.NONE);
        try {
            if (batches.size() != 1) {
                throw new SourceException("the rolling reference over " + period + " read " + batches.size()
                        + " batches; expected one");
            }
            Batch rolled;
            try (InputStream in = Files.newInputStream(batches.get(0).file())) {
                rolled = intake.ingest(in, monitor.definition().csvOptions());
            } catch (UnreadableDatasetException e) {
                throw new SourceException("the rolling reference over " + period + " is not a readable batch: "
                        + e.getMessage(), e);
            } catch (IOException e) {
                throw new SourceException("the rolling reference over " + period + " could not be read: "
                        + e.getMessage(), e);
            }
            Dataset dataset = rolled.dataset();
            if (rolled.sketch() != null) {
                throw new SourceException("the rolling reference over " + period + " is a sketch profile: a rolling"
                        + " reference is built from the rows the source reads");
            }
            if (dataset.rows() == 0) {
                throw new SourceException("the rolling reference over " + period + " is empty: the source returned no "
                        + "rows for it");
            }
            ReferenceVersion version = catalog.addRolledReference(monitor, rolled, from, to);
            LOG.info("monitor {}: reference version {} rolled over {} ({} rows)", monitor.id(), version.version(),
                    period, dataset.rows());
            return version;
        } finally {
            for (SourceBatch batch : batches) {
                deleteQuietly(batch.file());
            }
        }
    }

    /** Whether a CSV batch holds at most a header line (a query or URL that returned no rows). */
    private static boolean headerOnly(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            int lines = 0;
            boolean content = false;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    lines += content ? 1 : 0;
                    content = false;
                    if (lines > 1) {
                        return false;
                    }
                } else if (b != '\r') {
                    content = true;
                }
            }
            return lines + (content ? 1 : 0) <= 1;
        } catch (IOException e) {
            return false;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind costs disk only
        }
    }

    /** What a run produced, for its row in the history. */
    private static final class Tally {
        final List<Check> checks = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int failed;
        long rows;

        void failed(Check check) {
            if (check != null) {
                failed++;
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder();
            long drifted = 0;
            for (Check c : checks) {
                drifted += c.driftDetected() ? 1 : 0;
            }
            s.append(checks.size()).append(checks.size() == 1 ? " check" : " checks");
            if (!checks.isEmpty()) {
                s.append(" (").append(drifted).append(" drifted)");
            }
            if (failed > 0) {
                s.append(", ").append(failed).append(" failed");
            }
            s.append(", ").append(rows).append(rows == 1 ? " row read" : " rows read");
            for (String note : notes) {
                s.append("; ").append(note);
            }
            return s.toString();
        }
    }
}
