package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch posted to a monitor is parsed once, on every path: taken in with the monitor's declared
 * columns and checked on that table; a check of a stored dataset reads it once; a batch that only
 * the monitor's declared columns cannot read is kept and its failed check names the dataset. Every
 * parse in the service goes through the intake's real reader, which counts it (the
 * {@code datasets.read} timer; ArchitectureTest keeps other classes from reading batches).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ParseOnceTest {
    private static final int COLUMNS = 50;
    static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static String monitorId;

    @BeforeAll
    static void createAMonitor() {
        TestService.Reply dataset = SERVICE.post("/api/v1/datasets", "text/csv", pandasStyle(5_000, 1, 0));
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        TestService.Reply monitor = SERVICE.post("/api/v1/monitors", "application/yaml", """
                name: wide
                reference: %s
                columns:
                  numerical: [f0, f1, i0]
                """.formatted(dataset.json().get("id").asText()));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
        monitorId = monitor.json().get("id").asText();
    }

    @Test
    void parsesAPostedBatchOfAHundredThousandRowsAndFiftyColumnsOnce() {
        byte[] current = pandasStyle(100_000, 2, 0.5);
        long before = reads();

        TestService.Reply check = SERVICE.post("/api/v1/monitors/" + monitorId + "/checks", "text/csv", current);

        assertThat(check.status()).as(check.body()).isEqualTo(201);
        assertThat(reads() - before).as("parses of the posted batch").isEqualTo(1);
        JsonNode result = check.json();
        assertThat(result.get("current").get("rows").asLong()).isEqualTo(100_000);
        assertThat(result.get("datasetDrift").get("numberOfColumns").asInt()).isEqualTo(COLUMNS);
        assertThat(result.get("datasetDrift").get("detected").asBoolean()).isTrue();
        assertThat(result.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void parsesTheSameBytesPostedAgainOnce() {
        byte[] current = pandasStyle(2_000, 3, 0);
        assertThat(SERVICE.post("/api/v1/monitors/" + monitorId + "/checks", "text/csv", current).status())
                .isEqualTo(201);
        long before = reads();

        TestService.Reply again = SERVICE.post("/api/v1/monitors/" + monitorId + "/checks", "text/csv", current);

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(reads() - before).isEqualTo(1);
    }

    @Test
    void readsAStoredDatasetOnceToCheckIt() {
        TestService.Reply dataset = SERVICE.post("/api/v1/datasets", "text/csv", pandasStyle(3_000, 4, 0));
        assertThat(dataset.status()).isEqualTo(201);
        long before = reads();

        TestService.Reply check = SERVICE.post("/api/v1/monitors/" + monitorId + "/checks", "application/json",
                "{\"datasetId\": \"" + dataset.json().get("id").asText() + "\"}");

        assertThat(check.status()).as(check.body()).isEqualTo(201);
        assertThat(reads() - before).isEqualTo(1);
        assertThat(check.json().get("datasetId").asText()).isEqualTo(dataset.json().get("id").asText());
    }

    @Test
    void keepsABatchThatOnlyTheDeclaredColumnsCannotReadAndNamesItsDataset() {
        String csv = new String(pandasStyle(500, 5, 0), StandardCharsets.UTF_8);
        int secondLine = csv.indexOf('\n') + 1;
        int firstComma = csv.indexOf(',', secondLine);
        byte[] current = (csv.substring(0, secondLine) + "n/a" + csv.substring(firstComma))
                .getBytes(StandardCharsets.UTF_8);

        TestService.Reply check = SERVICE.post("/api/v1/monitors/" + monitorId + "/checks", "text/csv", current);

        assertThat(check.status()).as(check.body()).isEqualTo(422);
        TestService.Reply failed = SERVICE.get(check.json().get("links").get("check").asText());
        assertThat(failed.json().get("status").asText()).isEqualTo("failed");
        String datasetId = failed.json().get("datasetId").asText();
        assertThat(datasetId).hasSize(24);
        assertThat(check.json().get("message").asText())
                .startsWith("dataset " + datasetId + " line 2: column 'f0' is declared numeric but holds 'n/a'");
        TestService.Reply stored = SERVICE.get("/api/v1/datasets/" + datasetId);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().get("rows").asLong()).isEqualTo(500);
    }

    private static long reads() {
        Timer timer = APP.getEnvironment().metrics().timer("datasets.read");
        return timer.getCount();
    }

    /**
     * A batch as pandas writes one: 30 floats printed with up to 17 significant digits ({@code f*}),
     * 10 integer counts ({@code i*}) and 10 string categories ({@code c*}); {@code shift} moves the
     * floats and tilts the categories.
     */
    static byte[] pandasStyle(int rows, long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(rows * 400);
        for (int c = 0; c < COLUMNS; c++) {
            out.append(c == 0 ? "" : ",").append(c < 30 ? "f" + c : c < 40 ? "i" + (c - 30) : "c" + (c - 40));
        }
        out.append('\n');
        String[] categories = {"alpha", "beta", "gamma", "delta", "epsilon"};
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                if (c > 0) {
                    out.append(',');
                }
                if (c < 30) {
                    out.append(random.nextDouble() * 100 + shift * 20 * c);
                } else if (c < 40) {
                    out.append(random.nextInt(1000));
                } else {
                    out.append(categories[random.nextDouble() < shift / 2 ? 4 : random.nextInt(5)]);
                }
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
