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
 * A Slack incoming webhook. Renders a {@code text} fallback (notifications, screen readers) and
 * Block Kit blocks: a header, a summary section with fields, the model-quality findings, the top
 * drifted columns with their scores, the data-quality failures, and buttons to the report and the
 * dashboard. Keeps Slack's limits: header plain text up
 * to 150 characters, section text up to 3000, field text up to 2000, at most 10 fields, button text
 * up to 75, button URL up to 3000. User data (monitor and column names, error messages) is escaped
 * for mrkdwn ({@code &}, {@code <}, {@code >}), so it cannot mention {@code @channel}, a user, or
 * forge a link. The webhook URL is the secret; it is only ever in the channel's {@link ChannelFactory.Endpoint}.
 *
 * <p>Thread-safe: immutable.
 */
final class SlackChannel implements Channel {
    static final int HEADER_LIMIT = 150;
    static final int TEXT_LIMIT = 3000;
    static final int FIELD_LIMIT = 2000;
    static final int BUTTON_TEXT_LIMIT = 75;
    static final int URL_LIMIT = 3000;

    private final String name;
    private final ChannelFactory.Endpoint endpoint;

    SlackChannel(String name, ChannelFactory.Endpoint endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public Payload render(AlertEvent e) {
        ArrayNode blocks = Json.array();
        blocks.add(header(AlertText.title(e)));
        ObjectNode summary = section(escape(AlertText.summary(e)));
        summary.set("fields", fields(e));
        blocks.add(summary);
        if (!e.findings().modelQuality().isEmpty()) {
            blocks.add(section(lines("Model quality", e.findings().modelQuality())));
        }
        if (!e.findings().estimate().isEmpty()) {
            blocks.add(section(lines("Estimated performance", e.findings().estimate())));
        }
        if (!e.findings().multivariate().isEmpty()) {
            blocks.add(section(lines("Drift across columns", e.findings().multivariate())));
        }
        if (!e.findings().topColumns().isEmpty()) {
            blocks.add(section(columns(e)));
        }
        if (!e.findings().dataQuality().isEmpty()) {
            blocks.add(section(lines("Data quality", e.findings().dataQuality())));
        }
        blocks.add(actions(e));
        ObjectNode message = Json.object();
        message.put("text", escape(AlertText.cut(AlertText.title(e) + ". " + AlertText.summary(e), TEXT_LIMIT)));
        message.set("blocks", blocks);
        return Json.payload(message);
    }

    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        HttpTransport.requireIdempotencyKey(idempotencyKey);
        return endpoint.post(payload.bytes(), Map.of());
    }

    /** Escapes mrkdwn control characters as Slack documents: {@code &}, {@code <}, {@code >}. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static ObjectNode header(String title) {
        ObjectNode block = Json.object().put("type", "header");
        block.set("text", plain(AlertText.cut(title, HEADER_LIMIT)));
        return block;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode block = Json.object().put("type", "section");
        block.set("text", mrkdwn(mrkdwn.length() <= TEXT_LIMIT ? mrkdwn : safeCut(mrkdwn, TEXT_LIMIT)));
        return block;
    }

    private static ArrayNode fields(AlertEvent e) {
        ArrayNode fields = Json.array();
        fields.add(field("Monitor", escape(AlertText.cut(e.monitor(), AlertText.NAME_LIMIT))));
        DatasetDrift d = e.findings().drift();
        if (d != null) {
            fields.add(field("Drift share", AlertText.shareWithThreshold(d)));
            fields.add(field("Drifted columns", AlertText.driftedCount(d)));
        }
        if (e.checkId() != null) {
            fields.add(field("Check", escape(AlertText.cut(e.checkId(), AlertText.NAME_LIMIT))));
        }
        fields.add(field("Recorded", "<!date^" + e.occurredAt().getEpochSecond()
                + "^{date_short_pretty} {time}|" + AlertText.time(e.occurredAt()) + ">"));
        return fields;
    }

    private static ObjectNode field(String label, String escapedValue) {
        return mrkdwn(safeCut("*" + label + "*\n" + escapedValue, FIELD_LIMIT));
    }

    /** "*Model quality*" or "*Data quality*" and one line per finding, as many as fit in a section. */
    private static String lines(String heading, List<String> findings) {
        StringBuilder text = new StringBuilder("*").append(heading).append('*');
        int listed = 0;
        for (String finding : findings) {
            String line = "\n• " + escape(AlertText.cut(finding, AlertText.ERROR_LIMIT));
            if (listed == AlertEvent.MAX_COLUMNS_SHOWN || text.length() + line.length() > TEXT_LIMIT - 40) {
                break;
            }
            text.append(line);
            listed++;
        }
        if (listed < findings.size()) {
            text.append("\n…and ").append(findings.size() - listed).append(" more");
        }
        return text.toString();
    }

    /** "*Top drifted columns*" and one line per column, as many as fit in a section. */
    private static String columns(AlertEvent e) {
        StringBuilder text = new StringBuilder("*Top drifted columns*");
        int listed = 0;
        for (DriftedColumn c : e.findings().topColumns()) {
            if (listed == AlertEvent.MAX_COLUMNS_SHOWN) {
                break;
            }
            String line = "\n• " + escape(AlertText.cut(c.name(), AlertText.NAME_LIMIT)) + " (" + c.type().label()
                    + "): " + escape(AlertText.score(c));
            if (text.length() + line.length() > TEXT_LIMIT - 40) {
                break;
            }
            text.append(line);
            listed++;
        }
        int more = AlertText.notListed(e, listed);
        if (more > 0) {
            text.append("\n…and ").append(more).append(" more");
        }
        return text.toString();
    }

    private static ObjectNode actions(AlertEvent e) {
        ArrayNode buttons = Json.array();
        if (e.reportUrl() != null && e.reportUrl().toString().length() <= URL_LIMIT) {
            buttons.add(button("Open report", e.reportUrl(), "open_report"));
        }
        if (e.dashboardUrl().toString().length() <= URL_LIMIT) {
            buttons.add(button("Open dashboard", e.dashboardUrl(), "open_dashboard"));
        }
        ObjectNode block = Json.object().put("type", "actions");
        block.set("elements", buttons);
        return block;
    }

    private static ObjectNode button(String text, URI url, String actionId) {
        ObjectNode button = Json.object().put("type", "button");
        button.set("text", plain(AlertText.cut(text, BUTTON_TEXT_LIMIT)));
        button.put("url", url.toString());
        button.put("action_id", actionId);
        return button;
    }

    private static ObjectNode plain(String text) {
        return Json.object().put("type", "plain_text").put("text", text);
    }

    private static ObjectNode mrkdwn(String text) {
        return Json.object().put("type", "mrkdwn").put("text", text);
    }

    /** Cuts escaped mrkdwn without splitting an entity such as {@code &amp;}. */
    static String safeCut(String escaped, int max) {
        if (escaped.length() <= max) {
            return escaped;
        }
        String cut = AlertText.cut(escaped, max);
        int amp = cut.lastIndexOf('&');
        if (amp >= 0 && cut.indexOf(';', amp) < 0) {
            cut = cut.substring(0, amp) + "…";
        }
        return cut;
    }

    @Override
    public String toString() {
        return "SlackChannel{name=" + name + ", url=" + endpoint + "}";
    }
}
