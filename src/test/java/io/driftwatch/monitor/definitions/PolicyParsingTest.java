package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.integrity.DataSummary;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.integrity.IntegrityResult;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code alerts:} and {@code retrain:} sections of a monitor definition as {@link MonitorParser}
 * reads them into a {@link Policy}: the defaults, each condition, and every mistake named with its
 * field, line and column.
 */
class PolicyParsingTest {

    private static Policy policy(String yaml) {
        return MonitorDefinition.parse(yaml, "m.yml").policy();
    }

    private static InvalidMonitorException invalid(String yaml) {
        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.parse(yaml, "m.yml"));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        return e;
    }

    /** A check's sections: its drift verdict, and these columns drifted. */
    private static Sections drift(boolean detected, int drifted, int columns, List<String> driftedColumns) {
        List<ColumnDrift> tested = new ArrayList<>();
        for (String c : driftedColumns) {
            tested.add(new ColumnDrift(c, ColumnType.NUMERICAL, TestResult.of(DriftTests.byName("ks").orElseThrow(),
                    1e-6, 0.05), null, 1e-6, true, 100, 100, 0, 0, List.of(), List.of(), false));
        }
        return Sections.of(new DriftResult(new DatasetDrift(detected, (double) drifted / columns, 0.5, columns,
                drifted, 0), tested, Correction.NONE));
    }

    @Test
    void aMonitorWithoutAlertsOrRetrainHasNoPolicy() {
        assertThat(policy("name: m\n")).isSameAs(Policy.NONE);
        assertThat(Policy.NONE.active()).isFalse();
    }

    @Test
    void alertsWithoutWhenAlertOnDatasetDriftWithNoCooldownAndResolvedNotices() {
        Policy p = policy("alerts:\n  channels: [ops-slack, on-call]\n");

        assertThat(p.alertWhen()).isEqualTo(Policy.Condition.DATASET_DRIFT);
        assertThat(p.channels()).containsExactly("ops-slack", "on-call");
        assertThat(p.cooldown()).isZero();
        assertThat(p.notifyResolved()).isTrue();
        assertThat(p.retrainWhen()).isEqualTo(Policy.Condition.DATASET_DRIFT);
        assertThat(p.triggers()).isEmpty();
        assertThat(p.active()).isTrue();
    }

    @Test
    void aSingleChannelNameNeedNotBeAList() {
        assertThat(policy("alerts:\n  channels: ops-slack\n").channels()).containsExactly("ops-slack");
    }

    @Test
    void eachConditionIsReadAndAnyOfThemBreaches() {
        Policy.Condition share = policy("alerts:\n  when: {drift_share: 0.3}\n  channels: [c]\n").alertWhen();
        assertThat(share).isEqualTo(new Policy.Condition(false, 0.3, List.of(), false));
        assertThat(share.breachedBy(drift(false, 3, 10, List.of()))).isTrue();
        assertThat(share.breachedBy(drift(true, 2, 10, List.of()))).isFalse();

        Policy.Condition columns = policy("alerts:\n  when: {columns: [temp, hum]}\n  channels: [c]\n").alertWhen();
        assertThat(columns).isEqualTo(new Policy.Condition(false, null, List.of("temp", "hum"), false));
        assertThat(columns.breachedBy(drift(false, 1, 10, List.of("hum")))).isTrue();
        assertThat(columns.breachedBy(drift(true, 9, 10, List.of("season")))).isFalse();

        assertThat(policy("alerts:\n  when: {check_error: true}\n  channels: [c]\n").alertWhen())
                .isEqualTo(new Policy.Condition(false, null, List.of(), true));
        assertThat(policy("alerts:\n  when: {dataset_drift: false, drift_share: 0.8}\n  channels: [c]\n").alertWhen())
                .isEqualTo(new Policy.Condition(false, 0.8, List.of(), false));

        Policy.Condition both = policy("alerts:\n  when:\n    dataset_drift: true\n    columns: [cnt]\n"
                + "  channels: [c]\n").alertWhen();
        assertThat(both.breachedBy(drift(true, 6, 10, List.of()))).isTrue();
        assertThat(both.breachedBy(drift(false, 1, 10, List.of("cnt")))).isTrue();
        assertThat(both.breachedBy(drift(false, 1, 10, List.of("temp")))).isFalse();
    }

    @Test
    void aCheckWithoutADriftSectionBreachesNoDriftCondition() {
        Policy.Condition any = new Policy.Condition(true, 0.0, List.of("temp"), false);
        assertThat(any.breachedBy(drift(true, 1, 1, List.of("temp")))).isTrue();
        assertThat(any.breachedBy(Sections.of())).isFalse();
    }

    @Test
    void integrityFailuresBreachBySeverityAndColumn() {
        Policy.Condition any = policy("alerts:\n  when: {integrity: true}\n  channels: [c]\n").alertWhen();
        assertThat(any).isEqualTo(new Policy.Condition(false, null, List.of(), false, Policy.DataQuality.ANY, null));
        assertThat(any.breachedBy(integrity(List.of(), finding(IntegrityFinding.Condition.OUT_OF_RANGE, "age"))))
                .isTrue();
        assertThat(any.breachedBy(integrity(List.of(failedTest("row_count", null))))).isTrue();
        assertThat(any.breachedBy(integrity(List.of(passedTest("row_count"))))).as("passed tests").isFalse();
        assertThat(any.breachedBy(drift(true, 9, 10, List.of()))).as("drift alone").isFalse();

        Policy.Condition critical = policy("alerts:\n  when:\n    integrity: {severity: critical, columns: [age]}\n"
                + "  channels: [c]\n").alertWhen();
        assertThat(critical.dataQuality())
                .isEqualTo(new Policy.DataQuality(IntegrityFinding.Severity.CRITICAL, List.of("age")));
        assertThat(critical.breachedBy(integrity(List.of(), finding(IntegrityFinding.Condition.BECAME_EMPTY, "age"))))
                .isTrue();
        assertThat(critical.breachedBy(integrity(List.of(), finding(IntegrityFinding.Condition.OUT_OF_RANGE, "age"))))
                .as("a warning").isFalse();
        assertThat(critical.breachedBy(integrity(List.of(), finding(IntegrityFinding.Condition.BECAME_EMPTY, "job"))))
                .as("another column").isFalse();
        assertThat(critical.breachedBy(integrity(List.of(failedTest("missing_value_count", "age"))))).isTrue();
        assertThat(critical.breachedBy(integrity(List.of(failedTest("row_count", null)))))
                .as("a dataset-level failure names no column").isFalse();

        assertThat(policy("alerts:\n  when: {integrity: false}\n  channels: [c]\n").alertWhen().dataQuality())
                .isNull();
    }

    @Test
    void integrityConditionMistakesAreNamed() {
        InvalidMonitorException e = invalid("alerts:\n  channels: [c]\n  when:\n    integrity: {severity: high}\n");
        assertThat(e.field()).isEqualTo("alerts.when.integrity.severity");
        assertThat(e.getMessage()).contains("line 4").contains("unknown severity 'high'; valid: warning, critical");
        assertThat(invalid("alerts:\n  channels: [c]\n  when: {integrity: 3}\n").getMessage())
                .contains("alerts.when.integrity: expected true, false or a mapping with severity and columns, found '3'");
        assertThat(invalid("alerts:\n  channels: [c]\n  when:\n    integrity: {column: [a]}\n").getMessage())
                .contains("alerts.when.integrity.column: unknown key 'column'")
                .contains("valid keys here: severity, columns");
    }

    private static Sections integrity(List<MetricTest> tests, IntegrityFinding... findings) {
        DataSummary summary = new DataSummary(10, new DataSummary.ColumnCounts(1, 1, 0, 0, 0), 0, 0, 0, 0, 0, 0, 0, 0,
                List.of());
        return Sections.of(new IntegrityResult(IntegrityOptions.Tests.REFERENCE, summary, summary, tests,
                List.of(findings), List.of()));
    }

    private static IntegrityFinding finding(IntegrityFinding.Condition condition, String column) {
        return new IntegrityFinding(condition, column, "expected", "seen", 1, List.of());
    }

    private static MetricTest failedTest(String metric, String column) {
        return MetricTest.critical(metric, column, "value", MetricCondition.constant(MetricCondition.Op.EQ, 0), 1);
    }

    private static MetricTest passedTest(String metric) {
        return MetricTest.critical(metric, null, "value", MetricCondition.constant(MetricCondition.Op.EQ, 0), 0);
    }

    @Test
    void anEmptyWhenKeepsTheDefault() {
        assertThat(policy("alerts:\n  when: {}\n  channels: [c]\n").alertWhen()).isEqualTo(Policy.Condition.DATASET_DRIFT);
    }

    @Test
    void retrainWhenDefaultsToAlertsWhen() {
        Policy p = policy("""
                alerts:
                  when: {drift_share: 0.2}
                  channels: [c]
                retrain:
                  triggers: [nightly-dag]
                """);
        assertThat(p.retrainWhen()).isEqualTo(p.alertWhen()).isEqualTo(new Policy.Condition(false, 0.2, List.of(), false));
        assertThat(p.triggers()).containsExactly("nightly-dag");
    }

    @Test
    void retrainWhenOfItsOwnIsKept() {
        Policy p = policy("""
                alerts:
                  channels: [c]
                retrain:
                  when: {drift_share: 0.6}
                  triggers: [t]
                """);
        assertThat(p.alertWhen()).isEqualTo(Policy.Condition.DATASET_DRIFT);
        assertThat(p.retrainWhen()).isEqualTo(new Policy.Condition(false, 0.6, List.of(), false));
    }

    @Test
    void retrainWithoutAlertsOpensIncidentsOnItsOwnCondition() {
        Policy p = policy("retrain:\n  when: {columns: [cnt]}\n  triggers: [t]\n");
        assertThat(p.channels()).isEmpty();
        assertThat(p.alertWhen()).isEqualTo(p.retrainWhen()).isEqualTo(new Policy.Condition(false, null,
                List.of("cnt"), false));
        assertThat(p.active()).isTrue();
    }

    @Test
    void cooldownIsADuration() {
        assertThat(policy("alerts:\n  channels: [c]\n  cooldown: 1h\n").cooldown()).isEqualTo(Duration.ofHours(1));
        assertThat(policy("alerts:\n  channels: [c]\n  cooldown: 30m\n").cooldown()).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy("alerts:\n  channels: [c]\n  cooldown: 2 days\n").cooldown()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aCooldownThatIsNotADurationIsNamedWithItsLineAndColumn() {
        InvalidMonitorException e = invalid("name: m\nalerts:\n  channels: [c]\n  cooldown: soon\n");
        assertThat(e.field()).isEqualTo("alerts.cooldown");
        assertThat(e.getMessage()).contains("line 4, column 3: alerts.cooldown: 'soon' is not a duration;"
                + " write e.g. 30m, 1h or 2d");
        assertThat(invalid("alerts:\n  channels: [c]\n  cooldown: -1h\n").field()).isEqualTo("alerts.cooldown");
    }

    @Test
    void notifyResolvedCanBeTurnedOff() {
        assertThat(policy("alerts:\n  channels: [c]\n  notify_resolved: false\n").notifyResolved()).isFalse();
    }

    @Test
    void unknownKeysAreNamedWithTheValidOnes() {
        assertThat(invalid("alerts:\n  channel: [c]\n").getMessage())
                .contains("line 2, column 3: alerts.channel: unknown key 'channel'")
                .contains("valid keys here: when, channels, cooldown, notify_resolved");
        assertThat(invalid("alerts:\n  channels: [c]\n  when: {share: 0.5}\n").getMessage())
                .contains("alerts.when.share: unknown key 'share'")
                .contains("valid keys here: dataset_drift, drift_share, columns, check_error, integrity, quality");
        assertThat(invalid("retrain:\n  trigger: t\n").getMessage())
                .contains("retrain.trigger: unknown key 'trigger'").contains("valid keys here: when, triggers");
        assertThat(invalid("alert:\n  channels: [c]\n").field()).isEqualTo("alert");
    }

    @Test
    void aDriftShareAboveOneIsRejected() {
        InvalidMonitorException e = invalid("alerts:\n  channels: [c]\n  when: {drift_share: 30}\n");
        assertThat(e.field()).isEqualTo("alerts.when.drift_share");
        assertThat(e.getMessage()).contains("line 3").contains("must be between 0 and 1 (a share of columns), got 30.0");
        assertThat(invalid("retrain:\n  triggers: [t]\n  when: {drift_share: -0.1}\n").field())
                .isEqualTo("retrain.when.drift_share");
        assertThat(invalid("alerts:\n  channels: [c]\n  when: {drift_share: half}\n").getMessage())
                .contains("alerts.when.drift_share: expected a number, found 'half'");
    }

    @Test
    void flagsMustBeBooleans() {
        assertThat(invalid("alerts:\n  channels: [c]\n  notify_resolved: sometimes\n").getMessage())
                .contains("line 3, column 3: alerts.notify_resolved: expected true or false, found 'sometimes'");
        assertThat(invalid("alerts:\n  channels: [c]\n  when: {dataset_drift: 1}\n").field())
                .isEqualTo("alerts.when.dataset_drift");
        assertThat(invalid("retrain:\n  triggers: [t]\n  when: {check_error: \"yes\"}\n").field())
                .isEqualTo("retrain.when.check_error");
    }

    @Test
    void namesMustBeNames() {
        assertThat(invalid("alerts:\n  channels: {a: b}\n").getMessage())
                .contains("alerts.channels: expected a list of names, found");
        assertThat(invalid("retrain:\n  triggers: [t, {x: 1}]\n").field()).isEqualTo("retrain.triggers[1]");
        assertThat(invalid("alerts: [c]\n").field()).isEqualTo("alerts");
    }
}
