package io.driftwatch.notify;

import io.driftwatch.drift.DatasetDrift;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a channel alerts about: a monitor incident opening or closing, or a test. The caller (the
 * monitor layer) builds it when a check is recorded; every channel renders its own message from it.
 * Monitor and column names are user data: each channel escapes them for its receiver's markup.
 *
 * <p>Thread-safe: immutable.
 *
 * @param kind whether an incident opened, closed, or this is a test
 * @param monitor the monitor's name
 * @param incidentId stable for the lifetime of one monitor incident: the TRIGGERED and the RESOLVED
 *     event of one incident carry the same id (PagerDuty's {@code dedup_key} is derived from it)
 * @param checkId the check that opened or closed the incident; null for a test without a check
 * @param occurredAt when the check was recorded
 * @param findings what that check found ({@link Findings#NONE} for a test)
 * @param reportUrl the check's HTML report, absolute http(s); null when there is none
 * @param dashboardUrl the monitor's dashboard page, absolute http(s)
 */
public record AlertEvent(
        Kind kind,
        String monitor,
        String incidentId,
        String checkId,
        Instant occurredAt,
        Findings findings,
        URI reportUrl,
        URI dashboardUrl) {

    /** The most drifted columns (and quality findings) a channel lists; further ones are counted, not listed. */
    public static final int MAX_COLUMNS_SHOWN = 10;

    /** Why the event was raised. */
    public enum Kind {
        /** A monitor incident opened: its policy breached (drift, data or model quality), or a check failed. */
        TRIGGERED,
        /** The incident closed: a later check breaches none of the policy's conditions. */
        RESOLVED,
        /** Sent by {@code driftwatch notify-test} to show that a channel works. */
        TEST
    }

    /**
     * What the check behind an event found, as alerts tell it.
     *
     * <p>Thread-safe: immutable.
     *
     * @param drift the check's dataset verdict; null when the check failed or for a test
     * @param topColumns drifted columns, most drifted first ({@link DriftedColumn#MOST_DRIFTED_FIRST});
     *     channels show at most {@link #MAX_COLUMNS_SHOWN}
     * @param checkError why the check failed, for an incident opened by a failing check; null otherwise
     * @param dataQuality the check's data-quality failures, one line of plain text each (a failed test
     *     or a broken reference condition, with what was expected and what was seen); empty when there
     *     were none or the monitor runs no integrity analysis; channels show at most
     *     {@link #MAX_COLUMNS_SHOWN}
     * @param modelQuality the check's model-quality findings, one line of plain text each saying which
     *     metric moved from what to what (a bound of the policy crossed, a failed degradation or
     *     Evidently test); empty when there were none or the monitor has no model; channels show at
     *     most {@link #MAX_COLUMNS_SHOWN}
     * @param estimate the check's estimated-performance findings (CBPE, DLE), one line of plain text per
     *     metric whose estimate left its thresholds in some chunk; empty when there were none or the
     *     monitor estimates nothing; channels show at most {@link #MAX_COLUMNS_SHOWN}
     * @param multivariate the check's multivariate-drift findings (PCA reconstruction error, domain
     *     classifier), one line of plain text per method that alerted in some chunk; empty likewise
     * @param about what the incident is about: for an opening event, what of the policy the check
     *     breached; for a closing one, what the policy watches (none of which holds any longer); empty
     *     when not known, and then {@link AlertEvent#breaches()} infers it from the findings
     */
    public record Findings(DatasetDrift drift, List<DriftedColumn> topColumns, String checkError,
            List<String> dataQuality, List<String> modelQuality, List<String> estimate, List<String> multivariate,
            Set<Breach> about) {
        /** Nothing found: a test event, or a closing event without a check. */
        public static final Findings NONE = new Findings(null, List.of(), null, List.of(), List.of(), List.of(),
                List.of(), Set.of());

        public Findings {
            topColumns = List.copyOf(Objects.requireNonNull(topColumns, "topColumns"));
            dataQuality = List.copyOf(Objects.requireNonNull(dataQuality, "dataQuality"));
            modelQuality = List.copyOf(Objects.requireNonNull(modelQuality, "modelQuality"));
            estimate = List.copyOf(Objects.requireNonNull(estimate, "estimate"));
            multivariate = List.copyOf(Objects.requireNonNull(multivariate, "multivariate"));
            about = Objects.requireNonNull(about, "about").isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(about));
        }

        /** A check that could not run, and why. */
        public static Findings failed(String checkError) {
            return new Findings(null, List.of(), Objects.requireNonNull(checkError, "checkError"), List.of(),
                    List.of(), List.of(), List.of(), Set.of());
        }

        /** A check's drift verdict and its drifted columns, most drifted first. */
        public static Findings drift(DatasetDrift drift, List<DriftedColumn> topColumns) {
            return new Findings(Objects.requireNonNull(drift, "drift"), topColumns, null, List.of(), List.of(),
                    List.of(), List.of(), Set.of());
        }

        /** These findings with the check's data-quality failures, one line each. */
        public Findings withDataQuality(List<String> lines) {
            return new Findings(drift, topColumns, checkError, lines, modelQuality, estimate, multivariate, about);
        }

        /** These findings with the check's model-quality findings, one line each. */
        public Findings withModelQuality(List<String> lines) {
            return new Findings(drift, topColumns, checkError, dataQuality, lines, estimate, multivariate, about);
        }

        /** These findings with the check's estimated-performance findings, one line per metric. */
        public Findings withEstimate(List<String> lines) {
            return new Findings(drift, topColumns, checkError, dataQuality, modelQuality, lines, multivariate, about);
        }

        /** These findings with the check's multivariate-drift findings, one line per method. */
        public Findings withMultivariate(List<String> lines) {
            return new Findings(drift, topColumns, checkError, dataQuality, modelQuality, estimate, lines, about);
        }

        /** These findings saying what the incident is about. */
        public Findings about(Set<Breach> breaches) {
            return new Findings(drift, topColumns, checkError, dataQuality, modelQuality, estimate, multivariate,
                    breaches);
        }
    }

    public AlertEvent {
        Objects.requireNonNull(kind, "kind");
        requireText(monitor, "monitor");
        requireText(incidentId, "incidentId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(findings, "findings");
        requireHttpUrl(dashboardUrl, "dashboardUrl");
        if (reportUrl != null) {
            requireHttpUrl(reportUrl, "reportUrl");
        }
    }

    /**
     * What the incident is about, in {@link Breach} order: {@link Findings#about()} when given; else
     * inferred from the findings: data quality when there are data-quality failures and no dataset
     * drift, otherwise drift when the check has a verdict, otherwise nothing.
     */
    public Set<Breach> breaches() {
        if (!findings.about().isEmpty()) {
            return findings.about();
        }
        DatasetDrift d = findings.drift();
        if (!findings.dataQuality().isEmpty() && (d == null || !d.detected())) {
            return Set.of(Breach.DATA_QUALITY);
        }
        return d == null ? Set.of() : Set.of(Breach.DATA_DRIFT);
    }

    /**
     * A test event for {@code monitor}: no check, no drift, no report; channels say that it is a test.
     *
     * @param occurredAt when the test was asked for; also makes the incident id unique
     */
    public static AlertEvent test(String monitor, Instant occurredAt, URI dashboardUrl) {
        return new AlertEvent(Kind.TEST, monitor, "test-" + occurredAt.getEpochSecond(), null, occurredAt,
                Findings.NONE, null, dashboardUrl);
    }

    /** Whether this event is about a check that failed rather than a drift verdict. */
    public boolean checkFailed() {
        return findings.checkError() != null;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requireHttpUrl(URI url, String field) {
        if (url == null || !url.isAbsolute() || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException(field + " must be an absolute http or https URL");
        }
    }
}
