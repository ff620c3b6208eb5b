package io.driftwatch.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP calls of one channel or trigger: an {@link HttpClient} with the receiver's connect
 * timeout, redirects never followed (a redirect could carry a credential to an address that is not in
 * the configuration), HTTP/1.1, {@code User-Agent: Driftwatch}; and the one mapping from what happened
 * to an {@link Outcome}: 2xx is delivered; 408, 425, 429, 5xx, network errors and timeouts are worth a
 * retry (honouring {@code Retry-After}); redirects and other 4xx fail for good. The connect timeout
 * bounds connecting and the request timeout the rest of the exchange, body included, so a slow or
 * silent receiver cannot hold a sender longer than their sum per call.
 *
 * <p>Reasons name the call when the caller names it ({@code MLflow runs/search answered 429: …}), or
 * just the status for a receiver's single call ({@code HTTP 429: …}), quote at most {@value #EXCERPT}
 * characters of the answer on one line, and never contain a secret: {@link Redaction} masks them
 * before a reason leaves this class.
 *
 * <p>Built by {@link ReceiverFactory#transport}. Thread-safe: immutable; {@link HttpClient} is
 * thread-safe.
 */
public final class HttpTransport {
    /** The most of an answer quoted in a reason. */
    public static final int EXCERPT = 300;
    private static final String USER_AGENT = "Driftwatch";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_:-]{1,255}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Redaction redaction;
    private final Clock clock;

    HttpTransport(Duration connectTimeout, Duration requestTimeout, Redaction redaction, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.connectTimeout = connectTimeout;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * An answer, whatever its status.
     *
     * @param body the answer's body as UTF-8 text (for {@link #post}, only its first {@value #EXCERPT} bytes)
     */
    public record Response(int status, HttpHeaders headers, String body) {
        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as JSON; an empty object when it is empty or not JSON. */
        public JsonNode json() {
            try {
                return MAPPER.readTree(body.isEmpty() ? "{}" : body);
            } catch (JsonProcessingException e) {
                return JsonNodeFactory.instance.objectNode();
            }
        }
    }

    /** The clock {@code Retry-After} dates are read against (and receivers time-stamp with). */
    public Clock clock() {
        return clock;
    }

    /** The receiver's secrets, to mask in reasons a receiver writes itself. */
    public Redaction redaction() {
        return redaction;
    }

    /**
     * Checks an outbox idempotency key: 1 to 255 characters from {@code A-Z a-z 0-9 _ - :}; returns it.
     *
     * @throws IllegalArgumentException when it is not of that form
     */
    public static String requireIdempotencyKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("an idempotency key is 1 to 255 characters from A-Z a-z 0-9 _ - :");
        }
        return key;
    }

    /**
     * POSTs {@code body} as {@code application/json} to {@code address} with {@code headers} added, and
     * maps what happens to an outcome: a receiver's single call. Never throws for network or receiver
     * trouble; an interrupt ends the attempt as a retry with the thread's interrupt flag set again.
     */
    public Outcome post(URI address, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(address)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return outcome(send(request, null, EXCERPT), null);
        } catch (StepFailedException e) {
            return e.outcome();
        }
    }

    /**
     * Sends {@code request} (the request timeout and {@code User-Agent} are added here) and returns the
     * answer with its whole body, whatever its status.
     *
     * @param what names the call in reasons ("MLflow runs/create")
     * @throws StepFailedException with a retry when the receiver could not be reached or did not answer
     *     in time, or the thread was interrupted (its interrupt flag is set again)
     */
    public Response exchange(HttpRequest.Builder request, String what) {
        return send(request, Objects.requireNonNull(what, "what"), Integer.MAX_VALUE);
    }

    private Response send(HttpRequest.Builder request, String what, int keep) {
        request.timeout(requestTimeout).setHeader("User-Agent", USER_AGENT);
        FirstBytes answer = new FirstBytes(keep);
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArrayConsumer(answer));
        try {
            HttpResponse<Void> r = exchange.get(connectTimeout.plus(requestTimeout).toNanos(), TimeUnit.NANOSECONDS);
            return new Response(r.statusCode(), r.headers(), answer.text());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw StepFailedException.retry(reason(what, "no complete answer within " + requestTimeout.toMillis()
                    + " ms"));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw StepFailedException.retry(reason(what, "interrupted"));
        } catch (ExecutionException e) {
            throw StepFailedException.retry(reason(what, failure(e.getCause())));
        }
    }

    private String failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect within " + connectTimeout.toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "could not connect (" + describe(cause) + ")";
        }
        if (cause instanceof IOException) {
            return describe(cause);
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank()
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message;
    }

    /**
     * The outcome of an answer: delivered for 2xx; a retry for 408, 425, 429 and 5xx (with
     * {@code Retry-After}); a failure for anything else, redirects included.
     *
     * @param what names the call in the reason, or null for a receiver's single call
     */
    public Outcome outcome(Response r, String what) {
        if (r.ok()) {
            return new Outcome.Delivered(r.status());
        }
        String reason = reason(r, what);
        if (transientStatus(r.status())) {
            return new Outcome.Retry(retryAfter(r), reason);
        }
        if (r.status() >= 300 && r.status() < 400) {
            return new Outcome.Failed(r.status(),
                    reason + " (redirects are not followed: configure the final address)");
        }
        return new Outcome.Failed(r.status(), reason);
    }

    /** {@link #outcome} of an answer that is not what the caller wanted, as an exception that stops a send. */
    public StepFailedException stop(Response r, String what) {
        return new StepFailedException(outcome(r, what));
    }

    /** The wait the answer's {@code Retry-After} asks for, if it says. */
    public Optional<Duration> retryAfter(Response r) {
        return RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), clock.instant());
    }

    /** {@code what answered <status>: <start of the body>} (or {@code HTTP <status>: …}), masked. */
    public String reason(Response r, String what) {
        return clean((what == null ? "HTTP " + r.status() : what + " answered " + r.status())
                + excerpt(redaction.apply(r.body())));
    }

    /** 408, 425, 429 and 5xx: the same request may succeed later. */
    public static boolean transientStatus(int status) {
        return status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600);
    }

    private String reason(String what, String detail) {
        return clean(what == null ? detail : what + ": " + detail);
    }

    /** ": " and the start of {@code body} on one line, or nothing for an empty body. */
    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = WHITESPACE.matcher(body.strip()).replaceAll(" ");
        if (line.length() > EXCERPT) {
            line = line.substring(0, EXCERPT) + "…";
        }
        return ": " + line;
    }

    /** {@code text} with every secret masked and line breaks made spaces. */
    private String clean(String text) {
        return LINE_BREAKS.matcher(redaction.apply(text)).replaceAll(" ");
    }

    /** Keeps the first bytes of an answer and drops the rest as it arrives. */
    private static final class FirstBytes implements Consumer<Optional<byte[]>> {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void accept(Optional<byte[]> chunk) {
            chunk.ifPresent(bytes -> kept.write(bytes, 0, Math.min(bytes.length, limit - kept.size())));
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
