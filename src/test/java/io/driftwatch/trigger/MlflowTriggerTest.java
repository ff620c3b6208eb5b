package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.data.ColumnType;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.trigger.FakeServer.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MLflow trigger against a fake MLflow server that follows the REST 2.0 contract. */
class MlflowTriggerTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:16:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final FakeMlflow mlflow = new FakeMlflow();

    @AfterEach
    void stop() {
        mlflow.close();
    }

    private MlflowTriggerFactory factory() {
        MlflowTriggerFactory f = new MlflowTriggerFactory();
        f.setName("mlflow");
        f.setTrackingUri(mlflow.uri());
        f.setRequestTimeout(io.dropwizard.util.Duration.seconds(5));
        return f;
    }

    private static Outcome send(Trigger t, RetrainEvent e) {
        // as the outbox does: render when recording, store the JSON, send later from the stored text
        return t.send(Payload.of(t.render(e).json()), "key-" + e.kind());
    }

    @Test
    void logsACheckAsAFinishedRunWithMetricsParamsAndTags() {
        Trigger t = factory().build(CLOCK);

        Outcome d = send(t, TestEvents.check());

        assertThat(mlflow.runs()).hasSize(1);
        FakeMlflow.Run run = mlflow.runs().get(0);
        assertThat(d).isEqualTo(new Outcome.Delivered(0, run.id));
        assertThat(mlflow.experiments()).containsOnlyKeys("driftwatch/bike-sharing");
        assertThat(run.experimentId).isEqualTo(mlflow.experiments().get("driftwatch/bike-sharing"));
        assertThat(run.name).isEqualTo("bike-sharing 2025-06-01T10:15:30Z");
        assertThat(run.startTime).isEqualTo(TestEvents.AT.toEpochMilli());
        assertThat(run.status).isEqualTo("FINISHED");
        assertThat(run.endTime).isEqualTo(NOW.toEpochMilli());
        assertThat(metrics(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "drift_share", 2.0 / 3, "dataset_drift", 1.0, "drifted_columns", 2.0, "tested_columns", 3.0,
                "column_errors", 1.0, "drift_score/temp", 1.2e-9, "drift_score/hum", 0.31,
                "drift_score/season", 0.001));
        assertThat(run.metrics).allSatisfy(m -> {
            assertThat(m.path("timestamp").asLong()).isEqualTo(TestEvents.AT.toEpochMilli());
            assertThat(m.path("step").asLong()).isZero();
        });
        assertThat(run.params).containsExactlyInAnyOrderEntriesOf(
                Map.of("monitor", "bike-sharing", "drift_share_threshold", "0.5"));
        assertThat(run.tags)
                .containsEntry("driftwatch.check_id", TestEvents.CHECK_ID)
                .containsEntry("driftwatch.monitor", "bike-sharing")
                .containsEntry("driftwatch.verdict", "drifted")
                .containsEntry("driftwatch.report_url", TestEvents.REPORT.toString())
                .containsEntry("driftwatch.dashboard_url", TestEvents.DASHBOARD.toString())
                .containsEntry("driftwatch.drifted_columns", "temp,season")
                .containsEntry("driftwatch.logged", "true")
                .doesNotContainKey("driftwatch.incident_id");
        assertThat(run.tags.get("mlflow.note.content")).contains("dataset drift", TestEvents.REPORT.toString());
        assertThat(mlflow.logBatchErrors()).isEmpty();
    }

    @Test
    void runsCreateFollowsTheRestContract() {
        send(factory().build(CLOCK), TestEvents.check());

        JsonNode create = mlflow.server().requests("POST", "/api/2.0/mlflow/runs/create").get(0).json();
        assertThat(create.path("experiment_id").isTextual()).isTrue();
        assertThat(create.path("start_time").isIntegralNumber()).isTrue();
        assertThat(create.path("run_name").asText()).isEqualTo("bike-sharing 2025-06-01T10:15:30Z");
        assertThat(create.path("tags").get(0).fieldNames()).toIterable().containsExactly("key", "value");
        JsonNode update = mlflow.server().requests("POST", "/api/2.0/mlflow/runs/update").get(0).json();
        assertThat(update.path("status").asText()).isEqualTo("FINISHED");
        assertThat(update.path("end_time").asLong()).isEqualTo(NOW.toEpochMilli());
        FakeServer.Request search = mlflow.server().requests("POST", "/api/2.0/mlflow/runs/search").get(0);
        assertThat(search.json().path("filter").asText())
                .isEqualTo("tags.`driftwatch.check_id` = '" + TestEvents.CHECK_ID + "'");
        assertThat(search.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void usesAnExistingExperimentByNameAndAFixedExperimentIdAsGiven() {
        String id = mlflow.addExperiment("drift");
        MlflowTriggerFactory byName = factory();
        byName.setExperimentName("drift");
        send(byName.build(CLOCK), TestEvents.check());
        assertThat(mlflow.server().requests("POST", "/api/2.0/mlflow/experiments/create")).isEmpty();
        assertThat(mlflow.runs().get(0).experimentId).isEqualTo(id);

        String other = mlflow.addExperiment("other");
        MlflowTriggerFactory byId = factory();
        byId.setExperimentId(other);
        RetrainEvent e = TestEvents.check();
        Outcome d = send(byId.build(CLOCK), e);
        assertThat(d).isInstanceOf(Outcome.Delivered.class);
        assertThat(mlflow.runs()).extracting(r -> r.experimentId).containsExactly(id, other);
    }

    @Test
    void findsTheExperimentAgainWhenSomeoneElseCreatedItFirst() {
        // get-by-name says there is none; by the time we create it, another client has
        mlflow.failNext("experiments/get-by-name", new FakeServer.Fault(Reply.json(404,
                "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Could not find experiment\"}"), false));
        String id = mlflow.addExperiment("driftwatch/bike-sharing");

        Outcome d = send(factory().build(CLOCK), TestEvents.check());

        assertThat(d).isInstanceOf(Outcome.Delivered.class);
        assertThat(mlflow.experiments()).hasSize(1);
        assertThat(mlflow.runs().get(0).experimentId).isEqualTo(id);
    }

    @Test
    void sanitisesColumnNamesIntoMetricKeysMlflowAccepts() {
        List<RetrainEvent.Column> cols = new ArrayList<>();
        for (String name : List.of("price (€)", "a/b", "a:b", "..", ".", "", "température", "x".repeat(300),
                "weird\"name'<>", "a?b", "a!b", "/leading", "emoji 🚲")) {
            cols.add(new RetrainEvent.Column(name, ColumnType.NUMERICAL, "ks", 0.5, 0.05, false));
        }
        Trigger t = factory().build(CLOCK);

        Outcome d = send(t, TestEvents.withColumns(cols));

        assertThat(d).isInstanceOf(Outcome.Delivered.class);
        assertThat(mlflow.logBatchErrors()).isEmpty();
        Set<String> scores = new HashSet<>();
        for (String k : metrics(mlflow.runs().get(0)).keySet()) {
            if (k.startsWith("drift_score/")) {
                scores.add(k);
            }
        }
        assertThat(scores).hasSize(cols.size()) // one distinct key per column, collisions told apart
                .contains("drift_score/price ___", "drift_score/a_b", "drift_score/a_b_2", "drift_score/a_b_3",
                        "drift_score/a_b_4", "drift_score/__", "drift_score/_", "drift_score/_leading",
                        "drift_score/température", "drift_score/emoji _");
        assertThat(scores).allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(250));
    }

    @Test
    void splitsLogBatchAtMlflowLimitsAndLogsEveryColumn() {
        Trigger t = factory().build(CLOCK);

        Outcome d = send(t, TestEvents.wideCheck(2500));

        assertThat(d).isInstanceOf(Outcome.Delivered.class);
        assertThat(mlflow.logBatchErrors()).isEmpty();
        List<FakeServer.Request> batches = mlflow.server().requests("POST", "/api/2.0/mlflow/runs/log-batch");
        assertThat(batches).hasSizeGreaterThanOrEqualTo(3);
        assertThat(metrics(mlflow.runs().get(0))).hasSize(2500 + 5);
        // the completion tag comes last, so its presence means every batch was written
        JsonNode last = batches.get(batches.size() - 1).json();
        assertThat(last.path("tags").toString()).contains("driftwatch.logged");
        for (int i = 0; i < batches.size() - 1; i++) {
            assertThat(batches.get(i).json().path("tags").toString()).doesNotContain("driftwatch.logged");
        }
    }

    @Test
    void breachTagsTheHighestModelVersionAndSetsTheBreachAlias() {
        mlflow.addModel("bike-demand", 3);
        MlflowTriggerFactory f = factory();
        f.setModelName("bike-demand");
        f.setBreachAlias("drifted");
        Trigger t = f.build(CLOCK);

        Outcome d = send(t, TestEvents.breach());

        assertThat(d).isInstanceOf(Outcome.Delivered.class);
        assertThat(mlflow.versionTags("bike-demand", 3)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "drift_status", "drifted", "drift_check", TestEvents.CHECK_ID, "drift_incident",
                TestEvents.INCIDENT_ID, "drift_report", TestEvents.REPORT.toString()));
        assertThat(mlflow.versionTags("bike-demand", 2)).isEmpty();
        assertThat(mlflow.alias("bike-demand", "drifted")).isEqualTo(3);
        FakeMlflow.Run run = mlflow.runs().get(0);
        assertThat(run.tags).containsEntry("driftwatch.incident_id", TestEvents.INCIDENT_ID)
                .containsEntry("driftwatch.model_name", "bike-demand")
                .containsEntry("driftwatch.model_version", "3");
        JsonNode alias = mlflow.server().requests("POST", "/api/2.0/mlflow/registered-models/alias").get(0).json();
        assertThat(alias.path("version").isTextual()).isTrue();
        FakeServer.Request search = mlflow.server().requests("GET", "/api/2.0/mlflow/model-versions/search").get(0);
        assertThat(search.query()).containsEntry("filter", "name='bike-demand'")
                .containsEntry("order_by", "version_number DESC").containsEntry("max_results", "1");
    }

    @Test
    void breachTagsTheVersionBehindTheConfiguredAlias() {
        mlflow.addModel("bike-demand", 5);
        mlflow.setAlias("bike-demand", "champion", 4);
        MlflowTriggerFactory f = factory();
        f.setModelName("bike-demand");
        f.setModelAlias("champion");
        f.setStatusTag("");  // not written
        Trigger t = f.build(CLOCK);

        assertThat(send(t, TestEvents.breach())).isInstanceOf(Outcome.Delivered.class);

        assertThat(mlflow.versionTags("bike-demand", 4)).containsKeys("drift_check", "drift_incident")
                .doesNotContainKey("drift_status");
        assertThat(mlflow.versionTags("bike-demand", 5)).isEmpty();
        assertThat(mlflow.server().requests("GET", "/api/2.0/mlflow/registered-models/alias").get(0).query())
                .containsEntry("name", "bike-demand").containsEntry("alias", "champion");
    }

    @Test
    void breachAfterTheCheckContinuesTheChecksRun() {
        mlflow.addModel("bike-demand", 1);
        MlflowTriggerFactory f = factory();
        f.setModelName("bike-demand");
        Trigger t = f.build(CLOCK);

        Outcome check = send(t, TestEvents.check());
        Outcome breach = send(t, TestEvents.breach());

        assertThat(mlflow.runs()).hasSize(1);
        assertThat(breach).isEqualTo(check);
        FakeMlflow.Run run = mlflow.runs().get(0);
        assertThat(metrics(run)).hasSize(8);
        assertThat(run.metrics).hasSize(8); // not logged twice
        assertThat(run.tags).containsEntry("driftwatch.incident_id", TestEvents.INCIDENT_ID);
        assertThat(mlflow.versionTags("bike-demand", 1)).containsEntry("drift_status", "drifted");
    }

    @Test
    void aSecondSendAfterACrashBetweenStepsDoesNotCreateASecondRun() {
        mlflow.addModel("bike-demand", 2);
        MlflowTriggerFactory f = factory();
        f.setModelName("bike-demand");
        f.setBreachAlias("drifted");
        Trigger t = f.build(CLOCK);
        Payload stored = Payload.of(t.render(TestEvents.breach()).json());
        // runs/create is done but its answer is lost; later the registry fails once
        mlflow.failNext("runs/create", new FakeServer.Fault(Reply.empty(502), true));
        mlflow.failNext("model-versions/set-tag", new FakeServer.Fault(Reply.json(503, "{}"), false));

        Outcome first = t.send(stored, "incident-inc-42");
        Outcome second = t.send(stored, "incident-inc-42");
        mlflow.addModel("bike-demand", 3); // a new version appears before the third attempt
        Outcome third = t.send(stored, "incident-inc-42");
        Outcome fourth = t.send(stored, "incident-inc-42");

        assertThat(first).isInstanceOf(Outcome.Retry.class);
        assertThat(second).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) second).reason()).contains("model-versions/set-tag", "503");
        assertThat(mlflow.runs()).hasSize(1);
        FakeMlflow.Run run = mlflow.runs().get(0);
        assertThat(third).isEqualTo(new Outcome.Delivered(0, run.id));
        assertThat(fourth).isEqualTo(third);
        assertThat(run.status).isEqualTo("FINISHED");
        assertThat(run.metrics).hasSize(8);
        // the version chosen on the first attempt that got that far, not the newer one
        assertThat(mlflow.versionTags("bike-demand", 2)).containsEntry("drift_status", "drifted");
        assertThat(mlflow.versionTags("bike-demand", 3)).isEmpty();
        assertThat(mlflow.alias("bike-demand", "drifted")).isEqualTo(2);
    }

    @Test
    void aRetryAfterAFailedLogBatchLogsTheRunCompletely() {
        Trigger t = factory().build(CLOCK);
        Payload stored = Payload.of(t.render(TestEvents.wideCheck(1500)).json());
        mlflow.failNext("runs/log-batch", new FakeServer.Fault(Reply.empty(200), false)); // first batch ok
        mlflow.failNext("runs/log-batch", new FakeServer.Fault(Reply.json(500, "{}"), false));

        Outcome first = t.send(stored, "k");
        Outcome second = t.send(stored, "k");

        assertThat(first).isInstanceOf(Outcome.Retry.class);
        assertThat(second).isInstanceOf(Outcome.Delivered.class);
        assertThat(mlflow.runs()).hasSize(1);
        assertThat(mlflow.runs().get(0).tags).containsEntry("driftwatch.logged", "true");
        assertThat(metrics(mlflow.runs().get(0))).hasSize(1505);
    }

    @Test
    void failsWhenTheModelHasNoVersionOrTheAliasIsMissing() {
        mlflow.addModel("empty", 0);
        MlflowTriggerFactory f = factory();
        f.setModelName("empty");
        Outcome none = send(f.build(CLOCK), TestEvents.breach());
        assertThat(none).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) none).reason()).contains("'empty' has no versions");

        mlflow.addModel("bike-demand", 1);
        MlflowTriggerFactory g = factory();
        g.setModelName("bike-demand");
        g.setModelAlias("champion");
        Outcome missing = send(g.build(CLOCK), TestEvents.breach());
        assertThat(missing).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) missing).reason()).contains("registered-models/alias", "404");
    }

    @Test
    void sendsTheBearerTokenAndKeepsItOutOfReasons() {
        mlflow.requireAuthorization("Bearer s3cr3t-token");
        MlflowTriggerFactory f = factory();
        f.setToken("s3cr3t-token");
        assertThat(send(f.build(CLOCK), TestEvents.check())).isInstanceOf(Outcome.Delivered.class);

        // a server that echoes the credential in its error
        mlflow.failNext("runs/search", new FakeServer.Fault(Reply.json(403,
                "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"token s3cr3t-token may not read\"}"), false));
        Outcome d = send(f.build(CLOCK), TestEvents.check());
        assertThat(d).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) d).reason()).contains("403", "PERMISSION_DENIED").doesNotContain("s3cr3t");
    }

    @Test
    void rateLimitIsARetryAfterTheServersDelay() {
        mlflow.failNext("runs/search", new FakeServer.Fault(
                Reply.json(429, "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\"}").with("Retry-After", "7"), false));

        Outcome d = send(factory().build(CLOCK), TestEvents.check());

        assertThat(d).isEqualTo(new Outcome.Retry(Optional.of(Duration.ofSeconds(7)),
                "MLflow runs/search answered 429: {\"error_code\":\"REQUEST_LIMIT_EXCEEDED\"}"));
        assertThat(mlflow.runs()).isEmpty();
    }

    @Test
    void aPayloadOfAnotherTriggerFails() {
        Outcome d = factory().build(CLOCK).send(Payload.of("{\"ref\":\"main\"}"), "k");

        assertThat(d).isInstanceOf(Outcome.Failed.class);
        assertThat(mlflow.server().requests()).isEmpty();
    }

    private static Map<String, Double> metrics(FakeMlflow.Run run) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (JsonNode n : run.metrics) {
            m.put(n.path("key").asText(), n.path("value").asDouble());
        }
        return m;
    }
}
