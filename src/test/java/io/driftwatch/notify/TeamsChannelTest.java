package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Teams channel against a local fake of a Workflows webhook: a message with one Adaptive Card
 * 1.4 attachment (never the retired MessageCard), and Markdown escaping of user data.
 */
class TeamsChannelTest {
    private static final String PATH_AND_QUERY =
            "/workflows/abc/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=S3cr3tSig";
    private final FakeReceiver teams = new FakeReceiver().answering(202, Map.of(), "");
    private final Channel channel = Channels.teams(teams.url(PATH_AND_QUERY)).build(Channels.CLOCK);

    @AfterEach
    void close() {
        teams.close();
    }

    @Test
    void postsTheAdaptiveCardMessageToTheConfiguredWorkflow() {
        Payload payload = channel.render(Alerts.triggered());

        Outcome delivery = channel.send(payload, "dlv-1");

        assertThat(delivery).isEqualTo(new Outcome.Delivered(202));
        FakeReceiver.Request request = teams.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path() + "?" + request.query()).isEqualTo(PATH_AND_QUERY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(payload.json());
    }

    @Test
    void rendersAMessageWithOneAdaptiveCard14Attachment() {
        JsonNode message = Channels.tree(channel.render(Alerts.triggered()).json());

        assertThat(message).isEqualTo(Channels.tree("""
                {"type": "message",
                 "attachments": [{
                  "contentType": "application/vnd.microsoft.card.adaptive",
                  "contentUrl": null,
                  "content": {
                   "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                   "type": "AdaptiveCard",
                   "version": "1.4",
                   "body": [
                    {"type": "TextBlock", "text": "Data drift detected: bike-sharing", "wrap": true,
                     "size": "Large", "weight": "Bolder", "color": "Attention"},
                    {"type": "TextBlock", "text": "7 of 12 columns drifted (share 0.58, threshold 0.50).", "wrap": true},
                    {"type": "FactSet", "facts": [
                     {"title": "Monitor", "value": "bike-sharing"},
                     {"title": "Drift share", "value": "0.58 (threshold 0.50)"},
                     {"title": "Drifted columns", "value": "7 of 12"},
                     {"title": "Check", "value": "chk-7"},
                     {"title": "Recorded", "value": "2024-05-01 12:00:00 UTC"}]},
                    {"type": "TextBlock", "text": "Top drifted columns", "wrap": true, "weight": "Bolder",
                     "spacing": "Medium"},
                    {"type": "FactSet", "facts": [
                     {"title": "temp", "value": "ks, p-value 1.20e-09 (threshold 0.05), numerical"},
                     {"title": "season", "value": "chisquare, p-value 3.40e-05 (threshold 0.05), categorical"},
                     {"title": "hum", "value": "wasserstein, distance 0.31 (threshold 0.1), numerical"}]},
                    {"type": "TextBlock", "text": "…and 4 more", "wrap": true, "isSubtle": true}],
                   "actions": [
                    {"type": "Action.OpenUrl", "title": "Open report",
                     "url": "https://driftwatch.example.com/api/v1/checks/chk-7/report"},
                    {"type": "Action.OpenUrl", "title": "Open dashboard",
                     "url": "https://driftwatch.example.com/monitors/bike-sharing"}]
                  }}]}
                """));
        assertThat(message.toString()).doesNotContain("MessageCard", "@type", "@context");
    }

    @Test
    void colorsAResolvedIncidentGood() {
        JsonNode card = Channels.tree(channel.render(Alerts.resolved()).json()).at("/attachments/0/content");

        assertThat(card.at("/body/0/text").asText()).isEqualTo("Data drift resolved: bike-sharing");
        assertThat(card.at("/body/0/color").asText()).isEqualTo("Good");
    }

    @Test
    void escapesMarkdownInMonitorAndColumnNames() {
        AlertEvent event = Alerts.hostile("**boss**", "[click](https://evil.example) _x_");

        JsonNode card = Channels.tree(channel.render(event).json()).at("/attachments/0/content");

        assertThat(card.at("/body/0/text").asText()).isEqualTo("Data drift detected: \\*\\*boss\\*\\*");
        assertThat(card.at("/body/4/facts/0/title").asText())
                .isEqualTo("\\[click\\](https://evil.example) \\_x\\_");
    }

    @Test
    void retriesWhenTheWorkflowIsThrottled() {
        teams.answering(429, Map.of("Retry-After", "12"), "{\"error\":{\"code\":\"WorkflowTriggerIsThrottled\"}}");

        Outcome delivery = channel.send(channel.render(Alerts.triggered()), "dlv-1");

        assertThat(delivery).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) delivery).retryAfter()).contains(java.time.Duration.ofSeconds(12));
    }

    @Test
    void neverShowsTheWorkflowSignatureInToStringOrReasons() {
        teams.answering(400, Map.of(), "bad request for " + teams.url(PATH_AND_QUERY));

        Outcome delivery = channel.send(channel.render(Alerts.triggered()), "dlv-1");

        assertThat(delivery.reason()).doesNotContain("S3cr3tSig", "/workflows/abc").contains("***");
        assertThat(channel.toString()).doesNotContain("S3cr3tSig", "workflows");
        assertThat(Channels.teams(teams.url(PATH_AND_QUERY)).toString()).doesNotContain("S3cr3tSig", "workflows");
    }

    @Test
    void aDataQualityIncidentSaysSoAndListsTheFailures() {
        JsonNode card = Channels.tree(channel.render(Alerts.dataQuality()).json()).at("/attachments/0/content");

        assertThat(card.at("/body/0/text").asText()).isEqualTo("Data quality failed: bike-sharing");
        assertThat(card.at("/body/1/text").asText()).contains("3 data-quality failures");
        java.util.List<String> texts = new java.util.ArrayList<>();
        card.get("body").forEach(b -> texts.add(b.path("text").asText()));
        assertThat(texts).contains("Data quality")
                .anySatisfy(t -> assertThat(t).startsWith("• 'hum': became\\_empty"))
                .anySatisfy(t -> assertThat(t).contains("new\\_category").contains("\\<b\\>storm"));
    }

    @Test
    void aModelQualityIncidentListsTheMetricsThatMovedBeforeTheDriftedColumns() {
        JsonNode card = Channels.tree(channel.render(Alerts.modelQuality()).json()).at("/attachments/0/content");

        assertThat(card.at("/body/0/text").asText()).isEqualTo("Model degraded and data drift detected: bike-sharing");
        assertThat(card.at("/body/1/text").asText()).startsWith("Model quality: accuracy 0.91 → 0.62, below 0.8");
        java.util.List<String> texts = new java.util.ArrayList<>();
        card.get("body").forEach(b -> texts.add(b.path("text").asText()));
        int heading = texts.indexOf("Model quality");
        assertThat(heading).isPositive().isLessThan(texts.indexOf("Top drifted columns"));
        assertThat(texts.subList(heading + 1, heading + 4)).containsExactly(
                "• accuracy 0.91 → 0.62, below 0.8",
                "• f1\\_score 0.712 → 0.618 (degraded; tolerated 0.0356)",
                "• roc\\_auc 0.83 → 0.65: Evidently test failed (expected within ±20 % of 0.83)");
    }
}
