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
import io.driftwatch.store.CheckRow;
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
     * Checks dataset {@code datasetId} against monitor {@code monitorId} and records the check.
     *
     * @throws NotFoundException when the monitor or the dataset does not exist
     * @throws io.driftwatch.DriftwatchException when the dataset does not line up with the reference
     */
    public Check run(String monitorId, String datasetId) {
        Monitor monitor = monitors.find(monitorId);
        Dataset dataset = datasets.find(datasetId, "datasetId");
        Dataset reference = datasets.find(monitor.referenceId(), "reference");
        long start = System.nanoTime();
        boolean recorded = false;
        try (Timer.Context ignored = duration.time()) {
            BatchInfo referenceInfo = new BatchInfo("dataset " + reference.id(), reference.format(), reference.rows(),
                    reference.sha256());
            CheckReport report;
            try {
                report = run(monitor, referenceInfo, dataset);
            } catch (UnreadableDatasetException | SchemaMismatchException e) {
                recordFailure(monitor, dataset, e, start);
                throw e;
            }
            String id = UUID.randomUUID().toString();
            Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String reportFile = writeReport(monitor.id(), id, report);
            DatasetDrift verdict = report.result().dataset();
            long millis = (System.nanoTime() - start) / 1_000_000;
            CheckRow row = new CheckRow(id, monitor.id(), monitor.version(), dataset.id(), createdAt,
                    verdict.detected(), verdict.share(), verdict.threshold(), verdict.numberOfColumns(),
                    verdict.numberOfDriftedColumns(), verdict.numberOfErrors(), millis,
                    JsonResult.of(report).toJson(), reportFile);
            List<CheckColumnRow> columns = columns(id, report.result().columns());
            int queued = transactions.inTransaction(tx -> {
                tx.checks().insert(row, columns);
                return incidents.apply(tx, monitor, new Incidents.CheckFacts(id, createdAt, report.result(), null));
            });
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
     * Records a check that could not run (the batch unreadable, or its columns not lining up with the
     * reference): it shows in the history with its reason and feeds the policy's {@code check_error}.
     */
    private void recordFailure(Monitor monitor, Dataset dataset, RuntimeException e, long start) {
        String id = UUID.randomUUID().toString();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String error = e.getMessage();
        CheckRow row = new CheckRow(id, monitor.id(), monitor.version(), dataset.id(), createdAt, false, 0,
                monitor.definition().driftOptions().share(), 0, 0, 0, millis, null, null, CheckRow.FAILED, error);
        int queued = transactions.inTransaction(tx -> {
            tx.checks().insert(row, List.of());
            return incidents.apply(tx, monitor, new Incidents.CheckFacts(id, createdAt, null, error));
        });
        if (queued > 0) {
            deliveriesQueued.run();
        }
        LOG.info("check {} of monitor {} on dataset {}: FAILED in {} ms", id, monitor.id(), dataset.id(), millis);
    }

    /** Runs the check; errors name the dataset, never the file it is stored in on this server. */
    private CheckReport run(Monitor monitor, BatchInfo referenceInfo, Dataset dataset) {
        Path file = datasets.file(dataset);
        String label = "dataset " + dataset.id();
        try {
            return runner.run(monitors.profile(monitor), referenceInfo, file, label, monitor.definition());
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
