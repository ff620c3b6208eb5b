package io.driftwatch.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * POSTs a JSON body to one configured URL and maps what happens to a {@link Delivery}: 2xx is
 * delivered; 408, 425, 429, 5xx, network errors and timeouts are worth a retry (honouring
 * {@code Retry-After}); redirects (never followed) and other 4xx fail for good. The connect timeout
 * bounds connecting, the request timeout bounds the rest of the exchange, body included, so a slow
 * or silent receiver cannot hold a worker longer than their sum. Only the first
 * {@value #BODY_KEPT} bytes of an answer are kept, for the reason.
 *
 * <p>Reasons never contain the secrets it was given (the URL, its path and query, keys): they are
 * replaced by {@code ***}, and line breaks by spaces, before a reason leaves this class.
 *
 * <p>Thread-safe: immutable; {@link HttpClient} is thread-safe.
 */
final class HttpSender {
    static final int BODY_KEPT = 300;
    private static final String USER_AGENT = "Driftwatch";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_:-]{1,255}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

    private final HttpClient client;
    private final URI url;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Clock clock;
    private final List<String> secrets;

    /**
     * @param url the configured receiver
     * @param secrets strings that must never appear in a reason; the URL, its path and its query are
     *     added here
     */
    HttpSender(URI url, Duration connectTimeout, Duration requestTimeout, Clock clock, List<String> secrets) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        List<String> all = new ArrayList<>();
        addSecret(all, url.toString());
        addSecret(all, url.getRawPath());
        addSecret(all, url.getPath());
        addSecret(all, url.getRawQuery());
        addSecret(all, url.getQuery());
        secrets.forEach(s -> addSecret(all, s));
        all.sort((a, b) -> Integer.compare(b.length(), a.length())); // longest first: a URL before its path
        this.secrets = List.copyOf(all);
    }

    private static void addSecret(List<String> all, String s) {
        if (s != null && s.length() > 1 && !all.contains(s)) {
            all.add(s);
        }
    }

    /** Checks the form {@link Channel#send} documents for an idempotency key; returns it. */
    static String requireIdempotencyKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "an idempotency key is 1 to 255 characters from A-Z a-z 0-9 _ - :");
        }
        return key;
    }

    /** POSTs {@code body} as {@code application/json} with {@code headers} added. */
    Delivery post(byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        FirstBytes answer = new FirstBytes();
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArrayConsumer(answer));
        try {
            HttpResponse<Void> response =
                    exchange.get(connectTimeout.plus(requestTimeout).toNanos(), TimeUnit.NANOSECONDS);
            return outcome(response.statusCode(), response.headers().firstValue("Retry-After"), answer.text());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return retry("no complete answer within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return retry("interrupted");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
    }

    private Delivery failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return retry("could not connect within " + connectTimeout.toMillis() + " ms");
        }
        if (cause instanceof HttpTimeoutException) {
            return retry("no answer within " + requestTimeout.toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return retry("could not connect (" + describe(cause) + ")");
        }
        if (cause instanceof IOException) {
            return retry(describe(cause));
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

    /** The delivery for an answer with {@code status}. */
    private Delivery outcome(int status, Optional<String> retryAfter, String body) {
        String said = body.isBlank() ? "HTTP " + status : "HTTP " + status + ": " + body.strip();
        if (status >= 200 && status < 300) {
            return new Delivery.Delivered(status);
        }
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
            return new Delivery.Retry(retryAfter.flatMap(v -> RetryAfter.parse(v, clock.instant())), clean(said));
        }
        if (status >= 300 && status < 400) {
            return new Delivery.Failed(status,
                    clean("HTTP " + status + ": redirects are not followed; configure the final URL"));
        }
        return new Delivery.Failed(status, clean(said));
    }

    private Delivery retry(String reason) {
        return new Delivery.Retry(Optional.empty(), clean(reason));
    }

    /** {@code text} with every secret replaced by {@code ***} and line breaks by spaces. */
    private String clean(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return LINE_BREAKS.matcher(out).replaceAll(" ");
    }

    @Override
    public String toString() {
        return "HttpSender{" + url.getScheme() + "://" + url.getHost() + "/***}";
    }

    /** Keeps the first {@link #BODY_KEPT} bytes of an answer and drops the rest as it arrives. */
    private static final class FirstBytes implements Consumer<Optional<byte[]>> {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public synchronized void accept(Optional<byte[]> chunk) {
            chunk.ifPresent(bytes -> kept.write(bytes, 0, Math.min(bytes.length, BODY_KEPT - kept.size())));
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
