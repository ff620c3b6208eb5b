package io.driftwatch.monitor.checks;

import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.store.CheckColumnRow;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.ReportStore;
import io.driftwatch.store.CheckLabelFreeRow;
import io.driftwatch.store.CheckRow;
import io.driftwatch.store.CheckSummaryRow;
import io.driftwatch.store.QualityDao;
import io.driftwatch.store.QualityWindowRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the checks the service recorded: one check with its documents, a monitor's history page by
 * page (newest first, with an opaque cursor), the latest check, the per-column scores of recent
 * checks that the dashboard's heat map and the Prometheus endpoint show, and the model quality of
 * checks of monitors with a model ({@link QualityWindow}: the check's own verdict and the newest
 * evaluation from labels that arrived later), check by check or page by page.
 *
 * <p>Thread-safe.
 */
public final class CheckHistory {
    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 500;
    private static final Instant BEGINNING = Instant.EPOCH;
    private static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

    private final CheckDao checks;
    private final QualityDao quality;
    private final MonitorCatalog monitors;
    private final ReportStore reports;

    public CheckHistory(CheckDao checks, QualityDao quality, MonitorCatalog monitors, ReportStore reports) {
        this.checks = checks;
        this.quality = quality;
        this.monitors = monitors;
        this.reports = reports;
    }

    /**
     * A page of history and the cursor of the next one (null on the last page), with the model quality
     * of the checks that have one, by check id.
     */
    public record Page(List<Check> items, String next, Map<String, QualityWindow> quality) {
        public Page {
            items = List.copyOf(items);
            quality = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quality));
        }
    }

    /** A page of a monitor's windows, newest first, and the cursor of the next one (null on the last page). */
    public record QualityPage(List<QualityWindow> items, String next) {
        public QualityPage {
            items = List.copyOf(items);
        }
    }

    /**
     * One column's result in a stored check.
     *
     * @param strength the drift strength the check measured (1 at the threshold, after any correction);
     *     null when undefined, and for checks recorded before strengths were stored
     * @param displayName the test's display name; null when untested, and for checks recorded before
     * @param comparison how the score meets the threshold ({@code <}, {@code <=}, {@code >}, {@code >=})
     * @param scoreKind {@code p_value} or {@code distance}
     */
    public record Column(String name, String type, String test, Double score, Double threshold, boolean drifted,
            String error, Double strength, String displayName, String comparison, String scoreKind) {

        /** Whether the check was recorded before strengths, display names and comparisons were stored. */
        public boolean storedBeforeStrengths() {
            return test != null && displayName == null;
        }
    }

    /**
     * Checks of monitor {@code monitorId} created in {@code [from, to)}, newest first.
     *
     * @param from inclusive lower bound, or null
     * @param to exclusive upper bound, or null
     * @param limit 1 to {@link #MAX_LIMIT}
     * @param cursor the {@code next} of the previous page, or null for the first page
     * @throws NotFoundException when the monitor does not exist
     * @throws InvalidRequestException when the cursor or limit is not valid
     */
    public Page page(String monitorId, Instant from, Instant to, int limit, String cursor) {
        Bounds b = bounds(monitorId, from, to, limit, cursor);
        List<CheckSummaryRow> rows = checks.page(monitorId, b.lower, b.beforeTime, b.beforeId, limit + 1);
        List<Check> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++) {
            items.add(check(rows.get(i)));
        }
        String next = rows.size() > limit ? new Position(items.get(limit - 1).createdAt(),
                items.get(limit - 1).id()).encode() : null;
        return new Page(items, next, quality(items));
    }

    /**
     * The windows of monitor {@code monitorId} (its checks with a model-quality verdict) created in
     * {@code [from, to)}, newest first, paged as {@link #page} pages checks.
     *
     * @throws NotFoundException when the monitor does not exist
     * @throws InvalidRequestException when the cursor or limit is not valid
     */
    public QualityPage qualityPage(String monitorId, Instant from, Instant to, int limit, String cursor) {
        Bounds b = bounds(monitorId, from, to, limit, cursor);
        List<QualityWindowRow> rows = quality.page(monitorId, b.lower, b.beforeTime, b.beforeId, limit + 1);
        List<QualityWindow> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++) {
            items.add(window(rows.get(i)));
        }
        String next = rows.size() > limit ? new Position(items.get(limit - 1).createdAt(),
                items.get(limit - 1).checkId()).encode() : null;
        return new QualityPage(items, next);
    }

    /** The model quality of check {@code id}, if its monitor has a model. */
    public Optional<QualityWindow> quality(String id) {
        List<QualityWindowRow> rows = quality.windows(List.of(id));
        return rows.isEmpty() ? Optional.empty() : Optional.of(window(rows.get(0)));
    }

    /** The model quality of those of {@code of} that have one, by check id. */
    public Map<String, QualityWindow> quality(List<Check> of) {
        Map<String, QualityWindow> byCheck = new LinkedHashMap<>();
        if (of.isEmpty()) {
            return byCheck;
        }
        List<String> ids = new ArrayList<>(of.size());
        for (Check c : of) {
            ids.add(c.id());
        }
        for (QualityWindowRow row : quality.windows(ids)) {
            byCheck.put(row.checkId(), window(row));
        }
        return byCheck;
    }

    /**
     * The monitor's newest window whose quality is known (evaluated from labels, or scored when it was
     * checked), if any.
     */
    public Optional<QualityWindow> latestQuality(String monitorId) {
        return quality.latestMeasured(monitorId).map(CheckHistory::window);
    }

    /** The label-free findings of those of {@code of} that have them (estimate:, multivariate:), by check id. */
    public Map<String, LabelFreeSummary> labelFree(List<Check> of) {
        Map<String, LabelFreeSummary> byCheck = new LinkedHashMap<>();
        if (of.isEmpty()) {
            return byCheck;
        }
        List<String> ids = new ArrayList<>(of.size());
        for (Check c : of) {
            ids.add(c.id());
        }
        for (CheckLabelFreeRow row : checks.labelFree(ids)) {
            byCheck.put(row.checkId(), LabelFreeSummary.fromJson(row.summary()));
        }
        return byCheck;
    }

    /** The label-free findings of the monitor's newest check that has them, if any. */
    public Optional<LabelFreeSummary> latestLabelFree(String monitorId) {
        return checks.latestLabelFree(monitorId).map(r -> LabelFreeSummary.fromJson(r.summary()));
    }

    private record Bounds(Instant lower, Instant beforeTime, String beforeId) {
    }

    private Bounds bounds(String monitorId, Instant from, Instant to, int limit, String cursor) {
        monitors.find(monitorId);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        Instant lower = from == null ? BEGINNING : from;
        Instant beforeTime = to == null ? END : to;
        String beforeId = "";
        if (cursor != null && !cursor.isEmpty()) {
            Position p = Position.decode(cursor);
            if (p.createdAt.isBefore(beforeTime)) {
                beforeTime = p.createdAt;
                beforeId = p.id;
            }
        }
        return new Bounds(lower, beforeTime, beforeId);
    }

    /**
     * The check with id {@code id}.
     *
     * @throws NotFoundException when there is none
     */
    public Check find(String id) {
        return check(row(id));
    }

    /**
     * The JSON result document of check {@code id}.
     *
     * @throws NotFoundException when there is no such check, or it failed (and has no result)
     */
    public String result(String id) {
        CheckRow row = row(id);
        if (row.result() == null) {
            throw NotFoundException.failedCheck(id, row.error(), "result");
        }
        return row.result();
    }

    /**
     * The HTML report file of check {@code id}.
     *
     * @throws NotFoundException when there is no such check, or it failed (and has no report)
     */
    public Path report(String id) {
        CheckRow row = row(id);
        if (row.reportFile() == null) {
            throw NotFoundException.failedCheck(id, row.error(), "report");
        }
        return reports.fetch(row.reportFile());
    }

    /** The per-column results of check {@code id}. */
    public List<Column> columns(String id) {
        row(id);
        List<Column> columns = new ArrayList<>();
        for (CheckColumnRow c : checks.columns(id)) {
            columns.add(column(c));
        }
        return columns;
    }

    /** The latest check of monitor {@code monitorId}, if it has one. */
    public Optional<Check> latest(String monitorId) {
        return checks.latest(monitorId).map(CheckHistory::check);
    }

    /** How many checks monitor {@code monitorId} has. */
    public long count(String monitorId) {
        return checks.count(monitorId);
    }

    /**
     * Up to {@code n} most recent checks of a monitor that ran, in the order charts draw: by
     * {@link Check#observedAt()} (a backfilled window sits where its data belongs), then by when they
     * ran; checks that could not run have no verdict to draw and are left out.
     */
    public List<Check> recent(String monitorId, int n) {
        List<CheckSummaryRow> rows = checks.latestRan(monitorId, n);
        List<Check> oldestFirst = new ArrayList<>(rows.size());
        for (int i = rows.size() - 1; i >= 0; i--) {
            oldestFirst.add(check(rows.get(i)));
        }
        oldestFirst.sort(java.util.Comparator.comparing(Check::observedAt).thenComparing(Check::createdAt));
        return oldestFirst;
    }

    /** The per-column results of several checks, by check id, each in column order. */
    public Map<String, List<Column>> columns(List<Check> of) {
        Map<String, List<Column>> byCheck = new LinkedHashMap<>();
        if (of.isEmpty()) {
            return byCheck;
        }
        List<String> ids = new ArrayList<>();
        for (Check c : of) {
            ids.add(c.id());
            byCheck.put(c.id(), new ArrayList<>());
        }
        for (CheckColumnRow c : checks.columns(ids)) {
            byCheck.get(c.checkId()).add(column(c));
        }
        return byCheck;
    }

    private CheckRow row(String id) {
        return checks.find(id).orElseThrow(() -> new NotFoundException("check", id, "id"));
    }

    private static Column column(CheckColumnRow c) {
        return new Column(c.name(), c.columnType(), c.test(), c.score(), c.threshold(), c.drifted(), c.error(),
                c.strength(), c.displayName(), c.comparison(), c.scoreKind());
    }

    static Check check(CheckRow r) {
        return new Check(r.id(), r.monitorId(), r.datasetId(), r.createdAt(), r.driftDetected(), r.driftShare(),
                r.shareThreshold(), r.columnCount(), r.driftedCount(), r.errorCount(), r.durationMs(), r.error(),
                r.referenceVersion(), null, null, Check.DataQuality.of(r.dataQualityFailures(), r.dataQualityCritical()));
    }

    static QualityWindow window(QualityWindowRow r) {
        QualityWindow.Evaluation evaluation = r.evaluationId() == null ? null : new QualityWindow.Evaluation(
                r.evaluatedAt(), r.labelled(), r.coverage(), new QualityWindow.Latency(
                        Duration.ofMillis(r.latencyMedianMs()), Duration.ofMillis(r.latencyMaxMs())),
                QualitySummary.fromJson(r.evaluationSummary()),
                LabelFreeSummary.realizedFromJson(r.evaluationEstimateRealized()));
        return new QualityWindow(r.checkId(), r.monitorId(), r.createdAt(),
                r.windowEnd() != null ? r.windowEnd() : r.createdAt(), r.predictions(),
                QualitySummary.fromJson(r.summary()), evaluation);
    }

    private static Check check(CheckSummaryRow r) {
        return new Check(r.id(), r.monitorId(), r.datasetId(), r.createdAt(), r.driftDetected(), r.driftShare(),
                r.shareThreshold(), r.columnCount(), r.driftedCount(), r.errorCount(), r.durationMs(), r.error(), null,
                r.windowStart(), r.windowEnd(), Check.DataQuality.of(r.dataQualityFailures(), r.dataQualityCritical()));
    }

    /** Where a page ended: the last check's time and id, encoded as an opaque URL-safe cursor. */
    private record Position(Instant createdAt, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                if (bar < 0) {
                    throw new IllegalArgumentException("no separator");
                }
                return new Position(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new InvalidRequestException("cursor", "is not a cursor this service returned; "
                        + "use the 'next' value of the previous page");
            }
        }
    }
}
