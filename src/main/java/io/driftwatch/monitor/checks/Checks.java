package io.driftwatch.monitor.checks;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.SchemaMismatchException;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.ReferenceVersion;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.report.BatchInfo;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.HtmlReport;
import io.driftwatch.store.ReportStore;
import io.driftwatch.store.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks batches against monitors: takes the batch in (parsed once, with the monitor's declared
 * columns), runs the check on its table with the monitor's reference profile ({@link CheckRunner}) or, for
 * a batch that is a sketch profile or a monitor whose reference is one, on sketch profiles of both sides,
 * writes the HTML report under the reports directory, and records the check ({@link CheckRecorder}).
 * Logs one INFO line per check and keeps the {@code checks.*} metrics: the {@code checks.duration}
 * timer, and the meters {@code checks.drifted} and {@code checks.clean} by verdict and
 * {@code checks.failed} for checks that started but could not be recorded as run (a batch that does
 * not line up, an I/O error).
 *
 * <p>Thread-safe: checks run concurrently.
 */
public final class Checks {
    private static final Logger LOG = LoggerFactory.getLogger(Checks.class);

    private final MonitorCatalog monitors;
    private final DatasetIntake intake;
    private final CheckRunner runner;
    private final CheckRecorder recorder;
    private final ReportStore reports;
    private final Timer duration;
    private final Meter drifted;
    private final Meter clean;
    private final Meter failed;

    /**
     * @param receivers the channels and triggers monitors' policies may name
     * @param deliveriesQueued called after a check queued alerts or triggers (wakes the outbox worker)
     */
    public Checks(MonitorCatalog monitors, DatasetIntake intake, Transactions transactions, Receivers receivers,
            Runnable deliveriesQueued, CheckRunner runner, ReportStore reports, MetricRegistry metrics) {
        this(monitors, intake, transactions, receivers, deliveriesQueued, runner, reports, metrics,
                java.time.Clock.systemUTC());
    }

    /**
     * As {@link #Checks(MonitorCatalog, DatasetIntake, Transactions, Receivers, Runnable, CheckRunner, ReportStore,
     * MetricRegistry)}, recording checks at the times {@code clock} tells.
     */
    public Checks(MonitorCatalog monitors, DatasetIntake intake, Transactions transactions, Receivers receivers,
            Runnable deliveriesQueued, CheckRunner runner, ReportStore reports, MetricRegistry metrics,
            java.time.Clock clock) {
        this.monitors = monitors;
        this.intake = intake;
        this.runner = runner;
        this.recorder = new CheckRecorder(transactions, receivers, deliveriesQueued, clock);
        this.reports = reports;
        this.duration = metrics.timer(MetricRegistry.name("checks", "duration"));
        this.drifted = metrics.meter(MetricRegistry.name("checks", "drifted"));
        this.clean = metrics.meter(MetricRegistry.name("checks", "clean"));
        this.failed = metrics.meter(MetricRegistry.name("checks", "failed"));
    }

    /**
     * Takes in a batch posted to monitor {@code monitorId}, parsed once with the monitor's declared
     * columns, to be checked with {@link #run(String, Batch)}.
     *
     * @throws NotFoundException when the monitor does not exist
     * @throws UnreadableDatasetException when the body is not a readable CSV, Arrow or Parquet batch (nothing is
     *     stored); see {@link DatasetIntake#ingest(InputStream, CsvOptions)} for limits
     */
    public Batch take(String monitorId, InputStream body) {
        return take(monitorId, body, DatasetIntake.Declared.BY_CONTENT);
    }

    /**
     * {@link #take(String, InputStream)} of a body its sender declares to be {@code declared}: a sketch
     * profile is taken in as it is (and checked on sketches).
     *
     * @throws UnreadableDatasetException also when a body declared a sketch profile is not one, or is not a
     *     valid sketch profile (nothing is stored)
     */
    public Batch take(String monitorId, InputStream body, DatasetIntake.Declared declared) {
        return intake.ingest(body, monitors.find(monitorId).definition().csvOptions(), declared);
    }

    /**
     * Checks dataset {@code datasetId} against monitor {@code monitorId}'s current reference and
     * records the check.
     *
     * @throws NotFoundException when the monitor or the dataset does not exist
     * @throws FailedCheckException when the dataset cannot be read or does not line up with the
     *     reference: recorded as a failed check with the reason
     */
    public RecordedCheck run(String monitorId, String datasetId) {
        long start = System.nanoTime();
        Monitor monitor = monitors.find(monitorId);
        Dataset dataset = intake.find(datasetId, "datasetId");
        ReferenceVersion reference = monitors.currentReference(monitor);
        return runOrFail(monitor, intake.load(dataset, monitor.definition().csvOptions()), reference, null, start);
    }

    /**
     * Checks a batch taken in by {@link #take(String, InputStream)} against monitor {@code monitorId}'s
     * current reference and records the check.
     *
     * @throws NotFoundException when the monitor does not exist
     * @throws FailedCheckException when the batch does not line up with the reference, or could not be
     *     read with the monitor's declared columns: recorded as a failed check with the reason
     */
    public RecordedCheck run(String monitorId, Batch batch) {
        long start = System.nanoTime();
        Monitor monitor = monitors.find(monitorId);
        return runOrFail(monitor, batch, monitors.currentReference(monitor), null, start);
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
     * Checks {@code batch} against {@code reference} and records the check with its origin. A batch
     * that cannot be read or does not line up is recorded as a failed check and the exception rethrown.
     *
     * @return the check, or null when the origin's file had been read by another run meanwhile (then
     *     nothing is recorded)
     */
    public Check run(Monitor monitor, Batch batch, ReferenceVersion reference, CheckOrigin origin) {
        try {
            RecordedCheck recorded = runOrFail(monitor, batch, reference, origin, System.nanoTime());
            return recorded == null ? null : recorded.check();
        } catch (FailedCheckException e) {
            throw e.reason();
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
    public Check recordFailure(Monitor monitor, String datasetId, ReferenceVersion reference, CheckOrigin origin,
            String error) {
        failed.mark();
        return failure(monitor, datasetId, reference, origin, error, System.nanoTime());
    }

    /**
     * As {@link #run(Monitor, Batch, ReferenceVersion, CheckOrigin)}, but a batch that cannot be read or
     * does not line up is answered with the failed check recorded for it.
     */
    private RecordedCheck runOrFail(Monitor monitor, Batch batch, ReferenceVersion reference, CheckOrigin origin,
            long start) {
        Dataset dataset = batch.dataset();
        Dataset referenceData = intake.find(reference.datasetId(), "reference");
        boolean recorded = false;
        try {
            CheckReport report;
            try {
                if (batch.unreadable() != null) {
                    throw batch.unreadable();
                }
                BatchInfo referenceInfo = new BatchInfo("dataset " + referenceData.id(), referenceData.format(),
                        referenceData.rows(), referenceData.sha256(), intake.lineage(referenceData.id()).orElse(null));
                if (batch.sketch() != null || referenceData.isSketchProfile()) {
                    report = onSketches(monitor, batch, reference, referenceInfo);
                } else {
                    BatchInfo currentInfo = new BatchInfo("dataset " + dataset.id(), dataset.format(),
                            batch.table().rowCount(), dataset.sha256());
                    report = runner.run(monitors.profile(reference.profileSha256(), monitor.id()), referenceInfo,
                            batch.table(), currentInfo, monitor.definition());
                }
            } catch (UnreadableDatasetException | SchemaMismatchException e) {
                Check failedCheck = failure(monitor, dataset.id(), reference, origin, e.getMessage(), start);
                if (failedCheck == null) {
                    throw e;
                }
                throw new FailedCheckException(failedCheck, e);
            }
            String id = UUID.randomUUID().toString();
            String reportFile = writeReport(monitor.id(), id, report);
            long millis = (System.nanoTime() - start) / 1_000_000;
            RecordedCheck check = recorder.recorded(id, monitor, dataset.id(), reference, origin, report, reportFile,
                    millis);
            recorded = true;
            if (check == null) {
                deleteReport(reportFile);
                return null;
            }
            DatasetDrift verdict = report.drift().dataset();
            (verdict.detected() ? drifted : clean).mark();
            LOG.info("check {} of monitor {} on dataset {}: {} ({} of {} columns drifted) in {} ms", id, monitor.id(),
                    dataset.id(), verdict.detected() ? "DRIFT" : "no drift", verdict.numberOfDriftedColumns(),
                    verdict.numberOfColumns(), millis);
            return check;
        } finally {
            duration.update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (!recorded) {
                failed.mark();
            }
        }
    }

    /**
     * The check of a batch on sketch profiles: a sketch profile posted as the batch, or a batch of rows
     * against a reference that is a sketch profile (the batch is sketched with the reference's settings). The
     * reference comes as a sketch profile: itself, or the sketch of its dataset ({@link
     * MonitorCatalog#referenceSketch}).
     */
    private CheckReport onSketches(Monitor monitor, Batch batch, ReferenceVersion reference, BatchInfo referenceInfo) {
        SketchProfile ref = monitors.referenceSketch(reference, monitor);
        SketchProfile cur = batch.sketch() != null ? batch.sketch() : SketchProfile.of(batch.table(), ref.settings());
        Dataset dataset = batch.dataset();
        BatchInfo currentInfo = new BatchInfo("dataset " + dataset.id(), dataset.format(), cur.rowCount(),
                dataset.sha256());
        return runner.runOnSketches(ref, referenceInfo, cur, currentInfo, monitor.definition());
    }

    private Check failure(Monitor monitor, String datasetId, ReferenceVersion reference, CheckOrigin origin,
            String error, long start) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        Check check = recorder.failed(monitor, datasetId, reference, origin, error, millis);
        if (check != null) {
            LOG.info("check {} of monitor {} on {}: FAILED in {} ms: {}", check.id(), monitor.id(),
                    datasetId == null ? "no dataset" : "dataset " + datasetId, millis, error);
        }
        return check;
    }

    private String writeReport(String monitorId, String checkId, CheckReport report) {
        String relative = monitorId + "/" + checkId + ".html";
        Path file = reports.file(relative);
        try {
            HtmlReport.write(report, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
        reports.saved(relative);
        return relative;
    }

    private void deleteReport(String relative) {
        reports.delete(relative);
    }
}
