package io.driftwatch.integrity;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Section;
import java.util.List;
import java.util.Objects;

/**
 * The integrity section of a check's result: the current batch's data summary, the reference's beside
 * it (when the check has a reference), the outcome of Evidently's default tests, the findings of the
 * reference-derived conditions, and the errors of metrics that could not be computed.
 *
 * <p>Thread-safe: immutable.
 *
 * @param tests which tests ran
 * @param current the current batch's summary
 * @param reference the reference's summary, or null without a reference
 * @param metricTests Evidently's default tests (empty unless {@code tests} is {@code evidently})
 * @param findings the broken reference-derived conditions (empty unless {@code tests} is
 *     {@code reference})
 * @param errors what could not be computed, in words (empty when everything was)
 */
public record IntegrityResult(IntegrityOptions.Tests tests, DataSummary current, DataSummary reference,
        List<MetricTest> metricTests, List<IntegrityFinding> findings, List<String> errors) implements Section {

    public IntegrityResult {
        Objects.requireNonNull(tests, "tests");
        Objects.requireNonNull(current, "current");
        metricTests = List.copyOf(metricTests);
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
    }

    /** {@code integrity}. */
    @Override
    public String name() {
        return "integrity";
    }

    /**
     * How many data-quality failures the check has: failed Evidently tests plus broken reference
     * conditions. What the check's history, the dashboard and the Prometheus metrics count.
     */
    public int failureCount() {
        return failedTestCount() + findings.size();
    }

    /**
     * How many of the {@link #failureCount() failures} are critical: every failed Evidently test (all
     * of its default tests are critical) and the findings whose condition is
     * {@link IntegrityFinding.Severity#CRITICAL}.
     */
    public int criticalCount() {
        int critical = failedTestCount();
        for (IntegrityFinding f : findings) {
            if (f.condition().severity() == IntegrityFinding.Severity.CRITICAL) {
                critical++;
            }
        }
        return critical;
    }

    private int failedTestCount() {
        int failed = 0;
        for (MetricTest t : metricTests) {
            if (t.status().failed()) {
                failed++;
            }
        }
        return failed;
    }

    /** Whether any test failed or any reference condition was broken: the check's data-quality verdict. */
    public boolean failed() {
        return failureCount() > 0;
    }
}
