package io.driftwatch.monitor.checks;

import io.driftwatch.analysis.Sections;
import io.driftwatch.data.Table;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.estimate.EstimateAnalysis;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.integrity.IntegrityResult;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.monitor.definitions.ReferenceVersion;
import io.driftwatch.monitor.policy.Incidents;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.monitor.sources.SourceRead;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.JsonResult;
import io.driftwatch.stats.TestResult;
import io.driftwatch.store.CheckColumnRow;
import io.driftwatch.store.CheckLabelFreeRow;
import io.driftwatch.store.CheckRow;
import io.driftwatch.store.CheckQualityRow;
import io.driftwatch.store.CheckSourceRow;
import io.driftwatch.store.PredictionBatch;
import io.driftwatch.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records checks: in one transaction, the check with its JSON result, its data-quality counts (from
 * its integrity section, if it has one with tests) and per-column results (or, for a check that could
 * not run, its reason), its model-quality verdict (from its quality section, if it has one) and, for a
 * monitor with {@code model.id}, its batch's prediction rows for labels that arrive later
 * ({@link PredictionLog}), where its batch came from, and what the monitor's policy makes of it
 * (incidents opened or resolved, alerts and triggers queued in the outbox). Wakes the outbox worker
 * when something was queued.
 *
 * <p>Thread-safe: checks are recorded concurrently; {@link Incidents} serialises them per monitor.
 */
final class CheckRecorder {
    private final Transactions transactions;
    private final Incidents incidents;
    private final Runnable deliveriesQueued;
    private final Clock clock;

    /**
     * @param receivers the channels and triggers monitors' policies may name
     * @param deliveriesQueued called after a check queued alerts or triggers (wakes the outbox worker)
     * @param clock when checks are recorded (and their predictions logged)
     */
    CheckRecorder(Transactions transactions, Receivers receivers, Runnable deliveriesQueued, Clock clock) {
        this.transactions = transactions;
        this.incidents = new Incidents(receivers);
        this.deliveriesQueued = deliveriesQueued;
        this.clock = clock;
    }

    /**
     * Records a check that ran.
     *
     * @param id the check's id (its report file is named after it)
     * @param reportFile the report's path under the reports directory
     * @return the check, the JSON result and the model quality stored for it, or null when the origin's
     *     file had been read by another run meanwhile (then nothing is recorded)
     */
    RecordedCheck recorded(String id, Monitor monitor, String datasetId, ReferenceVersion reference,
            CheckOrigin origin, CheckReport report, String reportFile, long millis) {
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DatasetDrift verdict = report.drift().dataset();
        String result = JsonResult.of(report).toJson();
        // a data summary without tests (integrity.tests: none) has no verdict to count
        IntegrityResult integrity = report.sections().find(IntegrityResult.class)
                .filter(r -> r.tests() != IntegrityOptions.Tests.NONE).orElse(null);
        CheckRow row = new CheckRow(id, monitor.id(), monitor.version(), datasetId, createdAt,
                verdict.detected(), verdict.share(), verdict.threshold(), verdict.numberOfColumns(),
                verdict.numberOfDriftedColumns(), verdict.numberOfErrors(), millis, result, reportFile, CheckRow.OK,
                null, reference.version(), integrity == null ? null : integrity.failureCount(),
                integrity == null ? null : integrity.criticalCount());
        List<CheckColumnRow> columns = columns(id, report.drift().columns());
        QualityResult quality = report.sections().find(QualityResult.class).orElse(null);
        PredictionBatch predictions = quality == null || monitor.definition().modelId().isEmpty() ? null
                : PredictionLog.of(id, monitor.id(), createdAt, monitor.definition().model().orElseThrow(),
                        monitor.definition().modelId().get(), report.current());
        QualitySummary summary = quality == null ? null : QualitySummary.of(quality);
        CheckQualityRow qualityRow = summary == null ? null : new CheckQualityRow(id, summary.failed(), summary.rows(),
                summary.toJson(), predictions == null ? 0 : predictions.size(), null);
        LabelFreeSummary labelFree = LabelFreeSummary.of(report.sections(),
                realized(monitor.definition(), report.sections(), report.current()));
        CheckLabelFreeRow labelFreeRow = labelFree == null ? null : new CheckLabelFreeRow(id,
                labelFree.estimateAlert(), labelFree.multivariateAlert(), labelFree.toJson());
        java.util.Set<String> skipped = new java.util.HashSet<>();
        for (CheckReport.Skipped s : report.skipped()) {
            skipped.add(s.analysis());
        }
        if (!record(monitor, row, columns, origin, new Incidents.CheckFacts(id, createdAt, report.sections(), null,
                        report.referenceBatch() == null ? null : report.referenceBatch().lineage(), skipped),
                tx -> {
                    if (qualityRow != null) {
                        tx.quality().insertSummary(qualityRow);
                    }
                    if (labelFreeRow != null) {
                        tx.checks().insertLabelFree(labelFreeRow);
                    }
                    if (predictions != null) {
                        tx.bulk().logPredictions(predictions);
                    }
                })) {
            return null;
        }
        QualityWindow window = summary == null ? null : new QualityWindow(id, monitor.id(), createdAt,
                origin == null ? createdAt : origin.window().to(), qualityRow.predictions(), summary, null);
        return new RecordedCheck(CheckHistory.check(row), result, window);
    }

    /**
     * The estimated metrics realized on the rows of {@code batch} whose target is known, when the check
     * estimated them and the batch has its target; else empty.
     */
    static Map<String, Double> realized(MonitorDefinition definition, Sections sections, Table batch) {
        EstimateResult estimate = sections.find(EstimateResult.class).orElse(null);
        if (estimate == null || !estimate.errors().isEmpty() || definition.model().isEmpty()
                || definition.estimateOptions().isEmpty()) {
            return Map.of();
        }
        // the estimate read the same labels without complaint, so these cannot be refused
        return EstimateAnalysis.of(definition.model().get(), definition.estimateOptions().get()).realized(batch);
    }

    /**
     * Records a check that could not run (nothing could be read, the batch was unreadable or empty, its
     * columns did not line up): it shows in the history with its reason and feeds the policy's
     * {@code check_error}.
     *
     * @param datasetId the batch's dataset, or null when nothing could be stored
     * @return the failed check, or null when the origin's file had been read by another run meanwhile
     */
    Check failed(Monitor monitor, String datasetId, ReferenceVersion reference, CheckOrigin origin, String error,
            long millis) {
        String id = java.util.UUID.randomUUID().toString();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CheckRow row = new CheckRow(id, monitor.id(), monitor.version(), datasetId, createdAt, false, 0,
                monitor.definition().driftOptions().share(), 0, 0, 0, millis, null, null, CheckRow.FAILED, error,
                reference == null ? null : reference.version(), null, null);
        if (!record(monitor, row, List.of(), origin, new Incidents.CheckFacts(id, createdAt, null, error), tx -> { })) {
            return null;
        }
        return CheckHistory.check(row);
    }

    /**
     * Stores the check, what {@code more} stores with it, and applies the policy in one transaction;
     * false when the origin's file was read already.
     */
    private boolean record(Monitor monitor, CheckRow row, List<CheckColumnRow> columns, CheckOrigin origin,
            Incidents.CheckFacts facts, java.util.function.Consumer<Transactions.Tx> more) {
        int queued;
        try {
            queued = transactions.inTransaction(tx -> {
                incidents.lockFirst(tx, monitor);
                tx.checks().insert(row, columns);
                more.accept(tx);
                recordOrigin(tx, monitor, row.id(), row.createdAt(), origin);
                return incidents.apply(tx, monitor, facts);
            });
        } catch (FileReadAlready e) {
            return false;
        }
        if (queued > 0) {
            deliveriesQueued.run();
        }
        return true;
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

    private static List<CheckColumnRow> columns(String checkId, List<ColumnDrift> columns) {
        List<CheckColumnRow> rows = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnDrift c = columns.get(i);
            TestResult r = c.result();
            rows.add(new CheckColumnRow(checkId, i, c.name(), c.type().label(), r == null ? null : r.test(),
                    r == null ? null : finite(r.score()), r == null ? null : finite(r.threshold()), c.drifted(),
                    c.error(), Double.isNaN(c.strength()) ? null : c.strength(), r == null ? null : r.displayName(),
                    r == null ? null : r.comparison().symbol(),
                    r == null ? null : r.scoreKind().label()));
        }
        return rows;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
