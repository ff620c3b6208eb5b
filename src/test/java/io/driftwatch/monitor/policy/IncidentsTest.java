package io.driftwatch.monitor.policy;

import io.driftwatch.analysis.Sections;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.notify.PagerDutyChannelFactory;
import io.driftwatch.notify.SlackChannelFactory;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.TestResult;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.MonitorDao;
import io.driftwatch.store.Transactions;
import io.driftwatch.trigger.AirflowTriggerFactory;
import io.driftwatch.trigger.MlflowTriggerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Incidents}' state machine against a real database, on both backends: which checks open,
 * update, close and re-open a monitor's incident, and which outbox rows each queues. Channels and
 * triggers are built from their factories at addresses nothing listens on: nothing is sent here,
 * only the rows the outbox worker would send are checked.
 */
class IncidentsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final List<String> COLUMNS = List.of("temp", "hum", "windspeed", "cnt");

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private Transactions transactions;
    private Incidents incidents;
    private Monitor monitor;
    private int checks;

    /** One outbox row as the test reads it back. */
    record Queued(String key, String targetKind, String target, String event, String incidentId, String checkId,
            String payload) {
    }

    /** A migrated database on {@code backend} holding monitor "m" with {@code policy} appended to its definition. */
    private void given(String backend, String policy) throws IOException {
        TestDatabase db = backend.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.postgres();
        jdbi = Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin());
        SlackChannelFactory slack = new SlackChannelFactory();
        slack.setName("chat");
        slack.setUrl("http://127.0.0.1:9/services/T/B/X");
        PagerDutyChannelFactory pd = new PagerDutyChannelFactory();
        pd.setName("pager");
        pd.setRoutingKey("R0UT1NGKEY");
        pd.setUrl("http://127.0.0.1:9/v2/enqueue");
        MlflowTriggerFactory mlflow = new MlflowTriggerFactory();
        mlflow.setName("registry");
        mlflow.setTrackingUri(URI.create("http://127.0.0.1:9/"));
        mlflow.setExperimentName("drift");
        AirflowTriggerFactory airflow = new AirflowTriggerFactory();
        airflow.setName("nightly");
        airflow.setBaseUrl(URI.create("http://127.0.0.1:9/"));
        airflow.setDagId("retrain");
        Receivers receivers = new Receivers(List.of(slack.build(), pd.build()), List.of(mlflow.build(), airflow.build()),
                URI.create("https://driftwatch.example/"));
        BlobStore blobs = BlobStore.in(dir.resolve("data"));
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        DatasetIntake intake = new DatasetIntake(datasets, blobs, 1 << 30);
        MonitorCatalog catalog = new MonitorCatalog(jdbi.onDemand(MonitorDao.class), datasets,
                jdbi.onDemand(CheckDao.class), jdbi.onDemand(io.driftwatch.store.ReferenceVersionDao.class), intake,
                blobs, io.driftwatch.store.ReportStore.in(dir.resolve("reports")), receivers,
                new io.driftwatch.monitor.sources.SourceEnvironment(java.util.Map.of(), List.of(), name -> null, dir));
        String reference;
        try (InputStream in = Files.newInputStream(Path.of("examples/bike-sharing/reference.csv"))) {
            reference = intake.ingest(in).id();
        }
        monitor = catalog.create("name: m\nreference: " + reference + "\n" + policy, "application/yaml");
        transactions = new Transactions(jdbi);
        incidents = new Incidents(receivers);
    }

    /** A check at {@code minutes} after T0 in which {@code drifted} of the four columns drifted. */
    private int check(int minutes, boolean datasetDrift, String... drifted) {
        List<ColumnDrift> columns = new ArrayList<>();
        for (String c : COLUMNS) {
            boolean d = List.of(drifted).contains(c);
            columns.add(new ColumnDrift(c, ColumnType.NUMERICAL, TestResult.of(DriftTests.byName("ks").orElseThrow(),
                    d ? 1e-6 : 0.5, 0.05), null, d ? 1e-6 : 0.5, d, 100, 100, 0, 0, List.of(), List.of(), false));
        }
        DriftResult result = new DriftResult(new DatasetDrift(datasetDrift, drifted.length / 4.0, 0.5, 4,
                drifted.length, 0), columns, Correction.NONE);
        String id = "check-" + (++checks);
        return transactions.inTransaction(tx -> incidents.apply(tx, monitor,
                new Incidents.CheckFacts(id, T0.plus(Duration.ofMinutes(minutes)), Sections.of(result), null)));
    }

    /** A check at {@code minutes} after T0 that could not run. */
    private int failedCheck(int minutes) {
        String id = "check-" + (++checks);
        return transactions.inTransaction(tx -> incidents.apply(tx, monitor, new Incidents.CheckFacts(id,
                T0.plus(Duration.ofMinutes(minutes)), null, "dataset d1: line 3: expected 17 fields, found 2")));
    }

    private int breach(int minutes) {
        return check(minutes, true, "temp", "hum", "cnt");
    }

    private int clean(int minutes) {
        return check(minutes, false);
    }

    private List<Queued> outbox() {
        return jdbi.withHandle(h -> h.createQuery("SELECT idempotency_key, target_kind, target_name, event, incident_id,"
                + " check_id, payload FROM outbox ORDER BY created_at, target_kind, target_name, event")
                .map((r, ctx) -> new Queued(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7))).list());
    }

    private List<Map<String, Object>> incidentRows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, breaching_checks, retrain_requested, closed_by,"
                + " opened_by FROM incidents ORDER BY opened_at").mapToMap().list());
    }

    private List<String> events() {
        return outbox().stream().map(q -> q.target() + ":" + q.event()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theFirstBreachOpensAnIncidentAndQueuesOneAlertPerChannel(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat, pager]\n");

        assertThat(clean(0)).isZero();
        assertThat(incidentRows()).isEmpty();
        assertThat(breach(10)).isEqualTo(2);

        List<Map<String, Object>> rows = incidentRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("opened_by", "check-2").containsEntry("breaching_checks", 1);
        assertThat(rows.get(0).get("closed_by")).isNull();
        String incident = (String) rows.get(0).get("id");
        assertThat(outbox()).extracting(Queued::target, Queued::event, Queued::incidentId, Queued::checkId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chat", "triggered", incident, "check-2"),
                        org.assertj.core.groups.Tuple.tuple("pager", "triggered", incident, "check-2"));
        assertThat(outbox()).allSatisfy(q -> assertThat(q.key()).startsWith(incident + ":triggered:"));
        assertThat(outbox().get(0).payload()).contains("https://driftwatch.example/api/v1/checks/check-2/report")
                .contains("temp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void furtherBreachesUpdateTheIncidentSilently(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat, pager]\n");
        breach(0);

        assertThat(breach(10)).isZero();
        assertThat(breach(20)).isZero();

        assertThat(incidentRows()).singleElement().satisfies(r -> assertThat(r).containsEntry("breaching_checks", 3));
        assertThat(events()).containsExactly("chat:triggered", "pager:triggered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCleanCheckClosesTheIncidentAndResolvesPagerDutyButNotChatUnlessAsked(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat, pager]\n  notify_resolved: false\n");
        breach(0);

        assertThat(clean(10)).isEqualTo(1);

        assertThat(incidentRows()).singleElement().satisfies(r -> assertThat(r).containsEntry("closed_by", "check-2"));
        assertThat(events()).containsExactly("chat:triggered", "pager:triggered", "pager:resolved");
        assertThat(clean(20)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCleanCheckResolvesEveryChannelByDefault(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat, pager]\n");
        breach(0);

        assertThat(clean(10)).isEqualTo(2);

        List<Queued> resolved = outbox().stream().filter(q -> q.event().equals("resolved")).toList();
        assertThat(resolved).extracting(Queued::target).containsExactly("chat", "pager");
        String incident = (String) incidentRows().get(0).get("id");
        assertThat(resolved).allSatisfy(q -> assertThat(q.incidentId()).isEqualTo(incident));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCleanCheckThatSkippedAWatchedAnalysisLeavesTheIncidentOpen(String backend) throws IOException {
        given(backend, "integrity: {tests: evidently}\nalerts:\n  when: {dataset_drift: true, integrity: true}\n"
                + "  channels: [chat]\n");
        breach(0);
        DriftResult noDrift = new DriftResult(new DatasetDrift(false, 0, 0.5, 4, 0, 0), List.of(), Correction.NONE);

        // a check on sketch profiles: no drift, and nothing known of data quality
        int onSketches = transactions.inTransaction(tx -> incidents.apply(tx, monitor, new Incidents.CheckFacts(
                "check-sketch", T0.plus(Duration.ofMinutes(10)), Sections.of(noDrift), null, null,
                java.util.Set.of("integrity"))));

        assertThat(onSketches).isZero();
        assertThat(incidentRows()).singleElement().satisfies(r -> assertThat(r.get("closed_by")).isNull());
        assertThat(clean(20)).as("a check that ran everything closes it").isEqualTo(1);
        assertThat(incidentRows()).singleElement().satisfies(r -> assertThat(r).containsEntry("closed_by", "check-2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCleanCheckThatSkippedOnlyUnwatchedAnalysesClosesTheIncident(String backend) throws IOException {
        given(backend, "integrity: {tests: evidently}\nalerts:\n  channels: [chat]\n");
        breach(0);
        DriftResult noDrift = new DriftResult(new DatasetDrift(false, 0, 0.5, 4, 0, 0), List.of(), Correction.NONE);

        int onSketches = transactions.inTransaction(tx -> incidents.apply(tx, monitor, new Incidents.CheckFacts(
                "check-sketch", T0.plus(Duration.ofMinutes(10)), Sections.of(noDrift), null, null,
                java.util.Set.of("integrity"))));

        assertThat(onSketches).isEqualTo(1);
        assertThat(incidentRows()).singleElement().satisfies(r -> assertThat(r).containsEntry("closed_by",
                "check-sketch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBreachWithinTheCooldownReopensTheIncidentSilently(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat]\n  cooldown: 1h\n  notify_resolved: false\n");
        breach(0);
        clean(10);

        assertThat(breach(40)).isZero(); // 30 minutes after it closed

        assertThat(incidentRows()).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("breaching_checks", 2);
            assertThat(r.get("closed_by")).isNull();
        });
        assertThat(events()).containsExactly("chat:triggered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBreachAfterTheCooldownOpensANewIncident(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat]\n  cooldown: 1h\n  notify_resolved: false\n");
        breach(0);
        clean(10);

        assertThat(breach(71)).isEqualTo(1);

        assertThat(incidentRows()).hasSize(2);
        assertThat(outbox()).extracting(Queued::incidentId).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void retrainingFiresOncePerIncidentAndMlflowHearsOfEveryCheck(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat]\nretrain:\n  triggers: [nightly, registry]\n");

        clean(0);
        assertThat(events()).containsExactly("registry:check");
        breach(10);
        breach(20);
        clean(30);
        breach(40);

        List<Queued> rows = outbox();
        assertThat(rows.stream().filter(q -> q.event().equals("check")).map(Queued::checkId).toList())
                .containsExactly("check-1", "check-2", "check-3", "check-4", "check-5");
        assertThat(rows.stream().filter(q -> q.event().equals("check")))
                .allSatisfy(q -> assertThat(q.incidentId()).isNull());
        List<Queued> breaches = rows.stream().filter(q -> q.event().equals("breach")).toList();
        assertThat(breaches).extracting(Queued::target, Queued::checkId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("nightly", "check-2"),
                org.assertj.core.groups.Tuple.tuple("registry", "check-2"),
                org.assertj.core.groups.Tuple.tuple("nightly", "check-5"),
                org.assertj.core.groups.Tuple.tuple("registry", "check-5"));
        assertThat(incidentRows()).hasSize(2).allSatisfy(r -> assertThat(r.get("retrain_requested")).isEqualTo(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void retrainingWaitsForItsOwnConditionWithinAnIncident(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat]\nretrain:\n  when: {drift_share: 0.75}\n  triggers: [nightly]\n");

        check(0, true, "temp", "hum");
        assertThat(events()).containsExactly("chat:triggered");
        check(10, true, "temp", "hum", "cnt");
        check(20, true, "temp", "hum", "cnt", "windspeed");

        assertThat(events()).containsExactly("chat:triggered", "nightly:breach");
        assertThat(outbox().get(1).checkId()).isEqualTo("check-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDriftShareConditionBreachesWithoutDatasetDrift(String backend) throws IOException {
        given(backend, "alerts:\n  when: {drift_share: 0.25}\n  channels: [chat]\n");

        assertThat(check(0, false, "windspeed")).isEqualTo(1);
        assertThat(check(10, true)).isEqualTo(1); // dataset drift alone is not this condition: the incident closes
        assertThat(events()).containsExactly("chat:triggered", "chat:resolved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aColumnsConditionBreachesOnlyForTheNamedColumns(String backend) throws IOException {
        given(backend, "alerts:\n  when: {columns: [cnt]}\n  channels: [chat]\n");

        assertThat(check(0, true, "temp", "hum", "windspeed")).isZero();
        assertThat(check(10, false, "cnt")).isEqualTo(1);
        assertThat(events()).containsExactly("chat:triggered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aMonitorWithoutPolicyQueuesNothing(String backend) throws IOException {
        given(backend, "");

        assertThat(breach(0)).isZero();
        assertThat(incidentRows()).isEmpty();
        assertThat(outbox()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFailedCheckOpensAnIncidentOnlyWhenThePolicyAsksForIt(String backend) throws IOException {
        given(backend, "alerts:\n  when: {dataset_drift: true, check_error: true}\n  channels: [chat, pager]\n"
                + "retrain:\n  triggers: [nightly]\n");

        assertThat(failedCheck(0)).isEqualTo(2);
        assertThat(events()).containsExactly("chat:triggered", "pager:triggered");
        assertThat(outbox().get(0).payload()).contains("expected 17 fields, found 2");
        assertThat(failedCheck(5)).as("the open incident is updated, not re-alerted").isZero();
        assertThat(incidentRows()).singleElement().satisfies(i -> assertThat(i.get("retrain_requested"))
                .as("a check that could not run never asks for retraining").isEqualTo(false));
        assertThat(clean(10)).as("a check that ran clean closes it").isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFailedCheckNeitherOpensNorClosesWithoutCheckError(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat]\n");

        assertThat(failedCheck(0)).isZero();
        assertThat(breach(5)).isEqualTo(1);
        assertThat(failedCheck(10)).as("a failed check says nothing about drift").isZero();
        assertThat(incidentRows()).singleElement().satisfies(i -> assertThat(i.get("closed_by")).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void alertsListDriftedColumnsByTheStrengthOnTheColumnResult(String backend) throws IOException {
        given(backend, "alerts:\n  channels: [chat]\n");
        // Strengths (ColumnDrift.strength): PSI 2.0 at 0.1 is 20; p = 1e-12 at 0.05 is 9.2; p = 0.04 is 1.07.
        // The ratio alerts used before (0.05 / 1e-12 against 2.0 / 0.1) put the p-value first.
        List<ColumnDrift> columns = List.of(drifted("ks_barely", "ks", 0.04, 0.05),
                drifted("ks_tiny_p", "ks", 1e-12, 0.05), drifted("psi_far", "psi", 2.0, 0.1));
        DriftResult result = new DriftResult(new DatasetDrift(true, 1, 0.5, 3, 3, 0), columns, Correction.NONE);
        transactions.inTransaction(tx -> incidents.apply(tx, monitor, new Incidents.CheckFacts("check-1", T0, Sections.of(result),
                null)));

        String payload = outbox().get(0).payload();
        assertThat(payload.indexOf("psi_far")).isPositive().isLessThan(payload.indexOf("ks_tiny_p"));
        assertThat(payload.indexOf("ks_tiny_p")).isLessThan(payload.indexOf("ks_barely"));
    }

    private static ColumnDrift drifted(String name, String test, double score, double threshold) {
        TestResult r = TestResult.of(DriftTests.byName(test).orElseThrow(), score, threshold);
        return new ColumnDrift(name, ColumnType.NUMERICAL, r, null,
                r.scoreKind() == io.driftwatch.stats.ScoreKind.P_VALUE ? score : Double.NaN, r.drifted(), 100, 100, 0, 0,
                List.of(), List.of(), false);
    }
}
