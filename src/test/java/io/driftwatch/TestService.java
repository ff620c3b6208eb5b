package io.driftwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.TestDatabases.TestDatabase;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Driftwatch service for tests: the shipped {@code config.yml} on random ports, its folders in
 * a new temporary directory, the given test database, quiet logs, and any further overrides; plus
 * an HTTP client that controls exactly what goes on the wire (a {@code Content-Length} or a
 * chunked body, any {@code Content-Encoding}), which the JAX-RS client does not.
 *
 * <p>{@link #onH2}, {@link #onPostgres} cover most tests; {@link #builder()} takes the rest (a
 * config edit or source, a database or folder of the test's own, a shared data folder, the
 * configured log level, a subclass of the application). A test class hands {@link #app} to JUnit
 * as a static field ({@code static final DropwizardAppExtension<DriftwatchConfiguration> APP =
 * SERVICE.app;}) so that {@code DropwizardExtensionsSupport} starts and stops it; a test that
 * starts and stops the service itself calls {@code before()} and {@code after()} on {@link #app}
 * or on its {@code getTestSupport()}.
 *
 * <p>Thread-safe once the extension has started (the JDK client is).
 */
public final class TestService {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's folder for reports, data and (on H2) the database. */
    public final Path dir;
    /** The database the service runs on. */
    public final TestDatabase database;
    /** The service, started and stopped by JUnit or by the test. */
    public final DropwizardAppExtension<DriftwatchConfiguration> app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private TestService(Builder b) {
        this.dir = b.dir == null ? temporaryDirectory() : b.dir;
        this.database = b.database == null ? TestDatabases.h2(dir) : b.database;
        Path data = b.dataDirectory == null ? dir.resolve("data") : b.dataDirectory;
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("reportsDirectory", dir.resolve("reports").toString()),
                ConfigOverride.config("dataDirectory", data.toString())));
        if (b.quietLogs) {
            overrides.add(ConfigOverride.config("logging.level", "WARN"));
        }
        overrides.addAll(List.of(database.overrides()));
        overrides.addAll(b.extra);
        String config = Path.of("config.yml").toAbsolutePath().toString();
        ConfigOverride[] all = overrides.toArray(ConfigOverride[]::new);
        this.app = b.source == null
                ? new DropwizardAppExtension<>(b.application, config, all)
                : new DropwizardAppExtension<>(b.application, config, b.source, all);
    }

    /** A service on a new embedded-default (H2) database. */
    public static TestService onH2(ConfigOverride... extra) {
        return builder().override(extra).build();
    }

    /** A service on a new H2 database, its {@code config.yml} first changed by {@code edit}: for list entries. */
    public static TestService onH2(Consumer<ObjectNode> edit, ConfigOverride... extra) {
        return builder().edit(edit).override(extra).build();
    }

    /** A service on a new PostgreSQL database. */
    public static TestService onPostgres(ConfigOverride... extra) {
        return builder().on(TestDatabases.postgres()).override(extra).build();
    }

    /** A service to describe further: by default as {@link #onH2(ConfigOverride...)} with no overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new temporary directory, deleted when the JVM exits: for a test that must name a path in the
     * service's folder (a log file, a watched folder) before the service is built, then passes it to
     * {@link Builder#in(Path)}.
     */
    public static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("driftwatch-test");
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

    /**
     * What differs from the default service. Each option replaces its default; {@link #override}
     * adds overrides, applied after the fixture's own.
     *
     * <p>Not thread-safe: build a service on one thread.
     */
    public static final class Builder {
        private Path dir;
        private TestDatabase database;
        private Path dataDirectory;
        private ConfigurationSourceProvider source;
        private Class<? extends DriftwatchApplication> application = DriftwatchApplication.class;
        private boolean quietLogs = true;
        private final List<ConfigOverride> extra = new ArrayList<>();

        private Builder() {
        }

        /** The service's folder (reports, data, an H2 database) is {@code dir}, not a new temporary one. */
        public Builder in(Path dir) {
            this.dir = dir;
            return this;
        }

        /** The service runs on {@code database} (e.g. one shared by two services), not a new H2 one. */
        public Builder on(TestDatabase database) {
            this.database = database;
            return this;
        }

        /** The service's {@code dataDirectory} is {@code data} (e.g. one shared by two services), not {@code dir/data}. */
        public Builder dataDirectory(Path data) {
            this.dataDirectory = data;
            return this;
        }

        /** {@code config.yml} is first changed by {@code edit}: for list entries and removed keys. */
        public Builder edit(Consumer<ObjectNode> edit) {
            return source(EditedConfig.of(edit));
        }

        /** {@code config.yml} is read through {@code source} (e.g. one that edits its text), not as it is. */
        public Builder source(ConfigurationSourceProvider source) {
            this.source = source;
            return this;
        }

        /** The service is {@code application} (a subclass adding resources), not {@link DriftwatchApplication}. */
        public Builder application(Class<? extends DriftwatchApplication> application) {
            this.application = application;
            return this;
        }

        /** Logs at the configuration's level (the shipped {@code INFO}, or the edit's), not {@code WARN}. */
        public Builder logsAsConfigured() {
            this.quietLogs = false;
            return this;
        }

        /** Adds overrides, applied after the fixture's. */
        public Builder override(ConfigOverride... overrides) {
            extra.addAll(List.of(overrides));
            return this;
        }

        public TestService build() {
            return new TestService(this);
        }
    }

    /** An answer: status, headers and body. */
    public record Reply(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("the body is not JSON (status " + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
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

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code GET path} on another port of the service (the admin port's {@code /metrics}). */
    public Reply get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** {@code method path} with {@code body} and a {@code Content-Length}; {@code headers} are name, value pairs. */
    public Reply send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return send(withHeaders(request, contentType, headers));
    }

    public Reply send(String method, String path, String contentType, String body, String... headers) {
        return send(method, path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Reply post(String path, String contentType, byte[] body, String... headers) {
        return send("POST", path, contentType, body, headers);
    }

    public Reply post(String path, String contentType, String body, String... headers) {
        return send("POST", path, contentType, body, headers);
    }

    /** {@code POST path} with {@code body} sent chunked: no {@code Content-Length}, as a stream. */
    public Reply postChunked(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return send(withHeaders(request, contentType, headers));
    }

    /**
     * POSTs {@code body} chunked on a connection of its own, reading the answer while the body is
     * still being sent, as curl does. A service that refuses a large body early (413) answers before
     * reading it all and then closes the connection on the rest; {@code java.net.http} reads no answer
     * before it has sent the whole body, so it may see only that close (a broken pipe).
     */
    public Reply postChunkedReadingEarly(String path, String contentType, byte[] body) {
        try (Socket socket = new Socket("localhost", app.getLocalPort())) {
            socket.setSoTimeout((int) Duration.ofMinutes(2).toMillis());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                            + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int off = 0; off < body.length; off += 8192) {
                        int n = Math.min(8192, body.length - off);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, off, n);
                        out.write('\r');
                        out.write('\n');
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    // the service stopped reading and closed the connection: its answer is read below
                }
            }, "chunked-request-body");
            writer.setDaemon(true);
            writer.start();
            return readReply(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP/1.1 answer: status line, headers, and a body of Content-Length bytes, chunked, or to the close. */
    private static Reply readReply(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.getOrDefault("Content-Length", List.of());
        if (!length.isEmpty()) {
            body.write(in.readNBytes(Integer.parseInt(length.get(0))));
        } else if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Reply(Integer.parseInt(status[1]), HttpHeaders.of(headers, (name, value) -> true),
                body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the answer ended inside a line: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
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
