package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.trigger.FakeMlflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch check --reference mlflow:models:/bike-demand@champion}, run as its own process (the
 * tracking server comes from {@code MLFLOW_TRACKING_URI}, as MLflow's own clients take it) against the
 * project's MLflow fake: the champion version's run logged the bike-sharing reference as its training
 * dataset in the tracking server's artifact store. The verdict is the plain file's, the result records
 * the model, version, run and dataset, and no copy of the dataset is left behind; an alias the registry
 * does not know is bad input, said in one line.
 */
class MlflowReferenceCommandTest {
    private static final Path BIKES = Path.of("examples", "bike-sharing");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCheckAgainstARegisteredModelsTrainingDataRecordsTheModelVersionAndRun() throws Exception {
        try (FakeMlflow mlflow = new FakeMlflow()) {
            String experiment = mlflow.addExperiment("bike-demand");
            ObjectNode input = JSON.createObjectNode();
            input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", "training");
            input.putObject("dataset").put("name", "bikes-2011").put("digest", "44003a95").put("source_type", "http")
                    .put("source", "{\"url\": \"mlflow-artifacts:/datasets/bikes-2011.csv\"}");
            String run = mlflow.addTrainingRun(experiment, List.of(input));
            mlflow.putArtifact("datasets/bikes-2011.csv", Files.readString(BIKES.resolve("reference.csv")));
            mlflow.addModelVersion("bike-demand", 4, run);
            mlflow.setAlias("bike-demand", "champion", 4);
            Path json = dir.resolve("result.json");

            Result plain = driftwatch(mlflow, "check", "--reference", BIKES.resolve("reference.csv").toString(),
                    "--current", BIKES.resolve("current.csv").toString());
            Result result = driftwatch(mlflow, "check", "--reference", "mlflow:models:/bike-demand@champion",
                    "--current", BIKES.resolve("current.csv").toString(), "--json", json.toString());

            assertThat(result.exitCode()).as(result.output()).isEqualTo(plain.exitCode()).isEqualTo(1);
            JsonNode reference = JSON.readTree(json.toFile()).get("reference");
            assertThat(reference.get("source").asText()).isEqualTo("mlflow:models:/bike-demand@champion");
            assertThat(reference.at("/lineage/system").asText()).isEqualTo("mlflow");
            assertThat(reference.at("/lineage/model").asText()).isEqualTo("bike-demand");
            assertThat(reference.at("/lineage/version").asText()).isEqualTo("4");
            assertThat(reference.at("/lineage/alias").asText()).isEqualTo("champion");
            assertThat(reference.at("/lineage/runId").asText()).isEqualTo(run);
            assertThat(reference.at("/lineage/dataset").asText()).isEqualTo("bikes-2011");
            assertThat(result.output()).contains("Reference MLflow: model bike-demand version 4 (alias champion), run "
                    + run + ", dataset bikes-2011 digest 44003a95 (mlflow-artifacts:/datasets/bikes-2011.csv)");
            try (var left = Files.list(dir.resolve("tmp"))) {
                assertThat(left).as("the downloaded copy is deleted").isEmpty();
            }

            Result unknown = driftwatch(mlflow, "check", "--reference", "mlflow:models:/bike-demand@challenger",
                    "--current", BIKES.resolve("current.csv").toString());
            assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(unknown.output().strip()).isEqualTo("driftwatch check: mlflow:models:/bike-demand@challenger:"
                    + " the MLflow tracking server (" + mlflow.uri() + "/) answered registered-models/alias with 404"
                    + " RESOURCE_DOES_NOT_EXIST: Registered model alias challenger not found.");
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the command line in a process of its own, with the fake as MLflow's tracking server. */
    private Result driftwatch(FakeMlflow mlflow, String... args) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "io.driftwatch.DriftwatchApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MLFLOW_TRACKING_URI", mlflow.uri().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
