package io.driftwatch.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.drift.DatasetDrift;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A Microsoft Teams channel reached through a Workflows webhook ("When a Teams webhook request is
 * received"): a message with one Adaptive Card 1.4 attachment holding a title, the summary, a fact
 * set (monitor, share, counts, check, time), the model-quality findings, the top drifted columns as a
 * second fact set, the data-quality failures, and
 * {@code Action.OpenUrl} buttons to the report and the dashboard. Workflows accept Adaptive Cards
 * only; the retired Office 365 connector MessageCard is not used.
 *
 * <p>Card text is Markdown, so user data (monitor and column names, error messages) has Markdown's
 * punctuation backslash-escaped and cannot turn into a link or formatting. The workflow URL carries
 * its signature ({@code sig=}) and is the secret; it is only ever in the channel's {@link ChannelFactory.Endpoint}.
 *
 * <p>Thread-safe: immutable.
 */
final class TeamsChannel implements Channel {
    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

    private final String name;
    private final ChannelFactory.Endpoint endpoint;

    TeamsChannel(String name, ChannelFactory.Endpoint endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    public Payload render(AlertEvent e) {
        ObjectNode card = Json.object();
        card.put("$schema", CARD_SCHEMA);
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.add(text(escape(AlertText.cut(AlertText.title(e), 200)))
                .put("size", "Large").put("weight", "Bolder").put("color", color(e)));
        body.add(text(escape(AlertText.summary(e))));
        body.add(facts(e));
        lines(body, "Model quality", e.findings().modelQuality());
        lines(body, "Estimated performance", e.findings().estimate());
        lines(body, "Drift across columns", e.findings().multivariate());
        if (!e.findings().topColumns().isEmpty()) {
            body.add(text("Top drifted columns").put("weight", "Bolder").put("spacing", "Medium"));
            body.add(columns(e));
            int more = AlertText.notListed(e, Math.min(e.findings().topColumns().size(), AlertEvent.MAX_COLUMNS_SHOWN));
            if (more > 0) {
                body.add(text("…and " + more + " more").put("isSubtle", true));
            }
        }
        lines(body, "Data quality", e.findings().dataQuality());
        ArrayNode actions = card.putArray("actions");
        if (e.reportUrl() != null) {
            actions.add(openUrl("Open report", e.reportUrl()));
        }
        actions.add(openUrl("Open dashboard", e.dashboardUrl()));

        ObjectNode attachment = Json.object();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        ObjectNode message = Json.object();
        message.put("type", "message");
        message.putArray("attachments").add(attachment);
        return Json.payload(message);
    }

    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        HttpTransport.requireIdempotencyKey(idempotencyKey);
        return endpoint.post(payload.bytes(), Map.of());
    }

    /**
     * Backslash-escapes the punctuation with which Adaptive Card Markdown makes links and emphasis
     * ({@code \ * _ ~ ` [ ] < >}), so user text shows literally instead of becoming a link or
     * formatting. A line-start list or heading marker in a name stays possible: cosmetic, not a link.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\*_~`[]<>".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A heading and one bullet per finding (at most {@link AlertEvent#MAX_COLUMNS_SHOWN}); nothing without findings. */
    private static void lines(ArrayNode body, String heading, List<String> findings) {
        if (findings.isEmpty()) {
            return;
        }
        body.add(text(heading).put("weight", "Bolder").put("spacing", "Medium"));
        int shown = Math.min(findings.size(), AlertEvent.MAX_COLUMNS_SHOWN);
        for (int i = 0; i < shown; i++) {
            body.add(text("• " + escape(AlertText.cut(findings.get(i), AlertText.ERROR_LIMIT))).put("spacing", "None"));
        }
        if (findings.size() > shown) {
            body.add(text("…and " + (findings.size() - shown) + " more").put("isSubtle", true));
        }
    }

    private static String color(AlertEvent e) {
        return switch (e.kind()) {
            case TRIGGERED -> "Attention";
            case RESOLVED -> "Good";
            case TEST -> "Default";
        };
    }

    private static ObjectNode facts(AlertEvent e) {
        ArrayNode facts = Json.array();
        facts.add(fact("Monitor", escape(AlertText.cut(e.monitor(), AlertText.NAME_LIMIT))));
        DatasetDrift d = e.findings().drift();
        if (d != null) {
            facts.add(fact("Drift share", AlertText.shareWithThreshold(d)));
            facts.add(fact("Drifted columns", AlertText.driftedCount(d)));
        }
        if (e.checkId() != null) {
            facts.add(fact("Check", escape(AlertText.cut(e.checkId(), AlertText.NAME_LIMIT))));
        }
        facts.add(fact("Recorded", AlertText.time(e.occurredAt())));
        ObjectNode set = Json.object().put("type", "FactSet");
        set.set("facts", facts);
        return set;
    }

    private static ObjectNode columns(AlertEvent e) {
        ArrayNode facts = Json.array();
        for (DriftedColumn c : e.findings().topColumns()) {
            if (facts.size() == AlertEvent.MAX_COLUMNS_SHOWN) {
                break;
            }
            facts.add(fact(escape(AlertText.cut(c.name(), AlertText.NAME_LIMIT)),
                    AlertText.score(c) + ", " + c.type().label()));
        }
        ObjectNode set = Json.object().put("type", "FactSet");
        set.set("facts", facts);
        return set;
    }

    private static ObjectNode text(String markdown) {
        return Json.object().put("type", "TextBlock").put("text", markdown).put("wrap", true);
    }

    private static ObjectNode fact(String title, String value) {
        return Json.object().put("title", title).put("value", value);
    }

    private static ObjectNode openUrl(String title, URI url) {
        return Json.object().put("type", "Action.OpenUrl").put("title", title).put("url", url.toString());
    }

    @Override
    public String toString() {
        return "TeamsChannel{name=" + name + ", url=" + endpoint + "}";
    }
}
