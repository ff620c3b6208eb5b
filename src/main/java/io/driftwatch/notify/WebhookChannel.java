package io.driftwatch.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.drift.DatasetDrift;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic webhook: a documented JSON event ({@code docs/webhook-event.md}) signed per the Standard
 * Webhooks specification. {@link #render} writes the event (no secret in it); {@link #send} posts
 * those exact bytes with {@code webhook-id} (the outbox's idempotency key, the same on every attempt,
 * so receivers can drop duplicates), {@code webhook-timestamp} (this attempt, Unix seconds) and
 * {@code webhook-signature} ({@code v1,} HMAC-SHA256 of {@code id.timestamp.body}), plus the
 * configured extra headers.
 *
 * <p>Thread-safe: immutable.
 */
final class WebhookChannel implements Channel {
    /** The {@code data.schemaVersion} of the event; bumped only with a note in the README. */
    static final int SCHEMA_VERSION = 1;

    private final String name;
    private final WebhookSignature signature;
    private final Map<String, String> extraHeaders;
    private final Clock clock;
    private final ChannelFactory.Endpoint endpoint;

    WebhookChannel(String name, WebhookSignature signature, Map<String, String> extraHeaders, Clock clock,
            ChannelFactory.Endpoint endpoint) {
        this.name = name;
        this.signature = signature;
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.clock = clock;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    /** The event type: {@code driftwatch.incident.triggered}, {@code …resolved}, {@code driftwatch.test}. */
    static String eventType(AlertEvent.Kind kind) {
        return switch (kind) {
            case TRIGGERED -> "driftwatch.incident.triggered";
            case RESOLVED -> "driftwatch.incident.resolved";
            case TEST -> "driftwatch.test";
        };
    }

    @Override
    public Payload render(AlertEvent e) {
        ObjectNode event = Json.object();
        event.put("type", eventType(e.kind()));
        event.put("timestamp", e.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode data = event.putObject("data");
        data.put("schemaVersion", SCHEMA_VERSION);
        data.put("monitor", e.monitor());
        data.put("incidentId", e.incidentId());
        data.put("checkId", e.checkId());
        DatasetDrift d = e.findings().drift();
        if (d == null) {
            data.putNull("datasetDrift");
        } else {
            ObjectNode drift = data.putObject("datasetDrift");
            drift.put("detected", d.detected());
            Json.number(drift, "share", d.share());
            Json.number(drift, "threshold", d.threshold());
            drift.put("numberOfColumns", d.numberOfColumns());
            drift.put("numberOfDriftedColumns", d.numberOfDriftedColumns());
        }
        ArrayNode columns = data.putArray("topDriftedColumns");
        for (DriftedColumn c : e.findings().topColumns()) {
            if (columns.size() == AlertEvent.MAX_COLUMNS_SHOWN) {
                break;
            }
            ObjectNode column = columns.addObject();
            column.put("name", c.name());
            column.put("type", c.type().label());
            column.put("test", c.test());
            column.put("scoreKind", c.scoreKind().name().toLowerCase(java.util.Locale.ROOT));
            Json.number(column, "score", c.score());
            Json.number(column, "threshold", c.threshold());
        }
        lines(data.putArray("dataQuality"), e.findings().dataQuality());
        lines(data.putArray("modelQuality"), e.findings().modelQuality());
        lines(data.putArray("estimate"), e.findings().estimate());
        lines(data.putArray("multivariate"), e.findings().multivariate());
        data.put("checkError", e.findings().checkError());
        ObjectNode links = data.putObject("links");
        links.put("report", e.reportUrl() == null ? null : e.reportUrl().toString());
        links.put("dashboard", e.dashboardUrl().toString());
        return Json.payload(event);
    }

    /** At most {@link AlertEvent#MAX_COLUMNS_SHOWN} findings, each cut to {@link AlertText#ERROR_LIMIT}. */
    private static void lines(ArrayNode into, List<String> findings) {
        for (String finding : findings) {
            if (into.size() == AlertEvent.MAX_COLUMNS_SHOWN) {
                break;
            }
            into.add(AlertText.cut(finding, AlertText.ERROR_LIMIT));
        }
    }

    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        HttpTransport.requireIdempotencyKey(idempotencyKey);
        byte[] body = payload.bytes();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("webhook-id", idempotencyKey);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature.sign(idempotencyKey, timestamp, body));
        return endpoint.post(body, headers);
    }

    @Override
    public String toString() {
        return "WebhookChannel{name=" + name + ", headers=" + extraHeaders.keySet() + ", secret=***, url=" + endpoint + "}";
    }
}
