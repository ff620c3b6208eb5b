package io.driftwatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.drift.DatasetDrift;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A PagerDuty service through the Events API v2 ({@code POST /v2/enqueue}). An incident opening is a
 * {@code trigger} event, its closing a {@code resolve} event; both carry the same {@code dedup_key},
 * derived from the monitor and the incident id ({@link #dedupKey}), so repeated triggers of one
 * incident stay one PagerDuty alert and the resolve closes it. A test is a {@code trigger} of
 * severity {@code info} under its own key.
 *
 * <p>The routing key is PagerDuty's secret and belongs in the body, so {@link #render} leaves it out
 * and {@link #send} adds it as the first field of the document it posts. The stored payload is
 * therefore not byte-for-byte what is sent; nothing signs it, so nothing depends on that.
 *
 * <p>Thread-safe: immutable.
 */
final class PagerDutyChannel implements Channel {
    static final int SUMMARY_LIMIT = 1024;
    static final int DEDUP_KEY_LIMIT = 255;

    private final String name;
    private final String routingKey;
    private final String severity;
    private final ChannelFactory.Endpoint endpoint;

    PagerDutyChannel(String name, String routingKey, String severity, ChannelFactory.Endpoint endpoint) {
        this.name = name;
        this.routingKey = routingKey;
        this.severity = severity;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    /** PagerDuty keeps an incident open until a {@code resolve} event closes it. */
    @Override
    public boolean alwaysToldOfResolve() {
        return true;
    }

    @Override
    public Payload render(AlertEvent e) {
        ObjectNode event = Json.object();
        if (e.kind() == AlertEvent.Kind.RESOLVED) {
            event.put("event_action", "resolve");
            event.put("dedup_key", dedupKey(e));
            return Json.payload(event);
        }
        event.put("event_action", "trigger");
        event.put("dedup_key", dedupKey(e));
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", AlertText.cut(AlertText.title(e) + ". " + AlertText.summary(e), SUMMARY_LIMIT));
        payload.put("source", "driftwatch/" + e.monitor());
        payload.put("severity", e.kind() == AlertEvent.Kind.TEST ? "info" : severity);
        payload.put("timestamp", e.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString());
        payload.put("component", e.monitor());
        payload.put("group", "driftwatch");
        payload.put("class", e.kind() == AlertEvent.Kind.TEST ? "test" : e.checkFailed() ? "check failed" : kind(e));
        payload.set("custom_details", details(e));
        event.put("client", "Driftwatch");
        event.put("client_url", e.dashboardUrl().toString());
        ArrayNode links = event.putArray("links");
        if (e.reportUrl() != null) {
            links.add(Json.object().put("href", e.reportUrl().toString()).put("text", "Open report"));
        }
        links.add(Json.object().put("href", e.dashboardUrl().toString()).put("text", "Open dashboard"));
        return Json.payload(event);
    }

    /** Adds the routing key to the stored event and posts it. */
    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        HttpTransport.requireIdempotencyKey(idempotencyKey);
        Optional<ObjectNode> stored = Json.readObject(payload.json());
        if (stored.isEmpty()) {
            return new Outcome.Failed(0, "the stored payload is not a JSON object");
        }
        ObjectNode event = Json.object().put("routing_key", routingKey);
        for (Map.Entry<String, JsonNode> f : stored.get().properties()) {
            if (!f.getKey().equals("routing_key")) {
                event.set(f.getKey(), f.getValue());
            }
        }
        return endpoint.post(Json.write(event).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * {@code driftwatch/<monitor>/<incident id>}, the same for every event of one incident; when that
     * is longer than PagerDuty's 255 characters, {@code driftwatch/sha256:<hex of monitor/incident>}.
     */
    static String dedupKey(AlertEvent e) {
        String key = "driftwatch/" + e.monitor() + "/" + e.incidentId();
        if (key.length() <= DEDUP_KEY_LIMIT) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((e.monitor() + "/" + e.incidentId()).getBytes(StandardCharsets.UTF_8));
            return "driftwatch/sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java platform has SHA-256", ex);
        }
    }

    private static ObjectNode details(AlertEvent e) {
        ObjectNode details = Json.object();
        details.put("monitor", e.monitor());
        details.put("incident", e.incidentId());
        if (e.checkId() != null) {
            details.put("check", e.checkId());
        }
        DatasetDrift d = e.findings().drift();
        if (d != null) {
            Json.number(details, "drift share", d.share());
            Json.number(details, "drift share threshold", d.threshold());
            details.put("drifted columns", d.numberOfDriftedColumns());
            details.put("tested columns", d.numberOfColumns());
        }
        if (e.checkFailed()) {
            details.put("check error", AlertText.cut(e.findings().checkError(), AlertText.ERROR_LIMIT));
        }
        if (!e.findings().topColumns().isEmpty()) {
            ArrayNode top = details.putArray("top drifted columns");
            for (DriftedColumn c : e.findings().topColumns()) {
                if (top.size() == AlertEvent.MAX_COLUMNS_SHOWN) {
                    break;
                }
                top.add(AlertText.cut(c.name(), AlertText.NAME_LIMIT) + ": " + AlertText.score(c));
            }
        }
        lines(details, "model quality", e.findings().modelQuality());
        lines(details, "estimated performance", e.findings().estimate());
        lines(details, "drift across columns", e.findings().multivariate());
        lines(details, "data quality", e.findings().dataQuality());
        return details;
    }

    /** At most {@link AlertEvent#MAX_COLUMNS_SHOWN} findings under {@code key}; nothing without findings. */
    private static void lines(ObjectNode details, String key, List<String> findings) {
        if (findings.isEmpty()) {
            return;
        }
        ArrayNode lines = details.putArray(key);
        for (String finding : findings) {
            if (lines.size() == AlertEvent.MAX_COLUMNS_SHOWN) {
                break;
            }
            lines.add(AlertText.cut(finding, AlertText.ERROR_LIMIT));
        }
    }

    /** PagerDuty's {@code class}: what breached first ("model quality", "data quality", "data drift"). */
    private static String kind(AlertEvent e) {
        Iterator<Breach> first = e.breaches().iterator();
        return first.hasNext() ? first.next().topic().toLowerCase(Locale.ROOT) : "data drift";
    }

    @Override
    public String toString() {
        return "PagerDutyChannel{name=" + name + ", severity=" + severity + ", routingKey=***, url=" + endpoint + "}";
    }
}
