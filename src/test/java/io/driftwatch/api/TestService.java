package io.driftwatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchApplication;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Driftwatch service for API tests: the shipped {@code config.yml} on random ports, its folders in
 * a new temporary directory, the given test database, quiet logs, and any further overrides; plus
 * an HTTP client that controls exactly what goes on the wire (a {@code Content-Length} or a
 * chunked body, any {@code Content-Encoding}), which the JAX-RS client does not.
 *
 * <p>Thread-safe once the extension has started (the JDK client is).
 */
final class TestService {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's folder for reports, data and (on H2) the database. */
    final Path dir;
    final TestDatabase database;
    final DropwizardAppExtension<DriftwatchConfiguration> app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private TestService(Path dir, TestDatabase database, ConfigOverride... extra) {
        this(dir, database, null, extra);
    }

    private TestService(Path dir, TestDatabase database, EditedConfig edited, ConfigOverride... extra) {
        this.dir = dir;
        this.database = database;
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("reportsDirectory", dir.resolve("reports").toString()),
                ConfigOverride.config("dataDirectory", dir.resolve("data").toString()),
                ConfigOverride.config("logging.level", "WARN")));
        overrides.addAll(List.of(database.overrides()));
        overrides.addAll(List.of(extra));
        String config = Path.of("config.yml").toAbsolutePath().toString();
        this.app = edited == null
                ? new DropwizardAppExtension<>(DriftwatchApplication.class, config, overrides.toArray(ConfigOverride[]::new))
                : new DropwizardAppExtension<>(DriftwatchApplication.class, config, edited,
                        overrides.toArray(ConfigOverride[]::new));
    }

    /** A service on a new embedded-default (H2) database. */
    static TestService onH2(ConfigOverride... extra) {
        Path dir = temporaryDirectory();
        return new TestService(dir, TestDatabases.h2(dir), extra);
    }

    /** A service on a new H2 database, its {@code config.yml} first changed by {@code edit}: for list entries. */
    static TestService onH2(Consumer<ObjectNode> edit, ConfigOverride... extra) {
        Path dir = temporaryDirectory();
        return new TestService(dir, TestDatabases.h2(dir), EditedConfig.of(edit), extra);
    }

    /** A service on a new PostgreSQL database. */
    static TestService onPostgres(ConfigOverride... extra) {
        return new TestService(temporaryDirectory(), TestDatabases.postgres(), extra);
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("driftwatch-api-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the JVM is exiting; a temporary folder left behind is harmless
        }
    }

    /** An answer: status, headers and body. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("the body is not JSON (status " + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + app.getLocalPort() + path);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** {@code method path} with {@code body} and a {@code Content-Length}; {@code headers} are name, value pairs. */
    Reply send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return send(withHeaders(request, contentType, headers));
    }

    Reply send(String method, String path, String contentType, String body, String... headers) {
        return send(method, path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    Reply post(String path, String contentType, byte[] body, String... headers) {
        return send("POST", path, contentType, body, headers);
    }

    Reply post(String path, String contentType, String body, String... headers) {
        return send("POST", path, contentType, body, headers);
    }

    /** {@code POST path} with {@code body} sent chunked: no {@code Content-Length}, as a stream. */
    Reply postChunked(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return send(withHeaders(request, contentType, headers));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String contentType, String... headers) {
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofMinutes(2)).build();
        try {
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException stale) {
                // A pooled keep-alive connection that the server had already closed (it answered an
                // earlier request, e.g. a 404, without reading that request's whole body) fails before
                // a single byte of answer with "header parser received no bytes": the request never
                // reached the service, so it is sent once more, on a new connection.
                if (stale.getMessage() == null || !stale.getMessage().contains("received no bytes")) {
                    throw stale;
                }
                response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
