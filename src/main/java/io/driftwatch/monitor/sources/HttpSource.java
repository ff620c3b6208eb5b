package io.driftwatch.monitor.sources;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * A {@code type: http} source: one GET per window, whose 200 answer is the batch.
 *
 * <p>The request: {@code {from}} and {@code {to}} in the URL are replaced by the window's bounds as
 * ISO-8601 instants (URL-encoded); each {@code ${NAME}} in a header value is read from the
 * environment at each request. HTTP/1.1, a connect timeout of {@code timeout} but at most
 * {@value #MAX_CONNECT_SECONDS} s; {@code timeout} bounds the whole exchange, redirects and body
 * included (the JDK's request timeout stops at the response headers).
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed here rather than by the JDK client, which would
 * send the configured headers, credentials included, to whatever host a redirect names: up to
 * {@value #MAX_REDIRECTS} of them, never from https to http (as {@link HttpClient.Redirect#NORMAL}), and
 * the configured headers go only to the configured URL's origin (scheme, host and port), so a redirect
 * to a pre-signed storage URL gets none.
 *
 * <p>The body is streamed unchanged to a file in the temporary folder while its SHA-256 and size are
 * computed: the caller recognises CSV, Arrow, Parquet and gzip by content. Any status other than 200 is a
 * {@link SourceException} naming the URL and the status, with the start of the body when it is text
 * (204 included: an empty answer is not an empty batch, which would be a CSV header line). Its
 * message never holds a header value, and the values read from the environment are masked in
 * the quoted body, in case the server echoes them. On any failure the partial file is deleted.
 *
 * <p>Thread-safe: the {@link HttpClient} is, and nothing else is mutable.
 */
final class HttpSource implements Source {
    /** The most characters of an error answer quoted in a message. */
    static final int EXCERPT = 200;
    static final long MAX_CONNECT_SECONDS = 10;
    static final int MAX_REDIRECTS = 5;
    /** How much of an error answer is kept to quote from (enough for {@link #EXCERPT} characters of UTF-8). */
    private static final int ERROR_PREFIX = 1024;
    /** Shorter values read from the environment are not masked in quoted bodies (it would garble them). */
    private static final int MIN_MASKED = 4;

    private final SourceSpec.Http spec;
    private final Function<String, String> environment;
    private final Path temporaryDirectory;
    private final HttpClient client;

    HttpSource(SourceSpec.Http spec, Function<String, String> environment, Path temporaryDirectory) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.temporaryDirectory = Objects.requireNonNull(temporaryDirectory, "temporaryDirectory");
        Duration connect = spec.timeout().compareTo(Duration.ofSeconds(MAX_CONNECT_SECONDS)) < 0
                ? spec.timeout() : Duration.ofSeconds(MAX_CONNECT_SECONDS);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER) // followed in read(), without the headers elsewhere
                .build();
    }

    /** What came back: the status, and either the body's digest and size (200) or its first bytes. */
    private record Received(int status, String location, String sha256, long bytes, byte[] prefix, int prefixLength) {
    }

    @Override
    public List<SourceBatch> read(TimeWindow window, SeenFiles seen) {
        Objects.requireNonNull(window, "window");
        String url = url(window);
        URI first;
        try {
            first = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceException("'" + url + "' is not a URL (source.url): " + e.getMessage(), e);
        }
        List<String> masked = new ArrayList<>();
        Map<String, String> headers = headers(masked);
        HttpRequest request = request(first, headers);

        Path target;
        try {
            target = Files.createTempFile(temporaryDirectory, "http-", ".batch");
        } catch (IOException e) {
            throw new SourceException("cannot make a file in the temporary folder " + temporaryDirectory + ": "
                    + DirectorySource.describe(e), e);
        }
        boolean complete = false;
        try {
            Received received;
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                long deadline = System.nanoTime() + spec.timeout().toNanos();
                received = exchange(request, url, channel, target, deadline);
                URI current = first;
                for (int redirects = 0; followed(received.status()) && received.location() != null; redirects++) {
                    if (redirects == MAX_REDIRECTS) {
                        throw new SourceException("the URL " + url + " redirected more than " + MAX_REDIRECTS + " times");
                    }
                    current = redirect(url, current, received.location());
                    request = request(current, sameOrigin(first, current) ? headers : Map.of());
                    received = exchange(request, url, channel, target, deadline);
                }
            } catch (IOException e) {
                throw new SourceException("cannot write the answer of " + url + " to " + target + ": "
                        + DirectorySource.describe(e), e);
            }
            if (received.status() != 200) {
                throw new SourceException(unexpected(url, received, masked));
            }
            complete = true;
            return List.of(new SourceBatch(target,
                    new SourceRead(spec.type(), url, window, null, received.sha256(), received.bytes(), null)));
        } finally {
            if (!complete) {
                DirectorySource.delete(target);
            }
        }
    }

    /** The URL with the window's bounds in place of {@code {from}} and {@code {to}}. */
    String url(TimeWindow window) {
        return spec.url()
                .replace("{from}", URLEncoder.encode(window.from().toString(), StandardCharsets.UTF_8))
                .replace("{to}", URLEncoder.encode(window.to().toString(), StandardCharsets.UTF_8));
    }

    /** The headers with {@code ${NAME}} resolved, by name; the values read from the environment are added to {@code masked}. */
    private Map<String, String> headers(List<String> masked) {
        Map<String, String> resolved = new TreeMap<>();
        for (Map.Entry<String, String> header : new TreeMap<>(spec.headers()).entrySet()) {
            resolved.put(header.getKey(), resolve(header.getKey(), header.getValue(), masked));
        }
        return resolved;
    }

    /** A GET of {@code uri} with {@code headers}. */
    private HttpRequest request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(uri);
        } catch (IllegalArgumentException e) {
            throw new SourceException("'" + uri + "' is not an http or https URL", e);
        }
        builder.GET().timeout(spec.timeout());
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            try {
                builder.header(name, header.getValue());
            } catch (IllegalArgumentException e) {
                // the JDK's message may quote the value: not passed on
                throw new SourceException("the header " + name + " cannot be sent: its name is restricted or not"
                        + " a valid header name, or its value holds characters HTTP does not allow (source.headers."
                        + name + ")");
            }
        }
        return builder.build();
    }

    private String resolve(String header, String value, List<String> masked) {
        Matcher m = Sources.VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            String variable = environment.apply(m.group(1));
            if (variable == null) {
                throw new SourceException("the environment variable " + m.group(1) + " is not set (source.headers."
                        + header + ")");
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(variable));
            masked.add(variable);
            any = true;
        }
        m.appendTail(resolved);
        if (any) {
            masked.add(resolved.toString());
        }
        return resolved.toString();
    }

    private static boolean followed(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect from {@code current} to {@code location} leads, if it may be followed. */
    static URI redirect(String url, URI current, String location) {
        URI next;
        try {
            next = current.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new SourceException("the URL " + url + " redirects to '" + location + "', which is not a URL", e);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
            throw new SourceException("the URL " + url + " redirects to " + next + ", which is not an http or https URL");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(current.getScheme())) {
            throw new SourceException("the URL " + url + " redirects from https to http (" + next
                    + "), which is not followed");
        }
        return next;
    }

    /** Whether {@code a} and {@code b} have the same scheme, host and port. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Sends {@code request} and waits for the whole answer until {@code deadline} ({@link System#nanoTime}). */
    private Received exchange(HttpRequest request, String url, FileChannel channel, Path target, long deadline) {
        CompletableFuture<HttpResponse<Received>> future =
                client.sendAsync(request, info -> new Receiver(info, channel, url, target));
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).body();
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SourceException("the URL " + url + " did not answer within " + duration(spec.timeout()), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while reading " + url, e);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private SourceException failure(String url, Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SourceException) {
            return (SourceException) cause;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new SourceException("could not connect to " + url + " within "
                    + duration(spec.timeout().compareTo(Duration.ofSeconds(MAX_CONNECT_SECONDS)) < 0
                    ? spec.timeout() : Duration.ofSeconds(MAX_CONNECT_SECONDS)), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new SourceException("the URL " + url + " did not answer within " + duration(spec.timeout()), cause);
        }
        if (cause instanceof ConnectException) {
            String reason = describe(cause);
            // the JDK client's ConnectException often has no message at all: it is then a refusal
            return new SourceException("could not connect to " + url + ": "
                    + (reason.equals("ConnectException") ? "connection refused (ConnectException)" : reason), cause);
        }
        return new SourceException("could not read " + url + ": " + describe(cause), cause);
    }

    private static String unexpected(String url, Received received, List<String> masked) {
        int status = received.status();
        if (status == 204) {
            return "the URL " + url + " answered 204 No Content; a source must answer 200 with a CSV, Arrow or Parquet batch";
        }
        StringBuilder message = new StringBuilder("the URL ").append(url).append(" answered ").append(status);
        if (followed(status)) {
            message.append(" without a Location");
        }
        String excerpt = excerpt(received.prefix(), received.prefixLength(), masked);
        if (!excerpt.isEmpty()) {
            message.append(": ").append(excerpt);
        }
        return message.toString();
    }

    /**
     * The start of a body on one line, at most {@link #EXCERPT} characters, with {@code masked} values
     * replaced by {@code ***}; empty when the body is empty or not UTF-8 text.
     */
    static String excerpt(byte[] bytes, int length, List<String> masked) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(length);
        // not the end of input: a character cut at the prefix's end is left out, not an error
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, 0, length), chars, false);
        if (result.isError()) {
            return "";
        }
        chars.flip();
        StringBuilder line = new StringBuilder(chars.length());
        boolean space = false;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (Character.isWhitespace(c)) {
                space = line.length() > 0;
            } else if (Character.isISOControl(c)) {
                return ""; // binary
            } else {
                if (space) {
                    line.append(' ');
                    space = false;
                }
                line.append(c);
            }
        }
        String text = line.toString();
        for (String value : masked) {
            if (value.length() >= MIN_MASKED) {
                text = text.replace(value, "***");
            }
        }
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
    }

    private static String describe(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return message + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        return thrown.getClass().getSimpleName();
    }

    private static String duration(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * Receives the body: for a 200, into the file while its digest is computed; otherwise its first
     * {@link #ERROR_PREFIX} bytes, after which the rest is not read.
     */
    private static final class Receiver implements HttpResponse.BodySubscriber<Received> {
        private final int status;
        private final String location;
        private final FileChannel file;
        private final String url;
        private final Path target;
        private final MessageDigest digest = DirectorySource.sha256();
        private final byte[] prefix;
        private final CompletableFuture<Received> body = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long bytes;
        private int prefixLength;

        Receiver(HttpResponse.ResponseInfo info, FileChannel file, String url, Path target) {
            this.status = info.statusCode();
            this.location = info.headers().firstValue("Location").orElse(null);
            this.file = status == 200 ? file : null;
            this.url = url;
            this.target = target;
            this.prefix = status == 200 ? new byte[0] : new byte[ERROR_PREFIX];
        }

        @Override
        public CompletionStage<Received> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    if (file != null) {
                        bytes += buffer.remaining();
                        digest.update(buffer.duplicate());
                        while (buffer.hasRemaining()) {
                            file.write(buffer);
                        }
                    } else {
                        int n = Math.min(buffer.remaining(), prefix.length - prefixLength);
                        buffer.get(prefix, prefixLength, n);
                        prefixLength += n;
                    }
                }
            } catch (IOException e) {
                subscription.cancel();
                body.completeExceptionally(new SourceException("cannot write the answer of " + url + " to " + target
                        + ": " + DirectorySource.describe(e), e));
                return;
            }
            if (file == null && prefixLength == prefix.length) {
                subscription.cancel(); // enough to quote from
                onComplete();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable thrown) {
            body.completeExceptionally(thrown);
        }

        @Override
        public void onComplete() {
            body.complete(new Received(status, location, file == null ? null : HexFormat.of().formatHex(digest.digest()),
                    bytes, prefix, prefixLength));
        }
    }
}
