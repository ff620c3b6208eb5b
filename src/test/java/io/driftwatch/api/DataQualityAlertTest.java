package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.api.Receiving.Script;
import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A policy that alerts on data quality alone ({@code alerts: {when: {integrity: true}}}), end to end:
 * a batch with amounts gone missing that did not drift reaches a local fake of Slack (channel
 * {@code fake}) as "Data quality failed", naming the failures; a batch that drifted but whose data is
 * clean alerts nobody. Deliveries are queued in the transaction of the check that causes them, so
 * "nothing queued" is read right after the check's answer, without waiting.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DataQualityAlertTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static final FakeServer SLACK = new FakeServer(new Script(new Reply(200, Map.of("Content-Type", "text/plain"),
            "ok")));
    static final TestService SERVICE = TestService.onH2(DataQualityAlertTest::fakeChannel);
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static ApiClient api;
    static String referenceId;

    private static void fakeChannel(ObjectNode root) {
        root.put("publicUrl", "https://driftwatch.example.com/");
        root.putArray("channels").addObject().put("type", "slack").put("name", "fake")
                .put("url", SLACK.uri() + "/services/T000/B000/XXXX");
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
    }

    @BeforeAll
    static void uploadReference() throws InterruptedException {
        api = new ApiClient(APP.getLocalPort());
        referenceId = api.upload(DataQualityBatches.reference());
        ApiClient.Answer a = api.post("/api/v1/monitors", "application/yaml", DataQualityBatches.monitor("orders",
                referenceId, "alerts:\n  when: {integrity: true}\n  channels: [fake]\n"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @Test
    void alertsOnBrokenDataWithoutDriftAndNotOnCleanDataThatDrifted() throws InterruptedException {
        JsonNode drifted = check(DataQualityBatches.channelsSwapped(1));
        assertThat(drifted.at("/datasetDrift/detected").asBoolean()).as("web and phone swapped").isTrue();
        assertThat(failedTests(drifted)).as("the drifted batch's data is clean").isEmpty();
        assertThat(api.deliveries("orders")).as("a drift alone breaches no integrity condition").isEmpty();

        JsonNode broken = check(DataQualityBatches.missingAmounts(2, 40));
        assertThat(broken.at("/datasetDrift/detected").asBoolean()).as("40 amounts missing").isFalse();
        List<String> failed = failedTests(broken);
        assertThat(failed).contains("missing_value_count of amount");

        List<JsonNode> sent = api.awaitDelivered("orders", 1, PATIENCE);
        assertThat(sent.get(0).path("checkId").asText()).isEqualTo(broken.path("id").asText());
        assertThat(sent.get(0).path("event").asText()).isEqualTo("triggered");
        assertThat(SLACK.requests()).hasSize(1);
        JsonNode slack = SLACK.requests().get(0).json();
        assertThat(slack.path("text").asText()).startsWith("Data quality failed: orders.");
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("Data quality failed: orders");
        assertThat(slack.path("blocks").toString()).contains("missing_value_count of 'amount'");

        ApiClient.Answer page = api.get("/monitors/orders");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<dt>Alerts on</dt><dd>any failure</dd>")
                .contains("Data quality failed in the latest check");
    }

    private static JsonNode check(byte[] csv) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/orders/checks", "text/csv", csv);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    /** {@code metric of column} (or the metric alone) of every failed test in a check's integrity section. */
    private static List<String> failedTests(JsonNode check) {
        JsonNode tests = check.at("/integrity/tests");
        assertThat(tests.isArray()).as("the check has an integrity section with tests: " + check).isTrue();
        List<String> failed = new ArrayList<>();
        for (JsonNode t : tests) {
            if (t.path("status").asText().equals("FAIL")) {
                String column = t.path("column").asText(null);
                failed.add(t.path("metric").asText() + (column == null ? "" : " of " + column));
            }
        }
        return failed;
    }


}
