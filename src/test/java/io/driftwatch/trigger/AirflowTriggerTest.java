package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.data.ColumnType;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.trigger.FakeServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Airflow trigger against fake Airflow 2 and Airflow 3 servers that follow their REST contracts. */
class AirflowTriggerTest {
    private static final String RUN_ID = "driftwatch__bike-sharing__inc-42";

    private static AirflowTriggerFactory factory(FakeAirflow airflow, int version) {
        AirflowTriggerFactory f = new AirflowTriggerFactory();
        f.setName("retrain");
        f.setBaseUrl(airflow.uri());
        f.setApiVersion(version);
        f.setDagId("retrain_bikes");
        f.setUsername("driftwatch");
        f.setPassword("pa55word");
        return f;
    }

    private static Payload stored(Trigger t, RetrainEvent e) {
        return Payload.of(t.render(e).json());
    }

    @Test
    void airflow2TriggersTheDagWithBasicAuthAndTheIncidentInConf() {
        try (FakeAirflow airflow = new FakeAirflow(2, "driftwatch", "pa55word", "retrain_bikes")) {
            Trigger t = factory(airflow, 2).build();

            Outcome d = t.send(stored(t, TestEvents.breach()), "incident-inc-42");

            assertThat(d).isEqualTo(new Outcome.Delivered(200, RUN_ID));
            FakeServer.Request post = airflow.server().requests("POST", "/api/v1/dags/retrain_bikes/dagRuns").get(0);
            assertThat(post.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("driftwatch:pa55word".getBytes(StandardCharsets.UTF_8)));
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = post.json();
            assertThat(body.has("logical_date")).isFalse();
            assertThat(body.path("dag_run_id").asText()).isEqualTo(RUN_ID);
            JsonNode conf = body.path("conf");
            assertThat(conf.path("monitor").asText()).isEqualTo("bike-sharing");
            assertThat(conf.path("check_id").asText()).isEqualTo(TestEvents.CHECK_ID);
            assertThat(conf.path("incident_id").asText()).isEqualTo("inc-42");
            assertThat(conf.path("report_url").asText()).isEqualTo(TestEvents.REPORT.toString());
            assertThat(conf.path("drifted_columns").toString()).isEqualTo("[\"temp\",\"season\"]");
            assertThat(conf.path("drift_share").asDouble()).isEqualTo(2.0 / 3);
            assertThat(body.path("note").asText()).contains("inc-42", TestEvents.REPORT.toString());
            assertThat(airflow.runs()).containsOnlyKeys("retrain_bikes/" + RUN_ID);
        }
    }

    @Test
    void aRetryAfterALostResponseGets409AndIsDeliveredWithOneDagRun() {
        try (FakeAirflow airflow = new FakeAirflow(2, "driftwatch", "pa55word", "retrain_bikes")) {
            Trigger t = factory(airflow, 2).build();
            Payload p = stored(t, TestEvents.breach());
            airflow.failNextTrigger(new FakeServer.Fault(Reply.empty(504), true)); // created, answer lost

            Outcome first = t.send(p, "incident-inc-42");
            Outcome second = t.send(p, "incident-inc-42");

            assertThat(first).isInstanceOf(Outcome.Retry.class);
            assertThat(second).isEqualTo(new Outcome.Delivered(200, RUN_ID));
            assertThat(airflow.runs()).hasSize(1);
            assertThat(airflow.server().requests("POST", "/api/v1/dags/retrain_bikes/dagRuns")).hasSize(2);
            assertThat(airflow.server().requests("GET", "/api/v1/dags/retrain_bikes/dagRuns/" + RUN_ID)).hasSize(1);
        }
    }

    @Test
    void aConflictOnTheLogicalDateIsARetryNotADelivery() {
        try (FakeAirflow airflow = new FakeAirflow(2, "driftwatch", "pa55word", "retrain_bikes")) {
            Trigger t = factory(airflow, 2).build();
            Payload p = stored(t, TestEvents.breach());
            airflow.takeLogicalDate();

            Outcome first = t.send(p, "k");
            Outcome second = t.send(p, "k");

            assertThat(first).isInstanceOf(Outcome.Retry.class);
            assertThat(((Outcome.Retry) first).reason()).contains("409", "logical date");
            assertThat(second).isEqualTo(new Outcome.Delivered(200, RUN_ID));
            assertThat(airflow.runs()).hasSize(1);
        }
    }

    @Test
    void airflow3GetsATokenAndSendsANullLogicalDate() {
        try (FakeAirflow airflow = new FakeAirflow(3, "driftwatch", "pa55word", "retrain_bikes")) {
            Trigger t = factory(airflow, 3).build();

            Outcome d = t.send(stored(t, TestEvents.breach()), "k");

            assertThat(d).isEqualTo(new Outcome.Delivered(200, RUN_ID));
            JsonNode login = airflow.server().requests("POST", "/auth/token").get(0).json();
            assertThat(login.path("username").asText()).isEqualTo("driftwatch");
            assertThat(login.path("password").asText()).isEqualTo("pa55word");
            FakeServer.Request post = airflow.server().requests("POST", "/api/v2/dags/retrain_bikes/dagRuns").get(0);
            assertThat(post.header("Authorization")).isEqualTo("Bearer jwt-1");
            assertThat(post.json().has("logical_date")).isTrue();
            assertThat(post.json().get("logical_date").isNull()).isTrue();
            assertThat(airflow.runs().get("retrain_bikes/" + RUN_ID).path("conf").path("incident_id").asText())
                    .isEqualTo("inc-42");
        }
    }

    @Test
    void airflow3ReusesItsTokenAndRefreshesItOnceWhenItExpires() {
        try (FakeAirflow airflow = new FakeAirflow(3, "driftwatch", "pa55word", "retrain_bikes")) {
            Trigger t = factory(airflow, 3).build();

            t.send(stored(t, TestEvents.breach()), "a");
            t.send(stored(t, TestEvents.check()), "b");
            assertThat(airflow.tokensIssued()).isEqualTo(1);

            airflow.expireTokens();
            Outcome afterExpiry = t.send(stored(t, breach("inc-43")), "c");

            assertThat(afterExpiry).isEqualTo(new Outcome.Delivered(200, "driftwatch__bike-sharing__inc-43"));
            assertThat(airflow.tokensIssued()).isEqualTo(2);
            assertThat(airflow.runs()).hasSize(3);
        }
    }

    @Test
    void airflow3RetryAfterALostResponseIsDeliveredWithOneDagRun() {
        try (FakeAirflow airflow = new FakeAirflow(3, "driftwatch", "pa55word", "retrain_bikes")) {
            Trigger t = factory(airflow, 3).build();
            Payload p = stored(t, TestEvents.breach());
            airflow.failNextTrigger(new FakeServer.Fault(Reply.empty(502), true));

            assertThat(t.send(p, "k")).isInstanceOf(Outcome.Retry.class);
            assertThat(t.send(p, "k")).isEqualTo(new Outcome.Delivered(200, RUN_ID));
            assertThat(airflow.runs()).hasSize(1);
        }
    }

    @Test
    void aPayloadRenderedForAirflow2IsSentToAirflow3WithALogicalDate() {
        try (FakeAirflow v2 = new FakeAirflow(2, "driftwatch", "pa55word", "retrain_bikes");
                FakeAirflow v3 = new FakeAirflow(3, "driftwatch", "pa55word", "retrain_bikes")) {
            Payload renderedForV2 = stored(factory(v2, 2).build(), TestEvents.breach());

            Outcome d = factory(v3, 3).build().send(renderedForV2, "k");

            assertThat(d).isEqualTo(new Outcome.Delivered(200, RUN_ID));
        }
    }

    @Test
    void refusedCredentialsFailWithoutTheSecret() {
        try (FakeAirflow airflow = new FakeAirflow(3, "driftwatch", "other", "retrain_bikes")) {
            Trigger t = factory(airflow, 3).build();

            Outcome d = t.send(stored(t, TestEvents.breach()), "k");

            assertThat(d).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) d).reason()).contains("/auth/token", "401").doesNotContain("pa55word");
        }
        try (FakeAirflow airflow = new FakeAirflow(2, "driftwatch", "other", "retrain_bikes")) {
            Trigger t = factory(airflow, 2).build();
            Outcome d = t.send(stored(t, TestEvents.breach()), "k");
            assertThat(d).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) d).reason()).contains("401");
        }
    }

    @Test
    void aReceiverThatEchoesTheCredentialsDoesNotLeakThemIntoTheReason() {
        String basic = Base64.getEncoder().encodeToString("driftwatch:pa55word".getBytes(StandardCharsets.UTF_8));
        try (FakeServer echo = new FakeServer(r -> Reply.json(400,
                "{\"detail\":\"bad request from " + r.header("Authorization") + " pa55word\"}"))) {
            AirflowTriggerFactory f = new AirflowTriggerFactory();
            f.setName("retrain");
            f.setBaseUrl(echo.uri());
            f.setDagId("retrain_bikes");
            f.setUsername("driftwatch");
            f.setPassword("pa55word");
            Trigger t = f.build();

            Outcome d = t.send(stored(t, TestEvents.breach()), "k");

            assertThat(d).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) d).reason()).contains("400", "***").doesNotContain("pa55word")
                    .doesNotContain(basic);
        }
    }

    @Test
    void serverErrorsAreRetriesAndAMissingDagIsAFailure() {
        try (FakeAirflow airflow = new FakeAirflow(2, "driftwatch", "pa55word", "retrain_bikes")) {
            Trigger t = factory(airflow, 2).build();
            airflow.failNextTrigger(new FakeServer.Fault(Reply.json(503, "{}").with("Retry-After", "30"), false));
            assertThat(t.send(stored(t, TestEvents.breach()), "k"))
                    .isEqualTo(new Outcome.Retry(Optional.of(Duration.ofSeconds(30)),
                            "Airflow POST /api/v1/dags/retrain_bikes/dagRuns answered 503: {}"));

            AirflowTriggerFactory other = factory(airflow, 2);
            other.setDagId("no_such_dag");
            Trigger missing = other.build();
            Outcome d = missing.send(stored(missing, TestEvents.breach()), "k");
            assertThat(d).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) d).reason()).contains("404", "no_such_dag");
        }
    }

    @Test
    void aHungAirflowIsARetryAfterTheRequestTimeout() {
        try (FakeAirflow airflow = new FakeAirflow(2, "driftwatch", "pa55word", "retrain_bikes")) {
            airflow.server().hang();
            AirflowTriggerFactory f = factory(airflow, 2);
            f.setRequestTimeout(io.dropwizard.util.Duration.milliseconds(200));
            Trigger t = f.build(Clock.systemUTC());

            Outcome d = t.send(stored(t, TestEvents.breach()), "k");

            assertThat(d).isInstanceOf(Outcome.Retry.class);
            assertThat(((Outcome.Retry) d).reason()).contains("no answer within 200 ms");
        }
    }

    @Test
    void runIdsAreDerivedFromTheIncidentAndOnlyUseCharactersAirflowAllows() {
        assertThat(AirflowTrigger.runId(TestEvents.breach())).isEqualTo(RUN_ID);
        assertThat(AirflowTrigger.runId(TestEvents.check()))
                .isEqualTo("driftwatch__bike-sharing__check__" + TestEvents.CHECK_ID);
        String odd = AirflowTrigger.runId(breach("incident/7 ü"));
        String other = AirflowTrigger.runId(breach("incident_7 ü"));
        assertThat(odd).matches("[A-Za-z0-9_.~:+-]+").startsWith("driftwatch__bike-sharing__incident_7__")
                .isNotEqualTo(other);
        String longOne = AirflowTrigger.runId(breach("x".repeat(400)));
        assertThat(longOne).hasSizeLessThanOrEqualTo(250).matches("[A-Za-z0-9_.~:+-]+");
    }

    private static RetrainEvent breach(String incident) {
        return new RetrainEvent(RetrainEvent.Kind.BREACH, "bike-sharing", incident, TestEvents.CHECK_ID,
                TestEvents.AT, new DatasetDrift(true, 1, 0.5, 1, 1, 0),
                List.of(new RetrainEvent.Column("temp", ColumnType.NUMERICAL, "ks", 0.0, 0.05, true)),
                TestEvents.REPORT, null);
    }
}
