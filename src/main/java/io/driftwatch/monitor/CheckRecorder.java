package io.driftwatch.monitor;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.io.SchemaMismatchException;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.report.BatchInfo;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.HtmlReport;
import io.driftwatch.report.JsonResult;
import io.driftwatch.stats.TestResult;
import io.driftwatch.store.CheckColumnRow;
import io.driftwatch.monitor.source.SourceRead;
import io.driftwatch.store.CheckRow;
import io.driftwatch.store.CheckSourceRow;
import io.driftwatch.store.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a check of a stored dataset against a monitor and records it: the reference profile comes
 * from the {@link MonitorCatalog}, the HTML report is written under the reports directory, and the
 * check, its JSON result and its per-column results are stored in one transaction. Logs one INFO
 * line per check and keeps the {@code checks.*} metrics: the {@code checks.duration} timer, and the
 * meters {@code checks.drifted} and {@code checks.clean} by verdict and {@code checks.failed} for
 * checks that started but could not be recorded (a batch that does not line up, an I/O error).
 *
 * <p>Thread-safe: checks run concurrently.
 */
public final class CheckRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRecorder.class);

    private final MonitorCatalog monitors;
    private final DatasetIntake datasets;
    private final Transactions transactions;
    private final Incidents incidents;
    private final Runnable deliveriesQueued;
    private final CheckRunner runner;
    private final Path reportsDirectory;
    private final Timer duration;
    private final Meter drifted;
    private final Meter clean;
    private final Meter failed;

    /**
     * @param receivers the channels and triggers monitors' policies may name
     * @param deliveriesQueued called after a check queued alerts or triggers (wakes the outbox worker)
     */
    public CheckRecorder(MonitorCatalog monitors, DatasetIntake datasets, Transactions transactions,
            Receivers receivers, Runnable deliveriesQueued, CheckRunner runner, Path reportsDirectory,
            MetricRegistry metrics) {
        this.monitors = monitors;
        this.datasets = datasets;
        this.transactions = transactions;
        this.incidents = new Incidents(receivers);
        this.deliveriesQueued = deliveriesQueued;
        this.runner = runner;
        this.reportsDirectory = reportsDirectory;
        this.duration = metrics.timer(MetricRegistry.name("checks", "duration"));
        this.drifted = metrics.meter(MetricRegistry.name("checks", "drifted"));
        this.clean = metrics.meter(MetricRegistry.name("checks", "clean"));
        this.failed = metrics.meter(MetricRegistry.name("checks", "failed"));
    }

    /**
     * Checks dataset {@code datasetId} against monitor {@code monitorId}'s current reference and
     * records the check.
     *
     * @throws NotFoundException when the monitor or the dataset does not exist
     * @throws FailedCheckException when the dataset cannot be read or does not line up with the
     *     reference: recorded as a failed check with the reason
     */
    public Check run(String monitorId, String datasetId) {
        Monitor monitor = monitors.find(monitorId);
        Dataset dataset = datasets.find(datasetId, "datasetId");
        return runOrFail(monitor, dataset, monitors.currentReference(monitor), null);
    }

    /**
     * Records a batch posted to monitor {@code monitorId} that could not be taken in at all (not a CSV
     * or Arrow batch, empty, broken gzip) as a failed check with the reason, as a scheduled run records
     * a file it cannot read, so that the monitor's history shows it and its alert policy
     * ({@code check_error}) sees it.
     *
     * @return the exception to answer with: the reason, and the failed check
     * @throws NotFoundException when the monitor does not exist
     */
    public FailedCheckException recordUnreadable(String monitorId, UnreadableDatasetException reason) {
        Monitor monitor = monitors.find(monitorId);
        Check check = recordFailure(monitor, null, monitors.currentReference(monitor), null, reason.getMessage());
        return new FailedCheckException(check, reason);
    }

    /**
     * Checks {@code dataset} against {@code reference} and records the check with its origin. A batch
     * that cannot be read or does not line up is recorded as a failed check and the exception rethrown.
     *
     * @return the check, or null when the origin's file had been read by another run meanwhile (then
     *     nothing is recorded)
     */
    Check run(Monitor monitor, Dataset dataset, ReferenceVersion reference, CheckOrigin origin) {
        try {
            return runOrFail(monitor, dataset, reference, origin);
        } catch (FailedCheckException e) {
            throw e.reason();
        }
    }

    /**
     * As {@link #run(Monitor, Dataset, ReferenceVersion, CheckOrigin)}, but a batch that cannot be read
     * or does not line up is answered with the failed check recorded for it.
     */
    private Check runOrFail(Monitor monitor, Dataset dataset, ReferenceVersion reference, CheckOrigin origin) {
        Dataset referenceData = datasets.find(reference.datasetId(), "reference");
        long start = System.nanoTime();
        boolean recorded = false;
        try (Timer.Context ignored = duration.time()) {
            BatchInfo referenceInfo = new BatchInfo("dataset " + referenceData.id(), referenceData.format(),
                    referenceData.rows(), referenceData.sha256());
            CheckReport report;
            try {
                report = run(monitor, reference, referenceInfo, dataset);
            } catch (UnreadableDatasetException | SchemaMismatchException e) {
                Check failedCheck = recordFailure(monitor, dataset.id(), reference, origin, e.getMessage(), start);
                if (failedCheck == null) {
                    throw e;
                }
                throw new FailedCheckException(failedCheck, e);
            }
            String id = UUID.randomUUID().toString();
            Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String reportFile = writeReport(monitor.id(), id, report);
            DatasetDrift verdict = report.result().dataset();
            long millis = (System.nanoTime() - start) / 1_000_000;
            CheckRow row = new CheckRow(id, monitor.id(), monitor.version(), dataset.id(), createdAt,
                    verdict.detected(), verdict.share(), verdict.threshold(), verdict.numberOfColumns(),
                    verdict.numberOfDriftedColumns(), verdict.numberOfErrors(), millis,
                    JsonResult.of(report).toJson(), reportFile, CheckRow.OK, null, reference.version());
            List<CheckColumnRow> columns = columns(id, report.result().columns());
            int queued;
            try {
                queued = transactions.inTransaction(tx -> {
                    incidents.lockFirst(tx, monitor);
                    tx.checks().insert(row, columns);
                    recordOrigin(tx, monitor, id, createdAt, origin);
                    return incidents.apply(tx, monitor, new Incidents.CheckFacts(id, createdAt, report.result(), null));
                });
            } catch (FileReadAlready e) {
                deleteReport(reportFile);
                recorded = true;
                return null;
            }
            if (queued > 0) {
                deliveriesQueued.run();
            }
            (verdict.detected() ? drifted : clean).mark();
            recorded = true;
            LOG.info("check {} of monitor {} on dataset {}: {} ({} of {} columns drifted) in {} ms", id, monitor.id(),
                    dataset.id(), verdict.detected() ? "DRIFT" : "no drift", verdict.numberOfDriftedColumns(),
                    verdict.numberOfColumns(), millis);
            return CheckHistory.check(row);
        } finally {
            if (!recorded) {
                failed.mark();
            }
        }
    }

    /**
     * Records a check that could not run (nothing could be read, the batch was unreadable or empty, its
     * columns did not line up): it shows in the history with its reason and feeds the policy's
     * {@code check_error}.
     *
     * @param datasetId the batch's dataset, or null when nothing could be stored
     * @return the failed check, or null when the origin's file had been read by another run meanwhile
     */
    Check recordFailure(Monitor monitor, String datasetId, ReferenceVersion reference, CheckOrigin origin,
            String error) {
        failed.mark();
        return recordFailure(monitor, datasetId, reference, origin, error, System.nanoTime());
    }

    private Check recordFailure(Monitor monitor, String datasetId, ReferenceVersion reference, CheckOrigin origin,
            String error, long start) {
        String id = UUID.randomUUID().toString();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        CheckRow row = new CheckRow(id, monitor.id(), monitor.version(), datasetId, createdAt, false, 0,
                monitor.definition().driftOptions().share(), 0, 0, 0, millis, null, null, CheckRow.FAILED, error,
                reference == null ? null : reference.version());
        int queued;
        try {
            queued = transactions.inTransaction(tx -> {
                incidents.lockFirst(tx, monitor);
                tx.checks().insert(row, List.of());
                recordOrigin(tx, monitor, id, createdAt, origin);
                return incidents.apply(tx, monitor, new Incidents.CheckFacts(id, createdAt, null, error));
            });
        } catch (FileReadAlready e) {
            return null;
        }
        if (queued > 0) {
            deliveriesQueued.run();
        }
        LOG.info("check {} of monitor {} on {}: FAILED in {} ms: {}", id, monitor.id(),
                datasetId == null ? "no dataset" : "dataset " + datasetId, millis, error);
        return CheckHistory.check(row);
    }

    /** Writes where the batch came from, and marks a directory source's file as read (once, ever). */
    private static void recordOrigin(Transactions.Tx tx, Monitor monitor, String checkId, Instant createdAt,
            CheckOrigin origin) {
        if (origin == null) {
            return;
        }
        SourceRead read = origin.read();
        if (read != null && read.name() != null && origin.firstOfFile()
                && tx.checks().markFileRead(monitor.id(), read.name(), read.sha256(), read.bytes(), read.modified(),
                        checkId, createdAt) == 0) {
            throw new FileReadAlready();
        }
        tx.checks().insertSource(new CheckSourceRow(checkId, monitor.id(), origin.runKind(), origin.slot(),
                origin.window().from(), origin.window().to(), origin.chunkIndex(), origin.chunkCount(),
                origin.sourceType(), read == null ? null : read.location(), read == null ? null : read.name(),
                read == null ? null : read.sha256(), read == null ? null : read.bytes(), origin.rows()));
    }

    /** Rolls back a check whose file another run recorded first (two replicas reading one folder). */
    private static final class FileReadAlready extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileReadAlready() {
            super(null, null, false, false);
        }
    }

    private void deleteReport(String relative) {
        try {
            Files.deleteIfExists(reportsDirectory.resolve(relative));
        } catch (IOException e) {
            // a report nobody links to costs disk only
        }
    }

    /** Runs the check; errors name the dataset, never the file it is stored in on this server. */
    private CheckReport run(Monitor monitor, ReferenceVersion reference, BatchInfo referenceInfo, Dataset dataset) {
        Path file = datasets.file(dataset);
        String label = "dataset " + dataset.id();
        try {
            return runner.run(monitors.profile(reference.profileSha256(), monitor.id()), referenceInfo, file, label,
                    monitor.definition());
        } catch (UnreadableDatasetException e) {
            throw new UnreadableDatasetException(e.getMessage().replace(file.toString(), label), e);
        }
    }

    private String writeReport(String monitorId, String checkId, CheckReport report) {
        String relative = monitorId + "/" + checkId + ".html";
        Path file = reportsDirectory.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), checkId, ".part");
            try {
                HtmlReport.write(report, tmp);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
        return relative;
    }

    private static List<CheckColumnRow> columns(String checkId, List<ColumnDrift> columns) {
        List<CheckColumnRow> rows = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnDrift c = columns.get(i);
            TestResult r = c.result();
            rows.add(new CheckColumnRow(checkId, i, c.name(), c.type().label(), r == null ? null : r.test(),
                    r == null ? null : finite(r.score()), r == null ? null : finite(r.threshold()), c.drifted(),
                    c.error()));
        }
        return rows;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
