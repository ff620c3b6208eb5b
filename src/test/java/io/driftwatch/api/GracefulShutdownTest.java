package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchApplication;
import io.driftwatch.TestDatabases;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the service with SIGTERM while a check runs lets the check finish: the caller gets its
 * 201 and the check is in the database. The service is a separate JVM started as in production
 * ({@code DriftwatchApplication server config.yml}, on the embedded default database), the check is
 * a batch of two million rows, and the signal is sent only once the admin port's
 * {@code checks_running} shows the check on the queue.
 *
 * <p>What makes it pass: Dropwizard wraps the handlers in Jetty's {@code GracefulHandler}, so a stop
 * first refuses new requests and waits up to {@code server.shutdownGracePeriod} (2 minutes in
 * config.yml) for requests in flight; only then are the managed objects stopped, in reverse order
 * of registration: the check queue (which waits {@code checks.shutdownGracePeriod} for checks still
 * queued), then the check runner and the connection pool. H2's own shutdown hook, which would close
 * the database under the running check, is turned off ({@link io.driftwatch.store.DatabaseUrls}).
 * Either {@code server.shutdownGracePeriod: 0s} or H2's hook left on makes this test fail.
 */
class GracefulShutdownTest {
    private static final int ROWS = 2_000_000;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void finishesAndStoresARunningCheckOnSigterm() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.h2(dir);
        int port = freePort();
        int adminPort = freePort();
        Path log = dir.resolve("service.log");
        Process service = start(db, port, adminPort, log);
        CompletableFuture<HttpResponse<String>> answer;
        try {
            ApiClient api = new ApiClient(port);
            ApiClient admin = new ApiClient(adminPort);
            awaitHealthy(service, admin, log);
            api.createMonitor("big", api.upload(GeneratedBatches.csv(10_000, 1, 0, null)));
            Path batch = bigBatch(dir.resolve("current.csv"));
            answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/monitors/big/checks"))
                            .timeout(PATIENCE).header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofFile(batch)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (running(admin) == 0) {
                assertThat(answer).as("the check must still be running when the stop begins").isNotDone();
                assertThat(System.nanoTime()).as("the check never started").isLessThan(deadline);
                Thread.sleep(5);
            }
            service.destroy(); // SIGTERM, as systemd, Docker and Kubernetes stop a service
            assertThat(service.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the service stopped").isTrue();
        } finally {
            service.destroyForcibly();
        }

        HttpResponse<String> response = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body() + "\n" + Files.readString(log)).isEqualTo(201);
        JsonNode check = new ObjectMapper().readTree(response.body());
        assertThat(check.at("/current/rows").asLong()).isEqualTo(ROWS);
        String id = check.get("id").asText();
        assertThat(count(db, "SELECT COUNT(*) FROM checks WHERE id = ?", id)).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM check_columns WHERE check_id = ?", id))
                .isEqualTo(check.get("columns").size());
    }

    /** {@code DriftwatchApplication server config.yml} in a new JVM, on this test's database, ports and folders. */
    private Process start(TestDatabases.TestDatabase db, int port, int adminPort, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"),
                "-Ddw.server.applicationConnectors[0].port=" + port,
                "-Ddw.server.adminConnectors[0].port=" + adminPort,
                "-Ddw.reportsDirectory=" + dir.resolve("reports"),
                "-Ddw.dataDirectory=" + dir.resolve("data"),
                "-Ddw.database.url=" + db.url(),
                "-Ddw.database.user=" + db.user(),
                "-Ddw.logging.level=WARN",
                // the two-million-row batch is larger than the default share of a 1 GiB heap
                "-Ddw.api.maxDecompressedSize=256MiB",
                DriftwatchApplication.class.getName(), "server", Path.of("config.yml").toAbsolutePath().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitHealthy(Process service, ApiClient admin, Path log) throws InterruptedException,
            IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            assertThat(service.isAlive()).as("the service exited:\n%s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("the service did not start:\n%s", Files.readString(log))
                    .isLessThan(deadline);
            try {
                if (admin.get("/healthcheck").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
    }

    private static double running(ApiClient admin) throws InterruptedException {
        Double running = PrometheusText.parse(admin.get("/metrics").body()).value("checks_running");
        assertThat(running).as("checks_running on /metrics").isNotNull();
        return running;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Two million rows of the three columns {@link GeneratedBatches} writes, {@code x} uniform on [-1, 2). */
    private static Path bigBatch(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        String[] categories = {"red", "green", "blue"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("x,y,c\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(Double.toString(random.nextDouble() * 3 - 1));
                out.write(',');
                out.write(Double.toString(random.nextDouble()));
                out.write(',');
                out.write(categories[random.nextInt(3)]);
                out.write('\n');
            }
        }
        return file;
    }

    private static long count(TestDatabases.TestDatabase db, String sql, String id) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
