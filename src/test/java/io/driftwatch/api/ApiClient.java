package io.driftwatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain HTTP/1.1 client of any port on loopback (the API or the admin port), as a script, a
 * scheduler or Prometheus would call it: bytes in, status, headers and text out. For tests that
 * start and stop the service themselves or scrape the admin port; {@link io.driftwatch.TestService} serves the
 * API tests built on one app extension.
 *
 * <p>Thread-safe: {@link HttpClient} is.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** No test waits longer for one answer than this, so a stuck service fails a test rather than hanging it. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final String base;

    /** A client of {@code http://127.0.0.1:port}. */
    ApiClient(int port) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = "http://127.0.0.1:" + port;
    }

    /** An answer: status, headers and body text. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** {@code monitor}'s deliveries (the newest 100), failing the test when the answer is not 200. */
    java.util.List<JsonNode> deliveries(String monitor) throws InterruptedException {
        Answer a = get("/api/v1/monitors/" + monitor + "/deliveries?limit=100");
        if (a.status() != 200) {
            throw new AssertionError("deliveries of " + monitor + ": " + a.status() + " " + a.body());
        }
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        a.json().path("items").forEach(items::add);
        return items;
    }

    /** Waits until {@code monitor} has exactly {@code count} deliveries, all delivered; returns them. */
    java.util.List<JsonNode> awaitDelivered(String monitor, int count, Duration patience) throws InterruptedException {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        Receiving.await(count + " delivered deliveries", patience, () -> {
            try {
                items.clear();
                items.addAll(deliveries(monitor));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            return items.size() == count && items.stream().allMatch(d -> d.path("state").asText().equals("delivered"));
        });
        if (items.size() != count) {
            throw new AssertionError("expected " + count + " deliveries of " + monitor + ", found " + items);
        }
        return items;
    }

    Answer get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build());
    }

    Answer post(String path, String contentType, byte[] body) throws InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer post(String path, String contentType, String body) throws InterruptedException {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads a CSV dataset and returns its id. */
    String upload(byte[] csv) throws InterruptedException {
        Answer a = post("/api/v1/datasets", "text/csv", csv);
        if (a.status() != 201) {
            throw new IllegalStateException("upload answered " + a.status() + ": " + a.body());
        }
        return a.json().get("id").asText();
    }

    /** Creates a monitor {@code name} on reference {@code referenceId} with every column inferred. */
    void createMonitor(String name, String referenceId) throws InterruptedException {
        Answer a = post("/api/v1/monitors", "application/json",
                "{\"name\": \"" + name + "\", \"reference\": \"" + referenceId + "\"}");
        if (a.status() != 201) {
            throw new IllegalStateException("creating the monitor answered " + a.status() + ": " + a.body());
        }
    }

    private Answer send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        }
    }
}
