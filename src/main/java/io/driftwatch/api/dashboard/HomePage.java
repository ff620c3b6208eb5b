package io.driftwatch.api.dashboard;

import java.util.List;

/**
 * What the dashboard's home page shows: every monitor with its latest verdict (drift, and data quality
 * when it runs a data-quality analysis), its number of checks and a sparkline of its recent drift share; or, with no monitor yet, how to create one.
 *
 * <p>Thread-safe: immutable.
 *
 * @param monitors the monitors, by name
 * @param drifting how many monitors' latest check found dataset drift
 * @param checks the checks of all monitors together
 * @param baseUrl this service's address as the browser reached it, for the curl examples
 */
public record HomePage(List<Entry> monitors, int drifting, long checks, String baseUrl) {

    public HomePage {
        monitors = List.copyOf(monitors);
    }

    /**
     * A monitor's line.
     *
     * @param id the monitor's name
     * @param href its dashboard page
     * @param status {@code drift}, {@code ok} or {@code none} (no checks yet)
     * @param verdict the status in words
     * @param share the latest drift share, e.g. {@code 69.2%}; null without checks
     * @param detail e.g. {@code 9 of 13 columns}; null without checks
     * @param when when the latest check ran; null without checks
     * @param reportHref the latest check's report; null without checks
     * @param checks how many checks the monitor has
     * @param trend the drift share of its recent checks; null without checks
     * @param nextRun when its schedule next runs it; null without a schedule
     * @param quality the latest check's data-quality verdict; null without checks or without a
     *     data-quality analysis
     */
    public record Entry(String id, String href, String status, String verdict, String share, String detail,
            String when, String reportHref, long checks, ShareTrend trend, String nextRun, DataQualityBadge quality) {
    }
}
