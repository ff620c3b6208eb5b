package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PagerDuty channel against a local fake of the Events API v2: trigger and resolve events with
 * a stable dedup key per incident, the routing key added only when sending, and the API's limits.
 */
class PagerDutyChannelTest {
    private static final String ACCEPTED =
            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"driftwatch/bike-sharing/inc-42\"}";
    private final FakeReceiver pagerDuty = new FakeReceiver().answering(202, Map.of("Content-Type", "application/json"),
            ACCEPTED);
    private final Channel channel = Channels.pagerDuty(pagerDuty.url("/v2/enqueue")).build(Channels.CLOCK);

    @AfterEach
    void close() {
        pagerDuty.close();
    }

    @Test
    void triggersAnAlertWithTheRoutingKeyAddedAtSendTime() {
        Payload payload = channel.render(Alerts.triggered());

        Outcome delivery = channel.send(payload, "dlv-1");

        assertThat(delivery).isEqualTo(new Outcome.Delivered(202));
        FakeReceiver.Request request = pagerDuty.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/enqueue");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode sent = Channels.tree(request.body());
        assertThat(sent.fieldNames().next()).isEqualTo("routing_key");
        assertThat(sent.get("routing_key").asText()).isEqualTo(Channels.ROUTING_KEY);
        assertThat(sent.get("event_action").asText()).isEqualTo("trigger");
        assertThat(payload.json()).doesNotContain(Channels.ROUTING_KEY, "routing_key");
    }

    @Test
    void rendersATriggerEventWithSummarySourceSeverityDetailsAndLinks() {
        JsonNode event = Channels.tree(channel.render(Alerts.triggered()).json());

        assertThat(event).isEqualTo(Channels.tree("""
                {"event_action": "trigger",
                 "dedup_key": "driftwatch/bike-sharing/inc-42",
                 "payload": {
                  "summary": "Data drift detected: bike-sharing. 7 of 12 columns drifted (share 0.58, threshold 0.50).",
                  "source": "driftwatch/bike-sharing",
                  "severity": "error",
                  "timestamp": "2024-05-01T12:00:00Z",
                  "component": "bike-sharing",
                  "group": "driftwatch",
                  "class": "data drift",
                  "custom_details": {
                   "monitor": "bike-sharing", "incident": "inc-42", "check": "chk-7",
                   "drift share": 0.5833333333333334, "drift share threshold": 0.5,
                   "drifted columns": 7, "tested columns": 12,
                   "top drifted columns": ["temp: ks, p-value 1.20e-09 (threshold 0.05)",
                     "season: chisquare, p-value 3.40e-05 (threshold 0.05)",
                     "hum: wasserstein, distance 0.31 (threshold 0.1)"]}},
                 "client": "Driftwatch",
                 "client_url": "https://driftwatch.example.com/monitors/bike-sharing",
                 "links": [
                  {"href": "https://driftwatch.example.com/api/v1/checks/chk-7/report", "text": "Open report"},
                  {"href": "https://driftwatch.example.com/monitors/bike-sharing", "text": "Open dashboard"}]}
                """));
    }

    @Test
    void resolvesWithOnlyTheRoutingKeyTheSameDedupKeyAndTheAction() {
        channel.send(channel.render(Alerts.triggered()), "dlv-1");
        channel.send(channel.render(Alerts.resolved()), "dlv-2");

        List<FakeReceiver.Request> requests = pagerDuty.requests();
        JsonNode trigger = Channels.tree(requests.get(0).body());
        JsonNode resolve = Channels.tree(requests.get(1).body());
        List<String> fields = new ArrayList<>();
        resolve.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("routing_key", "event_action", "dedup_key");
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key")).isEqualTo(trigger.get("dedup_key"));
    }

    @Test
    void keepsOneDedupKeyPerIncidentAcrossChecks() {
        AlertEvent again = new AlertEvent(AlertEvent.Kind.TRIGGERED, "bike-sharing", "inc-42", "chk-8",
                Alerts.AT.plusSeconds(600), AlertEvent.Findings.drift(Alerts.DRIFT, Alerts.TOP), Alerts.REPORT, Alerts.DASHBOARD);
        AlertEvent other = new AlertEvent(AlertEvent.Kind.TRIGGERED, "bike-sharing", "inc-43", "chk-7",
                Alerts.AT, AlertEvent.Findings.drift(Alerts.DRIFT, Alerts.TOP), Alerts.REPORT, Alerts.DASHBOARD);

        String key = Channels.tree(channel.render(Alerts.triggered()).json()).get("dedup_key").asText();

        assertThat(Channels.tree(channel.render(again).json()).get("dedup_key").asText()).isEqualTo(key);
        assertThat(Channels.tree(channel.render(other).json()).get("dedup_key").asText()).isNotEqualTo(key);
    }

    @Test
    void hashesADedupKeyThatWouldExceed255Characters() {
        AlertEvent long1 = new AlertEvent(AlertEvent.Kind.TRIGGERED, "m".repeat(100), "i".repeat(200), "c",
                Alerts.AT, AlertEvent.Findings.drift(Alerts.DRIFT, List.of()), null, Alerts.DASHBOARD);
        AlertEvent long2 = new AlertEvent(AlertEvent.Kind.RESOLVED, "m".repeat(100), "i".repeat(200), "d",
                Alerts.AT, AlertEvent.Findings.drift(Alerts.DRIFT, List.of()), null, Alerts.DASHBOARD);

        String key = Channels.tree(channel.render(long1).json()).get("dedup_key").asText();

        assertThat(key).hasSizeLessThanOrEqualTo(255).startsWith("driftwatch/sha256:");
        assertThat(Channels.tree(channel.render(long2).json()).get("dedup_key").asText()).isEqualTo(key);
    }

    @Test
    void cutsTheSummaryTo1024Characters() {
        JsonNode event = Channels.tree(channel.render(Alerts.failed("x".repeat(5000))).json());

        String summary = event.at("/payload/summary").asText();
        assertThat(summary).hasSizeLessThanOrEqualTo(1024).startsWith("Check failed: bike-sharing. The check could");
        assertThat(event.at("/payload/class").asText()).isEqualTo("check failed");
        assertThat(event.at("/payload/custom_details/check error").asText()).hasSizeLessThanOrEqualTo(500);
    }

    @Test
    void sendsATestAsAnInfoTrigger() {
        JsonNode event = Channels.tree(channel.render(AlertEvent.test("bike-sharing", Alerts.AT, Alerts.DASHBOARD))
                .json());

        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("info");
        assertThat(event.at("/payload/summary").asText()).startsWith("Test alert: bike-sharing.");
        assertThat(event.get("dedup_key").asText()).isEqualTo("driftwatch/bike-sharing/test-1714564800");
    }

    @Test
    void usesTheConfiguredSeverity() {
        PagerDutyChannelFactory factory = Channels.pagerDuty(pagerDuty.url("/v2/enqueue"));
        factory.setSeverity(PagerDutyChannelFactory.Severity.CRITICAL);

        JsonNode event = Channels.tree(factory.build(Channels.CLOCK).render(Alerts.triggered()).json());

        assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
    }

    @Test
    void failsForGoodOnA400WithoutRepeatingTheRoutingKey() {
        pagerDuty.answering(400, Map.of("Content-Type", "application/json"),
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'routing_key' "
                        + Channels.ROUTING_KEY + " is invalid\"]}");

        Outcome delivery = channel.send(channel.render(Alerts.triggered()), "dlv-1");

        assertThat(delivery).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) delivery).status()).isEqualTo(400);
        assertThat(delivery.reason()).startsWith("HTTP 400: ").contains("invalid event", "***")
                .doesNotContain(Channels.ROUTING_KEY);
    }

    @Test
    void failsForGoodOnAStoredPayloadThatIsNotAJsonObject() {
        Outcome delivery = channel.send(new Payload("[1,2]"), "dlv-1");

        assertThat(delivery).isEqualTo(new Outcome.Failed(0, "the stored payload is not a JSON object"));
        assertThat(pagerDuty.requests()).isEmpty();
    }

    @Test
    void defaultsToPagerDutysEventsEndpointAndErrorSeverity() {
        PagerDutyChannelFactory factory = new PagerDutyChannelFactory();

        assertThat(factory.getUrl()).hasToString("https://events.pagerduty.com/v2/enqueue");
        assertThat(factory.getSeverity()).isEqualTo(PagerDutyChannelFactory.Severity.ERROR);
    }

    @Test
    void neverShowsTheRoutingKeyInToString() {
        PagerDutyChannelFactory factory = Channels.pagerDuty(pagerDuty.url("/v2/enqueue"));

        assertThat(factory.toString()).doesNotContain(Channels.ROUTING_KEY);
        assertThat(factory.build().toString()).doesNotContain(Channels.ROUTING_KEY);
    }

    @Test
    void aDataQualityIncidentListsTheFailuresInTheDetails() {
        JsonNode event = Channels.tree(channel.render(Alerts.dataQuality()).json());

        assertThat(event.at("/payload/summary").asText()).startsWith("Data quality failed: bike-sharing.");
        JsonNode failures = event.at("/payload/custom_details/data quality");
        assertThat(failures).hasSize(3);
        assertThat(failures.get(0).asText()).startsWith("'hum': became_empty");
    }

    @Test
    void aModelQualityIncidentSaysSoInItsSummaryClassAndDetails() {
        JsonNode event = Channels.tree(channel.render(Alerts.modelQuality()).json());

        assertThat(event.at("/payload/summary").asText()).startsWith("Model degraded and data drift detected:"
                + " bike-sharing. Model quality: accuracy 0.91 → 0.62, below 0.8 (and 2 more findings).");
        assertThat(event.at("/payload/class").asText()).isEqualTo("model quality");
        JsonNode lines = event.at("/payload/custom_details/model quality");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).asText()).isEqualTo("f1_score 0.712 → 0.618 (degraded; tolerated 0.0356)");
        assertThat(Channels.tree(channel.render(Alerts.dataQuality()).json()).at("/payload/class").asText())
                .isEqualTo("data quality");
    }
}
