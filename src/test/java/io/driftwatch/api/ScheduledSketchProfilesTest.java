package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Datasets;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A folder a job writes sketch profiles into (a Spark job's output, say), watched by a scheduled monitor:
 * each new {@code .sketch} file is checked on sketches against the monitor's CSV reference, as a posted one
 * would be, and recorded with where it came from.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ScheduledSketchProfilesTest {
    private static final Path INCOMING = folder();
    static final TestService SERVICE = TestService.onH2(
            root -> root.withObjectProperty("sources").putArray("directories").add(INCOMING.toString()),
            ConfigOverride.config("scheduler.pollInterval", "100ms"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static Path folder() {
        try {
            return Files.createTempDirectory("driftwatch-sketch-folder-test").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void checksEachSketchProfileDroppedInTheWatchedFolder() throws Exception {
        CsvOptions csv = MonitorDefinition.read(Batches.MONITOR).csvOptions();
        SketchProfile sketch = SketchProfile.of(Datasets.readTable(Batches.CURRENT, csv), SketchSettings.defaults());
        Path file = INCOMING.resolve("part-00000.sketch");
        Files.write(file, sketch.toByteArray());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        String reference = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference()).json().get("id").asText();
        String yaml = Batches.monitorYaml("sketch-folder", reference) + """
                schedule:
                  every: 1s
                source:
                  type: directory
                  path: %s
                  glob: "*.sketch"
                  settle: 1s
                """.formatted(INCOMING);
        assertThat(SERVICE.post("/api/v1/monitors", "application/yaml", yaml).status()).isEqualTo(201);

        JsonNode items = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            items = SERVICE.get("/api/v1/monitors/sketch-folder/checks").json().get("items");
            if (!items.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(items).as("a check within a minute").isNotEmpty();

        JsonNode check = SERVICE.get("/api/v1/checks/" + items.get(0).get("id").asText()).json();
        assertThat(check.get("status").asText()).as(check.toString()).isEqualTo("ok");
        assertThat(check.at("/current/format").asText()).isEqualTo("sketch");
        assertThat(check.at("/current/rows").asLong()).isEqualTo(sketch.rowCount());
        assertThat(check.at("/source/fileName").asText()).isEqualTo("part-00000.sketch");
        assertThat(check.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(check.get("columns")).allSatisfy(c -> assertThat(c.at("/sketch/verdict").isTextual()).isTrue());
    }
}
