package io.driftwatch.trigger;

import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.delivery.StepFailedException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Objects;

/**
 * Posts the event's JSON document ({@link EventJson}) to a configured address, with the
 * configured headers and an {@code Idempotency-Key} header carrying the outbox's key, so a
 * receiver that honours it (draft-ietf-httpapi-idempotency-key-header) runs each event once.
 * Any 2xx is delivered. A 409 is a retry: under that draft it means a request with the same key
 * is still being processed.
 *
 * <p>Thread-safe: immutable, over a thread-safe transport.
 */
final class HttpTrigger implements Trigger {
    private final String name;
    private final URI url;
    private final Map<String, String> headers;
    private final HttpTransport http;

    HttpTrigger(String name, URI url, Map<String, String> headers, HttpTransport http) {
        this.name = name;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Payload render(RetrainEvent event) {
        return Payload.of(EventJson.document(event));
    }

    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(payload.json()));
            headers.forEach(request::header);
            HttpTransport.Response r = http.exchange(request, "the HTTP trigger's receiver");
            if (r.ok()) {
                return new Outcome.Delivered(r.status());
            }
            if (r.status() == 409) {
                return new Outcome.Retry(http.retryAfter(r),
                        "the HTTP trigger's receiver answered 409: a request with this idempotency key is "
                                + "still in progress");
            }
            return http.outcome(r, "the HTTP trigger's receiver");
        } catch (StepFailedException e) {
            return e.outcome();
        }
    }
}
