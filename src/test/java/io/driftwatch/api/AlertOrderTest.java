package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.api.Receiving.Script;
import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PagerDuty hears of an incident in order, through the whole service: a drifting check, then a
 * clean one, while PagerDuty answers the first trigger 503 with {@code Retry-After}. The resolve
 * waits for the trigger's retry instead of overtaking it (which left the PagerDuty incident open for
 * good). A trigger PagerDuty refused for good does not hold back the resolve; retrying that trigger
 * by hand afterwards is refused, since it would open the incident again with nothing to close it.
 *
 * <p>Waits poll the deliveries API with a bound; no assertion depends on a sleep.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertOrderTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ROUTING_KEY = "R0ut1ngKeyForTheTestsOnly0000000";

    static final Script BUSY_SCRIPT = new Script(accepted());
    static final FakeServer BUSY = new FakeServer(BUSY_SCRIPT);
    static final Script STRICT_SCRIPT = new Script(accepted());
    static final FakeServer STRICT = new FakeServer(STRICT_SCRIPT);

    static final TestService SERVICE = TestService.onH2(AlertOrderTest::receivers);
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static ApiClient api;
    static String referenceId;

    /** What PagerDuty's Events API v2 answers to an event it takes. */
    private static Reply accepted() {
        return Reply.json(202, "{\"status\":\"success\",\"message\":\"Event processed\"}");
    }

    /** Two PagerDuty services on the fakes; a fast outbox; no request log. */
    private static void receivers(ObjectNode root) {
        ArrayNode channels = root.putArray("channels");
        channels.addObject().put("type", "pagerduty").put("name", "busy-oncall").put("routingKey", ROUTING_KEY)
                .put("url", BUSY.uri() + "/v2/enqueue");
        channels.addObject().put("type", "pagerduty").put("name", "strict-oncall").put("routingKey", ROUTING_KEY)
                .put("url", STRICT.uri() + "/v2/enqueue");
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
        root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders");
    }

    @BeforeAll
    static void uploadReference() throws InterruptedException {
        api = new ApiClient(APP.getLocalPort());
        referenceId = api.upload(Receiving.example("reference.csv"));
    }

    @AfterAll
    static void stopFakes() {
        BUSY.close();
        STRICT.close();
    }

    @Test
    void theResolveWaitsForItsTriggersRetryAfter() throws Exception {
        createMonitor("bike-sharing-busy", "alerts:\n  channels: [busy-oncall]\n");
        BUSY_SCRIPT.then(Reply.json(503, "{\"status\":\"unavailable\"}").with("Retry-After", "4"));

        check("bike-sharing-busy", "current.csv", true);
        check("bike-sharing-busy", "reference.csv", false);
        List<JsonNode> deliveries = awaitDone("bike-sharing-busy", 2);

        assertThat(deliveries).allSatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("delivered"));
        List<String> events = new ArrayList<>();
        for (Request r : BUSY.requests()) {
            events.add(r.json().path("event_action").asText());
        }
        assertThat(events).as("the refused trigger, the trigger after Retry-After, then the resolve")
                .containsExactly("trigger", "trigger", "resolve");
        List<Instant> at = BUSY_SCRIPT.arrivals();
        assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(3950));
        assertThat(BUSY.requests().get(2).json().path("dedup_key").asText())
                .isEqualTo(BUSY.requests().get(0).json().path("dedup_key").asText());
    }

    @Test
    void sendsTheResolveOfARefusedTriggerAndRefusesToSendThatTriggerAfterIt() throws Exception {
        createMonitor("bike-sharing-strict", "alerts:\n  channels: [strict-oncall]\n");
        STRICT_SCRIPT.then(Reply.json(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}"));

        check("bike-sharing-strict", "current.csv", true);
        check("bike-sharing-strict", "reference.csv", false);
        List<JsonNode> deliveries = awaitDone("bike-sharing-strict", 2);

        JsonNode trigger = only(deliveries, "triggered");
        JsonNode resolve = only(deliveries, "resolved");
        assertThat(trigger.path("state").asText()).isEqualTo("failed");
        assertThat(resolve.path("state").asText()).isEqualTo("delivered");
        List<Request> requests = STRICT.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).json().path("event_action").asText()).isEqualTo("trigger");
        assertThat(requests.get(1).json().path("event_action").asText()).isEqualTo("resolve");

        ApiClient.Answer retry = api.post("/api/v1/deliveries/" + trigger.path("id").asText() + "/retry",
                "application/json", "");
        assertThat(retry.status()).as(retry.body()).isEqualTo(409);
        assertThat(retry.json().path("message").asText())
                .contains("delivery " + trigger.path("id").asText() + " cannot be retried")
                .contains("channel 'strict-oncall'")
                .contains("already told that the incident is resolved (delivery " + resolve.path("id").asText() + ")")
                .doesNotContain("Exception");
        assertThat(STRICT.requests()).as("nothing sent").hasSize(2);
        for (JsonNode d : deliveries("bike-sharing-strict")) {
            if (d.path("id").asText().equals(trigger.path("id").asText())) {
                assertThat(d.path("state").asText()).isEqualTo("failed");
            }
        }
    }

    private static JsonNode only(List<JsonNode> deliveries, String event) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode d : deliveries) {
            if (d.path("event").asText().equals(event)) {
                matching.add(d);
            }
        }
        assertThat(matching).as(event + " deliveries").hasSize(1);
        return matching.get(0);
    }

    private static void createMonitor(String name, String policy) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors", "application/yaml",
                Receiving.monitorYaml(name, referenceId, policy));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    private static void check(String monitor, String file, boolean drift) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/" + monitor + "/checks", "text/csv", Receiving.example(file));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().at("/datasetDrift/detected").asBoolean()).as("dataset drift of " + file).isEqualTo(drift);
    }

    /** Waits until {@code monitor} has {@code count} deliveries, none pending; returns them. */
    private static List<JsonNode> awaitDone(String monitor, int count) throws InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        try {
            Receiving.await(count + " deliveries of " + monitor + " done with", PATIENCE, () -> {
                items.clear();
                items.addAll(deliveries(monitor));
                return items.size() == count && items.stream().noneMatch(d -> d.path("state").asText().equals("pending"));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the deliveries: " + items, e);
        }
        return items;
    }

    private static List<JsonNode> deliveries(String monitor) {
        try {
            ApiClient.Answer a = api.get("/api/v1/monitors/" + monitor + "/deliveries?limit=100");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            a.json().path("items").forEach(items::add);
            return items;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
