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
 * The Slack channel against a local fake of an incoming webhook: what is posted (method, path,
 * headers, the Block Kit document), Block Kit's limits, and mrkdwn escaping of user data.
 */
class SlackChannelTest {
    private static final String PATH = "/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private final FakeReceiver slack = new FakeReceiver();
    private final Channel channel = Channels.slack(slack.url(PATH)).build(Channels.CLOCK);

    @AfterEach
    void close() {
        slack.close();
    }

    @Test
    void postsTheRenderedBlockKitMessageToTheConfiguredWebhook() {
        Payload payload = channel.render(Alerts.triggered());

        Outcome delivery = channel.send(payload, "dlv-1");

        assertThat(delivery).isEqualTo(new Outcome.Delivered(200));
        FakeReceiver.Request request = slack.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(PATH);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(payload.json());
    }

    @Test
    void rendersTextFallbackHeaderSummaryFieldsTopColumnsAndButtons() {
        JsonNode message = Channels.tree(channel.render(Alerts.triggered()).json());

        assertThat(message).isEqualTo(Channels.tree("""
                {"text": "Data drift detected: bike-sharing. 7 of 12 columns drifted (share 0.58, threshold 0.50).",
                 "blocks": [
                  {"type": "header", "text": {"type": "plain_text", "text": "Data drift detected: bike-sharing"}},
                  {"type": "section",
                   "text": {"type": "mrkdwn", "text": "7 of 12 columns drifted (share 0.58, threshold 0.50)."},
                   "fields": [
                    {"type": "mrkdwn", "text": "*Monitor*\\nbike-sharing"},
                    {"type": "mrkdwn", "text": "*Drift share*\\n0.58 (threshold 0.50)"},
                    {"type": "mrkdwn", "text": "*Drifted columns*\\n7 of 12"},
                    {"type": "mrkdwn", "text": "*Check*\\nchk-7"},
                    {"type": "mrkdwn",
                     "text": "*Recorded*\\n<!date^1714564800^{date_short_pretty} {time}|2024-05-01 12:00:00 UTC>"}]},
                  {"type": "section", "text": {"type": "mrkdwn", "text":
                    "*Top drifted columns*\\n• temp (numerical): ks, p-value 1.20e-09 (threshold 0.05)\\n• season (categorical): chisquare, p-value 3.40e-05 (threshold 0.05)\\n• hum (numerical): wasserstein, distance 0.31 (threshold 0.1)\\n…and 4 more"}},
                  {"type": "actions", "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": "Open report"},
                     "url": "https://driftwatch.example.com/api/v1/checks/chk-7/report", "action_id": "open_report"},
                    {"type": "button", "text": {"type": "plain_text", "text": "Open dashboard"},
                     "url": "https://driftwatch.example.com/monitors/bike-sharing", "action_id": "open_dashboard"}]}
                 ]}
                """));
    }

    @Test
    void rendersTheSameBytesForTheSameEvent() {
        assertThat(channel.render(Alerts.triggered())).isEqualTo(channel.render(Alerts.triggered()));
    }

    @Test
    void saysWhenTheIncidentIsResolved() {
        JsonNode message = Channels.tree(channel.render(Alerts.resolved()).json());

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Data drift resolved: bike-sharing");
        assertThat(message.get("text").asText()).contains("Back below the drift threshold: 1 of 12 columns drifted");
    }

    @Test
    void showsAFailedChecksErrorAndOnlyTheDashboardButton() {
        JsonNode message = Channels.tree(channel.render(Alerts.failed("current.csv line 3: 2 fields, expected 12"))
                .json());

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Check failed: bike-sharing");
        assertThat(message.at("/blocks/1/text/text").asText())
                .isEqualTo("The check could not be completed: current.csv line 3: 2 fields, expected 12");
        JsonNode buttons = message.at("/blocks/2/elements");
        assertThat(message.at("/blocks/2/type").asText()).isEqualTo("actions");
        assertThat(buttons).hasSize(1);
        assertThat(buttons.get(0).get("url").asText()).isEqualTo(Alerts.DASHBOARD.toString());
    }

    @Test
    void escapesMrkdwnControlCharactersInMonitorAndColumnNames() {
        AlertEvent event = Alerts.hostile("m<!channel>", "<https://evil.example|click> & <@U123>");

        JsonNode message = Channels.tree(channel.render(event).json());

        String columns = message.at("/blocks/2/text/text").asText();
        assertThat(columns).contains("&lt;https://evil.example|click&gt; &amp; &lt;@U123&gt;")
                .doesNotContain("<https://evil.example", "<@U123>");
        assertThat(message.get("text").asText()).contains("m&lt;!channel&gt;").doesNotContain("<!channel>");
        assertThat(message.at("/blocks/1/fields/0/text").asText()).isEqualTo("*Monitor*\nm&lt;!channel&gt;");
        // plain_text is shown literally by Slack: the header keeps the name as it is
        assertThat(message.at("/blocks/0/text/type").asText()).isEqualTo("plain_text");
        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Data drift detected: m<!channel>");
    }

    @Test
    void staysWithinBlockKitLimitsForLongNamesAndManyColumns() {
        List<DriftedColumn> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(new DriftedColumn("&".repeat(400) + i, io.driftwatch.data.ColumnType.NUMERICAL, "psi",
                    DriftedColumn.ScoreKind.DISTANCE, 0.5, 0.1, 5));
        }
        AlertEvent event = new AlertEvent(AlertEvent.Kind.TRIGGERED, "m".repeat(300), "inc-1", "c".repeat(3000),
                Alerts.AT, AlertEvent.Findings.drift(new io.driftwatch.drift.DatasetDrift(true, 1, 0.5, 60, 60, 0), many),
                Alerts.REPORT, Alerts.DASHBOARD);

        JsonNode message = Channels.tree(channel.render(event).json());

        JsonNode blocks = message.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).at("/text/text").asText().length()).isLessThanOrEqualTo(150);
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(3000);
            }
            if (block.has("fields")) {
                assertThat(block.get("fields").size()).isLessThanOrEqualTo(10);
                block.get("fields").forEach(f -> assertThat(f.get("text").asText().length()).isLessThanOrEqualTo(2000));
            }
        }
        String columns = blocks.get(2).at("/text/text").asText();
        assertThat(columns).endsWith("more");
        assertThat(columns).doesNotContainPattern("&(?!amp;)"); // no entity cut in half
    }

    @Test
    void failsForGoodWhenSlackSaysTheWebhookIsGoneWithoutShowingItsUrl() {
        slack.answering(404, Map.of("Content-Type", "text/html"), "no_service");

        Outcome delivery = channel.send(channel.render(Alerts.triggered()), "dlv-1");

        assertThat(delivery).isInstanceOf(Outcome.Failed.class);
        assertThat(delivery.reason()).isEqualTo("HTTP 404: no_service");
    }

    @Test
    void neverShowsTheWebhookUrlInToString() {
        SlackChannelFactory factory = Channels.slack(slack.url(PATH));

        assertThat(factory.toString()).doesNotContain(PATH, "XXXX");
        assertThat(factory.build().toString()).doesNotContain(PATH, "XXXX");
    }

    @Test
    void aDataQualityIncidentSaysSoAndListsTheFailuresEscaped() {
        JsonNode message = Channels.tree(channel.render(Alerts.dataQuality()).json());

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Data quality failed: bike-sharing");
        assertThat(message.get("text").asText()).contains("1 of 12 columns drifted").contains("3 data-quality failures");
        String failures = message.at("/blocks/2/text/text").asText();
        assertThat(failures).startsWith("*Data quality*\n• 'hum': became_empty")
                .contains("'temp': out_of_range in 12 rows")
                .contains("&lt;b&gt;storm&lt;/b&gt;").doesNotContain("<b>");
    }

    @Test
    void aModelQualityIncidentLeadsWithTheMetricsThatMovedBeforeTheDrift() {
        JsonNode message = Channels.tree(channel.render(Alerts.modelQuality()).json());

        assertThat(message.at("/blocks/0/text/text").asText())
                .isEqualTo("Model degraded and data drift detected: bike-sharing");
        assertThat(message.get("text").asText()).isEqualTo("Model degraded and data drift detected: bike-sharing."
                + " Model quality: accuracy 0.91 → 0.62, below 0.8 (and 2 more findings)."
                + " 7 of 12 columns drifted (share 0.58, threshold 0.50).");
        assertThat(message.at("/blocks/2/text/text").asText()).isEqualTo("*Model quality*"
                + "\n• accuracy 0.91 → 0.62, below 0.8"
                + "\n• f1_score 0.712 → 0.618 (degraded; tolerated 0.0356)"
                + "\n• roc_auc 0.83 → 0.65: Evidently test failed (expected within ±20 % of 0.83)");
        assertThat(message.at("/blocks/3/text/text").asText()).startsWith("*Top drifted columns*");
        assertThat(message.at("/blocks/4/type").asText()).isEqualTo("actions");
    }

    @Test
    void aModelQualityIncidentClosesAsModelQualityResolved() {
        JsonNode message = Channels.tree(channel.render(Alerts.modelQualityResolved()).json());

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Model quality resolved: bike-sharing");
        assertThat(message.get("text").asText()).endsWith("The latest check breaches none of the alert conditions."
                + " 1 of 12 columns drifted (share 0.08, threshold 0.50).");
    }
}
