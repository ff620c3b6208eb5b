package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.trigger.FakeServer.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generic HTTP trigger against a local receiver. */
class HttpTriggerTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:16:00Z");

    /** A receiver that answers the queued replies in turn, then 200. */
    private static final class Receiver implements AutoCloseable {
        final Deque<Reply> replies = new ArrayDeque<>();
        final FakeServer server = new FakeServer(r -> {
            synchronized (this) {
                Reply next = replies.poll();
                return next != null ? next : Reply.json(200, "{\"accepted\":true}");
            }
        });

        @Override
        public void close() {
            server.close();
        }
    }

    private static Trigger trigger(URI url, Map<String, String> headers, long timeoutMillis) {
        HttpTriggerFactory f = new HttpTriggerFactory();
        f.setName("hook");
        f.setUrl(url);
        f.setHeaders(headers);
        f.setRequestTimeout(io.dropwizard.util.Duration.milliseconds(timeoutMillis));
        return f.build(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Payload stored(Trigger t, RetrainEvent e) {
        return Payload.of(t.render(e).json());
    }

    @Test
    void postsTheEventDocumentWithHeadersAndTheIdempotencyKey() {
        try (Receiver receiver = new Receiver()) {
            Trigger t = trigger(receiver.server.uri().resolve("/hooks/retrain"),
                    Map.of("Authorization", "Bearer hook-secret", "X-Team", "ml"), 5000);

            Outcome d = t.send(stored(t, TestEvents.breach()), "incident-inc-42-hook");

            assertThat(d).isEqualTo(new Outcome.Delivered(200));
            FakeServer.Request r = receiver.server.requests().get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hooks/retrain");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Idempotency-Key")).isEqualTo("incident-inc-42-hook");
            assertThat(r.header("Authorization")).isEqualTo("Bearer hook-secret");
            assertThat(r.header("X-Team")).isEqualTo("ml");
            JsonNode body = r.json();
            assertThat(body.path("schemaVersion").asInt()).isEqualTo(1);
            assertThat(body.path("kind").asText()).isEqualTo("breach");
            assertThat(body.path("incidentId").asText()).isEqualTo("inc-42");
            assertThat(body.path("checkId").asText()).isEqualTo(TestEvents.CHECK_ID);
            assertThat(body.path("occurredAt").asText()).isEqualTo("2025-06-01T10:15:30.250Z");
            assertThat(body.path("datasetDrift").path("numberOfDriftedColumns").asInt()).isEqualTo(2);
            assertThat(body.path("columns")).hasSize(4);
            assertThat(body.path("columns").get(3).path("score").isNull()).isTrue();
            assertThat(body.path("driftedColumns").toString()).isEqualTo("[\"temp\",\"season\"]");
            assertThat(body.path("links").path("report").asText()).isEqualTo(TestEvents.REPORT.toString());
        }
    }

    @Test
    void tooManyRequestsIsARetryAfterTheDelayInSecondsOrAsADate() {
        try (Receiver receiver = new Receiver()) {
            receiver.replies.add(Reply.empty(429).with("Retry-After", "120"));
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(45),
                    ZoneOffset.UTC));
            receiver.replies.add(Reply.empty(503).with("Retry-After", date));
            receiver.replies.add(Reply.empty(500));
            Trigger t = trigger(receiver.server.uri(), Map.of(), 5000);
            Payload p = stored(t, TestEvents.breach());

            assertThat(t.send(p, "k")).isEqualTo(new Outcome.Retry(Optional.of(Duration.ofSeconds(120)),
                    "the HTTP trigger's receiver answered 429"));
            assertThat(((Outcome.Retry) t.send(p, "k")).retryAfter()).contains(Duration.ofSeconds(45));
            assertThat(((Outcome.Retry) t.send(p, "k")).retryAfter()).isEmpty();
            assertThat(t.send(p, "k")).isInstanceOf(Outcome.Delivered.class);
            assertThat(receiver.server.requests()).extracting(r -> r.header("Idempotency-Key"))
                    .containsOnly("k");
        }
    }

    @Test
    void clientErrorsFailAndAConflictIsARetry() {
        try (Receiver receiver = new Receiver()) {
            receiver.replies.add(Reply.json(400, "{\"error\":\"bad event\"}"));
            receiver.replies.add(Reply.empty(409));
            receiver.replies.add(Reply.empty(302).with("Location", "https://elsewhere.example.com/"));
            Trigger t = trigger(receiver.server.uri(), Map.of(), 5000);
            Payload p = stored(t, TestEvents.breach());

            assertThat(t.send(p, "k")).isInstanceOf(Outcome.Failed.class);
            assertThat(t.send(p, "k")).isInstanceOf(Outcome.Retry.class);
            Outcome redirected = t.send(p, "k");
            assertThat(redirected).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) redirected).reason()).contains("302", "redirects are not followed");
            assertThat(receiver.server.requests()).hasSize(3);
        }
    }

    @Test
    void aHungReceiverIsARetryAfterTheRequestTimeout() {
        try (Receiver receiver = new Receiver()) {
            receiver.server.hang();
            Trigger t = trigger(receiver.server.uri(), Map.of(), 200);

            Outcome d = t.send(stored(t, TestEvents.breach()), "k");

            assertThat(d).isEqualTo(new Outcome.Retry("the HTTP trigger's receiver: no answer within 200 ms"));
        }
    }

    @Test
    void anUnreachableReceiverIsARetry() {
        URI closed;
        try (Receiver receiver = new Receiver()) {
            closed = receiver.server.uri();
        }
        Trigger t = trigger(closed, Map.of(), 1000);

        Outcome d = t.send(stored(t, TestEvents.breach()), "k");

        assertThat(d).isInstanceOf(Outcome.Retry.class);
    }

    @Test
    void reasonsNeverShowHeaderValuesOrTheSecretPath() {
        try (FakeServer echo = new FakeServer(r -> Reply.json(401, "{\"error\":\"token "
                + r.header("Authorization") + " not valid for " + r.path() + "\"}"))) {
            Trigger t = trigger(echo.uri().resolve("/hooks/T0123/s3cretpath"),
                    Map.of("Authorization", "Bearer hook-secret"), 5000);

            Outcome d = t.send(stored(t, TestEvents.breach()), "k");

            assertThat(d).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) d).reason()).contains("401").doesNotContain("hook-secret")
                    .doesNotContain("s3cretpath");
        }
    }
}
