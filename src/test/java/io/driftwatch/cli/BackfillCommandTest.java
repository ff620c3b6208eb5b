package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import io.driftwatch.Monitoring;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.monitor.checks.CheckRunner;
import io.driftwatch.monitor.policy.Receivers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** {@code driftwatch backfill}, run as the command line runs it, on H2 with a PostgreSQL table as the source. */
class BackfillCommandTest {
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    @TempDir
    Path dir;
    private Path config;
    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.h2(dir);
        TestDatabase warehouse = TestDatabases.postgresUnmigrated();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE predictions (ts TIMESTAMP WITH TIME ZONE, score DOUBLE PRECISION)");
        }
        Random random = new Random(3);
        try (Connection c = warehouse.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO predictions VALUES (?, ?)")) {
            for (int hour = 0; hour < 4; hour++) {
                for (int i = 0; i < 100; i++) {
                    insert.setTimestamp(1, Timestamp.from(DAY.plusSeconds(3_600L * hour + 36L * i)));
                    insert.setDouble(2, random.nextGaussian() + (hour == 2 ? 3 : 0));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        config = dir.resolve("config.yml");
        Files.writeString(config, EditedConfig.of(root -> edit(root, db, warehouse)).text(Path.of("config.yml")));

        DriftwatchConfiguration configuration = new DriftwatchConfiguration();
        configuration.setDataDirectory(dir.resolve("data"));
        configuration.setReportsDirectory(dir.resolve("reports"));
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(warehouse.url());
        source.setUser(warehouse.user());
        try (CheckRunner runner = CheckRunner.withCores()) {
            Monitoring m = Monitoring.build(configuration, Jdbi.create(db.url(), db.user(), "")
                    .installPlugin(new SqlObjectPlugin()), Receivers.NONE, Map.of("warehouse", source), runner, () -> { },
                    new MetricRegistry());
            StringBuilder csv = new StringBuilder("score\n");
            for (int i = 0; i < 300; i++) {
                csv.append(random.nextGaussian()).append('\n');
            }
            String reference = m.intake.ingest(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)))
                    .id();
            m.catalog.create("""
                    name: hourly
                    reference: %s
                    columns: {numerical: [score]}
                    schedule: {every: 1h}
                    source: {type: jdbc, datasource: warehouse, query: "SELECT score FROM predictions WHERE ts >= :from AND ts < :to"}
                    """.formatted(reference), "application/yaml");
            m.catalog.create("name: unscheduled\nreference: " + reference + "\n", "application/yaml");
        }
    }

    private void edit(ObjectNode root, TestDatabase db, TestDatabase warehouse) {
        root.put("reportsDirectory", dir.resolve("reports").toString());
        root.put("dataDirectory", dir.resolve("data").toString());
        ObjectNode database = root.withObjectProperty("database");
        database.put("driverClass", db.driverClass());
        database.put("url", db.url());
        database.put("user", db.user());
        ObjectNode source = root.withObjectProperty("sources").withObjectProperty("dataSources")
                .withObjectProperty("warehouse");
        source.put("driverClass", "org.postgresql.Driver");
        source.put("url", warehouse.url());
        source.put("user", warehouse.user());
        source.put("password", "");
        // the shipped logging settings (INFO), which the command must keep off its output
    }

    @Test
    void checksEachPastWindowOnceAndExitsOneWhenAWindowDrifted() throws Exception {
        CliRunner.Run run = CliRunner.run("backfill", "hourly", "--from", "2026-11-20", "--to", "2026-11-20T04:00",
                config.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout().lines().toList()).containsExactly(
                "2026-11-20T00:00:00Z .. 2026-11-20T01:00:00Z  1 check (0 drifted), 100 rows read",
                "2026-11-20T01:00:00Z .. 2026-11-20T02:00:00Z  1 check (0 drifted), 100 rows read",
                "2026-11-20T02:00:00Z .. 2026-11-20T03:00:00Z  1 check (1 drifted), 100 rows read",
                "2026-11-20T03:00:00Z .. 2026-11-20T04:00:00Z  1 check (0 drifted), 100 rows read",
                "backfilled 4 of 4 windows (0 ran already): 4 checks, 1 with dataset drift, 0 failed");

        CliRunner.Run again = CliRunner.run("backfill", "hourly", "--from", "2026-11-20T00:00:00Z", "--to",
                "2026-11-20T05:00:00Z", config.toString());
        assertThat(again.exitCode()).as(again.stderr()).isEqualTo(0);
        assertThat(again.stderr()).isEmpty();
        assertThat(again.stdout().lines().toList()).containsExactly(
                "2026-11-20T00:00:00Z .. 2026-11-20T01:00:00Z  ran already, skipped",
                "2026-11-20T01:00:00Z .. 2026-11-20T02:00:00Z  ran already, skipped",
                "2026-11-20T02:00:00Z .. 2026-11-20T03:00:00Z  ran already, skipped",
                "2026-11-20T03:00:00Z .. 2026-11-20T04:00:00Z  ran already, skipped",
                "2026-11-20T04:00:00Z .. 2026-11-20T05:00:00Z  0 checks, 1 failed, 0 rows read",
                "backfilled 1 of 5 windows (4 ran already): 0 checks, 0 with dataset drift, 1 failed");
    }

    @Test
    void countsOneWindowAndOneCheckInTheSingular() throws Exception {
        CliRunner.Run run = CliRunner.run("backfill", "hourly", "--from", "2026-11-20T00:00", "--to", "2026-11-20T01:00",
                config.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().lines().toList()).containsExactly(
                "2026-11-20T00:00:00Z .. 2026-11-20T01:00:00Z  1 check (0 drifted), 100 rows read",
                "backfilled 1 of 1 window (0 ran already): 1 check, 0 with dataset drift, 0 failed");
    }

    @Test
    void saysTheEmbeddedDatabaseIsHeldByTheRunningServiceInOneLineAndNothingElse() throws Exception {
        CliRunner.Run run;
        try (H2Holder holder = H2Holder.open(db)) {
            run = CliRunner.run("backfill", "hourly", "--from", "2026-11-20", "--to", "2026-11-21", config.toString());
        }

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("driftwatch backfill: the embedded database ")
                .contains("is in use by another process").contains("Stop the service, run backfill")
                .hasLineCount(1);
    }

    @Test
    void exitsTwoWithOneLineForEachMistake() throws Exception {
        assertMistake(CliRunner.run("backfill", "nosuch", "--from", "2026-11-20", "--to", "2026-11-21", config.toString()),
                "driftwatch backfill: no monitor with id 'nosuch'");
        assertMistake(CliRunner.run("backfill", "unscheduled", "--from", "2026-11-20", "--to", "2026-11-21",
                config.toString()), "driftwatch backfill: monitor unscheduled has no schedule, so it has no windows to backfill");
        assertMistake(CliRunner.run("backfill", "hourly", "--from", "last week", "--to", "2026-11-21", config.toString()),
                "driftwatch backfill: --from 'last week' is not a time: write 2026-11-01, 2026-11-01T06:00 (UTC) or "
                        + "2026-11-01T06:00:00Z");
        assertMistake(CliRunner.run("backfill", "hourly", "--from", "2026-11-21", "--to", "2026-11-20", config.toString()),
                "driftwatch backfill: --from (2026-11-21T00:00:00Z) must be before --to (2026-11-20T00:00:00Z)");
    }

    private static void assertMistake(CliRunner.Run run, String line) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(line + System.lineSeparator());
    }
}
