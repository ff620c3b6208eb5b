package io.driftwatch.api.dashboard;

import io.driftwatch.api.Links;
import io.driftwatch.drift.ColumnOverride;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.QualitySummary;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.monitor.checks.QualityWindow;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.LabelFreeSummary;
import io.driftwatch.monitor.checks.Dataset;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.outbox.Deliveries;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.outbox.OutboxEntry;
import io.driftwatch.monitor.definitions.Policy;
import io.driftwatch.monitor.schedule.RunHistory;
import io.driftwatch.store.OutboxRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the dashboard pages show from the monitor layer (monitors, their checks, per-column
 * results, the reference dataset) and builds the pages' view records. Nothing is cached: every
 * page shows the store as it is.
 *
 * <p>Thread-safe: holds only thread-safe collaborators.
 */
final class Dashboard {
    /** The deliveries a monitor page lists. */
    static final int DELIVERIES_SHOWN = 20;

    private final Deliveries deliveries;
    /** Checks in a home-page sparkline. */
    static final int SPARKLINE_CHECKS = 50;
    /** Checks on the monitor page's drift-share chart. */
    static final int CHART_CHECKS = 100;
    /** Checks (columns) in the monitor page's heat map. */
    static final int HEAT_MAP_CHECKS = 30;
    /** Checks per page of the monitor page's list. */
    static final int PAGE_SIZE = 20;

    private final MonitorCatalog monitors;
    private final CheckHistory history;
    private final DatasetIntake datasets;

    private final RunHistory runs;

    Dashboard(MonitorCatalog monitors, CheckHistory history, DatasetIntake datasets, Deliveries deliveries,
            RunHistory runs) {
        this.runs = runs;
        this.deliveries = deliveries;
        this.monitors = monitors;
        this.history = history;
        this.datasets = datasets;
    }

    /** The home page. */
    HomePage home(String baseUrl) {
        List<HomePage.Entry> entries = new ArrayList<>();
        int drifting = 0;
        long total = 0;
        for (Monitor m : monitors.list()) {
            List<Check> recent = history.recent(m.id(), SPARKLINE_CHECKS);
            long count = history.count(m.id());
            total += count;
            String href = monitorHref(m.id());
            String nextRun = m.definition().schedule().isEmpty() ? null
                    : runs.status(m.id()).map(s -> DashboardText.time(s.nextRun())).orElse(null);
            if (recent.isEmpty()) {
                entries.add(new HomePage.Entry(m.id(), href, "none", "No checks yet", null, null, null, null, count,
                        null, nextRun, null));
                continue;
            }
            Check last = recent.get(recent.size() - 1);
            drifting += last.driftDetected() ? 1 : 0;
            entries.add(new HomePage.Entry(m.id(), href, last.driftDetected() ? "drift" : "ok", verdict(last),
                    DashboardText.percent(last.driftShare()), last.driftedColumns() + " of " + last.columns()
                            + " columns", DashboardText.time(last.createdAt()),
                    Links.ofCheck(last.id(), last.monitorId()).report(), count, ShareTrend.of(recent), nextRun,
                    DataQualityBadge.of(last.dataQuality())));
        }
        return new HomePage(entries, drifting, total, baseUrl);
    }

    /**
     * The page of monitor {@code id}, its list of checks starting at {@code cursor}.
     *
     * @throws NotFoundException when there is no such monitor
     * @throws io.driftwatch.monitor.InvalidRequestException when the cursor is not one this service gave
     */
    MonitorPage monitor(String id, String cursor, String baseUrl) {
        Monitor m = monitors.find(id);
        CheckHistory.Page page = history.page(id, null, null, PAGE_SIZE, cursor);
        List<Check> recent = history.recent(id, CHART_CHECKS);
        List<Check> mapped = recent.subList(Math.max(0, recent.size() - HEAT_MAP_CHECKS), recent.size());
        Map<String, List<CheckHistory.Column>> columns = history.columns(mapped);
        long count = history.count(id);

        MonitorPage.Latest latest = null;
        if (!recent.isEmpty()) {
            Check last = recent.get(recent.size() - 1);
            latest = new MonitorPage.Latest(last.driftDetected(), verdict(last), summary(last),
                    DashboardText.percent(last.driftShare()), DashboardText.percent(last.shareThreshold()),
                    DashboardText.time(last.createdAt()), Links.ofCheck(last.id(), last.monitorId()).report(),
                    DataQualityBadge.of(last.dataQuality()));
        }
        List<MonitorPage.Entry> entries = new ArrayList<>(page.items().size());
        for (Check c : page.items()) {
            Links links = Links.ofCheck(c.id(), c.monitorId());
            entries.add(new MonitorPage.Entry(c.id(), DashboardText.timeWithSeconds(c.createdAt()), c.driftDetected(),
                    DashboardText.percent(c.driftShare()), c.driftedColumns() + " of " + c.columns(), c.errors(),
                    c.datasetId(), c.datasetId() == null ? null : "/api/v1/datasets/" + encode(c.datasetId()), DashboardText.duration(c.durationMs()),
                    c.failed() ? null : links.report(), c.failed() ? null : links.result(), c.error(),
                    c.windowStart() == null ? null : DashboardText.time(c.windowStart()) + " → "
                            + DashboardText.time(c.windowEnd()), DataQualityBadge.of(c.dataQuality()),
                    model(page.quality().get(c.id()))));
        }
        String self = monitorHref(id);
        String older = page.next() == null ? null : self + "?cursor=" + encode(page.next());
        String newest = cursor == null || cursor.isEmpty() ? null : self;
        List<MonitorPage.DeliveryEntry> sent = new ArrayList<>();
        int failed = 0;
        for (OutboxEntry d : deliveries.ofMonitor(id, DELIVERIES_SHOWN)) {
            boolean gaveUp = d.state() == OutboxRow.State.FAILED;
            failed += gaveUp ? 1 : 0;
            String detail = d.deliveredAt() != null ? "delivered " + DashboardText.timeWithSeconds(d.deliveredAt())
                    : d.lastError() != null ? d.lastError()
                    : "next attempt " + DashboardText.timeWithSeconds(d.nextAttemptAt());
            sent.add(new MonitorPage.DeliveryEntry(d.id(), DashboardText.timeWithSeconds(d.createdAt()), d.event(),
                    d.targetKind().value() + " " + d.target(), d.state().value(), d.attempts(), detail,
                    gaveUp ? "/api/v1/deliveries/" + encode(d.id()) + "/retry" : null));
        }
        Map<String, QualityWindow> windows = m.definition().model().isPresent() ? history.quality(recent) : Map.of();
        QualityWindow measured = null;
        for (Check c : recent) {
            QualityWindow w = windows.get(c.id());
            if (w != null && w.quality().scored()) {
                measured = w;
            }
        }
        Map<String, LabelFreeSummary> findings = m.definition().estimateOptions().isPresent()
                || m.definition().multivariateOptions().isPresent() ? history.labelFree(recent) : Map.of();
        return new MonitorPage(id, "/api/v1/monitors/" + encode(id), definition(m), latest, count,
                ShareChart.of(recent), recent.size(), DataQualityChart.of(recent), ModelQualityChart.of(recent, windows),
                model(measured), LabelFreeChart.estimates(recent, findings, windows),
                LabelFreeChart.multivariate(recent, findings), HeatMap.of(mapped, columns), mapped.size(), entries, older, newest, baseUrl, sent,
                failed, schedule(id));
    }

    /** A window's model quality in brief; null without one. */
    private static MonitorPage.ModelBadge model(QualityWindow w) {
        if (w == null) {
            return null;
        }
        QualitySummary q = w.quality();
        String metric = q.headline().get(0);
        return new MonitorPage.ModelBadge(ModelQualityChart.name(metric), q.scored()
                ? ModelQualityChart.value(q.metric(metric)) : "not measured", w.coverage() == null ? null
                : DashboardText.percent(w.coverage()) + " labelled", q.failed(),
                ModelQualityChart.title(w, metric, q.headline().get(1)));
    }

    /** The monitor's schedule panel, or null when it has no schedule. */
    private MonitorPage.Schedule schedule(String id) {
        Optional<RunHistory.Status> found = runs.status(id);
        if (found.isEmpty()) {
            return null;
        }
        RunHistory.Status s = found.get();
        MonitorPage.LastRun lastRun = null;
        if (s.lastRun().isPresent()) {
            RunHistory.Run r = s.lastRun().get();
            lastRun = new MonitorPage.LastRun(DashboardText.timeWithSeconds(r.slot()),
                    window(r.windowStart(), r.windowEnd()), r.kind(), r.state(), r.summary(), r.instance());
        }
        MonitorPage.LastRead lastRead = null;
        if (s.lastRead().isPresent()) {
            RunHistory.SourceRead r = s.lastRead().get();
            lastRead = new MonitorPage.LastRead(r.fileName() != null ? r.fileName() : r.location(),
                    r.windowStart() == null || r.windowEnd() == null ? null : window(r.windowStart(), r.windowEnd()),
                    r.rows() == null ? null : DashboardText.count(r.rows()) + (r.rows() == 1 ? " row" : " rows"),
                    r.chunk(), r.runKind(), Links.ofCheck(r.checkId(), id).report());
        }
        return new MonitorPage.Schedule(s.schedule(), s.source(), DashboardText.timeWithSeconds(s.nextRun()),
                "/api/v1/monitors/" + encode(id) + "/runs", lastRun, lastRead);
    }

    private static String window(java.time.Instant from, java.time.Instant to) {
        return DashboardText.timeWithSeconds(from) + " → " + DashboardText.timeWithSeconds(to);
    }

    private MonitorPage.Definition definition(Monitor m) {
        MonitorDefinition d = m.definition();
        DriftOptions o = d.driftOptions();
        String reference;
        try {
            Dataset r = datasets.find(m.referenceId(), "reference");
            reference = DashboardText.count(r.rows()) + " rows · " + r.columns().size() + " columns · " + r.format();
        } catch (NotFoundException e) {
            reference = null;
        }
        List<MonitorPage.Fact> tests = new ArrayList<>();
        add(tests, "Test, every column", o.method());
        add(tests, "Test, numerical", o.numMethod());
        add(tests, "Test, categorical", o.catMethod());
        add(tests, "Threshold, every column", o.threshold());
        add(tests, "Threshold, numerical", o.numThreshold());
        add(tests, "Threshold, categorical", o.catThreshold());
        for (Map.Entry<String, ColumnOverride> e : o.perColumn().entrySet()) {
            ColumnOverride c = e.getValue();
            String value = (c.method() == null ? "automatic test" : c.method())
                    + (c.threshold() == null ? "" : ", threshold " + DashboardText.score(c.threshold()));
            tests.add(new MonitorPage.Fact(e.getKey(), value));
        }
        if (tests.isEmpty()) {
            tests.add(new MonitorPage.Fact("Tests", "chosen per column by Evidently's rules, default thresholds"));
        }
        if (o.correction() != Correction.NONE) {
            tests.add(new MonitorPage.Fact("Correction", o.correction().label()));
        }
        Policy alerts = d.policy();
        add(tests, "Alerts to", alerts.channels());
        if (!alerts.channels().isEmpty() && !alerts.cooldown().isZero()) {
            tests.add(new MonitorPage.Fact("Alert cooldown", alerts.cooldown().toString().substring(2).toLowerCase()));
        }
        add(tests, "Retraining", alerts.triggers());
        List<MonitorPage.Fact> columns = new ArrayList<>();
        add(columns, "Numerical", d.numerical());
        add(columns, "Categorical", d.categorical());
        add(columns, "Text", d.text());
        add(columns, "Datetime", d.datetime().orElse(null));
        add(columns, "Target", d.target().orElse(null));
        add(columns, "Prediction", d.prediction().orElse(null));
        add(columns, "Ignored", new ArrayList<>(d.ignored()));
        columns.add(new MonitorPage.Fact(columns.isEmpty() ? "Every column" : "Any other column",
                "typed by inference from the reference"));
        String policy = "Dataset drift when " + DashboardText.percent(o.share()) + " or more of the tested columns drift";
        return new MonitorPage.Definition(m.referenceId(), "/api/v1/datasets/" + encode(m.referenceId()), reference,
                policy, DashboardText.percent(o.share()), tests, columns, quality(d), model(d), m.version(),
                DashboardText.time(m.updatedAt()), m.text());
    }

    /** The model in brief: task, columns, the id labels are joined by, the tests; none without a model. */
    private static List<MonitorPage.Fact> model(MonitorDefinition d) {
        List<MonitorPage.Fact> facts = new ArrayList<>();
        if (d.model().isEmpty()) {
            return facts;
        }
        ModelSpec spec = d.model().get();
        facts.add(new MonitorPage.Fact("Task", spec.task().label().replace('_', ' ')));
        facts.add(new MonitorPage.Fact("Target", spec.target()));
        add(facts, "Prediction", spec.prediction());
        add(facts, "Probabilities", spec.probability() != null ? spec.probability()
                : spec.classProbabilities().isEmpty() ? null : String.join(", ", spec.classProbabilities().values()));
        facts.add(new MonitorPage.Fact("Labels joined by", d.modelId().orElse("none: batches come with their target")));
        facts.add(new MonitorPage.Fact("Tests", switch (d.qualityOptions().tests()) {
            case EVIDENTLY -> "Evidently's tests against the reference";
            case DEGRADATION -> "degradation tests at " + DashboardText.percent(d.qualityOptions().confidence())
                    + " confidence";
            case NONE -> "none: the metrics only";
        }));
        return facts;
    }

    /** The data-quality analysis in brief: its tests, their settings, when it alerts; none without one. */
    private static List<MonitorPage.Fact> quality(MonitorDefinition d) {
        List<MonitorPage.Fact> facts = new ArrayList<>();
        Optional<IntegrityOptions> found = d.integrityOptions();
        if (found.isEmpty()) {
            return facts;
        }
        IntegrityOptions o = found.get();
        facts.add(new MonitorPage.Fact("Tests", switch (o.tests()) {
            case EVIDENTLY -> "Evidently's data-summary tests against the reference";
            case REFERENCE -> "conditions derived from the reference";
            case NONE -> "none: the data summary only";
        }));
        if (o.tests() == IntegrityOptions.Tests.REFERENCE) {
            facts.add(new MonitorPage.Fact("Range margin", DashboardText.percent(o.rangeMargin())
                    + " of the reference's range"));
            facts.add(new MonitorPage.Fact("Missing share", "up to " + DashboardText.percent(o.missingTolerance())
                    + " above the reference's"));
            facts.add(new MonitorPage.Fact("Duplicated rows", "up to " + DashboardText.percent(o.duplicatedTolerance())
                    + " above the reference's share"));
            facts.add(new MonitorPage.Fact("Confidence", DashboardText.percent(o.confidence())));
        }
        Policy.DataQuality alerts = d.policy().alertWhen().dataQuality();
        if (alerts != null && !d.policy().channels().isEmpty()) {
            facts.add(new MonitorPage.Fact("Alerts on", (alerts.severity() == IntegrityFinding.Severity.CRITICAL
                    ? "critical failures" : "any failure")
                    + (alerts.columns().isEmpty() ? "" : " of " + String.join(", ", alerts.columns()))));
        }
        return facts;
    }

    private static void add(List<MonitorPage.Fact> facts, String label, Object value) {
        if (value == null || (value instanceof List<?> l && l.isEmpty())) {
            return;
        }
        String text = value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                : value instanceof Double x ? DashboardText.score(x) : value.toString();
        facts.add(new MonitorPage.Fact(label, text));
    }

    private static String verdict(Check c) {
        return c.driftDetected() ? "Drift" : "No drift";
    }

    private static String summary(Check c) {
        return c.driftedColumns() + " of " + c.columns() + " columns drifted (" + DashboardText.percent(c.driftShare())
                + "); drift is declared at a share of " + DashboardText.percent(c.shareThreshold()) + " or more."
                + (c.errors() > 0 ? " " + c.errors() + (c.errors() == 1 ? " column was" : " columns were")
                        + " not tested." : "");
    }

    static String monitorHref(String id) {
        return "/monitors/" + encode(id);
    }

    /** A path segment or query value, percent-encoded (monitor names are URL-safe already; the rest is caution). */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
