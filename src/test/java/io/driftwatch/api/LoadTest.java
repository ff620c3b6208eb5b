package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load the service is sized for: 20 clients on loopback posting 10,000-row CSV batches to
 * {@code POST /api/v1/monitors/{id}/checks} for 60 seconds, against the production check queue
 * (2 checks at once, 16 waiting). Clients that get 503 wait its {@code Retry-After} and go on.
 * Afterwards no check is lost and the database is consistent: every 201 names a stored check with
 * all its column rows, the database has exactly the accepted checks, and the history API pages
 * through each of them exactly once. Throughput and latency are printed, never asserted.
 *
 * <p>{@code -Ddriftwatch.load.seconds=N} shortens the run locally (the suite runs the full 60 s);
 * {@code -Ddriftwatch.load.database=postgresql} runs it on {@link TestDatabases#postgres()}.
 */
class LoadTest {
    private static final int CLIENTS = 20;
    private static final int ROWS = 10_000;
    private static final int BODIES = 20;
    private static final int CONCURRENCY = 2;
    private static final int QUEUE = 16;

    @TempDir
    Path dir;

    /** What the clients saw. */
    private static final class Outcome {
        final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger busy = new AtomicInteger();
    }

    @Test
    void twentyClientsForAMinuteLoseNoCheckAndLeaveTheDatabaseConsistent() throws Exception {
        int seconds = Integer.getInteger("driftwatch.load.seconds", 60);
        String backend = System.getProperty("driftwatch.load.database", "h2");
        TestDatabases.TestDatabase db = backend.equals("postgresql") ? TestDatabases.postgres() : TestDatabases.h2(dir);
        DropwizardTestSupport<DriftwatchConfiguration> service = TestService.builder().in(dir).on(db)
                .source(LoadTest::withoutRequestLog)
                .override(ConfigOverride.config("checks.concurrency", Integer.toString(CONCURRENCY)),
                        ConfigOverride.config("checks.queueSize", Integer.toString(QUEUE)))
                .build().app.getTestSupport();
        service.before();
        try {
            ApiClient api = new ApiClient(service.getLocalPort());
            api.createMonitor("load", api.upload(GeneratedBatches.csv(ROWS, 1, 0, null)));
            byte[][] bodies = new byte[BODIES][];
            for (int i = 0; i < BODIES; i++) {
                bodies[i] = GeneratedBatches.csv(ROWS, 100 + i, i % 4 == 3 ? 1.0 : 0, null); // every 4th drifts
            }

            Outcome outcome = new Outcome();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.execute(() -> post(api, bodies, client, deadline, outcome));
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(seconds + 600L, TimeUnit.SECONDS)).as("clients finished").isTrue();
            double elapsed = (System.nanoTime() - start) / 1e9;

            List<String> accepted = new ArrayList<>(outcome.accepted);
            assertThat(outcome.unexpected).as("answers other than 201 and 503").isEmpty();
            assertThat(accepted).as("checks accepted").isNotEmpty().doesNotHaveDuplicates();
            assertThat(storedChecks(db)).as("checks in the database, with their column rows")
                    .isEqualTo(expected(db, accepted));
            assertThat(history(api)).as("history pages").hasSameSizeAs(accepted)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accepted);
            MetricRegistry metrics = service.getEnvironment().metrics();
            assertThat(metrics.meter("checks.drifted").getCount() + metrics.meter("checks.clean").getCount())
                    .isEqualTo(accepted.size());
            assertThat(metrics.meter("checks.failed").getCount()).isZero();
            assertThat(metrics.meter("checks.rejected").getCount()).isEqualTo(outcome.busy.get());

            report(backend, seconds, elapsed, accepted.size(), outcome, metrics.timer("checks.duration").getSnapshot());
        } finally {
            service.after();
        }
    }

    /** config.yml without the request log, which would print a line per check. */
    private static InputStream withoutRequestLog(String path) throws IOException {
        String yaml = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        String quiet = yaml.replace("\nserver:\n", "\nserver:\n  requestLog:\n    appenders: []\n");
        assertThat(quiet).as("config.yml has a top-level server: section").isNotEqualTo(yaml);
        return new ByteArrayInputStream(quiet.getBytes(StandardCharsets.UTF_8));
    }

    /** One client: posts batches in turn until the deadline, waiting {@code Retry-After} on 503. */
    private static void post(ApiClient api, byte[][] bodies, int client, long deadline, Outcome outcome) {
        int i = client;
        try {
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                ApiClient.Answer a = api.post("/api/v1/monitors/load/checks", "text/csv", bodies[i++ % bodies.length]);
                long took = System.nanoTime() - t0;
                if (a.status() == 201) {
                    outcome.accepted.add(a.json().get("id").asText());
                    outcome.latencies.add(took);
                } else if (a.status() == 503 && a.header("Retry-After") != null) {
                    outcome.busy.incrementAndGet();
                    long wait = TimeUnit.SECONDS.toNanos(Long.parseLong(a.header("Retry-After")));
                    long left = deadline - System.nanoTime();
                    if (wait >= left) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else {
                    outcome.unexpected.add(a.status() + ": " + a.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            outcome.unexpected.add("client " + client + ": " + e.getMessage() + ": " + e.getCause());
        }
    }

    /** Check id to "column rows / tested + errors" for every check of the monitor in the database. */
    private static Map<String, String> storedChecks(TestDatabases.TestDatabase db) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT k.id, k.column_count + k.error_count, COUNT(col.position)
                  FROM checks k LEFT JOIN check_columns col ON col.check_id = k.id
                 WHERE k.monitor_id = 'load'
                 GROUP BY k.id, k.column_count, k.error_count""");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                stored.put(r.getString(1), r.getLong(3) + " of " + r.getLong(2));
            }
        }
        return stored;
    }

    /** What {@link #storedChecks} must be: the accepted checks, each with one row per column it tested. */
    private static Map<String, String> expected(TestDatabases.TestDatabase db, List<String> accepted)
            throws SQLException {
        Map<String, String> expected = new HashMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT column_count + error_count FROM checks WHERE id = ?")) {
            for (String id : accepted) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    long columns = r.next() ? r.getLong(1) : -1;
                    assertThat(columns).as("check %s is stored", id).isPositive();
                    expected.put(id, columns + " of " + columns);
                }
            }
        }
        return expected;
    }

    /** Every check id the history API lists, page by page. */
    private static List<String> history(ApiClient api) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            String path = "/api/v1/monitors/load/checks?limit=" + 500
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            ApiClient.Answer a = api.get(path);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode page = a.json();
            for (JsonNode item : page.get("items")) {
                ids.add(item.get("id").asText());
            }
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            assertThat(cursor == null || cursors.add(cursor)).as("a cursor repeats").isTrue();
        } while (cursor != null);
        return ids;
    }

    private static void report(String backend, int seconds, double elapsed, int accepted, Outcome outcome,
            Snapshot service) {
        long[] ns = new long[outcome.latencies.size()];
        int n = 0;
        for (long l : outcome.latencies) {
            ns[n++] = l;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, """
                ---- load test (%s) ----
                %d clients for %d s, %d-row CSV checks, checks.concurrency %d, checks.queueSize %d
                accepted (201): %d in %.1f s = %.1f checks/s; refused (503, retried after Retry-After): %d
                latency of accepted checks (upload + queue + check + store): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms
                the check itself (checks.duration, on the executor): p50 %d ms, p99 %d ms
                -------------------------
                """, backend, CLIENTS, seconds, ROWS, CONCURRENCY, QUEUE, accepted, elapsed, accepted / elapsed,
                outcome.busy.get(), ms(ns, 0.50), ms(ns, 0.95), ms(ns, 0.99), ns[ns.length - 1] / 1_000_000,
                Math.round(service.getMedian() / 1e6), Math.round(service.get99thPercentile() / 1e6));
    }

    /** The nearest-rank {@code q}-quantile of sorted nanoseconds, in milliseconds. */
    private static long ms(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000_000;
    }
}
