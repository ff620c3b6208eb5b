package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.monitor.checks.CheckRunner;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.monitor.schedule.ScheduledChecks;
import com.codahale.metrics.MetricRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Scheduled runs end to end on the real PostgreSQL: a jdbc source over a predictions table checked
 * window by window (on time, in a backfill, twice at once), a directory source checked file by file,
 * chunks, failures, and a rolling reference.
 */
class ScheduledChecksTest {
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    @TempDir
    Path dir;
    private TestDatabase db;
    private TestDatabase warehouse;
    private CheckRunner runner;
    private Jdbi jdbi;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestDatabases.postgres();
        warehouse = TestDatabases.postgresUnmigrated();
        runner = CheckRunner.withCores();
        jdbi = jdbi(db);
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE predictions (ts TIMESTAMP WITH TIME ZONE NOT NULL, score DOUBLE PRECISION,"
                    + " segment TEXT)");
        }
    }

    @AfterEach
    void tearDown() {
        runner.close();
    }

    @Test
    void checksEachHourlyWindowOfATableOnceIncludingABackfill() throws SQLException {
        Monitoring m = monitoring("instance-a");
        Monitor monitor = jdbcMonitor(m, "hourly", "every: 1h", "");
        for (int hour = 6; hour < 12; hour++) {
            insertHour(hour, 100, hour == 9 ? 3.0 : 0.0);
        }

        String printed = backfill(m, monitor, at(6), at(12));
        assertThat(printed).contains("backfilled 6 of 6 windows (0 ran already): 6 checks, 1 with dataset drift, 0 failed");
        List<Map<String, Object>> checks = checks();
        assertThat(checks).hasSize(6);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> check = checks.get(i);
            assertThat(((Timestamp) check.get("window_start")).toInstant()).isEqualTo(at(6 + i));
            assertThat(((Timestamp) check.get("window_end")).toInstant()).isEqualTo(at(7 + i));
            assertThat(check.get("row_count")).isEqualTo(100L);
            assertThat(check.get("run_kind")).isEqualTo("backfill");
            assertThat(check.get("status")).isEqualTo("ok");
            assertThat(check.get("drift_detected")).isEqualTo(i == 3);
            assertThat(check.get("reference_version")).isEqualTo(1);
            assertThat((String) check.get("location")).startsWith("SELECT ts, score, segment FROM predictions");
        }

        // the same period again, and a scheduled run of a slot the backfill ran: nothing runs twice
        assertThat(backfill(m, monitor, at(6), at(12))).contains("backfilled 0 of 6 windows (6 ran already)");
        assertThat(m.scheduledChecks.run(monitor, at(8), ScheduledChecks.SCHEDULE)).isEmpty();
        // the next slot on time checks the next window only
        insertHour(12, 80, 0.0);
        ScheduledChecks.Outcome next = m.scheduledChecks.run(monitor, at(13), ScheduledChecks.SCHEDULE).orElseThrow();
        assertThat(next.checks()).hasSize(1);
        assertThat(next.rows()).isEqualTo(80);
        assertThat(checks()).hasSize(7);
        assertThat((int) jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM scheduled_runs").mapTo(Integer.class).one()))
                .isEqualTo(7);

        // a window backfilled after later ones ran is drawn where its data belongs
        insertHour(5, 60, 0.0);
        backfill(m, monitor, at(5), at(6));
        io.driftwatch.monitor.checks.CheckHistory history = new io.driftwatch.monitor.checks.CheckHistory(
                jdbi.onDemand(io.driftwatch.store.CheckDao.class), jdbi.onDemand(io.driftwatch.store.QualityDao.class),
                m.catalog, m.reports);
        assertThat(history.recent("hourly", 50)).extracting(io.driftwatch.monitor.checks.Check::observedAt)
                .containsExactly(at(6), at(7), at(8), at(9), at(10), at(11), at(12), at(13));
        assertThat(history.page("hourly", null, null, 1, null).items().get(0).windowStart()).isEqualTo(at(5));
    }

    @Test
    void aSlotCutOffByACrashRunsAgainOnlyOnceItIsStale() throws SQLException {
        Monitoring m = monitoring("instance-a");
        Monitor monitor = jdbcMonitor(m, "crashed", "every: 1h", "");
        insertHour(6, 50, 0.0);
        insertHour(7, 50, 0.0);
        // two runs whose instance died mid-run: one two hours ago, one a minute ago
        jdbi.useHandle(h -> {
            for (Object[] run : new Object[][] {{at(7), Instant.now().minus(2, ChronoUnit.HOURS)},
                    {at(8), Instant.now().minus(1, ChronoUnit.MINUTES)}}) {
                h.createUpdate("""
                        INSERT INTO scheduled_runs (monitor_id, slot, window_start, window_end, run_kind, instance, state,
                                                    started_at, check_count, failed_count, row_count)
                        VALUES ('crashed', :slot, :slot, :slot, 'schedule', 'dead-instance', 'running', :started, 0, 0, 0)
                        """).bind("slot", java.time.OffsetDateTime.ofInstant((Instant) run[0], java.time.ZoneOffset.UTC))
                        .bind("started", java.time.OffsetDateTime.ofInstant((Instant) run[1], java.time.ZoneOffset.UTC))
                        .execute();
            }
        });
        assertThat(m.scheduledChecks.run(monitor, at(7), ScheduledChecks.BACKFILL)).hasValueSatisfying(
                o -> assertThat(o.checks()).hasSize(1));
        assertThat(m.scheduledChecks.run(monitor, at(8), ScheduledChecks.BACKFILL)).isEmpty();
        assertThat((List<String>) jdbi.withHandle(h -> h.createQuery(
                "SELECT instance || ' ' || state FROM scheduled_runs ORDER BY slot").mapTo(String.class).list()))
                .containsExactly("instance-a done", "dead-instance running");
    }

    @Test
    void anEmptyWindowAndAFailingQueryBecomeFailedChecksWithTheReason() throws SQLException {
        Monitoring m = monitoring("instance-a");
        Monitor monitor = jdbcMonitor(m, "failing", "every: 1h", "");
        ScheduledChecks.Outcome empty = m.scheduledChecks.run(monitor, at(7), ScheduledChecks.SCHEDULE).orElseThrow();
        assertThat(empty.checks()).isEmpty();
        assertThat(empty.failed()).isEqualTo(1);
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE predictions");
        }
        m.scheduledChecks.run(monitor, at(8), ScheduledChecks.SCHEDULE).orElseThrow();

        List<Map<String, Object>> checks = checks();
        assertThat(checks).extracting(c -> c.get("status")).containsExactly("failed", "failed");
        assertThat((String) checks.get(0).get("error")).isEqualTo("empty window: the jdbc source returned no rows for ["
                + at(6) + ", " + at(7) + ")");
        assertThat((String) checks.get(1).get("error")).contains("warehouse").contains("predictions")
                .contains("does not exist");
        // failed checks feed the policy's check_error: an incident is open and its alert is queued
        assertThat((int) jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM incidents WHERE closed_at IS NULL")
                .mapTo(Integer.class).one())).isEqualTo(1);
        assertThat((List<String>) jdbi.withHandle(h -> h.createQuery("SELECT target_name FROM outbox")
                .mapTo(String.class).list())).containsExactly("ops");
        assertThat((List<String>) jdbi.withHandle(h -> h.createQuery("SELECT state FROM scheduled_runs ORDER BY slot")
                .mapTo(String.class).list())).containsExactly("failed", "failed");
    }

    @Test
    void twoInstancesRacingForTheSameSlotsRunEachSlotOnce() throws Exception {
        Monitoring a = monitoring("instance-a");
        Monitoring b = monitoring("instance-b", jdbi(db)); // its own connection pool, as a second replica has
        Monitor monitor = jdbcMonitor(a, "raced", "every: 1h", "");
        for (int hour = 0; hour < 8; hour++) {
            insertHour(hour, 40, 0.0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<ScheduledChecks.Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                Monitoring instance = t % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int hour = 1; hour <= 8; hour++) {
                        instance.scheduledChecks.run(monitor, at(hour), ScheduledChecks.SCHEDULE).ifPresent(outcomes::add);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).hasSize(8);
        assertThat(outcomes).extracting(ScheduledChecks.Outcome::slot).doesNotHaveDuplicates();
        List<Map<String, Object>> checks = checks();
        assertThat(checks).hasSize(8);
        assertThat(checks).extracting(c -> c.get("slot")).doesNotHaveDuplicates();
    }

    @Test
    void checksEachNewFileInADirectoryExactlyOnce() throws Exception {
        Monitoring m = monitoring("instance-a");
        Path incoming = Files.createDirectories(dir.resolve("incoming/preds"));
        String reference = m.intake.ingest(csv(batch(new Random(1), 300, 0.0, null))).id();
        Monitor monitor = m.catalog.create("""
                name: files
                reference: %s
                columns: {numerical: [score], categorical: [segment]}
                schedule: {every: 1h}
                source: {type: directory, path: %s, glob: "*.csv", settle: 1s}
                alerts: {when: {check_error: true}}
                """.formatted(reference, incoming), "application/yaml");
        write(incoming.resolve("a.csv"), batch(new Random(2), 100, 0.0, null), 60);
        write(incoming.resolve("b.csv"), batch(new Random(3), 100, 3.0, null), 50);
        write(incoming.resolve("c.csv.part"), batch(new Random(4), 100, 0.0, null), 50);
        write(incoming.resolve("notes.txt"), "not a batch", 50);

        ScheduledChecks.Outcome first = m.scheduledChecks.run(monitor, at(1), ScheduledChecks.SCHEDULE).orElseThrow();
        assertThat(first.checks()).extracting(c -> c.driftDetected()).containsExactly(false, true);
        assertThat(m.scheduledChecks.run(monitor, at(2), ScheduledChecks.SCHEDULE).orElseThrow().summary())
                .isEqualTo("0 checks, 0 rows read; no new files");

        // a new file, a rewritten one, a broken one, and one still being written
        write(incoming.resolve("c.csv"), batch(new Random(5), 100, 0.0, null), 40);
        write(incoming.resolve("a.csv"), batch(new Random(6), 120, 0.0, null), 30);
        write(incoming.resolve("broken.csv"), "score,segment\n1.0\n", 20);
        write(incoming.resolve("fresh.csv"), batch(new Random(7), 100, 0.0, null), 0);
        ScheduledChecks.Outcome third = m.scheduledChecks.run(monitor, at(3), ScheduledChecks.SCHEDULE).orElseThrow();
        assertThat(third.checks()).hasSize(2);
        assertThat(third.failed()).isEqualTo(1);
        Files.setLastModifiedTime(incoming.resolve("fresh.csv"), FileTime.from(Instant.now().minusSeconds(10)));
        ScheduledChecks.Outcome fourth = m.scheduledChecks.run(monitor, at(4), ScheduledChecks.SCHEDULE).orElseThrow();
        assertThat(fourth.checks()).hasSize(1);
        assertThat(m.scheduledChecks.run(monitor, at(5), ScheduledChecks.SCHEDULE).orElseThrow().checks()).isEmpty();

        List<Map<String, Object>> checks = checks();
        assertThat(checks).extracting(c -> c.get("file_name"))
                .containsExactly("a.csv", "b.csv", "c.csv", "a.csv", "broken.csv", "fresh.csv");
        Map<String, Object> broken = checks.get(4);
        assertThat(broken.get("status")).isEqualTo("failed");
        assertThat((String) broken.get("error")).isEqualTo("the file broken.csv is not a readable CSV, Arrow or Parquet batch: "
                + "line 2: expected 2 fields as in the header, found 1");
        assertThat((int) jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM source_files").mapTo(Integer.class).one()))
                .isEqualTo(6);
    }

    @Test
    void checksParquetAndCompressedArrowFilesInADirectoryAsItChecksCsv() throws Exception {
        Monitoring m = monitoring("instance-a");
        Path incoming = Files.createDirectories(dir.resolve("incoming/parquet"));
        String reference = m.intake.ingest(Files.newInputStream(Path.of("examples/bike-sharing/reference.csv"))).id();
        Monitor monitor = m.catalog.create("""
                name: parquet-files
                reference: %s
                columns: {numerical: [temp, hum], categorical: [season, weathersit]}
                schedule: {every: 1h}
                source: {type: directory, path: %s, glob: "*.{parquet,feather,csv}", settle: 1s}
                """.formatted(reference, incoming), "application/yaml");
        Path formats = Path.of("src/test/resources/io/driftwatch/io/formats");
        for (String name : new String[] {"bike-current.snappy.parquet", "bike-current.lz4.arrow"}) {
            Path copy = Files.copy(formats.resolve(name), incoming.resolve(name.replace(".arrow", ".feather")));
            Files.setLastModifiedTime(copy, FileTime.from(Instant.now().minusSeconds(60)));
        }
        Path csv = Files.copy(Path.of("examples/bike-sharing/current.csv"), incoming.resolve("bike-current.csv"));
        Files.setLastModifiedTime(csv, FileTime.from(Instant.now().minusSeconds(60)));

        ScheduledChecks.Outcome run = m.scheduledChecks.run(monitor, at(1), ScheduledChecks.SCHEDULE).orElseThrow();

        assertThat(run.failed()).isZero();
        assertThat(run.checks()).hasSize(3);
        assertThat(run.summary()).startsWith("3 checks").contains("2223 rows read");
        assertThat(run.checks()).extracting(c -> c.driftDetected()).containsOnly(run.checks().get(0).driftDetected());
    }

    @Test
    void aRunSaysItDidNotReadALinkToAFileOutsideTheAllowedFolders() throws Exception {
        Monitoring m = monitoring("instance-a");
        Path incoming = Files.createDirectories(dir.resolve("incoming/preds"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        String reference = m.intake.ingest(csv(batch(new Random(1), 300, 0.0, null))).id();
        Monitor monitor = m.catalog.create("""
                name: links
                reference: %s
                columns: {numerical: [score], categorical: [segment]}
                schedule: {every: 1h}
                source: {type: directory, path: %s, glob: "*.csv", settle: 1s}
                """.formatted(reference, incoming), "application/yaml");
        write(outside.resolve("secret.csv"), batch(new Random(2), 100, 0.0, null), 60);
        Files.createSymbolicLink(incoming.resolve("secret.csv"), outside.resolve("secret.csv"));
        write(incoming.resolve("a.csv"), batch(new Random(3), 100, 0.0, null), 60);

        ScheduledChecks.Outcome run = m.scheduledChecks.run(monitor, at(1), ScheduledChecks.SCHEDULE).orElseThrow();

        assertThat(run.checks()).hasSize(1);
        assertThat(run.summary()).isEqualTo("1 check (0 drifted), 100 rows read; secret.csv not read: a symbolic link"
                + " to a file outside the folders this service may read (sources.directories)");
        assertThat(checks()).extracting(c -> c.get("file_name")).containsExactly("a.csv");
    }

    @Test
    void twoInstancesReadingOneFolderAtOnceRecordEachFileOnce() throws Exception {
        Monitoring a = monitoring("instance-a");
        Monitoring b = monitoring("instance-b", jdbi(db));
        Path incoming = Files.createDirectories(dir.resolve("incoming/shared"));
        String reference = a.intake.ingest(csv(batch(new Random(1), 300, 0.0, null))).id();
        Monitor monitor = a.catalog.create("""
                name: shared
                reference: %s
                schedule: {every: 1h}
                source: {type: directory, path: %s, settle: 1s}
                """.formatted(reference, incoming), "application/yaml");
        for (int i = 0; i < 6; i++) {
            write(incoming.resolve("part-" + i + ".csv"), batch(new Random(10 + i), 2_000, 0.0, null), 10);
        }
        // two slots claimed by two instances at the same moment: both list the same six new files
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> first = pool.submit(() -> {
                start.await();
                return a.scheduledChecks.run(monitor, at(1), ScheduledChecks.SCHEDULE);
            });
            Future<?> second = pool.submit(() -> {
                start.await();
                return b.scheduledChecks.run(monitor, at(2), ScheduledChecks.SCHEDULE);
            });
            start.countDown();
            first.get(2, TimeUnit.MINUTES);
            second.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> checks = checks();
        assertThat(checks).extracting(c -> c.get("file_name")).doesNotHaveDuplicates().hasSize(6);
        assertThat((int) jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM source_files").mapTo(Integer.class)
                .one())).isEqualTo(6);
        // no report is left behind for a check that lost the race
        try (var reports = Files.list(dir.resolve("reports").resolve("shared"))) {
            assertThat(reports.count()).isEqualTo(6);
        }
    }

    @Test
    void splitsADailyWindowIntoHourlyChunksOneCheckEach() throws SQLException {
        Monitoring m = monitoring("instance-a");
        Monitor monitor = jdbcMonitor(m, "chunked", "every: 1d", "chunks: {every: 6h}\n");
        for (int hour = 0; hour < 24; hour += 3) {
            insertHour(hour, 60, hour >= 18 ? 3.0 : 0.0);
        }
        ScheduledChecks.Outcome run = m.scheduledChecks.run(monitor, DAY.plus(1, ChronoUnit.DAYS),
                ScheduledChecks.SCHEDULE).orElseThrow();
        assertThat(run.checks()).extracting(c -> c.driftDetected()).containsExactly(false, false, false, true);
        List<Map<String, Object>> checks = checks();
        assertThat(checks).extracting(c -> ((Timestamp) c.get("window_start")).toInstant())
                .containsExactly(at(0), at(6), at(12), at(18));
        assertThat(checks).extracting(c -> c.get("chunk_index")).containsExactly(1, 2, 3, 4);
        assertThat(checks).extracting(c -> c.get("chunk_count")).containsOnly(4);
        assertThat(checks).extracting(c -> c.get("row_count")).containsOnly(120L);
    }

    @Test
    void aRollingReferenceIsReadFromThePastProfiledOncePerPeriodAndVersioned() throws SQLException {
        Monitoring m = monitoring("instance-a");
        Monitor monitor = jdbcMonitor(m, "rolling", "every: 1h", "reference_roll: {previous: 6h, every: 6h}\n");
        for (int hour = 0; hour < 18; hour++) {
            // the data drifts slowly: each 6-hour period is shifted against the one before
            insertHour(hour, 50, hour / 6 * 2.0);
        }
        m.scheduledChecks.run(monitor, at(7), ScheduledChecks.SCHEDULE).orElseThrow();
        m.scheduledChecks.run(monitor, at(8), ScheduledChecks.SCHEDULE).orElseThrow();
        m.scheduledChecks.run(monitor, at(13), ScheduledChecks.SCHEDULE).orElseThrow();
        List<Map<String, Object>> checks = checks();
        // windows 06-07 and 07-08 use the reference rolled over 00-06 (version 2); 12-13 the one over 06-12 (version 3)
        assertThat(checks).extracting(c -> c.get("reference_version")).containsExactly(2, 2, 3);
        assertThat(checks).extracting(c -> c.get("drift_detected")).containsOnly(true);
        assertThat(m.catalog.referenceVersions("rolling")).hasSize(3);
        assertThat(m.catalog.referenceVersions("rolling").get(0).windowStart()).isEqualTo(at(6));
        assertThat(m.catalog.referenceVersions("rolling").get(0).windowEnd()).isEqualTo(at(12));
    }

    @Test
    void afterDowntimeTheSchedulerRunsTheLatestMissedSlotOnceThenKeepsTime() throws Exception {
        Monitoring m = monitoring("instance-a");
        Monitor monitor = jdbcMonitor(m, "restarted", "every: 1h", "");
        // the service comes back five and a half hours after the monitor was created: five slots were missed
        Instant created = monitor.createdAt();
        Instant slot = created.truncatedTo(ChronoUnit.HOURS).plus(5, ChronoUnit.HOURS);
        MutableClock clock = new MutableClock(slot.plus(30, ChronoUnit.MINUTES));
        io.driftwatch.monitor.schedule.Scheduler scheduler = new io.driftwatch.monitor.schedule.Scheduler(m.catalog, m.scheduledChecks,
                clock, java.time.Duration.ofMillis(50), 1, java.time.Duration.ofSeconds(30));
        scheduler.start();
        try {
            awaitRuns(1);
            Thread.sleep(500); // many more polls: none runs another missed slot
            assertThat(runs()).containsExactly(slot + " catch-up");
            clock.set(slot.plus(1, ChronoUnit.HOURS).plusMillis(1));
            awaitRuns(2);
            Thread.sleep(300);
            assertThat(runs()).containsExactly(slot + " catch-up", slot.plus(1, ChronoUnit.HOURS) + " schedule");
        } finally {
            scheduler.stop();
        }
    }

    private List<String> runs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT slot, run_kind FROM scheduled_runs ORDER BY slot")
                .map((rs, ctx) -> rs.getTimestamp(1).toInstant() + " " + rs.getString(2)).list());
    }

    private void awaitRuns(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM scheduled_runs WHERE state <> 'running'")
                .mapTo(Integer.class).one()) < n) {
            assertThat(System.nanoTime()).as("%d runs within 30 s", n).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends java.time.Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    // ---- fixtures

    private Monitoring monitoring(String instance) {
        return monitoring(instance, jdbi);
    }

    private Monitoring monitoring(String instance, Jdbi database) {
        DriftwatchConfiguration config = new DriftwatchConfiguration();
        config.setDataDirectory(dir.resolve("data"));
        config.setReportsDirectory(dir.resolve("reports"));
        config.getSources().setDirectories(List.of(dir.resolve("incoming")));
        config.getScheduler().setInstanceName(instance);
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(warehouse.url());
        source.setUser(warehouse.user());
        Map<String, DataSource> sources = Map.of("warehouse", source);
        // an alert channel nobody listens on: alerts stay queued in the outbox, which the test reads
        io.driftwatch.notify.WebhookChannelFactory hook = new io.driftwatch.notify.WebhookChannelFactory();
        hook.setName("ops");
        hook.setUrl("http://127.0.0.1:9/hook");
        hook.setSecret("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        Receivers receivers = new Receivers(List.of(hook.build()), List.of(), java.net.URI.create("http://127.0.0.1:8080/"));
        return Monitoring.build(config, database, receivers, sources, runner, () -> { }, new MetricRegistry());
    }

    private static Jdbi jdbi(TestDatabase database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(database.url());
        source.setUser(database.user());
        return Jdbi.create(source).installPlugin(new SqlObjectPlugin());
    }

    private Monitor jdbcMonitor(Monitoring m, String name, String schedule, String extra) {
        String reference = m.intake.ingest(csv(batch(new Random(1), 300, 0.0, at(0)))).id();
        return m.catalog.create("""
                name: %s
                reference: %s
                columns: {numerical: [score], categorical: [segment], datetime: ts}
                schedule: {%s}
                source:
                  type: jdbc
                  datasource: warehouse
                  query: SELECT ts, score, segment FROM predictions WHERE ts >= :from AND ts < :to ORDER BY ts
                alerts: {when: {dataset_drift: true, check_error: true}, channels: [ops]}
                %s""".formatted(name, reference, schedule, extra), "application/yaml");
    }

    private static Instant at(int hour) {
        return DAY.plus(hour, ChronoUnit.HOURS);
    }

    private void insertHour(int hour, int rows, double shift) throws SQLException {
        Random random = new Random(100 + hour);
        try (Connection c = warehouse.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO predictions VALUES (?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                insert.setTimestamp(1, Timestamp.from(at(hour).plusSeconds(3_600L * i / rows)));
                insert.setDouble(2, random.nextGaussian() + shift);
                insert.setString(3, "abc".substring(i % 3, i % 3 + 1));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A CSV batch: ts (if {@code start} is set), score ~ N(shift, 1), segment a/b/c. */
    private static String batch(Random random, int rows, double shift, Instant start) {
        StringBuilder s = new StringBuilder(start == null ? "score,segment\n" : "ts,score,segment\n");
        for (int i = 0; i < rows; i++) {
            if (start != null) {
                s.append(start.plusSeconds(60L * i)).append(',');
            }
            s.append(random.nextGaussian() + shift).append(',').append("abc".charAt(i % 3)).append('\n');
        }
        return s.toString();
    }

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, String text, int minutesAgo) throws java.io.IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(minutesAgo, ChronoUnit.MINUTES)));
    }

    private String backfill(Monitoring m, Monitor monitor, Instant from, Instant to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        io.driftwatch.cli.BackfillCommand.backfill(new PrintStream(out, true, StandardCharsets.UTF_8),
                m.scheduledChecks, monitor, monitor.definition().schedule().orElseThrow().slotsCovering(from, to), from,
                to);
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<Map<String, Object>> checks() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT c.id, c.status, c.error, c.drift_detected, c.reference_version, s.run_kind, s.slot,
                       s.window_start, s.window_end, s.chunk_index, s.chunk_count, s.location, s.file_name, s.row_count
                  FROM checks c JOIN check_sources s ON s.check_id = c.id
                 ORDER BY c.created_at, c.id
                """).mapToMap().list());
    }
}
