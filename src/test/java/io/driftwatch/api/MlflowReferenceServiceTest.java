package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.trigger.FakeMlflow;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A registered MLflow model's training data as a monitor's reference, through the service: the
 * tracking server is the project's MLflow fake, named in {@code sources.mlflow.trackingUri}; the
 * champion version's run logged the bike-sharing reference to the server's artifact store. Registered
 * as a dataset, it carries the model, version and run into every check's result and report, and the
 * MLflow trigger's run for the check is tagged with them (it links back to the model version and the
 * run that trained it); an alias the registry does not know is refused naming the field, with what
 * MLflow said.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MlflowReferenceServiceTest {
    private static final Path BIKES = Path.of("examples", "bike-sharing");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final FakeMlflow MLFLOW = new FakeMlflow();
    static final TestService SERVICE = TestService.onH2(root -> {
        root.withObjectProperty("sources").putObject("mlflow").put("trackingUri", MLFLOW.uri().toString());
        // the MLflow trigger logs every check as a run on the same server
        root.putArray("triggers").addObject().put("type", "mlflow").put("name", "mlflow")
                .put("trackingUri", MLFLOW.uri().toString());
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
    });
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @AfterAll
    static void stopFake() {
        MLFLOW.close();
    }

    @Test
    void aRegisteredModelsTrainingDataIsAReferenceWhoseChecksNameTheModelVersion() throws Exception {
        String experiment = MLFLOW.addExperiment("bike-demand");
        ObjectNode input = JSON.createObjectNode();
        input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", "training");
        input.putObject("dataset").put("name", "bikes-2011").put("digest", "44003a95").put("source_type", "http")
                .put("source", "{\"url\": \"mlflow-artifacts:/datasets/bikes-2011.csv\"}");
        String run = MLFLOW.addTrainingRun(experiment, List.of(input));
        MLFLOW.putArtifact("datasets/bikes-2011.csv", Files.readString(BIKES.resolve("reference.csv")));
        MLFLOW.addModelVersion("bike-demand", 4, run);
        MLFLOW.setAlias("bike-demand", "champion", 4);

        TestService.Reply registered = SERVICE.post("/api/v1/datasets", "application/json",
                "{\"reference\": \"mlflow:models:/bike-demand@champion\"}");

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode dataset = registered.json();
        assertThat(dataset.at("/lineage/system").asText()).isEqualTo("mlflow");
        assertThat(dataset.at("/lineage/runId").asText()).isEqualTo(run);
        assertThat(dataset.get("rows").asInt()).isEqualTo(688);
        String monitor = Files.readString(BIKES.resolve("monitor.yml")).replaceAll("(?m)^reference: .*$",
                "reference: " + dataset.get("id").asText()) + "retrain:\n  triggers: [mlflow]\n";
        assertThat(SERVICE.post("/api/v1/monitors", "application/yaml", monitor).status()).isEqualTo(201);
        TestService.Reply check = SERVICE.post("/api/v1/monitors/bike-sharing/checks", "text/csv",
                Files.readString(BIKES.resolve("current.csv")));
        assertThat(check.status()).as(check.body()).isEqualTo(201);
        JsonNode lineage = check.json().at("/reference/lineage");
        assertThat(lineage.get("model").asText()).isEqualTo("bike-demand");
        assertThat(lineage.get("version").asText()).isEqualTo("4");
        assertThat(lineage.get("alias").asText()).isEqualTo("champion");
        assertThat(lineage.get("runId").asText()).isEqualTo(run);
        String checkId = check.json().get("id").asText();
        String report = SERVICE.get("/api/v1/checks/" + checkId + "/report").body();
        assertThat(report).contains("MLflow: model bike-demand version 4 (alias champion), run " + run);
        // the bike data drifts: a retraining request (breach) and the check's run, both to MLflow
        new ApiClient(APP.getLocalPort()).awaitDelivered("bike-sharing", 2, java.time.Duration.ofSeconds(60));
        FakeMlflow.Run logged = MLFLOW.runs().stream().filter(r -> checkId.equals(r.tags.get("driftwatch.check_id")))
                .findFirst().orElseThrow();
        assertThat(logged.tags).containsEntry("driftwatch.reference.system", "mlflow")
                .containsEntry("driftwatch.reference.model", "bike-demand")
                .containsEntry("driftwatch.reference.version", "4")
                .containsEntry("driftwatch.reference.runId", run);

        TestService.Reply unknown = SERVICE.post("/api/v1/datasets", "application/json",
                "{\"reference\": \"mlflow:models:/bike-demand@challenger\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("reference");
        assertThat(unknown.json().get("message").asText()).endsWith("answered registered-models/alias with 404"
                + " RESOURCE_DOES_NOT_EXIST: Registered model alias challenger not found.");
    }
}
