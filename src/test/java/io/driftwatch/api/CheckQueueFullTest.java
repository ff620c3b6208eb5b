package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A full check queue answers 503 with {@code Retry-After}. The service runs one check at a time
 * with no queue ({@code checks.concurrency: 1}, {@code checks.queueSize: 0}); the test holds the one
 * slot deterministically by locking the {@code checks} table on PostgreSQL, so the first check
 * blocks when it stores its result, and watches {@code pg_locks} until it does.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CheckQueueFullTest {
    static final TestService SERVICE = TestService.onPostgres(
            ConfigOverride.config("checks.concurrency", "1"),
            ConfigOverride.config("checks.queueSize", "0"),
            ConfigOverride.config("checks.retryAfter", "7s"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static final String CHECKS = "/api/v1/monitors/queued/checks";

    private static String setUp() {
        TestService.Reply reference = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reference.status()).as(reference.body()).isEqualTo(201);
        TestService.Reply monitor = SERVICE.post("/api/v1/monitors", "application/yaml",
                Batches.monitorYaml("queued", reference.json().get("id").asText()));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
        TestService.Reply current = SERVICE.post("/api/v1/datasets", "text/csv", Batches.current());
        assertThat(current.status()).as(current.body()).isEqualTo(201);
        return "{\"datasetId\": \"" + current.json().get("id").asText() + "\"}";
    }

    /** Sessions of this database waiting for a lock on the checks table. */
    private static long waitingOnChecks(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                SELECT COUNT(*) FROM pg_locks l JOIN pg_class t ON t.oid = l.relation
                 WHERE t.relname = 'checks' AND NOT l.granted
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void answers503WithRetryAfterWhileTheOnlySlotIsTaken() throws Exception {
        String request = setUp();
        CompletableFuture<TestService.Reply> first;
        try (Connection lock = SERVICE.database.connect(); Connection observer = SERVICE.database.connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE checks IN SHARE MODE"); // reads go on, inserts wait
            }
            first = CompletableFuture.supplyAsync(() -> SERVICE.post(CHECKS, "application/json", request));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (waitingOnChecks(observer) == 0) {
                assertThat(first).as("the first check ended before reaching the lock").isNotDone();
                assertThat(System.nanoTime()).as("the first check never reached the lock").isLessThan(deadline);
                Thread.sleep(20);
            }

            TestService.Reply refused = SERVICE.post(CHECKS, "application/json", request);
            TestService.Reply refusedBody = SERVICE.post(CHECKS, "text/csv", Batches.current());

            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).contains("7");
            assertThat(refused.json().get("code").asText()).isEqualTo("busy");
            assertThat(refused.json().get("message").asText()).contains("1 checks running").contains("retry in 7 s");
            assertThat(refusedBody.status()).as(refusedBody.body()).isEqualTo(503);
            assertThat(refusedBody.header("Retry-After")).contains("7");
            assertThat(SERVICE.get(CHECKS).json().get("items")).isEmpty();
            lock.rollback();
        }

        TestService.Reply done = first.get(2, TimeUnit.MINUTES);
        TestService.Reply after = SERVICE.post(CHECKS, "application/json", request);

        assertThat(done.status()).as(done.body()).isEqualTo(201);
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        assertThat(SERVICE.get(CHECKS).json().get("items")).hasSize(2);
    }
}
