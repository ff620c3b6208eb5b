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
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A policy that alerts on the model's quality alone ({@code alerts: {when: {quality: {below: {accuracy:
 * 0.8}}}}}), end to end through the service, with a local fake of Slack and a signed webhook receiver:
 * a batch whose inputs drift strongly while the model stays accurate alerts nobody; a batch on which
 * the model is clearly worse alerts each channel exactly once, as "Model quality failed", with the
 * metric and its reference and current values; a second bad batch updates the incident silently, and a
 * good one closes it as "Model quality resolved". Batches come from {@link ModelQualityBatches}.
 * Deliveries are queued in the transaction of the check that causes them, so "nothing queued" is read
 * right after the check's answer, without waiting.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ModelQualityAlertTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final byte[] WEBHOOK_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** "accuracy 0.9123 → 0.6012, below 0.8" as alerts print it. */
    private static final Pattern ACCURACY_LINE = Pattern.compile("accuracy ([0-9.]+) → ([0-9.]+), below 0\\.8");

    static final FakeServer SLACK = new FakeServer(new Script(new Reply(200, Map.of("Content-Type", "text/plain"),
            "ok")));
    static final FakeServer WEBHOOK = new FakeServer(new Script(Reply.empty(204)));
    static final TestService SERVICE = TestService.onH2(ModelQualityAlertTest::fakeChannels);
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static ApiClient api;

    private static void fakeChannels(ObjectNode root) {
        root.put("publicUrl", "https://driftwatch.example.com/");
        ArrayNode channels = root.putArray("channels");
        channels.addObject().put("type", "slack").put("name", "fake")
                .put("url", SLACK.uri() + "/services/T000/B000/XXXX");
        channels.addObject().put("type", "webhook").put("name", "hook").put("url", WEBHOOK.uri() + "/driftwatch")
                .put("secret", "whsec_" + Base64.getEncoder().encodeToString(WEBHOOK_KEY));
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
    }

    @BeforeAll
    static void createMonitor() throws InterruptedException {
        api = new ApiClient(APP.getLocalPort());
        String referenceId = api.upload(ModelQualityBatches.reference());
        ApiClient.Answer a = api.post("/api/v1/monitors", "application/yaml", ModelQualityBatches.monitor("churn",
                referenceId, "alerts:\n  when: {quality: {below: {accuracy: 0.8}}}\n  channels: [fake, hook]\n"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopFakes() {
        SLACK.close();
        WEBHOOK.close();
    }

    @Test
    void alertsOnceWhenTheModelGetsWorseAndNotWhenOnlyItsInputsDrift() throws Exception {
        JsonNode drifted = check(ModelQualityBatches.drifted(1));
        assertThat(drifted.at("/datasetDrift/detected").asBoolean()).as("every feature moved").isTrue();
        assertThat(drifted.at("/datasetDrift/numberOfDriftedColumns").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(accuracy(drifted, "current")).as("the model still holds").isGreaterThan(0.85);
        assertThat(api.deliveries("churn")).as("drift alone breaches no quality condition").isEmpty();

        JsonNode degraded = check(ModelQualityBatches.degraded(2));
        double reference = accuracy(degraded, "reference");
        double current = accuracy(degraded, "current");
        assertThat(reference).as("the reference's accuracy").isGreaterThan(0.85);
        assertThat(current).as("the model got clearly worse").isLessThan(0.7);
        assertThat(degraded.at("/datasetDrift/detected").asBoolean()).as("its inputs did not move").isFalse();

        List<JsonNode> sent = api.awaitDelivered("churn", 2, PATIENCE);
        for (JsonNode d : sent) {
            assertThat(d.path("checkId").asText()).isEqualTo(degraded.path("id").asText());
            assertThat(d.path("event").asText()).isEqualTo("triggered");
        }
        assertThat(SLACK.requests()).hasSize(1);
        JsonNode slack = SLACK.requests().get(0).json();
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("Model quality failed: churn");
        assertThat(slack.path("text").asText()).startsWith("Model quality failed: churn. Model quality: accuracy ");
        String section = slack.at("/blocks/2/text/text").asText();
        assertThat(section).startsWith("*Model quality*\n• accuracy ");
        assertNamesReferenceAndCurrent(section, reference, current);

        assertThat(WEBHOOK.requests()).hasSize(1);
        FakeServer.Request hook = WEBHOOK.requests().get(0);
        assertThat(hook.header("webhook-signature")).isEqualTo(signature(hook));
        JsonNode event = hook.json();
        assertThat(event.path("type").asText()).isEqualTo("driftwatch.incident.triggered");
        assertNamesReferenceAndCurrent(event.at("/data/modelQuality/0").asText(), reference, current);

        check(ModelQualityBatches.degraded(3));
        assertThat(api.deliveries("churn")).as("a second bad batch updates the open incident silently").hasSize(2);

        JsonNode clean = check(ModelQualityBatches.clean(4));
        assertThat(accuracy(clean, "current")).isGreaterThan(0.85);
        api.awaitDelivered("churn", 4, PATIENCE);
        assertThat(SLACK.requests()).hasSize(2);
        assertThat(SLACK.requests().get(1).json().at("/blocks/0/text/text").asText())
                .isEqualTo("Model quality resolved: churn");
        assertThat(WEBHOOK.requests().get(1).json().path("type").asText()).isEqualTo("driftwatch.incident.resolved");
    }

    /** The first finding is the accuracy bound crossed, with the reference's and the batch's accuracy. */
    private static void assertNamesReferenceAndCurrent(String text, double reference, double current) {
        Matcher m = ACCURACY_LINE.matcher(text);
        assertThat(m.find()).as("'accuracy <reference> → <current>, below 0.8' in %s", text).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(reference, Offset.offset(5e-4));
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(current, Offset.offset(5e-4));
    }

    private static double accuracy(JsonNode check, String side) {
        JsonNode value = check.at("/quality/" + side + "/metrics/accuracy");
        assertThat(value.isNumber()).as("the check's %s accuracy: %s", side, check.path("quality")).isTrue();
        return value.asDouble();
    }

    private static JsonNode check(byte[] csv) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/churn/checks", "text/csv", csv);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    /** The Standard Webhooks signature of a request, as a receiver checks it. */
    private static String signature(FakeServer.Request request) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_KEY, "HmacSHA256"));
        byte[] signed = mac.doFinal((request.header("webhook-id") + "." + request.header("webhook-timestamp") + "."
                + request.body()).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(signed);
    }


}
