package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchApplication;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestDatabases;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.BufferedWriter;
import java.io.IOException;
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
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the service while a check runs lets the check finish: the caller gets its 201 and the
 * check is in the database. The check is a batch of two million rows, and the stop begins only once
 * the check queue reports it running.
 *
 * <p>What makes it pass: Dropwizard wraps the handlers in Jetty's {@code GracefulHandler}, so a stop
 * first refuses new requests and waits up to {@code server.shutdownGracePeriod} (2 minutes in
 * config.yml) for requests in flight; only then are the managed objects stopped, in reverse order
 * of registration: the check queue (which waits {@code checks.shutdownGracePeriod} for checks
 * still queued), then the check runner and the connection pool. With
 * {@code server.shutdownGracePeriod: 0s} this test fails: the caller sees the connection closed.
 */
class GracefulShutdownTest {
    private static final int ROWS = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void finishesAndStoresARunningCheckWhenStopped() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.h2(dir);
        DropwizardTestSupport<DriftwatchConfiguration> service = new DropwizardTestSupport<>(
                DriftwatchApplication.class, Path.of("config.yml").toAbsolutePath().toString(),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("reportsDirectory", dir.resolve("reports").toString()),
                ConfigOverride.config("dataDirectory", dir.resolve("data").toString()),
                ConfigOverride.config("logging.level", "WARN"),
                db.overrides()[0], db.overrides()[1], db.overrides()[2], db.overrides()[3]);
        service.before();
        CompletableFuture<HttpResponse<String>> answer;
        try {
            ApiClient api = new ApiClient(service.getLocalPort());
            api.createMonitor("big", api.upload(GeneratedBatches.csv(10_000, 1, 0, null)));
            Path batch = bigBatch(dir.resolve("current.csv"));
            answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.getLocalPort()
                            + "/api/v1/monitors/big/checks")).header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofFile(batch)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Gauge<?> running = service.getEnvironment().metrics().getGauges().get("checks.running");
            while (((Integer) running.getValue()) == 0) {
                assertThat(answer).as("the check must still be running when the stop begins").isNotDone();
                Thread.sleep(5);
            }
        } finally {
            service.after();
        }

        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode check = new ObjectMapper().readTree(response.body());
        assertThat(check.at("/current/rows").asLong()).isEqualTo(ROWS);
        String id = check.get("id").asText();
        assertThat(count(db, "SELECT COUNT(*) FROM checks WHERE id = ?", id)).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM check_columns WHERE check_id = ?", id))
                .isEqualTo(check.get("columns").size());
    }

    /** Two million rows of the three columns {@link GeneratedBatches} writes, the mean of {@code x} shifted. */
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
