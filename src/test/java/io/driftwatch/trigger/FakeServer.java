package io.driftwatch.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server for contract tests: a {@link Handler} answers each request, and every
 * request is recorded. {@link #hang()} makes it accept requests and never answer (until closed),
 * as a receiver that hangs.
 *
 * <p>Thread-safe: requests are handled on a pool; the record is synchronised.
 */
public final class FakeServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // without TCP_NODELAY every small response waits for a delayed ACK (~40 ms on Linux)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request as received ({@code path} decoded, {@code rawPath} as sent). */
    public record Request(String method, String path, String rawPath, Map<String, String> query, Headers headers,
            String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** One answer. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply json(int status, Object body) {
            try {
                return new Reply(status, Map.of("Content-Type", "application/json"),
                        body instanceof String s ? s : JSON.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }

        public static Reply empty(int status) {
            return new Reply(status, Map.of(), "");
        }

        public Reply with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Reply(status, h, body);
        }
    }

    /** An injected failure: {@code afterWork} does the work first, then answers {@code reply} (a lost response). */
    public record Fault(Reply reply, boolean afterWork) {
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request);
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean hanging;

    public FakeServer(Handler handler) {
        this(0, handler);
    }

    /** A server on loopback port {@code port} (0: any free port). */
    public FakeServer(int port, Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> serve(exchange, handler));
        server.setExecutor(pool);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, accept requests and never answer them. */
    public void hang() {
        hanging = true;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests to {@code path}. */
    public synchronized List<Request> requests(String method, String path) {
        List<Request> matching = new ArrayList<>();
        for (Request r : requests) {
            if (r.method().equals(method) && r.path().equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawPath(), query(uri.getRawQuery()),
                    exchange.getRequestHeaders(), body);
            synchronized (this) {
                requests.add(request);
            }
            if (hanging) {
                closed.await(30, TimeUnit.SECONDS);
                return;
            }
            Reply reply = handler.handle(request);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
