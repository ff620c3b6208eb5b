package io.driftwatch.trigger;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP calls of one trigger: a {@link HttpClient} with the trigger's connect timeout, the
 * request timeout on every request, redirects never followed (a redirect could carry a credential
 * to an address that is not in the configuration), and the mapping from what happened to a
 * {@link Delivery}: a network error or timeout is a retry, and so are 408, 425, 429 and 5xx
 * (with the receiver's {@code Retry-After}); other statuses outside 2xx are permanent failures.
 * Every reason is passed through the trigger's {@link Redaction}.
 *
 * <p>Thread-safe: {@link HttpClient} is, and nothing else is mutable.
 */
final class HttpTransport {
    /** The most of a response body quoted in a reason. */
    static final int EXCERPT = 300;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Redaction redaction;
    private final Clock clock;

    HttpTransport(Duration connectTimeout, Duration requestTimeout, Redaction redaction, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A response, whatever its status. */
    record Response(int status, HttpHeaders headers, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Clock clock() {
        return clock;
    }

    Redaction redaction() {
        return redaction;
    }

    /**
     * Sends {@code request} (the request timeout is added here) and returns the response.
     *
     * @param what names the call in reasons ("MLflow runs/create")
     * @throws StepFailedException with a retry when the receiver could not be reached or did
     *     not answer in time, or the thread was interrupted
     */
    Response exchange(HttpRequest.Builder request, String what) {
        HttpRequest built = request.timeout(requestTimeout).build();
        try {
            HttpResponse<String> r = client.send(built, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body() == null ? "" : r.body());
        } catch (HttpConnectTimeoutException e) {
            throw StepFailedException.retry(what + ": could not connect within the connect timeout");
        } catch (HttpTimeoutException e) {
            throw StepFailedException.retry(what + ": no answer within " + requestTimeout.toMillis() + " ms");
        } catch (IOException e) {
            throw StepFailedException.retry(redaction.apply(what + ": " + describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailedException.retry(what + ": interrupted");
        }
    }

    /**
     * The outcome of a response that is not what the caller wanted: a retry for 408, 425, 429
     * and 5xx (with {@code Retry-After}), a failure for anything else.
     */
    Delivery unexpected(Response r, String what) {
        String reason = redaction.apply(what + " answered " + r.status() + excerpt(r.body()));
        if (transientStatus(r.status())) {
            return new Delivery.Retry(
                    RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), clock.instant()), reason);
        }
        if (r.status() >= 300 && r.status() < 400) {
            return new Delivery.Failed(reason + " (redirects are not followed: configure the final address)");
        }
        return new Delivery.Failed(reason);
    }

    /** {@link #unexpected} as an exception, to stop a multi-step send. */
    StepFailedException stop(Response r, String what) {
        return new StepFailedException(unexpected(r, what));
    }

    static boolean transientStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** ": " and the start of {@code body} on one line, or nothing for an empty body. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        if (line.length() > EXCERPT) {
            line = line.substring(0, EXCERPT) + "…";
        }
        return ": " + line;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? kind : kind + " " + m;
    }
}
