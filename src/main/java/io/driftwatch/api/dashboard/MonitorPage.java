package io.driftwatch.api.dashboard;

import java.util.List;

/**
 * What the dashboard's page of one monitor shows: its definition in brief, the latest verdict, the
 * drift share over time, its data-quality failures over time (when it runs a data-quality analysis),
 * the heat map of per-column drift across recent checks, and its checks, newest first, a page at a
 * time.
 *
 * <p>Thread-safe: immutable.
 *
 * @param id the monitor's name
 * @param apiHref the monitor in the REST API
 * @param definition the definition in brief
 * @param latest the latest check; null when there is none
 * @param checks how many checks the monitor has
 * @param chart drift share over the recent checks; null without checks
 * @param chartChecks how many checks the chart shows
 * @param quality data-quality failures over the chart's checks; null when none of them had a
 *     data-quality analysis
 * @param model model quality and label coverage over the chart's checks; null when none of them has a
 *     model-quality verdict
 * @param modelLatest the newest of those windows whose quality is known; null when none
 * @param estimates the estimated performance over the chart's checks, one chart per metric (with the
 *     realized values where labels are known); empty when the monitor estimates nothing
 * @param multivariate drift across columns over the chart's checks, one chart per method; empty when
 *     the monitor watches none
 * @param heatMap per-column drift over the recent checks; null without checks
 * @param heatMapChecks how many checks the heat map shows
 * @param history one page of checks, newest first
 * @param olderHref the next (older) page; null on the last page
 * @param newestHref the first page, when this is not it; null otherwise
 * @param baseUrl this service's address as the browser reached it, for the curl example
 * @param schedule when and from where the service runs the monitor by itself; null without a schedule
 */
public record MonitorPage(String id, String apiHref, Definition definition, Latest latest, long checks,
        ShareChart chart, int chartChecks, DataQualityChart quality, ModelQualityChart model, ModelBadge modelLatest,
        List<LabelFreeChart> estimates, List<LabelFreeChart> multivariate, HeatMap heatMap, int heatMapChecks, List<Entry> history,
        String olderHref, String newestHref, String baseUrl, List<DeliveryEntry> deliveries, int failedDeliveries,
        Schedule schedule) {

    public MonitorPage {
        estimates = List.copyOf(estimates);
        multivariate = List.copyOf(multivariate);
        history = List.copyOf(history);
        deliveries = List.copyOf(deliveries);
    }

    /**
     * A window's model quality in a few words, as the list of checks and the card show it.
     *
     * @param metric the headline metric's name, e.g. {@code accuracy}
     * @param value its value as the report prints it; {@code not measured} before labels or a target
     * @param coverage e.g. {@code 50% labelled}; null when the window logged no predictions
     * @param failed whether the model failed its tests there
     * @param title the tooltip (the chart's)
     */
    public record ModelBadge(String metric, String value, String coverage, boolean failed, String title) {
    }

    /**
     * The monitor's schedule, in words.
     *
     * @param schedule when it runs, e.g. {@code every hour}
     * @param source what it reads, e.g. {@code jdbc data source warehouse}
     * @param nextRun when the next slot falls due
     * @param runsHref its runs in the REST API
     * @param lastRun the latest run; null before the first
     * @param lastRead what the source read last; null when it has read nothing yet
     */
    public record Schedule(String schedule, String source, String nextRun, String runsHref, LastRun lastRun,
            LastRead lastRead) {
    }

    /**
     * The latest claimed slot.
     *
     * @param slot the slot, e.g. {@code 2026-11-22 10:00:00 UTC}
     * @param window the window it read, e.g. {@code 2026-11-22 09:00:00 UTC → 2026-11-22 10:00:00 UTC}
     * @param kind schedule, catch-up or backfill
     * @param state running, done or failed
     * @param summary what it did, in words; null while running
     * @param instance the service instance that ran it
     */
    public record LastRun(String slot, String window, String kind, String state, String summary, String instance) {
    }

    /**
     * What the source read last.
     *
     * @param what the file name, else the query or URL
     * @param window the window it read; null when the source has no window (a directory)
     * @param rows e.g. {@code 1,200 rows}; null when not known
     * @param chunk e.g. {@code 2 of 4} when the batch was split; null otherwise
     * @param when the run kind that read it
     * @param checkHref the check's report
     */
    public record LastRead(String what, String window, String rows, String chunk, String when, String checkHref) {
    }

    /**
     * One alert or retraining request of the monitor, as the deliveries table shows it.
     *
     * @param when when the check that caused it ran
     * @param event triggered, resolved, breach or check
     * @param target e.g. {@code channel team-slack}
     * @param state pending, delivered or failed
     * @param attempts attempts so far
     * @param detail the last error, or when it was delivered
     * @param retryHref the API call that sends a failed delivery again; null unless failed
     */
    public record DeliveryEntry(String id, String when, String event, String target, String state, int attempts,
            String detail, String retryHref) {
    }

    /**
     * The monitor's definition in brief.
     *
     * @param referenceId the reference dataset's id
     * @param referenceHref the reference dataset in the REST API
     * @param reference e.g. {@code 688 rows · 17 columns · csv}; null when the dataset is gone
     * @param policy the drift-share rule in words
     * @param share the drift-share threshold, e.g. {@code 50%}
     * @param tests how columns are tested: overrides of the automatic choice, thresholds, correction
     * @param columns the column mapping, role by role (only roles the definition sets)
     * @param quality the data-quality analysis: its tests, their settings, when it alerts; empty
     *     without one
     * @param model the model: task, columns, the id labels are joined by, its tests; empty without one
     * @param version the definition's version
     * @param updated when it was last created or replaced
     * @param text the definition as submitted
     */
    public record Definition(String referenceId, String referenceHref, String reference, String policy,
            String share, List<Fact> tests, List<Fact> columns, List<Fact> quality, List<Fact> model, int version,
            String updated, String text) {
        public Definition {
            tests = List.copyOf(tests);
            columns = List.copyOf(columns);
            quality = List.copyOf(quality);
            model = List.copyOf(model);
        }
    }

    /** A labelled value of the definition. */
    public record Fact(String label, String value) {
    }

    /**
     * The latest check's verdict.
     *
     * @param drift whether it found dataset drift
     * @param verdict the verdict in words
     * @param summary e.g. {@code 9 of 13 columns drifted (69.2%); drift is declared at a share of 50% or more.}
     * @param share the drift share
     * @param threshold the drift-share threshold
     * @param when when it ran
     * @param reportHref its report
     * @param quality its data-quality verdict; null without a data-quality analysis
     */
    public record Latest(boolean drift, String verdict, String summary, String share, String threshold, String when,
            String reportHref, DataQualityBadge quality) {
    }

    /**
     * A check in the list.
     *
     * @param id the check's id
     * @param when when it ran
     * @param drift whether it found dataset drift
     * @param share the drift share
     * @param drifted e.g. {@code 9 of 13}
     * @param errors columns that could not be tested
     * @param datasetId the current batch
     * @param datasetHref the current batch in the REST API
     * @param duration how long it took
     * @param reportHref its HTML report
     * @param resultHref its JSON result
     * @param failure why the check could not run; null when it ran
     * @param window the window of data a scheduled or backfilled check covers; null otherwise
     * @param quality its data-quality verdict; null without a data-quality analysis
     * @param model its model quality and label coverage; null when its monitor has no model
     */
    public record Entry(String id, String when, boolean drift, String share, String drifted, int errors,
            String datasetId, String datasetHref, String duration, String reportHref, String resultHref,
            String failure, String window, DataQualityBadge quality, ModelBadge model) {
    }
}
