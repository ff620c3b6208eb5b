package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.store.S3TestServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scheduled monitor whose {@code type: s3} source reads a bucket prefix on S3Proxy, with the
 * endpoint and keys given by {@code sources.s3} in config.yml (not the process's environment): the
 * scheduler lists the prefix, reads the new object once and records a check that names it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class S3ScheduledSourceTest {
    static final S3TestServer S3 = S3TestServer.withBuckets("incoming");
    static final TestService SERVICE = TestService.onH2(
            ConfigOverride.config("scheduler.pollInterval", "100ms"),
            ConfigOverride.config("sources.s3.endpoint", S3.endpoint().toString()),
            ConfigOverride.config("sources.s3.accessKeyId", S3TestServer.ACCESS_KEY),
            ConfigOverride.config("sources.s3.secretAccessKey", S3TestServer.SECRET_KEY));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static JsonNode runs;


    @AfterAll
    static void stop() throws Exception {
        S3.close();
    }

    /** An object waiting under the prefix (and one the glob leaves out), then a monitor reading it every second. */
    @BeforeAll
    static void runTheMonitorUntilItHasReadTheObject() throws Exception {
        S3.putObject("incoming", "bikes/batch-1.csv", Batches.firstRows(Batches.current(), 120));
        S3.putObject("incoming", "bikes/notes.txt", "not a batch".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TestService.Reply reference = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        String id = reference.json().get("id").asText();
        String yaml = Batches.monitorYaml("from-s3", id) + """
                schedule:
                  every: 1s
                source:
                  type: s3
                  url: s3://incoming/bikes/
                  glob: "*.csv"
                """;
        TestService.Reply created = SERVICE.post("/api/v1/monitors", "application/yaml", yaml);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            TestService.Reply reply = SERVICE.get("/api/v1/monitors/from-s3/runs?limit=500");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode read = reply.json().get("lastRead");
            if (read != null && !read.isNull() && read.hasNonNull("checkId")) {
                runs = reply.json();
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no run read s3://incoming/bikes/batch-1.csv within a minute: "
                + SERVICE.get("/api/v1/monitors/from-s3/runs?limit=5"));
    }

    @Test
    void theScheduledCheckNamesTheObjectItRead() {
        JsonNode read = runs.get("lastRead");
        assertThat(read.get("sourceType").asText()).isEqualTo("s3");
        assertThat(read.get("rows").asLong()).isEqualTo(120);
        TestService.Reply reply = SERVICE.get("/api/v1/checks/" + read.get("checkId").asText());
        assertThat(reply.status()).isEqualTo(200);
        JsonNode check = reply.json();
        assertThat(check.get("source").get("type").asText()).isEqualTo("s3");
        assertThat(check.get("source").get("location").asText()).isEqualTo("s3://incoming/bikes/batch-1.csv");
        assertThat(check.get("current").get("rows").asLong()).isEqualTo(120);
        assertThat(check.get("datasetDrift").has("detected")).isTrue();
    }

    @Test
    void readsTheObjectOnceAcrossRuns() throws InterruptedException {
        Thread.sleep(2_500); // at least two more runs
        TestService.Reply reply = SERVICE.get("/api/v1/monitors/from-s3/runs?limit=500");
        int checks = 0;
        for (JsonNode run : reply.json().get("items")) {
            checks += run.get("checks").asInt();
        }
        assertThat(checks).isEqualTo(1);
        assertThat(SERVICE.get("/api/v1/monitors/from-s3/checks").json().get("items").size()).isEqualTo(1);
    }

    @Test
    void theRunsPageShowsTheSource() {
        assertThat(runs.get("source").asText()).contains("s3://incoming/bikes/");
    }
}
