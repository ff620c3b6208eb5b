package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code estimate:} and {@code multivariate:} sections through the service, by the check path it
 * shares with the CLI: the monitor posted with a dataset id as its reference (whose stored profile
 * then keeps the rows both analyses read), a batch of logged predictions posted, and the check's
 * result carrying both sections, as {@code driftwatch check} computes them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EstimateThroughTheServiceTest {
    private static final Path EXAMPLE = Path.of("examples", "adult");
    static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Test
    void aPostedBatchOfPredictionsIsEstimatedAgainstTheStoredProfile() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String referenceId = api.upload(Files.readAllBytes(EXAMPLE.resolve("reference.csv")));
        String monitor = Files.readString(EXAMPLE.resolve("monitor-estimate.yml"))
                .replace("reference: examples/adult/reference.csv", "reference: " + referenceId);
        ApiClient.Answer created = api.post("/api/v1/monitors", "application/yaml",
                monitor.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        ApiClient.Answer a = api.post("/api/v1/monitors/adult-income-estimate/checks", "text/csv",
                Files.readAllBytes(EXAMPLE.resolve("current-predictions.csv")));

        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode result = a.json();
        assertThat(result.at("/estimate/errors")).isEmpty();
        assertThat(result.at("/estimate/metrics/roc_auc/chunks")).hasSize(10);
        // the same numbers as the command line prints for this batch (README)
        assertThat(result.at("/estimate/metrics/roc_auc/chunks/0/value").asDouble()).isBetween(0.9018, 0.9020);
        assertThat(result.at("/multivariate/errors")).isEmpty();
        assertThat(result.at("/multivariate/pca/chunks")).hasSize(10);
        assertThat(result.at("/multivariate/alert").asBoolean()).isFalse();
    }
}
