package io.driftwatch.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server on loopback standing in for Slack, Teams, PagerDuty or a webhook endpoint: it
 * records every request (method, path, query, headers, body) and answers as told, or never answers.
 *
 * <p>Thread-safe: requests are recorded in a concurrent list; the answer is set before use.
 */
final class FakeReceiver implements AutoCloseable {
    /** One recorded request. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        /** The first value of a header, case-insensitive, or null. */
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** What the receiver answers. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Answer answer = new Answer(200, Map.of(), "ok");
    private volatile boolean silent;

    FakeReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The receiver's URL for {@code pathAndQuery} ("/services/T000/B000/XXXX"). */
    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    FakeReceiver answering(int status, Map<String, String> headers, String body) {
        answer = new Answer(status, headers, body);
        return this;
    }

    /** Reads requests but never answers them (until closed). */
    FakeReceiver silent() {
        silent = true;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The one request received; fails when there were none or several. */
    Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            if (silent) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            Answer a = answer;
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
