package io.driftwatch.monitor.checks;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.Column;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.ConflictException;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.estimate.EstimateAnalysis;
import io.driftwatch.estimate.InvalidModelOutputException;
import io.driftwatch.quality.QualityAnalysis;
import io.driftwatch.store.JoinedPredictions;
import io.driftwatch.store.QualityEvaluationRow;
import io.driftwatch.store.QualityWindowRow;
import io.driftwatch.store.Transactions;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in labels that arrive after the predictions (DESIGN.md, "Labels"): a CSV or Arrow batch of
 * the monitor's id column ({@code model.id}) and target ({@code model.target}), read once by the
 * intake (the id as text, the target typed as the reference's), joined by id to the predictions the
 * monitor's checks logged, and, for every window (check) the new labels reach, a quality evaluation
 * of its labelled rows against the monitor's reference, with the window's label coverage and latency.
 *
 * <p>One transaction per batch, serialised per monitor (its row is locked): a label is stored once per
 * row id; the same label again is counted as a duplicate and changes nothing (posting a batch twice
 * evaluates nothing the second time); a different label for an id that has one, or two different
 * labels for one id in the batch, refuses the whole batch ({@link ConflictException}, naming the id)
 * and nothing of it is stored; a label whose id matches no logged prediction is counted, listed (the
 * first {@value #UNKNOWN_IDS_LISTED}) and not kept. A label labels the predictions of its id logged
 * before it arrived. The ids are joined to the log in one pass of the database ({@link LabelJoin} sorts
 * out what that join found); a window labelled for the first time is scored on the rows that pass
 * gave, one labelled before is read again whole. Logs one INFO line per batch, with the time of each
 * step.
 *
 * <p>Thread-safe.
 */
public final class Labels {
    /** How many unknown ids an answer lists. */
    public static final int UNKNOWN_IDS_LISTED = 20;
    private static final Logger LOG = LoggerFactory.getLogger(Labels.class);

    private final MonitorCatalog monitors;
    private final DatasetIntake intake;
    private final Transactions transactions;
    private final Clock clock;

    /** @param clock when labels are received and evaluations made */
    public Labels(MonitorCatalog monitors, DatasetIntake intake, Transactions transactions, Clock clock) {
        this.monitors = monitors;
        this.intake = intake;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Takes the labels in {@code body} for monitor {@code monitorId}.
     *
     * @throws NotFoundException when the monitor does not exist
     * @throws ConflictException when the monitor has no {@code model.id} (it logs no predictions), or a
     *     label contradicts another for the same id (nothing is stored)
     * @throws UnreadableDatasetException when the body is not a readable CSV, Arrow or Parquet batch, or its target
     *     is not what the reference's is (naming line and column)
     * @throws InvalidLabelsException when the batch lacks the id or target column, or a row its id or label
     */
    public LabelsReceipt post(String monitorId, InputStream body) {
        long start = System.nanoTime();
        Monitor monitor = monitors.find(monitorId);
        MonitorDefinition definition = monitor.definition();
        Optional<String> idColumn = definition.modelId();
        if (idColumn.isEmpty() || definition.model().isEmpty()) {
            throw new ConflictException("monitor '" + monitorId + "' keeps no predictions to join labels to: its "
                    + "model: section names no id column (model.id); add one, and its checks will log each "
                    + "prediction by that id", "model.id");
        }
        ModelSpec spec = definition.model().get();
        ReferenceProfile profile = monitors.profile(monitor);
        Optional<Table> referenceRows = profile.rows();
        PhysicalType targetType = referenceRows.flatMap(t -> t.column(spec.target())).map(Column::physicalType)
                .orElse(null);
        Batch batch = intake.ingest(body, options(definition, spec.target(), targetType));
        if (batch.unreadable() != null) {
            throw batch.unreadable();
        }
        if (batch.sketch() != null) {
            throw new UnreadableDatasetException("the labels (dataset " + batch.dataset().id() + ") are a sketch"
                    + " profile: labels are joined row by row, so send them as a CSV, Arrow or Parquet batch");
        }
        PostedLabels posted = PostedLabels.read(batch.table(), "the labels (dataset " + batch.dataset().id() + ")",
                idColumn.get(), spec.target(), targetType, "csv".equals(batch.dataset().format()), monitorId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        QualityAnalysis analysis = QualityAnalysis.of(spec).with(definition.qualityOptions());
        EstimateAnalysis estimate = definition.estimateOptions().map(o -> EstimateAnalysis.of(spec, o)).orElse(null);
        LabelJoin.Distinct distinct = LabelJoin.distinct(posted);
        long[] steps = new long[4]; // read, joined, stored, evaluated (nanoTime)
        steps[0] = System.nanoTime();
        LabelsReceipt receipt = transactions.inTransaction(tx -> {
            if (tx.incidents().lockMonitor(monitorId).isEmpty()) {
                throw new NotFoundException("monitor", monitorId, "id");
            }
            tx.bulk().stageIds(distinct.ids(), distinct.size());
            JoinedPredictions joined = tx.bulk().joinStaged(monitorId, distinct.size());
            LabelJoin.Outcome outcome = LabelJoin.classify(distinct, joined, UNKNOWN_IDS_LISTED);
            steps[1] = System.nanoTime();
            tx.bulk().insertLabels(monitorId, outcome.newIds(), outcome.newLabels(), outcome.newCount(), now);
            steps[2] = System.nanoTime();
            List<QualityWindow> windows = new ArrayList<>();
            for (QualityWindowRow row : tx.quality().windows(outcome.windows().keySet())) {
                // a window labelled before is scored on all its labels; one labelled now for the first
                // time, on the rows the join just gave
                JoinedPredictions rows = row.evaluationId() == null
                        ? LabelJoin.window(joined, outcome.windows().get(row.checkId()), distinct, row.createdAt(), now)
                        : tx.bulk().labelledRows(row.checkId(), row.predictions());
                windows.add(evaluate(tx, row, rows, spec, analysis, estimate, profile, referenceRows, now));
            }
            windows.sort(Comparator.comparing(QualityWindow::createdAt).thenComparing(QualityWindow::checkId));
            steps[3] = System.nanoTime();
            return new LabelsReceipt(posted.size(), outcome.newCount(),
                    posted.size() - outcome.newCount() - outcome.unknown(), outcome.unknown(), outcome.unknownIds(),
                    windows);
        });
        long end = System.nanoTime();
        LOG.info("labels for monitor {}: {} received, {} accepted, {} duplicates, {} unknown; {} windows evaluated"
                + " in {} ms (read {}, joined {}, stored {}, evaluated {}, committed {})", monitorId,
                receipt.received(), receipt.accepted(), receipt.duplicates(), receipt.unknown(),
                receipt.windows().size(), (end - start) / 1_000_000, (steps[0] - start) / 1_000_000,
                (steps[1] - steps[0]) / 1_000_000, (steps[2] - steps[1]) / 1_000_000,
                (steps[3] - steps[2]) / 1_000_000, (end - steps[3]) / 1_000_000);
        return receipt;
    }

    /** Scores a window's labelled {@code rows} and records the evaluation. */
    private static QualityWindow evaluate(Transactions.Tx tx, QualityWindowRow row, JoinedPredictions rows,
            ModelSpec spec, QualityAnalysis analysis, EstimateAnalysis estimate, ReferenceProfile profile,
            Optional<Table> referenceRows, Instant now) {
        Table table = PredictionLog.labelledTable(spec, rows, referenceRows);
        QualitySummary quality = QualitySummary.of(analysis.run(new CheckData(Optional.of(profile), table, Map.of())));
        Map<String, Double> realized = estimate == null ? null : estimated(estimate, table);
        QualityWindow.Latency latency = QualityWindow.Latency.of(rows.loggedAtMillis(), rows.receivedAtMillis(),
                rows.size());
        double coverage = row.predictions() == 0 ? 0 : (double) rows.size() / row.predictions();
        tx.quality().insertEvaluation(new QualityEvaluationRow(UUID.randomUUID().toString(), row.checkId(),
                row.monitorId(), now, row.predictions(), rows.size(), coverage, latency.median().toMillis(),
                latency.max().toMillis(), quality.failed(), quality.rows(), quality.toJson(),
                LabelFreeSummary.realizedJson(realized)));
        QualityWindow window = CheckHistory.window(row);
        return new QualityWindow(window.checkId(), window.monitorId(), window.createdAt(), window.observedAt(),
                window.predictions(), window.checked(), new QualityWindow.Evaluation(now, rows.size(), coverage,
                        latency, quality, realized));
    }

    /**
     * The estimated metrics realized on a window's labelled rows; empty when a label is none of the
     * model's classes (the quality verdict says which).
     */
    private static Map<String, Double> estimated(EstimateAnalysis estimate, Table labelled) {
        try {
            return estimate.realized(labelled);
        } catch (InvalidModelOutputException e) {
            return Map.of();
        }
    }

    /**
     * The monitor's CSV options, with the id as text and the target as the reference's: text stays text
     * ({@code 1} is the class "1"), numbers must be numbers (a word fails the read naming its line).
     */
    private static CsvOptions options(MonitorDefinition definition, String target, PhysicalType targetType) {
        CsvOptions options = definition.csvOptions();
        if (targetType == PhysicalType.STRING) {
            Set<String> text = new HashSet<>(options.textColumns());
            text.add(target);
            return options.withTextColumns(text);
        }
        if (targetType == PhysicalType.INTEGER || targetType == PhysicalType.FLOAT) {
            Set<String> numeric = new HashSet<>(options.numericColumns());
            numeric.add(target);
            return options.withNumericColumns(numeric);
        }
        return options;
    }
}
