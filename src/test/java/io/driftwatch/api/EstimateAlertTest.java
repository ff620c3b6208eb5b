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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adult example's label-free monitor ({@code examples/adult/monitor-estimate.yml}) through the
 * service with a policy on the estimate alone ({@code alerts: {when: {estimate: {metrics:
 * [roc_auc]}}}}), a local fake of Slack and a signed webhook receiving: the day's logged predictions
 * (the control) alert nobody; the degraded segment's predictions with their labels removed (README:
 * real ROC AUC 0.7444) alert each channel once, as "Estimated performance dropped", naming roc_auc
 * with the chunks, values and thresholds; the same batch again updates the incident silently.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EstimateAlertTest {
    private static final Path EXAMPLE = Path.of("examples", "adult");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String MONITOR = "adult-income-estimate";

    static final FakeServer SLACK = new FakeServer(new Script(new Reply(200, Map.of("Content-Type", "text/plain"),
            "ok")));
    static final FakeServer WEBHOOK = new FakeServer(new Script(Reply.empty(204)));
    static final FakeServer RETRAIN = new FakeServer(new Script(Reply.empty(202)));
    static final TestService SERVICE = TestService.onH2(EstimateAlertTest::fakeChannels);
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static ApiClient api;

    private static void fakeChannels(ObjectNode root) {
        ArrayNode channels = root.putArray("channels");
        channels.addObject().put("type", "slack").put("name", "team")
                .put("url", SLACK.uri() + "/services/T000/B000/XXXX");
        channels.addObject().put("type", "webhook").put("name", "hook").put("url", WEBHOOK.uri() + "/driftwatch")
                .put("secret", "whsec_" + Base64.getEncoder().encodeToString(
                        "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        root.putArray("triggers").addObject().put("type", "http").put("name", "retrain-hook")
                .put("url", RETRAIN.uri() + "/retrain");
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
    }

    @BeforeAll
    static void createTheExampleMonitor() throws Exception {
        api = new ApiClient(APP.getLocalPort());
        String referenceId = api.upload(Files.readAllBytes(EXAMPLE.resolve("reference.csv")));
        String monitor = Files.readString(EXAMPLE.resolve("monitor-estimate.yml"))
                .replace("reference: examples/adult/reference.csv", "reference: " + referenceId)
                + "alerts:\n  when: {estimate: {metrics: [roc_auc]}}\n  channels: [team, hook]\n"
                + "retrain:\n  triggers: [retrain-hook]\n";
        ApiClient.Answer a = api.post("/api/v1/monitors", "application/yaml", monitor.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopFakes() {
        SLACK.close();
        WEBHOOK.close();
        RETRAIN.close();
    }

    @Test
    void theDegradedSegmentsPredictionsAlertOnceNamingRocAucAndTheControlAlertsNobody() throws Exception {
        JsonNode control = check(Files.readAllBytes(EXAMPLE.resolve("current-predictions.csv")));
        assertThat(control.at("/estimate/alert").asBoolean()).isFalse();
        assertThat(api.deliveries(MONITOR)).as("the control").isEmpty();

        byte[] degraded = withoutIncome(EXAMPLE.resolve("current-degraded.csv"));
        JsonNode first = check(degraded);
        assertThat(first.at("/estimate/metrics/roc_auc/chunks")).hasSize(11)
                .allMatch(c -> c.get("alert").asBoolean());
        api.awaitDelivered(MONITOR, 3, PATIENCE);
        check(degraded);
        assertThat(api.deliveries(MONITOR)).as("the second bad batch updates the incident silently").hasSize(3);

        assertThat(SLACK.requests()).hasSize(1);
        JsonNode slack = SLACK.requests().get(0).json();
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("Estimated performance dropped: " + MONITOR);
        assertThat(slack.toString()).contains("Estimated roc_auc below its threshold in 11 of 11 chunks: 0.7218–0.7957"
                + " against [0.8649, 0.9425] (CBPE, no labels)");
        assertThat(WEBHOOK.requests()).hasSize(1);
        JsonNode event = WEBHOOK.requests().get(0).json().get("data");
        assertThat(event.get("estimate").get(0).asText()).startsWith("Estimated roc_auc below its threshold in 11 of 11");
        assertThat(event.get("multivariate")).as("the PCA alerts in some chunks of this segment (README)").hasSize(1);
        assertThat(event.get("multivariate").get(0).asText()).startsWith("Multivariate drift (PCA reconstruction error)");

        assertThat(RETRAIN.requests()).as("one retraining request for the incident").hasSize(1);
        JsonNode retrain = RETRAIN.requests().get(0).json();
        assertThat(retrain.get("kind").asText()).isEqualTo("breach");
        assertThat(retrain.get("estimate")).as("every alerting metric, as the alerts list them").hasSize(3)
                .isEqualTo(event.get("estimate"));
        assertThat(retrain.get("multivariate")).isEqualTo(event.get("multivariate"));
    }

    /** The file's rows without their {@code income} column: the predictions as logged, before any label. */
    private static byte[] withoutIncome(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int income = List.of(lines.get(0).split(",")).indexOf("income");
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(income);
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode check(byte[] batch) throws IOException, InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/" + MONITOR + "/checks", "text/csv", batch);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }
}
