package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/monitors/{id}/runs}: a scheduled monitor's schedule, source, next run, last
 * read and runs, against a running service whose scheduler really reads a file from an allowed
 * folder; a monitor without a schedule; an unknown monitor.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MonitorRunResourceTest {
    private static final Path INCOMING = folder();
    static final TestService SERVICE = TestService.onH2(
            root -> root.withObjectProperty("sources").putArray("directories").add(INCOMING.toString()),
            ConfigOverride.config("scheduler.pollInterval", "100ms"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static JsonNode scheduled;

    private static Path folder() {
        try {
            return Files.createTempDirectory("driftwatch-runs-test").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A batch waiting in the folder, then a monitor reading it every second; waits until a run has checked it. */
    @BeforeAll
    static void runAScheduledMonitorOnce() throws Exception {
        Path batch = INCOMING.resolve("batch-1.csv");
        Files.write(batch, Batches.firstRows(Batches.current(), 100));
        Files.setLastModifiedTime(batch, FileTime.from(Instant.now().minusSeconds(60)));
        TestService.Reply reference = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        String id = reference.json().get("id").asText();
        String yaml = Batches.monitorYaml("every-second", id) + """
                schedule:
                  every: 1s
                source:
                  type: directory
                  path: %s
                  glob: "*.csv"
                  settle: 1s
                """.formatted(INCOMING);
        assertThat(SERVICE.post("/api/v1/monitors", "application/yaml", yaml).status()).isEqualTo(201);
        assertThat(SERVICE.post("/api/v1/monitors", "application/yaml", Batches.monitorYaml("unscheduled", id))
                .status()).isEqualTo(201);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            TestService.Reply reply = SERVICE.get("/api/v1/monitors/every-second/runs?limit=500");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            for (JsonNode run : reply.json().get("items")) {
                if (run.get("checks").asInt() > 0 && !run.get("finishedAt").isNull()) {
                    scheduled = reply.json();
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no run read " + batch + " within a minute");
    }

    @Test
    void showsTheScheduleTheSourceAndTheNextRunInWords() {
        assertThat(scheduled.get("schedule").asText()).isEqualTo("every second");
        assertThat(scheduled.get("source").asText()).isEqualTo("directory " + INCOMING + " (*.csv)");
        Instant next = Instant.parse(scheduled.get("nextRun").asText());
        assertThat(next).isAfter(Instant.now().minusSeconds(5)).isBefore(Instant.now().plusSeconds(5));
    }

    @Test
    void listsTheRunThatReadTheFileWithItsWindowAndRows() {
        JsonNode read = null;
        for (JsonNode run : scheduled.get("items")) {
            if (run.get("checks").asInt() > 0) {
                read = run;
            }
        }
        assertThat(read).isNotNull();
        assertThat(read.get("state").asText()).isEqualTo("done");
        assertThat(read.get("failed").asInt()).isZero();
        assertThat(read.get("rows").asLong()).isEqualTo(100);
        assertThat(read.get("kind").asText()).isIn("schedule", "catch-up");
        assertThat(read.get("instance").asText()).isNotEmpty();
        Instant slot = Instant.parse(read.get("slot").asText());
        assertThat(Instant.parse(read.get("windowEnd").asText())).isEqualTo(slot);
        assertThat(Instant.parse(read.get("windowStart").asText())).isEqualTo(slot.minusSeconds(1));
    }

    @Test
    void theScheduledCheckSaysWhatItReadAndWhichReferenceVersionItUsed() {
        String checkId = scheduled.get("lastRead").get("checkId").asText();
        TestService.Reply reply = SERVICE.get("/api/v1/checks/" + checkId);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode check = reply.json();
        assertThat(check.get("referenceVersion").asInt()).isEqualTo(1);
        JsonNode source = check.get("source");
        assertThat(source.get("type").asText()).isEqualTo("directory");
        assertThat(source.get("fileName").asText()).isEqualTo("batch-1.csv");
        assertThat(source.get("location").asText()).isEqualTo(INCOMING.resolve("batch-1.csv").toString());
        assertThat(source.get("rows").asLong()).isEqualTo(100);
        assertThat(source.get("chunk").isNull()).isTrue();
        assertThat(io.driftwatch.report.JsonResultTest.schemaErrors(check)).isEmpty();
    }

    @Test
    void prometheusExportsTheLatestRunOfScheduledMonitorsOnly() throws InterruptedException {
        ApiClient.Answer a = new ApiClient(APP.getAdminPort()).get("/metrics");
        assertThat(a.status()).isEqualTo(200);
        PrometheusText metrics = PrometheusText.parse(a.body());
        Double slot = metrics.value("driftwatch_monitor_last_run_slot_timestamp_seconds", "monitor", "every-second");
        assertThat(slot).isNotNull();
        assertThat(Instant.ofEpochMilli((long) (slot * 1000))).isAfter(Instant.now().minusSeconds(60));
        assertThat(metrics.value("driftwatch_monitor_last_run_failed", "monitor", "every-second")).isZero();
        assertThat(metrics.value("driftwatch_monitor_last_run_slot_timestamp_seconds", "monitor", "unscheduled"))
                .isNull();
    }

    @Test
    void listsRunsLatestSlotFirst() {
        Instant previous = Instant.MAX;
        for (JsonNode run : scheduled.get("items")) {
            Instant slot = Instant.parse(run.get("slot").asText());
            assertThat(slot).isBefore(previous);
            previous = slot;
        }
    }

    @Test
    void namesTheFileTheSourceReadLast() {
        JsonNode read = scheduled.get("lastRead");
        assertThat(read.get("sourceType").asText()).isEqualTo("directory");
        assertThat(read.get("fileName").asText()).isEqualTo("batch-1.csv");
        assertThat(read.get("rows").asLong()).isEqualTo(100);
        assertThat(read.get("checkId").asText()).isNotEmpty();
        assertThat(SERVICE.get("/api/v1/checks/" + read.get("checkId").asText()).status()).isEqualTo(200);
    }

    @Test
    void limitsTheRunsToTheNumberAsked() {
        TestService.Reply reply = SERVICE.get("/api/v1/monitors/every-second/runs?limit=1");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("items").size()).isEqualTo(1);
    }

    @Test
    void answersAMonitorWithoutScheduleWithNoRuns() {
        TestService.Reply reply = SERVICE.get("/api/v1/monitors/unscheduled/runs");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("schedule").isNull()).isTrue();
        assertThat(json.get("source").isNull()).isTrue();
        assertThat(json.get("nextRun").isNull()).isTrue();
        assertThat(json.get("lastRead").isNull()).isTrue();
        assertThat(json.get("items").size()).isZero();
    }

    @Test
    void returns404ForUnknownMonitor() {
        TestService.Reply reply = SERVICE.get("/api/v1/monitors/no-such-monitor/runs");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("message").asText()).contains("no-such-monitor");
    }
}
