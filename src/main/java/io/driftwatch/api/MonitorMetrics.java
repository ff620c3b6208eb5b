package io.driftwatch.api;

import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.LabelFreeSummary;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.checks.QualitySummary;
import io.driftwatch.monitor.schedule.RunHistory;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The drift and data quality of every monitor's latest check, as Prometheus metrics that ops teams alert on:
 *
 * <ul>
 *   <li>{@code driftwatch_monitor_checks_total{monitor}}: checks recorded (a counter; it restarts
 *       from zero when a monitor is deleted and created again);</li>
 *   <li>of the latest check: {@code driftwatch_monitor_dataset_drift{monitor}} (1 or 0),
 *       {@code driftwatch_monitor_drift_share}, {@code driftwatch_monitor_drift_share_threshold} and
 *       {@code driftwatch_monitor_last_check_timestamp_seconds};</li>
 *   <li>of the latest check, when its monitor runs an integrity analysis:
 *       {@code driftwatch_monitor_data_quality_failures{monitor}} (failed Evidently tests plus broken
 *       reference conditions; 0 for a clean batch) and
 *       {@code driftwatch_monitor_data_quality_critical_failures{monitor}} (the critical ones among
 *       them: every failed test, and the critical conditions); absent for a monitor without one;</li>
 *   <li>for a monitor with a model, of its newest window whose quality is known (evaluated from labels
 *       that arrived later, or scored when it was checked):
 *       {@code driftwatch_monitor_model_quality{monitor,metric}} (each metric by Evidently's key, the
 *       mean of a mean-and-deviation metric; absent where undefined),
 *       {@code driftwatch_monitor_model_quality_failed{monitor}} (1 when the model failed its tests),
 *       {@code driftwatch_monitor_model_quality_rows{monitor}} (rows scored) and
 *       {@code driftwatch_monitor_label_coverage{monitor}} (the share of the window's logged predictions
 *       with a label; absent when it logged none); absent before any quality is known;</li>
 *   <li>for a monitor that estimates its model's performance without labels ({@code estimate:}) or
 *       watches drift across columns ({@code multivariate:}), of its newest check with those findings:
 *       {@code driftwatch_monitor_estimated_performance{monitor,metric}} (the estimate's mean over the
 *       check's chunks, weighted by their rows; CBPE or DLE, under NannyML's metric names),
 *       {@code driftwatch_monitor_estimated_performance_threshold{monitor,metric,bound}} ({@code bound}
 *       {@code lower} or {@code upper}; absent where there is none) and
 *       {@code driftwatch_monitor_estimated_performance_alerting_chunks{monitor,metric}} (chunks whose
 *       estimate left the thresholds: alert when above 0); likewise
 *       {@code driftwatch_monitor_multivariate_drift{monitor,method}} ({@code pca}: the mean
 *       reconstruction error; {@code domain_classifier}: the mean ROC AUC),
 *       {@code driftwatch_monitor_multivariate_drift_threshold{monitor,method,bound}} and
 *       {@code driftwatch_monitor_multivariate_drift_alerting_chunks{monitor,method}};</li>
 *   <li>per column of the latest check: {@code driftwatch_column_drift_score{monitor,column,test}}
 *       and {@code driftwatch_column_drift_threshold{monitor,column,test}} (absent for a column that
 *       could not be tested, or whose score is not finite), and
 *       {@code driftwatch_column_drifted{monitor,column}} (1 or 0);</li>
 *   <li>for a monitor with a schedule, its latest run: {@code driftwatch_monitor_last_run_slot_timestamp_seconds}
 *       (alert when it falls more than a period or two behind: the schedule is not running) and
 *       {@code driftwatch_monitor_last_run_failed} (1 when every check of it failed, e.g. its source could
 *       not be read).</li>
 * </ul>
 *
 * <p>Read from the store at each scrape, so every replica of the service exports the same values:
 * per monitor one query for the latest check and one count (and one for the newest measured window of
 * a monitor with a model, one for the newest label-free findings of a monitor with them), then one query for the columns of all latest checks together.
 *
 * <p>Thread-safe: holds no state between scrapes.
 */
final class MonitorMetrics implements MultiCollector {
    private final MonitorCatalog monitors;
    private final CheckHistory history;
    private final RunHistory runs;

    MonitorMetrics(MonitorCatalog monitors, CheckHistory history, RunHistory runs) {
        this.monitors = monitors;
        this.history = history;
        this.runs = runs;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder checks = CounterSnapshot.builder().name("driftwatch_monitor_checks")
                .help("Checks recorded for the monitor");
        GaugeSnapshot.Builder drift = gauge("driftwatch_monitor_dataset_drift",
                "1 when the monitor's latest check found dataset drift, else 0");
        GaugeSnapshot.Builder share = gauge("driftwatch_monitor_drift_share",
                "Share of drifted columns among the columns tested by the monitor's latest check");
        GaugeSnapshot.Builder shareThreshold = gauge("driftwatch_monitor_drift_share_threshold",
                "Drift share at or above which the monitor's latest check reported dataset drift");
        GaugeSnapshot.Builder lastCheck = gauge("driftwatch_monitor_last_check_timestamp_seconds",
                "When the monitor's latest check ran, in seconds since the epoch");
        GaugeSnapshot.Builder qualityFailures = gauge("driftwatch_monitor_data_quality_failures",
                "Data-quality failures (failed tests and broken reference conditions) of the monitor's latest check");
        GaugeSnapshot.Builder qualityCritical = gauge("driftwatch_monitor_data_quality_critical_failures",
                "Critical data-quality failures (failed tests and critical conditions) of the monitor's latest check");
        GaugeSnapshot.Builder score = gauge("driftwatch_column_drift_score",
                "Drift score of the column in the monitor's latest check (a p-value or a distance, per test)");
        GaugeSnapshot.Builder threshold = gauge("driftwatch_column_drift_threshold",
                "Threshold the column's drift score was compared with in the monitor's latest check");
        GaugeSnapshot.Builder drifted = gauge("driftwatch_column_drifted",
                "1 when the column drifted in the monitor's latest check, else 0");

        GaugeSnapshot.Builder modelQuality = gauge("driftwatch_monitor_model_quality",
                "Model-quality metric of the monitor's newest window whose quality is known (from labels, or checked)");
        GaugeSnapshot.Builder modelFailed = gauge("driftwatch_monitor_model_quality_failed",
                "1 when the model failed its quality tests in that window, else 0");
        GaugeSnapshot.Builder modelRows = gauge("driftwatch_monitor_model_quality_rows",
                "Rows the model was scored on in that window (its labelled predictions)");
        GaugeSnapshot.Builder coverage = gauge("driftwatch_monitor_label_coverage",
                "Share of that window's logged predictions that have a label");
        GaugeSnapshot.Builder lastRun = gauge("driftwatch_monitor_last_run_slot_timestamp_seconds",
                "The slot of the scheduled monitor's latest run, in seconds since the epoch");
        GaugeSnapshot.Builder lastRunFailed = gauge("driftwatch_monitor_last_run_failed",
                "1 when every check of the scheduled monitor's latest run failed (its source could not be read), else 0");

        GaugeSnapshot.Builder estimated = gauge("driftwatch_monitor_estimated_performance",
                "Model performance estimated without labels (CBPE, DLE): mean over the chunks of the monitor's newest"
                        + " check with an estimate, weighted by their rows");
        GaugeSnapshot.Builder estimatedThreshold = gauge("driftwatch_monitor_estimated_performance_threshold",
                "Threshold of the estimated metric (mean ± 3σ over the reference's chunks)");
        GaugeSnapshot.Builder estimatedAlerts = gauge("driftwatch_monitor_estimated_performance_alerting_chunks",
                "Chunks of that check whose estimated metric left its thresholds");
        GaugeSnapshot.Builder multivariate = gauge("driftwatch_monitor_multivariate_drift",
                "Drift across columns: mean over the chunks of the monitor's newest check with it of the PCA"
                        + " reconstruction error or the domain classifier's ROC AUC, weighted by their rows");
        GaugeSnapshot.Builder multivariateThreshold = gauge("driftwatch_monitor_multivariate_drift_threshold",
                "Threshold of the multivariate method");
        GaugeSnapshot.Builder multivariateAlerts = gauge("driftwatch_monitor_multivariate_drift_alerting_chunks",
                "Chunks of that check on which the multivariate method alerted");

        List<Check> latest = new ArrayList<>();
        for (Monitor m : monitors.list()) {
            Labels monitor = Labels.of("monitor", m.id());
            if (m.definition().schedule().isPresent()) {
                for (RunHistory.Run run : runs.runs(m.id(), 1)) {
                    lastRun.dataPoint(point(monitor, seconds(run.slot())));
                    lastRunFailed.dataPoint(point(monitor, "failed".equals(run.state()) ? 1 : 0));
                }
            }
            checks.dataPoint(CounterDataPointSnapshot.builder().labels(monitor).value(history.count(m.id())).build());
            if (m.definition().model().isPresent()) {
                history.latestQuality(m.id()).ifPresent(w -> {
                    QualitySummary q = w.quality();
                    for (Map.Entry<String, Double> e : q.metrics().entrySet()) {
                        if (e.getValue() != null) {
                            modelQuality.dataPoint(point(Labels.of("monitor", m.id(), "metric", e.getKey()),
                                    e.getValue()));
                        }
                    }
                    modelFailed.dataPoint(point(monitor, q.failed() ? 1 : 0));
                    modelRows.dataPoint(point(monitor, q.rows()));
                    Double labelled = w.coverage();
                    if (labelled != null) {
                        coverage.dataPoint(point(monitor, labelled));
                    }
                });
            }
            if (m.definition().estimateOptions().isPresent() || m.definition().multivariateOptions().isPresent()) {
                history.latestLabelFree(m.id()).ifPresent(f -> {
                    series(m.id(), "metric", f.estimate(), estimated, estimatedThreshold, estimatedAlerts);
                    series(m.id(), "method", f.multivariate(), multivariate, multivariateThreshold, multivariateAlerts);
                });
            }
            Optional<Check> check = history.latest(m.id());
            if (check.isEmpty()) {
                continue;
            }
            Check c = check.get();
            latest.add(c);
            drift.dataPoint(point(monitor, c.driftDetected() ? 1 : 0));
            share.dataPoint(point(monitor, c.driftShare()));
            shareThreshold.dataPoint(point(monitor, c.shareThreshold()));
            lastCheck.dataPoint(point(monitor, seconds(c.createdAt())));
            if (c.dataQuality() != null) {
                qualityFailures.dataPoint(point(monitor, c.dataQuality().failures()));
                qualityCritical.dataPoint(point(monitor, c.dataQuality().critical()));
            }
        }
        Map<String, List<CheckHistory.Column>> columns = history.columns(latest);
        for (Check c : latest) {
            Set<String> seen = new HashSet<>();
            for (CheckHistory.Column col : columns.getOrDefault(c.id(), List.of())) {
                if (!seen.add(col.name())) {
                    continue; // one series per column name; a batch with a repeated header keeps its first
                }
                drifted.dataPoint(point(Labels.of("monitor", c.monitorId(), "column", col.name()),
                        col.drifted() ? 1 : 0));
                if (col.test() == null) {
                    continue;
                }
                Labels labels = Labels.of("monitor", c.monitorId(), "column", col.name(), "test", col.test());
                if (col.score() != null) {
                    score.dataPoint(point(labels, col.score()));
                }
                if (col.threshold() != null) {
                    threshold.dataPoint(point(labels, col.threshold()));
                }
            }
        }
        return MetricSnapshots.builder().metricSnapshot(checks.build()).metricSnapshot(drift.build())
                .metricSnapshot(share.build()).metricSnapshot(shareThreshold.build())
                .metricSnapshot(lastCheck.build()).metricSnapshot(qualityFailures.build())
                .metricSnapshot(qualityCritical.build()).metricSnapshot(score.build()).metricSnapshot(threshold.build())
                .metricSnapshot(drifted.build()).metricSnapshot(modelQuality.build()).metricSnapshot(modelFailed.build())
                .metricSnapshot(modelRows.build()).metricSnapshot(coverage.build()).metricSnapshot(lastRun.build())
                .metricSnapshot(lastRunFailed.build()).metricSnapshot(estimated.build())
                .metricSnapshot(estimatedThreshold.build()).metricSnapshot(estimatedAlerts.build())
                .metricSnapshot(multivariate.build()).metricSnapshot(multivariateThreshold.build())
                .metricSnapshot(multivariateAlerts.build())
                .build();
    }

    /** The points of label-free series (estimated metrics or multivariate methods) under label {@code key}. */
    private static void series(String monitor, String key, List<LabelFreeSummary.Series> all,
            GaugeSnapshot.Builder value, GaugeSnapshot.Builder threshold, GaugeSnapshot.Builder alerting) {
        for (LabelFreeSummary.Series s : all) {
            Labels labels = Labels.of("monitor", monitor, key, s.name());
            if (s.mean() != null) {
                value.dataPoint(point(labels, s.mean()));
            }
            if (s.lower() != null) {
                threshold.dataPoint(point(Labels.of("bound", "lower", "monitor", monitor, key, s.name()), s.lower()));
            }
            if (s.upper() != null) {
                threshold.dataPoint(point(Labels.of("bound", "upper", "monitor", monitor, key, s.name()), s.upper()));
            }
            alerting.dataPoint(point(labels, s.alerting()));
        }
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
