package io.driftwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.MetricRegistry;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.Monitoring;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.TestService;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.CheckRunner;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.MonitorDao;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a Driftwatch process killed with {@code kill -9} leaves in its folders, and the start-up
 * clean-up that removes it: planted as such a process leaves it (half-written uploads and reports,
 * read batches, a report written for a check that was never recorded, a dead process's lease), next
 * to what must stay (the reports of recorded checks, a {@code check --report} output, folders and
 * names the service did not make).
 */
class LeftoversTest {
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path dir;
    private Path data;
    private Path reports;
    private Jdbi jdbi;
    private TestDatabase db;
    private String recordedReport;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void recordACheck() throws IOException {
        data = dir.resolve("data");
        reports = dir.resolve("reports");
        db = TestDatabases.h2(dir);
        jdbi = Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin());
        DriftwatchConfiguration configuration = new DriftwatchConfiguration();
        configuration.setDataDirectory(data);
        configuration.setReportsDirectory(reports);
        try (CheckRunner runner = CheckRunner.withCores()) {
            Monitoring m = Monitoring.build(configuration, jdbi, Receivers.NONE, Map.of(), runner, () -> { },
                    new MetricRegistry());
            String reference;
            String current;
            try (InputStream in = Files.newInputStream(Path.of("examples/bike-sharing/reference.csv"))) {
                reference = m.intake.ingest(in).id();
            }
            try (InputStream in = Files.newInputStream(Path.of("examples/bike-sharing/current.csv"))) {
                current = m.intake.ingest(in).id();
            }
            m.catalog.create("name: bikes\nreference: " + reference + "\n", "application/yaml");
            Check check = m.checks.run("bikes", current).check();
            recordedReport = "bikes/" + check.id() + ".html";
        }
        assertThat(reports.resolve(recordedReport)).isRegularFile();
        Logger logger = (Logger) LoggerFactory.getLogger(Leftovers.class);
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // whatever an earlier test left the root at
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void detachLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(Leftovers.class);
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    @Test
    void removesWhatAKilledProcessLeftAndKeepsWhatItDidNotWriteOrStillNeeds() throws IOException {
        String unrecorded = UUID.randomUUID().toString();
        List<Path> leftovers = List.of(
                plant(data.resolve("tmp/datasets8101736582735624513.part"), 0),
                plant(data.resolve("tmp/profiles42.part"), 0),
                plant(data.resolve("tmp/directory-77.batch"), 0),
                plant(data.resolve("tmp/chunk12.arrow"), 0),
                plant(data.resolve("in-use/" + UUID.randomUUID() + ".lock"), 0),     // a dead process's lease
                plant(data.resolve(".health-123.tmp"), 0),
                plant(reports.resolve(".health-456.tmp"), 0),
                plant(reports.resolve("bikes/" + UUID.randomUUID() + "6012345.part"), 0),
                plant(reports.resolve("bikes/" + unrecorded + ".html"), 0));
        List<Path> kept = List.of(
                reports.resolve(recordedReport),
                plant(reports.resolve("bike-sharing.html"), 0),                      // check --report output
                plant(reports.resolve("bikes/summary.html"), 0),                     // not a name the service writes
                plant(reports.resolve("bikes/" + unrecorded + ".html.bak"), 0),
                plant(reports.resolve("archive/" + UUID.randomUUID() + ".html"), 0), // not a monitor's folder
                plant(reports.resolve("archive/" + UUID.randomUUID() + "12.part"), 0),
                plant(data.resolve("tmp/notes/keep.txt"), 0));                       // folders in tmp are not files

        Leftovers leftoversOf = leftovers();
        leftoversOf.start();
        leftoversOf.stop();

        assertThat(leftovers).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(kept).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "start-up clean-up: removed 6 temporary files (" + data.resolve("tmp") + ") and 2 report files no check"
                        + " refers to (" + reports + "), left by a process that stopped without finishing them");
        try (var left = Files.list(data.resolve("tmp"))) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("notes");
        }
        assertThat(data.resolve("in-use")).isEmptyDirectory(); // its own lease went on stop
    }

    @Test
    void logsOneLineAlsoWhenNothingWasLeft() {
        Leftovers leftoversOf = leftovers();
        leftoversOf.start();
        leftoversOf.stop();

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "start-up clean-up: removed 0 temporary files (" + data.resolve("tmp") + ") and 0 report files no check"
                        + " refers to (" + reports + "), left by a process that stopped without finishing them");
    }

    @Test
    void whileAnotherLiveProcessUsesTheFoldersRemovesOnlyWhatIsOlderThanTheGracePeriod() throws Exception {
        Path lease = data.resolve("in-use/" + UUID.randomUUID() + ".lock");
        Path oldPart = plant(data.resolve("tmp/datasets1.part"), 61);
        Path newPart = plant(data.resolve("tmp/datasets2.part"), 59);
        Path oldReport = plant(reports.resolve("bikes/" + UUID.randomUUID() + ".html"), 61);
        Path newReport = plant(reports.resolve("bikes/" + UUID.randomUUID() + ".html"), 1);

        Files.createDirectories(lease.getParent());
        Process other = holdLock(lease);
        try {
            Leftovers leftoversOf = leftovers();
            leftoversOf.start();
            leftoversOf.stop();
        } finally {
            other.destroy();
            other.waitFor();
        }

        assertThat(oldPart).doesNotExist();
        assertThat(oldReport).doesNotExist();
        assertThat(newPart).isRegularFile();
        assertThat(newReport).isRegularFile();
        assertThat(lease).isRegularFile();

        // that process is gone now: its lease, and everything it left, go at the next start
        Leftovers next = leftovers();
        next.start();
        next.stop();
        assertThat(lease).doesNotExist();
        assertThat(newPart).doesNotExist();
        assertThat(newReport).doesNotExist();
    }

    @Test
    void aLeaseHeldInThisProcessCountsAsALiveProcess() throws IOException {
        Path newPart = plant(data.resolve("tmp/datasets2.part"), 5);
        try (Leftovers.Lease backfill = Leftovers.Lease.take(data)) {
            Leftovers leftoversOf = leftovers();
            leftoversOf.start();
            leftoversOf.stop();
            assertThat(newPart).isRegularFile();
        }
    }

    @Test
    void theServiceCleansUpAsItStarts() throws Exception {
        Path part = plant(data.resolve("tmp/datasets8101736582735624513.part"), 0);
        Path report = plant(reports.resolve("bikes/" + UUID.randomUUID() + ".html"), 0);
        // the fixture puts its folders at dir/reports and dir/data: this test's reports and data
        DropwizardTestSupport<DriftwatchConfiguration> service = TestService.builder().in(dir).on(db).build().app
                .getTestSupport();
        service.before();
        try {
            assertThat(part).doesNotExist();
            assertThat(report).doesNotExist();
            assertThat(reports.resolve(recordedReport)).isRegularFile();
        } finally {
            service.after();
        }
    }

    private Leftovers leftovers() {
        return new Leftovers(data, reports, jdbi.onDemand(MonitorDao.class), jdbi.onDemand(CheckDao.class), GRACE,
                Clock.systemUTC());
    }

    /** A file last modified {@code minutesAgo} minutes ago. */
    private static Path plant(Path file, int minutesAgo) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "left over");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(minutesAgo))));
        return file;
    }

    /** Another JVM that creates {@code file} and holds a lock on it, as a running Driftwatch holds its lease. */
    private Process holdLock(Path file) throws IOException {
        Path program = dir.resolve("Hold.java");
        Files.writeString(program, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                public class Hold {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        channel.lock();
                        System.out.println("locked");
                        System.out.flush();
                        System.in.read();
                    }
                }
                """);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                program.toString(), file.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the other process's first line").isEqualTo("locked");
        return process;
    }
}
