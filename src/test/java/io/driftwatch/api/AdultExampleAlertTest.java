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
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adult-income example (examples/adult) through the service, as its README tells it: the monitor's
 * own {@code model:} and degradation tests, with a policy that alerts when accuracy or F1 degrades
 * ({@code when: {quality: {degraded: [accuracy, f1_score]}}}), a local fake of Slack receiving. The
 * no-drift control and the drifted-but-accurate batch alert nobody (the second one drifts: the quality
 * policy does not care); the degraded batch alerts once, naming both metrics with their reference and
 * current values.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdultExampleAlertTest {
    private static final Path EXAMPLE = Path.of("examples", "adult");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static final FakeServer SLACK = new FakeServer(new Script(new Reply(200, Map.of("Content-Type", "text/plain"),
            "ok")));
    static final TestService SERVICE = TestService.onH2(AdultExampleAlertTest::fakeSlack);
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static ApiClient api;

    private static void fakeSlack(ObjectNode root) {
        ArrayNode channels = root.putArray("channels");
        channels.addObject().put("type", "slack").put("name", "team")
                .put("url", SLACK.uri() + "/services/T000/B000/XXXX");
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
    }

    @BeforeAll
    static void createTheExampleMonitor() throws Exception {
        api = new ApiClient(APP.getLocalPort());
        String referenceId = api.upload(Files.readAllBytes(EXAMPLE.resolve("reference.csv")));
        String monitor = Files.readString(EXAMPLE.resolve("monitor.yml"))
                .replace("reference: examples/adult/reference.csv", "reference: " + referenceId)
                + "alerts:\n  when: {quality: {degraded: [accuracy, f1_score]}}\n  channels: [team]\n";
        ApiClient.Answer a = api.post("/api/v1/monitors", "application/yaml", monitor.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopSlack() {
        SLACK.close();
    }

    @Test
    void theDegradedBatchAlertsOnceAndNeitherTheControlNorTheDriftedButAccurateBatchDoes() throws Exception {
        JsonNode control = check("current.csv");
        assertThat(control.at("/quality/failed").asBoolean()).isFalse();
        assertThat(api.deliveries("adult-income")).as("the no-drift control").isEmpty();

        JsonNode drifted = check("current-drifted.csv");
        assertThat(drifted.at("/datasetDrift/detected").asBoolean()).as("its inputs drift").isTrue();
        assertThat(drifted.at("/quality/failed").asBoolean()).as("yet the model holds").isFalse();
        assertThat(drifted.at("/quality/degradation").size()).as("both watched metrics tested").isEqualTo(2);
        assertThat(api.deliveries("adult-income")).as("drifted but accurate").isEmpty();

        JsonNode degraded = check("current-degraded.csv");
        assertThat(degraded.at("/quality/failed").asBoolean()).isTrue();
        api.awaitDelivered("adult-income", 1, PATIENCE);
        assertThat(SLACK.requests()).hasSize(1);
        JsonNode slack = SLACK.requests().get(0).json();
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("Model degraded: adult-income");
        String text = slack.toString();
        for (JsonNode test : degraded.at("/quality/degradation")) {
            assertThat(test.path("status").asText()).isEqualTo("FAIL");
            String metric = test.path("metric").asText();
            assertThat(text).as("the alert names %s with its reference and current values", metric)
                    .containsPattern(metric + " " + digits(test.path("reference").asDouble()) + "\\d* → "
                            + digits(test.path("current").asDouble()));
        }
    }

    /** The first three decimals of {@code value}, as a pattern (alerts print four significant digits). */
    private static String digits(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", Math.floor(value * 1000) / 1000).replace(".", "\\.");
    }

    private static JsonNode check(String file) throws IOException, InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/adult-income/checks", "text/csv",
                Files.readAllBytes(EXAMPLE.resolve(file)));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }


}
