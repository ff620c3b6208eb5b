package io.driftwatch.monitor.schedule;

import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.Schedule;
import io.driftwatch.monitor.sources.SourceSpec;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.CheckSourceRow;
import io.driftwatch.store.ScheduledRunDao;
import io.driftwatch.store.ScheduledRunRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler did for a monitor: its schedule and source in words, the last and next run,
 * the runs so far, and what the source read last. For the dashboard and the API.
 *
 * <p>Thread-safe.
 */
public final class RunHistory {
    /** The most runs one call returns. */
    public static final int MAX_LIMIT = 500;

    private final ScheduledRunDao runs;
    private final CheckDao checks;
    private final MonitorCatalog catalog;
    private final Clock clock;

    public RunHistory(ScheduledRunDao runs, CheckDao checks, MonitorCatalog catalog, Clock clock) {
        this.runs = runs;
        this.checks = checks;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * One claimed slot.
     *
     * @param kind {@code schedule}, {@code catch-up} or {@code backfill}
     * @param state {@code running}, {@code done} or {@code failed} (every check of it failed)
     * @param finishedAt null while running
     */
    public record Run(Instant slot, Instant windowStart, Instant windowEnd, String kind, String instance, String state,
            Instant startedAt, Instant finishedAt, int checks, int failed, long rows, String summary) {
    }

    /**
     * What a scheduled or backfilled check read.
     *
     * @param location the file, query or URL
     * @param fileName a directory source's file name, else null
     * @param chunk "2 of 4" when the batch was split, else null
     */
    public record SourceRead(String checkId, String runKind, String sourceType, String location, String fileName,
            Instant windowStart, Instant windowEnd, String chunk, Long rows, Long bytes) {
    }

    /**
     * A scheduled monitor's state.
     *
     * @param schedule when it runs, in words ("every hour (UTC)")
     * @param source what it reads, in words ("jdbc data source warehouse")
     */
    public record Status(String schedule, String source, Instant nextRun, Optional<Run> lastRun,
            Optional<SourceRead> lastRead) {
    }

    /**
     * The schedule status of monitor {@code monitorId}, or empty when it has no schedule.
     *
     * @throws NotFoundException when there is no such monitor
     */
    public Optional<Status> status(String monitorId) {
        Monitor monitor = catalog.find(monitorId);
        Optional<Schedule> schedule = monitor.definition().schedule();
        if (schedule.isEmpty()) {
            return Optional.empty();
        }
        Optional<Run> last = runs.latest(monitorId, 1).stream().findFirst().map(RunHistory::run);
        return Optional.of(new Status(schedule.get().describe(), describe(monitor.definition().source().orElseThrow()),
                schedule.get().nextAfter(clock.instant()), last, lastRead(monitorId)));
    }

    /**
     * Up to {@code limit} runs of the monitor, latest slot first.
     *
     * @throws NotFoundException when there is no such monitor
     */
    public List<Run> runs(String monitorId, int limit) {
        catalog.find(monitorId);
        List<Run> out = new ArrayList<>();
        for (ScheduledRunRow row : runs.latest(monitorId, Math.max(1, Math.min(limit, MAX_LIMIT)))) {
            out.add(run(row));
        }
        return out;
    }

    /** What the check {@code checkId} read, if a scheduled run or backfill made it. */
    public Optional<SourceRead> read(String checkId) {
        return checks.source(checkId).map(RunHistory::read);
    }

    /** What the monitor's source read last, if it read anything. */
    public Optional<SourceRead> lastRead(String monitorId) {
        return checks.lastSource(monitorId).map(RunHistory::read);
    }

    /** A source in words: "directory incoming/preds (*.csv)", "jdbc data source warehouse", "http https://…". */
    public static String describe(SourceSpec spec) {
        if (spec instanceof SourceSpec.Directory d) {
            return "directory " + d.path() + " (" + d.glob() + ")";
        }
        if (spec instanceof SourceSpec.Jdbc j) {
            return "jdbc data source " + j.dataSource();
        }
        if (spec instanceof SourceSpec.S3 s) {
            return "s3 " + s.url() + (s.isTemplate() ? "" : " (" + s.glob() + ")");
        }
        return "http " + ((SourceSpec.Http) spec).url();
    }

    private static Run run(ScheduledRunRow r) {
        return new Run(r.slot(), r.windowStart(), r.windowEnd(), r.runKind(), r.instance(), r.state(), r.startedAt(),
                r.finishedAt(), r.checkCount(), r.failedCount(), r.rowCount(), r.summary());
    }

    private static SourceRead read(CheckSourceRow s) {
        String chunk = s.chunkIndex() == null ? null : s.chunkIndex() + " of " + s.chunkCount();
        return new SourceRead(s.checkId(), s.runKind(), s.sourceType(), s.location(), s.fileName(), s.windowStart(),
                s.windowEnd(), chunk, s.rowCount(), s.byteCount());
    }
}
