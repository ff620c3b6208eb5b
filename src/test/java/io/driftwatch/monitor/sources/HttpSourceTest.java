package io.driftwatch.monitor.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSourceTest {
    private static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));
    private static final String TOKEN = "s3cret-token-value";
    private static final Map<String, String> ENVIRONMENT = Map.of("SALES_TOKEN", TOKEN);

    @TempDir
    Path temporary;

    private HttpServer server;
    private ExecutorService executor;
    /** What the server received: "path?query" and the Authorization header, per request. */
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void sendsTheResolvedHeadersAndTheWindowAndKeepsTheBody() throws IOException {
        byte[] csv = "day,amount\n2024-03-01,12.5\n".getBytes(StandardCharsets.UTF_8);
        answer("/sales", exchange -> respond(exchange, 200, csv));
        String url = base() + "/sales?from={from}&to={to}&region=eu";
        Source source = source(url, Map.of("Authorization", "Bearer ${SALES_TOKEN}", "Accept", "text/csv"),
                Duration.ofSeconds(5));

        List<SourceBatch> batches = source.read(WINDOW, Source.SeenFiles.NONE);

        assertThat(received).containsExactly(
                "/sales?from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z&region=eu Bearer " + TOKEN + " text/csv");
        assertThat(batches).hasSize(1);
        SourceBatch batch = batches.get(0);
        assertThat(batch.read()).isEqualTo(new SourceRead("http",
                base() + "/sales?from=2024-03-01T00%3A00%3A00Z&to=2024-03-02T00%3A00%3A00Z&region=eu", WINDOW, null,
                sha256(csv), csv.length, null));
        assertThat(batch.file().getParent()).isEqualTo(temporary);
        assertThat(Files.readAllBytes(batch.file())).isEqualTo(csv);
    }

    @Test
    void passesAGzipBodyThroughUnchanged() throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            for (int i = 0; i < 20_000; i++) {
                out.write(("2024-03-01," + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] body = gzip.toByteArray();
        answer("/sales.csv.gz", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/gzip");
            respond(exchange, 200, body);
        });

        List<SourceBatch> batches = source(base() + "/sales.csv.gz", Map.of(), Duration.ofSeconds(5))
                .read(WINDOW, Source.SeenFiles.NONE);

        assertThat(Files.readAllBytes(batches.get(0).file())).isEqualTo(body);
        assertThat(batches.get(0).read().sha256()).isEqualTo(sha256(body));
        assertThat(batches.get(0).read().bytes()).isEqualTo(body.length);
    }

    @Test
    void followsARedirectWithTheHeadersOnTheSameOrigin() throws IOException {
        answer("/old", exchange -> {
            exchange.getResponseHeaders().add("Location", "/new?x=1");
            respond(exchange, 302, new byte[0]);
        });
        answer("/new", exchange -> respond(exchange, 200, "x\n1\n".getBytes(StandardCharsets.UTF_8)));

        List<SourceBatch> batches = source(base() + "/old", Map.of("Authorization", "Bearer ${SALES_TOKEN}"),
                Duration.ofSeconds(5)).read(WINDOW, Source.SeenFiles.NONE);

        assertThat(received).containsExactly("/old Bearer " + TOKEN, "/new?x=1 Bearer " + TOKEN);
        assertThat(Files.readString(batches.get(0).file())).isEqualTo("x\n1\n");
        assertThat(batches.get(0).read().location()).isEqualTo(base() + "/old");
    }

    @Test
    void followsARedirectToAnotherOriginWithoutTheHeaders() throws IOException {
        HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> storageReceived = new CopyOnWriteArrayList<>();
        storage.createContext("/", exchange -> {
            try (exchange) {
                storageReceived.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
                respond(exchange, 200, "x\n1\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        storage.start();
        try {
            String signed = "http://localhost:" + storage.getAddress().getPort() + "/bucket/sales.csv?signature=abc";
            answer("/sales", exchange -> {
                exchange.getResponseHeaders().add("Location", signed);
                respond(exchange, 307, new byte[0]);
            });

            List<SourceBatch> batches = source(base() + "/sales", Map.of("Authorization", "Bearer ${SALES_TOKEN}"),
                    Duration.ofSeconds(5)).read(WINDOW, Source.SeenFiles.NONE);

            assertThat(received).containsExactly("/sales Bearer " + TOKEN);
            assertThat(storageReceived).containsExactly("/bucket/sales.csv?signature=abc null");
            assertThat(Files.readString(batches.get(0).file())).isEqualTo("x\n1\n");
        } finally {
            storage.stop(0);
        }
    }

    @Test
    void tooManyRedirectsAreASourceException() {
        answer("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            respond(exchange, 301, new byte[0]);
        });

        assertThatThrownBy(() -> source(base() + "/loop", Map.of(), Duration.ofSeconds(5))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the URL " + base() + "/loop redirected more than " + HttpSource.MAX_REDIRECTS + " times");
        assertThat(received).hasSize(HttpSource.MAX_REDIRECTS + 1);
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aRedirectWithoutALocationIsASourceException() {
        answer("/sales", exchange -> respond(exchange, 302, new byte[0]));

        assertThatThrownBy(() -> source(base() + "/sales", Map.of(), Duration.ofSeconds(5))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the URL " + base() + "/sales answered 302 without a Location");
    }

    @Test
    void doesNotFollowARedirectFromHttpsToHttpOrToAnotherScheme() {
        URI secure = URI.create("https://api.example.com/sales");

        assertThat(HttpSource.redirect("u", secure, "/v2/sales")).isEqualTo(URI.create("https://api.example.com/v2/sales"));
        assertThatThrownBy(() -> HttpSource.redirect("u", secure, "http://api.example.com/sales"))
                .isInstanceOf(SourceException.class)
                .hasMessage("the URL u redirects from https to http (http://api.example.com/sales), which is not followed");
        assertThatThrownBy(() -> HttpSource.redirect("u", secure, "ftp://files.example.com/sales.csv"))
                .isInstanceOf(SourceException.class)
                .hasMessage("the URL u redirects to ftp://files.example.com/sales.csv, which is not an http or https URL");
        assertThat(HttpSource.sameOrigin(secure, URI.create("https://API.example.com:443/x"))).isTrue();
        assertThat(HttpSource.sameOrigin(secure, URI.create("https://api.example.com:8443/x"))).isFalse();
        assertThat(HttpSource.sameOrigin(secure, URI.create("http://api.example.com/x"))).isFalse();
    }

    @Test
    void anUnsetVariableIsASourceExceptionNamingItAndTheHeader() {
        answer("/sales", exchange -> respond(exchange, 200, new byte[] {'x'}));
        Source source = new HttpSource(new SourceSpec.Http(base() + "/sales",
                Map.of("Authorization", "Bearer ${SALES_TOKEN}"), Duration.ofSeconds(5)), name -> null, temporary);

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the environment variable SALES_TOKEN is not set (source.headers.Authorization)");
        assertThat(received).isEmpty();
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aHeaderThatCannotBeSentIsASourceExceptionWithoutItsValue() {
        Source source = source(base() + "/sales", Map.of("X-Token", "${SALES_TOKEN}\r\nX-Injected: 1"),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("the header X-Token cannot be sent")
                .hasMessageEndingWith("(source.headers.X-Token)")
                .hasNoCause()
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aServerErrorNamesTheUrlTheStatusAndTheStartOfTheBodyButNoSecret() {
        String body = "database unavailable while checking token Bearer " + TOKEN + "\n\n   retry later "
                + "x".repeat(500);
        answer("/sales", exchange -> respond(exchange, 500, body.getBytes(StandardCharsets.UTF_8)));
        Source source = source(base() + "/sales?from={from}", Map.of("Authorization", "Bearer ${SALES_TOKEN}"),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("the URL " + base() + "/sales?from=2024-03-01T00%3A00%3A00Z answered 500: "
                        + "database unavailable while checking token Bearer *** retry later xxx")
                .hasMessageEndingWith("x…")
                .message().doesNotContain(TOKEN).hasSizeLessThan(120 + HttpSource.EXCERPT);
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aBinaryErrorBodyIsNotQuoted() {
        answer("/sales", exchange -> respond(exchange, 502, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}));

        assertThatThrownBy(() -> source(base() + "/sales", Map.of(), Duration.ofSeconds(5))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the URL " + base() + "/sales answered 502");
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void notFoundIsASourceExceptionNamingTheUrl() {
        answer("/sales", exchange -> respond(exchange, 200, new byte[] {'x'}));

        assertThatThrownBy(() -> source(base() + "/missing?day=1", Map.of(), Duration.ofSeconds(5))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("the URL " + base() + "/missing?day=1 answered 404");
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void noContentIsASourceException() {
        answer("/sales", exchange -> respond(exchange, 204, new byte[0]));

        assertThatThrownBy(() -> source(base() + "/sales", Map.of(), Duration.ofSeconds(5))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("the URL " + base() + "/sales answered 204 No Content");
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aRefusedConnectionIsASourceExceptionNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/sales";

        assertThatThrownBy(() -> source(url, Map.of("Authorization", "Bearer ${SALES_TOKEN}"), Duration.ofSeconds(5))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("could not connect to " + url + ": ")
                .hasMessageContaining("refused")
                .message().doesNotContain(TOKEN);
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsASourceException() {
        answer("/sales", exchange -> {
            sleep(Duration.ofSeconds(5));
            respond(exchange, 200, new byte[] {'x'});
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> source(base() + "/sales", Map.of(), Duration.ofMillis(300))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the URL " + base() + "/sales did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aBodyThatIsNotCompleteInTimeIsASourceException() {
        answer("/sales", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            out.write("day,amount\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(Duration.ofSeconds(5));
            out.close();
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> source(base() + "/sales", Map.of(), Duration.ofMillis(500))
                .read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the URL " + base() + "/sales did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void excerptsAreOneLineOfTextAtMostTwoHundredCharacters() {
        byte[] text = ("  a\tb\r\n c  " + "é".repeat(300)).getBytes(StandardCharsets.UTF_8);
        assertThat(HttpSource.excerpt(text, text.length, List.of())).isEqualTo("a b c " + "é".repeat(194) + "…");
        // a character cut at the end of what was kept is left out, not taken for binary
        byte[] cut = "ok é".getBytes(StandardCharsets.UTF_8);
        assertThat(HttpSource.excerpt(cut, cut.length - 1, List.of())).isEqualTo("ok");
        assertThat(HttpSource.excerpt(new byte[] {'o', 'k', 0}, 3, List.of())).isEmpty();
        assertThat(HttpSource.excerpt(new byte[] {'o', (byte) 0xff, 'k'}, 3, List.of())).isEmpty();
        assertThat(HttpSource.excerpt("key abc and abcd".getBytes(StandardCharsets.UTF_8), 16, List.of("abc", "abcd")))
                .isEqualTo("key abc and ***");
    }

    private Source source(String url, Map<String, String> headers, Duration timeout) {
        return new HttpSource(new SourceSpec.Http(url, headers, timeout), ENVIRONMENT::get, temporary);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests to {@code path}, recording each first. */
    private void answer(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                String accept = exchange.getRequestHeaders().getFirst("Accept");
                URI uri = exchange.getRequestURI();
                received.add(uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery()) + " "
                        + exchange.getRequestHeaders().getFirst("Authorization")
                        + (accept == null || accept.equals("*/*") ? "" : " " + accept));
                handler.handle(exchange);
            }
        });
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean none = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, none ? -1 : body.length);
        if (!none) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
