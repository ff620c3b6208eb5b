package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generic webhook against a local receiver that verifies Standard Webhooks signatures with its
 * own HMAC computation, as a receiver following the specification would.
 */
class WebhookChannelTest {
    private final FakeReceiver receiver = new FakeReceiver().answering(204, Map.of(), "");
    private final WebhookChannelFactory factory = Channels.webhook(receiver.url("/hooks/driftwatch"));

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void postsTheEventSignedPerStandardWebhooks() throws Exception {
        Channel channel = factory.build(Channels.CLOCK);
        Payload payload = channel.render(Alerts.triggered());

        Outcome delivery = channel.send(payload, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");

        assertThat(delivery).isEqualTo(new Outcome.Delivered(204));
        FakeReceiver.Request request = receiver.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/driftwatch");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("webhook-id")).isEqualTo("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
        assertThat(request.header("webhook-timestamp")).isEqualTo("1714564805"); // the clock, in seconds
        assertThat(request.body()).isEqualTo(payload.json());
        assertThat(request.header("webhook-signature")).isEqualTo(expectedSignature(request));
    }

    @Test
    void signsEachAttemptWithItsOwnTimestampAndTheSameId() throws Exception {
        Payload payload = factory.build(Channels.CLOCK).render(Alerts.triggered());
        Clock later = Clock.offset(Channels.CLOCK, java.time.Duration.ofMinutes(5));

        factory.build(Channels.CLOCK).send(payload, "dlv-1");
        factory.build(later).send(payload, "dlv-1");

        FakeReceiver.Request first = receiver.requests().get(0);
        FakeReceiver.Request second = receiver.requests().get(1);
        assertThat(second.header("webhook-id")).isEqualTo(first.header("webhook-id"));
        assertThat(Long.parseLong(second.header("webhook-timestamp")))
                .isEqualTo(Long.parseLong(first.header("webhook-timestamp")) + 300);
        assertThat(second.header("webhook-signature")).isNotEqualTo(first.header("webhook-signature"))
                .isEqualTo(expectedSignature(second));
    }

    @Test
    void sendsConfiguredExtraHeadersAndNoSecretAnywhere() {
        factory.setHeaders(Map.of("Authorization", "Bearer gateway-token-123"));
        Channel channel = factory.build(Channels.CLOCK);

        channel.send(channel.render(Alerts.triggered()), "dlv-1");

        FakeReceiver.Request request = receiver.only();
        assertThat(request.header("Authorization")).isEqualTo("Bearer gateway-token-123");
        String secretPart = Channels.WEBHOOK_SECRET.substring("whsec_".length());
        request.headers().forEach((k, v) -> assertThat(String.join(",", v)).doesNotContain(secretPart));
        assertThat(request.body()).doesNotContain(secretPart);
        assertThat(channel.toString()).doesNotContain(secretPart, "gateway-token-123").contains("Authorization");
        assertThat(factory.toString()).doesNotContain(secretPart, "gateway-token-123", "/hooks/driftwatch");
    }

    @Test
    void rendersTheDocumentedEvent() {
        JsonNode event = Channels.tree(factory.build(Channels.CLOCK).render(Alerts.triggered()).json());

        assertThat(event).isEqualTo(Channels.tree("""
                {"type": "driftwatch.incident.triggered",
                 "timestamp": "2024-05-01T12:00:00Z",
                 "data": {
                  "schemaVersion": 1,
                  "monitor": "bike-sharing",
                  "incidentId": "inc-42",
                  "checkId": "chk-7",
                  "datasetDrift": {"detected": true, "share": 0.5833333333333334, "threshold": 0.5,
                                   "numberOfColumns": 12, "numberOfDriftedColumns": 7},
                  "topDriftedColumns": [
                   {"name": "temp", "type": "numerical", "test": "ks", "scoreKind": "p_value",
                    "score": 1.2e-9, "threshold": 0.05},
                   {"name": "season", "type": "categorical", "test": "chisquare", "scoreKind": "p_value",
                    "score": 3.4e-5, "threshold": 0.05},
                   {"name": "hum", "type": "numerical", "test": "wasserstein", "scoreKind": "distance",
                    "score": 0.31, "threshold": 0.1}],
                  "dataQuality": [],
                  "modelQuality": [],
                  "estimate": [],
                  "multivariate": [],
                  "checkError": null,
                  "links": {"report": "https://driftwatch.example.com/api/v1/checks/chk-7/report",
                            "dashboard": "https://driftwatch.example.com/monitors/bike-sharing"}}}
                """));
    }

    @Test
    void namesResolvedAndTestEventsByType() {
        Channel channel = factory.build(Channels.CLOCK);

        assertThat(Channels.tree(channel.render(Alerts.resolved()).json()).get("type").asText())
                .isEqualTo("driftwatch.incident.resolved");
        JsonNode test = Channels.tree(channel.render(AlertEvent.test("bike-sharing", Alerts.AT, Alerts.DASHBOARD))
                .json());
        assertThat(test.get("type").asText()).isEqualTo("driftwatch.test");
        assertThat(test.at("/data/datasetDrift").isNull()).isTrue();
        assertThat(test.at("/data/links/report").isNull()).isTrue();
    }

    @Test
    void writesAFailedChecksErrorAndNoDrift() {
        JsonNode event = Channels.tree(factory.build(Channels.CLOCK).render(Alerts.failed("no rows")).json());

        assertThat(event.at("/data/checkError").asText()).isEqualTo("no rows");
        assertThat(event.at("/data/datasetDrift").isNull()).isTrue();
        assertThat(event.at("/data/topDriftedColumns")).isEmpty();
    }

    @Test
    void refusesAnIdempotencyKeyWithAFullStop() {
        Channel channel = factory.build(Channels.CLOCK);
        Payload payload = channel.render(Alerts.triggered());

        assertThatThrownBy(() -> channel.send(payload, "msg.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> channel.send(payload, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(receiver.requests()).isEmpty();
    }

    /** The signature a Standard Webhooks receiver computes: HMAC-SHA256 of id.timestamp.body. */
    private static String expectedSignature(FakeReceiver.Request request) throws Exception {
        byte[] key = Base64.getDecoder().decode(Channels.WEBHOOK_SECRET.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        String header = request.header("webhook-signature");
        assertThat(header).startsWith("v1,");
        byte[] actual = Base64.getDecoder().decode(header.substring(3));
        assertThat(MessageDigest.isEqual(expected, actual)).as("signature verifies").isTrue();
        return "v1," + Base64.getEncoder().encodeToString(expected);
    }

    @Test
    void carriesTheDataQualityFailuresAsTheyAre() {
        JsonNode event = Channels.tree(factory.build(Channels.CLOCK).render(Alerts.dataQuality()).json());

        assertThat(event.at("/data/dataQuality")).hasSize(3);
        assertThat(event.at("/data/dataQuality/2").asText()).contains("<b>storm</b>");
        assertThat(event.at("/data/datasetDrift/detected").asBoolean()).isFalse();
    }

    @Test
    void carriesTheModelQualityFindingsAsTheyAre() {
        JsonNode event = Channels.tree(factory.build(Channels.CLOCK).render(Alerts.modelQuality()).json());

        assertThat(event.at("/data/modelQuality")).hasSize(3);
        assertThat(event.at("/data/modelQuality/0").asText()).isEqualTo("accuracy 0.91 → 0.62, below 0.8");
        assertThat(Channels.tree(factory.build(Channels.CLOCK).render(Alerts.triggered()).json())
                .at("/data/modelQuality").isArray()).as("always there, empty without findings").isTrue();
    }
}
