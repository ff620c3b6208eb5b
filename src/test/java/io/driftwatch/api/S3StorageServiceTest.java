package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.store.S3TestServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service with {@code storage: {type: s3}} on S3Proxy: an uploaded dataset, the monitor's
 * profile, a posted check's batch and its report all land in the bucket under the prefix; a report
 * whose cached copy is gone is served from the bucket.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class S3StorageServiceTest {
    static final S3TestServer S3 = S3TestServer.withBuckets("driftwatch");
    static final TestService SERVICE = TestService.onH2(
            ConfigOverride.config("storage.type", "s3"),
            ConfigOverride.config("storage.bucket", "driftwatch"),
            ConfigOverride.config("storage.prefix", "prod/"),
            ConfigOverride.config("storage.endpoint", S3.endpoint().toString()),
            ConfigOverride.config("storage.accessKeyId", S3TestServer.ACCESS_KEY),
            ConfigOverride.config("storage.secretAccessKey", S3TestServer.SECRET_KEY));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;


    @AfterAll
    static void stop() throws Exception {
        S3.close();
    }

    @Test
    void datasetsProfilesAndReportsAreKeptInTheBucket() throws Exception {
        byte[] reference = Batches.reference();
        TestService.Reply dataset = SERVICE.post("/api/v1/datasets", "text/csv", reference);
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        String sha = dataset.json().get("sha256").asText();
        TestService.Reply monitor = SERVICE.post("/api/v1/monitors", "application/yaml",
                Batches.monitorYaml("bikes", dataset.json().get("id").asText()));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);

        TestService.Reply check = SERVICE.post("/api/v1/monitors/bikes/checks", "text/csv", Batches.current());
        assertThat(check.status()).as(check.body()).isEqualTo(201);
        String checkId = check.json().get("id").asText();

        List<String> keys = S3.keys("driftwatch");
        assertThat(keys).contains("prod/datasets/" + sha.substring(0, 2) + "/" + sha,
                "prod/reports/bikes/" + checkId + ".html");
        assertThat(keys).filteredOn(k -> k.startsWith("prod/datasets/")).as("reference and current").hasSize(2);
        assertThat(keys).filteredOn(k -> k.startsWith("prod/profiles/")).as("the reference's profile").hasSize(1);
        assertThat(S3.getObject("driftwatch", "prod/datasets/" + sha.substring(0, 2) + "/" + sha))
                .isEqualTo(reference);

        TestService.Reply report = SERVICE.get("/api/v1/checks/" + checkId + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("<html").contains("bikes");
        assertThat(new String(S3.getObject("driftwatch", "prod/reports/bikes/" + checkId + ".html"),
                StandardCharsets.UTF_8)).isEqualTo(report.body());

        // the service's disk is a cache: with it wiped, the report and the datasets come from the bucket
        deleteTree(SERVICE.dir.resolve("reports").resolve("bikes"));
        deleteTree(SERVICE.dir.resolve("data").resolve("datasets"));
        TestService.Reply again = SERVICE.get("/api/v1/checks/" + checkId + "/report");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(report.body());
        TestService.Reply byId = SERVICE.post("/api/v1/monitors/bikes/checks", "application/json",
                "{\"datasetId\": \"" + dataset.json().get("id").asText() + "\"}");
        assertThat(byId.status()).as("the reference checked by id, read back from the bucket: " + byId.body())
                .isEqualTo(201);
        assertThat(byId.json().get("datasetDrift").get("detected").asBoolean()).isFalse();
    }

    @Test
    void deletingAMonitorDeletesItsReportsFromTheBucket() {
        TestService.Reply dataset = SERVICE.post("/api/v1/datasets", "text/csv", Batches.firstRows(Batches.reference(), 300));
        SERVICE.post("/api/v1/monitors", "application/yaml", Batches.monitorYaml("short-lived",
                dataset.json().get("id").asText()));
        TestService.Reply check = SERVICE.post("/api/v1/monitors/short-lived/checks", "text/csv",
                Batches.firstRows(Batches.current(), 300));
        assertThat(check.status()).as(check.body()).isEqualTo(201);
        assertThat(S3.keys("driftwatch")).contains("prod/reports/short-lived/" + check.json().get("id").asText() + ".html");

        assertThat(SERVICE.delete("/api/v1/monitors/short-lived").status()).isEqualTo(204);

        assertThat(S3.keys("driftwatch")).noneMatch(k -> k.startsWith("prod/reports/short-lived/"));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
