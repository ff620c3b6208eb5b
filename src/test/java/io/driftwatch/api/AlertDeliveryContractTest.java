package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.api.Receiving.Script;
import io.driftwatch.trigger.FakeAirflow;
import io.driftwatch.trigger.FakeMlflow;
import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole way from a check to the receivers: the service (the shipped config.yml with channels and
 * triggers added) records checks of the bike-sharing example, the monitor's policy opens, updates
 * and closes incidents, and the outbox worker delivers to local fakes of Slack, Teams, PagerDuty, a
 * signed webhook, MLflow and Airflow 3 that follow those services' contracts. Each receiver's
 * requests are counted: one per event, none for a check that only updates an open incident.
 * Also: a 429's {@code Retry-After} delays the next attempt, and a 400 fails the delivery until it is
 * retried by hand through the API.
 *
 * <p>Waits poll the deliveries API with a bound; no assertion depends on a sleep.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertDeliveryContractTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PUBLIC_URL = "https://driftwatch.example.com/";
    private static final byte[] WEBHOOK_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(WEBHOOK_KEY);
    private static final String ROUTING_KEY = "R0ut1ngKeyForTheTestsOnly0000000";

    static final FakeServer SLACK = new FakeServer(new Script(new Reply(200, Map.of("Content-Type", "text/plain"), "ok")));
    static final FakeServer TEAMS = new FakeServer(new Script(Reply.empty(202)));
    static final FakeServer PAGERDUTY = new FakeServer(request -> Reply.json(202, "{\"status\":\"success\","
            + "\"message\":\"Event processed\",\"dedup_key\":" + request.json().path("dedup_key") + "}"));
    static final FakeServer WEBHOOK = new FakeServer(new Script(Reply.empty(204)));
    static final Script FLAKY_SCRIPT = new Script(Reply.empty(200));
    static final FakeServer FLAKY = new FakeServer(FLAKY_SCRIPT);
    static final Script STRICT_SCRIPT = new Script(Reply.empty(200));
    static final FakeServer STRICT = new FakeServer(STRICT_SCRIPT);
    static final FakeMlflow MLFLOW = new FakeMlflow();
    static final FakeAirflow AIRFLOW = new FakeAirflow(3, "driftwatch", "airflow-pass", "retrain_bike_model");

    static final TestService SERVICE = TestService.onH2(AlertDeliveryContractTest::receivers);
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static ApiClient api;
    static String referenceId;

    /** Four channels and two triggers on the fakes; a fast outbox; no request log. */
    private static void receivers(ObjectNode root) {
        root.put("publicUrl", PUBLIC_URL);
        ArrayNode channels = root.putArray("channels");
        channels.addObject().put("type", "slack").put("name", "ops-slack")
                .put("url", SLACK.uri() + "/services/T000/B000/XXXX");
        channels.addObject().put("type", "teams").put("name", "ml-teams")
                .put("url", TEAMS.uri() + "/workflows/abc/triggers/manual/paths/invoke?sig=xyz");
        channels.addObject().put("type", "pagerduty").put("name", "ml-oncall").put("routingKey", ROUTING_KEY)
                .put("url", PAGERDUTY.uri() + "/v2/enqueue");
        channels.addObject().put("type", "webhook").put("name", "data-platform")
                .put("url", WEBHOOK.uri() + "/driftwatch").put("secret", WEBHOOK_SECRET);
        channels.addObject().put("type", "webhook").put("name", "flaky-hook")
                .put("url", FLAKY.uri() + "/hook").put("secret", WEBHOOK_SECRET);
        channels.addObject().put("type", "webhook").put("name", "strict-hook")
                .put("url", STRICT.uri() + "/hook").put("secret", WEBHOOK_SECRET);
        ArrayNode triggers = root.putArray("triggers");
        triggers.addObject().put("type", "mlflow").put("name", "mlflow").put("trackingUri", MLFLOW.uri().toString())
                .put("modelName", "bike-demand").put("breachAlias", "drifted");
        triggers.addObject().put("type", "airflow").put("name", "retrain-bikes")
                .put("baseUrl", AIRFLOW.uri().toString()).put("apiVersion", 3).put("dagId", "retrain_bike_model")
                .put("username", "driftwatch").put("password", "airflow-pass");
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
        root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders");
    }

    @BeforeAll
    static void uploadReference() throws InterruptedException {
        api = new ApiClient(APP.getLocalPort());
        MLFLOW.addModel("bike-demand", 3);
        referenceId = api.upload(Receiving.example("reference.csv"));
    }

    @AfterAll
    static void stopFakes() {
        for (FakeServer fake : List.of(SLACK, TEAMS, PAGERDUTY, WEBHOOK, FLAKY, STRICT)) {
            fake.close();
        }
        MLFLOW.close();
        AIRFLOW.close();
    }

    @Test
    void alertsEveryReceiverOncePerIncidentAndResolvesIt() throws Exception {
        createMonitor("bike-sharing", """
                alerts:
                  channels: [ops-slack, ml-teams, ml-oncall, data-platform]
                retrain:
                  triggers: [mlflow, retrain-bikes]
                """);

        // 1. A drifting check opens an incident: every receiver hears of it once.
        String first = check("bike-sharing", "current.csv", true);
        List<JsonNode> deliveries = awaitDelivered("bike-sharing", 7);
        String incident = incidentOf(deliveries, first);

        JsonNode slack = only(SLACK).json();
        assertThat(slack.path("text").asText()).startsWith("Data drift detected: bike-sharing.");
        assertThat(slack.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("Data drift detected: bike-sharing");
        assertThat(slack.at("/blocks/1/type").asText()).isEqualTo("section");
        assertThat(slack.at("/blocks/1/fields").toString()).contains("*Check*\\n" + first);
        JsonNode actions = slack.path("blocks").get(slack.path("blocks").size() - 1);
        assertThat(actions.path("type").asText()).isEqualTo("actions");
        assertThat(actions.at("/elements/0/url").asText()).isEqualTo(reportUrl(first));
        assertThat(actions.at("/elements/1/url").asText()).isEqualTo(PUBLIC_URL + "monitors/bike-sharing");

        Request teamsRequest = only(TEAMS);
        assertThat(teamsRequest.rawPath()).isEqualTo("/workflows/abc/triggers/manual/paths/invoke");
        JsonNode teams = teamsRequest.json();
        assertThat(teams.path("type").asText()).isEqualTo("message");
        assertThat(teams.path("attachments")).hasSize(1);
        assertThat(teams.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = teams.at("/attachments/0/content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.at("/body/0/text").asText()).isEqualTo("Data drift detected: bike-sharing");
        assertThat(card.at("/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo(reportUrl(first));

        JsonNode page = only(PAGERDUTY).json();
        String dedupKey = "driftwatch/bike-sharing/" + incident;
        assertThat(page.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(page.path("event_action").asText()).isEqualTo("trigger");
        assertThat(page.path("dedup_key").asText()).isEqualTo(dedupKey);
        assertThat(page.at("/payload/severity").asText()).isEqualTo("error");
        assertThat(page.at("/payload/source").asText()).isEqualTo("driftwatch/bike-sharing");
        assertThat(page.at("/payload/custom_details/check").asText()).isEqualTo(first);

        Request hook = only(WEBHOOK);
        assertSigned(hook);
        assertThat(hook.json().path("type").asText()).isEqualTo("driftwatch.incident.triggered");
        assertThat(hook.json().at("/data/incidentId").asText()).isEqualTo(incident);
        assertThat(hook.json().at("/data/checkId").asText()).isEqualTo(first);
        assertThat(hook.json().at("/data/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(hook.json().at("/data/links/report").asText()).isEqualTo(reportUrl(first));

        assertThat(MLFLOW.runs()).hasSize(1);
        FakeMlflow.Run run = MLFLOW.runs().get(0);
        assertThat(run.tags).containsEntry("driftwatch.check_id", first).containsEntry("driftwatch.verdict", "drifted")
                .containsEntry("driftwatch.incident_id", incident).containsEntry("driftwatch.model_version", "3");
        assertThat(run.status).isEqualTo("FINISHED");
        assertThat(MLFLOW.versionTags("bike-demand", 3)).containsEntry("drift_status", "drifted")
                .containsEntry("drift_check", first).containsEntry("drift_incident", incident)
                .containsEntry("drift_report", reportUrl(first));
        assertThat(MLFLOW.alias("bike-demand", "drifted")).isEqualTo(3);
        assertThat(MLFLOW.server().requests("POST", "/api/2.0/mlflow/model-versions/set-tag")).hasSize(4);
        assertThat(MLFLOW.server().requests("POST", "/api/2.0/mlflow/registered-models/alias")).hasSize(1);
        assertThat(MLFLOW.logBatchErrors()).isEmpty();

        assertThat(AIRFLOW.runs()).hasSize(1);
        JsonNode dagRun = AIRFLOW.runs().values().iterator().next();
        assertThat(dagRun.path("dag_run_id").asText()).isEqualTo("driftwatch__bike-sharing__" + incident);
        assertThat(dagRun.at("/conf/monitor").asText()).isEqualTo("bike-sharing");
        assertThat(dagRun.at("/conf/check_id").asText()).isEqualTo(first);
        assertThat(dagRun.at("/conf/incident_id").asText()).isEqualTo(incident);
        assertThat(dagRun.at("/conf/report_url").asText()).isEqualTo(reportUrl(first));
        assertThat(dagRun.at("/conf/kind").asText()).isEqualTo("breach");

        // 2. Another drifting check only updates the incident: an MLflow run for the check, nothing else.
        String second = check("bike-sharing", "current.csv", true);
        awaitDelivered("bike-sharing", 8);
        assertThat(SLACK.requests()).hasSize(1);
        assertThat(TEAMS.requests()).hasSize(1);
        assertThat(PAGERDUTY.requests()).hasSize(1);
        assertThat(WEBHOOK.requests()).hasSize(1);
        assertThat(AIRFLOW.runs()).hasSize(1);
        assertThat(MLFLOW.runs()).hasSize(2);
        FakeMlflow.Run secondRun = runOf(second);
        assertThat(secondRun.tags).containsEntry("driftwatch.verdict", "drifted")
                .doesNotContainKey("driftwatch.incident_id");
        assertThat(MLFLOW.versionTags("bike-demand", 3)).containsEntry("drift_check", first);
        assertThat(MLFLOW.server().requests("POST", "/api/2.0/mlflow/model-versions/set-tag")).hasSize(4);
        assertThat(MLFLOW.server().requests("POST", "/api/2.0/mlflow/registered-models/alias")).hasSize(1);

        // 3. A clean check closes it: one PagerDuty resolve under the same dedup_key, "resolved" in chat.
        String clean = check("bike-sharing", "reference.csv", false);
        awaitDelivered("bike-sharing", 13);
        assertThat(PAGERDUTY.requests()).hasSize(2);
        JsonNode resolve = PAGERDUTY.requests().get(1).json();
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(dedupKey);
        assertThat(resolve.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(SLACK.requests()).hasSize(2);
        assertThat(SLACK.requests().get(1).json().at("/blocks/0/text/text").asText())
                .isEqualTo("Data drift resolved: bike-sharing");
        assertThat(TEAMS.requests()).hasSize(2);
        assertThat(TEAMS.requests().get(1).json().at("/attachments/0/content/body/0/text").asText())
                .isEqualTo("Data drift resolved: bike-sharing");
        assertThat(WEBHOOK.requests()).hasSize(2);
        Request resolved = WEBHOOK.requests().get(1);
        assertSigned(resolved);
        assertThat(resolved.json().path("type").asText()).isEqualTo("driftwatch.incident.resolved");
        assertThat(resolved.json().at("/data/incidentId").asText()).isEqualTo(incident);
        assertThat(resolved.json().at("/data/checkId").asText()).isEqualTo(clean);
        assertThat(resolved.header("webhook-id")).isNotEqualTo(hook.header("webhook-id"));
        assertThat(AIRFLOW.runs()).hasSize(1);
        assertThat(runOf(clean).tags).containsEntry("driftwatch.verdict", "not_drifted");

        // 4. Drift again after the close: a new incident, alerted anew.
        String again = check("bike-sharing", "current.csv", true);
        List<JsonNode> all = awaitDelivered("bike-sharing", 20);
        String nextIncident = incidentOf(all, again);
        assertThat(nextIncident).isNotEqualTo(incident);
        assertThat(SLACK.requests()).hasSize(3);
        assertThat(TEAMS.requests()).hasSize(3);
        assertThat(WEBHOOK.requests()).hasSize(3);
        assertThat(PAGERDUTY.requests()).hasSize(3);
        JsonNode page2 = PAGERDUTY.requests().get(2).json();
        assertThat(page2.path("event_action").asText()).isEqualTo("trigger");
        assertThat(page2.path("dedup_key").asText()).isEqualTo("driftwatch/bike-sharing/" + nextIncident);
        assertThat(AIRFLOW.runs()).hasSize(2).containsKey("retrain_bike_model/driftwatch__bike-sharing__"
                + nextIncident);
        assertThat(MLFLOW.runs()).hasSize(4);
        assertThat(MLFLOW.versionTags("bike-demand", 3)).containsEntry("drift_check", again)
                .containsEntry("drift_incident", nextIncident);

        Set<String> webhookIds = new HashSet<>();
        for (Request r : WEBHOOK.requests()) {
            assertSigned(r);
            webhookIds.add(r.header("webhook-id"));
        }
        assertThat(webhookIds).as("one webhook-id per event").hasSize(3);
    }

    @Test
    void waitsForRetryAfterBeforeTheNextAttempt() throws Exception {
        createMonitor("bike-sharing-flaky", "alerts:\n  channels: [flaky-hook]\n");
        FLAKY_SCRIPT.then(Reply.json(429, "{\"error\":\"slow down\"}").with("Retry-After", "2"));
        check("bike-sharing-flaky", "current.csv", true);
        List<JsonNode> deliveries = awaitDelivered("bike-sharing-flaky", 1);

        assertThat(deliveries.get(0).path("attempts").asInt()).isEqualTo(2);
        List<Request> requests = FLAKY.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        assertSigned(requests.get(1));
        List<java.time.Instant> at = FLAKY_SCRIPT.arrivals();
        // Without Retry-After the back-off (200 ms doubling, at most 1 s) would retry within about a second.
        assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    }

    @Test
    void failsOnA400AndSendsAgainWhenRetriedByHand() throws Exception {
        createMonitor("bike-sharing-strict", "alerts:\n  channels: [strict-hook]\n");
        STRICT_SCRIPT.then(Reply.json(400, "{\"error\":\"unknown event type\"}"));
        check("bike-sharing-strict", "current.csv", true);

        List<JsonNode> failed = new ArrayList<>();
        Receiving.await("a failed delivery of bike-sharing-strict", PATIENCE, () -> {
            failed.clear();
            for (JsonNode d : get("/api/v1/deliveries?state=failed").path("items")) {
                if (d.path("monitorId").asText().equals("bike-sharing-strict")) {
                    failed.add(d);
                }
            }
            return !failed.isEmpty();
        });
        assertThat(failed).hasSize(1);
        JsonNode delivery = failed.get(0);
        assertThat(delivery.path("target").asText()).isEqualTo("strict-hook");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.path("lastError").asText()).contains("400");
        assertThat(STRICT.requests()).hasSize(1);

        ApiClient.Answer retry = api.post("/api/v1/deliveries/" + delivery.path("id").asText() + "/retry",
                "application/json", "");
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().path("state").asText()).isEqualTo("pending");
        List<JsonNode> delivered = awaitDelivered("bike-sharing-strict", 1);
        assertThat(delivered.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(STRICT.requests()).hasSize(2);
        assertThat(STRICT.requests().get(1).header("webhook-id")).isEqualTo(STRICT.requests().get(0).header("webhook-id"));
        assertSigned(STRICT.requests().get(1));
        for (JsonNode d : get("/api/v1/deliveries?state=failed").path("items")) {
            assertThat(d.path("id").asText()).isNotEqualTo(delivery.path("id").asText());
        }
        ApiClient.Answer again = api.post("/api/v1/deliveries/" + delivery.path("id").asText() + "/retry",
                "application/json", "");
        assertThat(again.status()).as("only a failed delivery can be retried").isEqualTo(409);
    }

    private static void createMonitor(String name, String policy) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors", "application/yaml",
                Receiving.monitorYaml(name, referenceId, policy));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    /** Posts the example's {@code file} as a check of {@code monitor}; returns the check's id. */
    private static String check(String monitor, String file, boolean drift) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/" + monitor + "/checks", "text/csv", Receiving.example(file));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().at("/datasetDrift/detected").asBoolean()).as("dataset drift of " + file).isEqualTo(drift);
        return a.json().path("id").asText();
    }

    /** Waits until {@code monitor} has {@code count} deliveries, all delivered; returns them. */
    private static List<JsonNode> awaitDelivered(String monitor, int count) throws InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        try {
            Receiving.await(count + " delivered deliveries of " + monitor, PATIENCE, () -> {
                items.clear();
                get("/api/v1/monitors/" + monitor + "/deliveries?limit=100").path("items").forEach(items::add);
                return items.size() == count && items.stream().allMatch(d -> d.path("state").asText().equals("delivered"));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the deliveries: " + items, e);
        }
        assertThat(items).as("no more deliveries than expected").hasSize(count);
        return items;
    }

    private static JsonNode get(String path) {
        try {
            ApiClient.Answer a = api.get(path);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            return a.json();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The incident that check {@code checkId} opened, from its "triggered" deliveries. */
    private static String incidentOf(List<JsonNode> deliveries, String checkId) {
        Set<String> incidents = new HashSet<>();
        for (JsonNode d : deliveries) {
            if (d.path("checkId").asText().equals(checkId) && d.path("event").asText().equals("triggered")) {
                incidents.add(d.path("incidentId").asText());
            }
        }
        assertThat(incidents).as("one incident opened by " + checkId).hasSize(1);
        return incidents.iterator().next();
    }

    private static FakeMlflow.Run runOf(String checkId) {
        List<FakeMlflow.Run> runs = new ArrayList<>();
        for (FakeMlflow.Run r : MLFLOW.runs()) {
            if (checkId.equals(r.tags.get("driftwatch.check_id"))) {
                runs.add(r);
            }
        }
        assertThat(runs).as("one MLflow run for check " + checkId).hasSize(1);
        return runs.get(0);
    }

    private static Request only(FakeServer server) {
        assertThat(server.requests()).hasSize(1);
        return server.requests().get(0);
    }

    private static String reportUrl(String checkId) {
        return PUBLIC_URL + "api/v1/checks/" + checkId + "/report";
    }

    /** Verifies the Standard Webhooks signature as a receiver would, with the JDK's HMAC only. */
    static void assertSigned(Request r) {
        String id = r.header("webhook-id");
        String timestamp = r.header("webhook-timestamp");
        assertThat(id).isNotBlank();
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000,
                org.assertj.core.data.Offset.offset(300L));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_KEY, "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(List.of(r.header("webhook-signature").split(" "))).contains(expected);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
