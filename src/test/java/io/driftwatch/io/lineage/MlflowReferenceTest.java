package io.driftwatch.io.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.trigger.FakeMlflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registered model's training dataset through MLflow's REST API, against the project's MLflow fake
 * (its registry and runs as MLflow's REST 2.0 answers them, and the tracking server's artifact proxy):
 * by alias and by version, from each kind of source a logged dataset can name, and every way it can
 * fail, each message naming the reference and what the server said.
 */
class MlflowReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = "a,b\n1,x\n2,y\n";

    @TempDir
    Path dir;
    private FakeMlflow mlflow;
    private String experiment;

    @BeforeEach
    void start() {
        mlflow = new FakeMlflow();
        experiment = mlflow.addExperiment("bike-demand-training");
    }

    @AfterEach
    void stop() {
        mlflow.close();
    }

    @Test
    void anAliasResolvesToTheTrainingDatasetOfItsVersionsRun() throws IOException {
        String run = mlflow.addTrainingRun(experiment, List.of(
                input("eval", "e1", "local", "{\"uri\": \"/nowhere/eval.csv\"}", "evaluation"),
                input("bikes-2011", "9f1c2d3e", "http", "{\"url\": \"mlflow-artifacts:/data/bikes-2011.csv\"}",
                        "training")));
        mlflow.putArtifact("data/bikes-2011.csv", CSV);
        mlflow.addModelVersion("bike-demand", 3, run);
        mlflow.setAlias("bike-demand", "champion", 3);

        TrackedFile t = reference().resolve("mlflow:models:/bike-demand@champion", dir, p -> false);

        assertThat(Files.readString(t.file())).isEqualTo(CSV);
        assertThat(t.file().getParent()).isEqualTo(dir);
        assertThat(t.lineage().system()).isEqualTo("mlflow");
        assertThat(t.lineage().facts()).containsExactly(Map.entry("trackingUri", mlflow.uri() + "/"),
                Map.entry("model", "bike-demand"), Map.entry("version", "3"), Map.entry("alias", "champion"),
                Map.entry("runId", run), Map.entry("dataset", "bikes-2011"), Map.entry("digest", "9f1c2d3e"),
                Map.entry("source", "mlflow-artifacts:/data/bikes-2011.csv"));
    }

    @Test
    void aVersionNumberAndEachKindOfSourceIsRead() throws IOException {
        Path local = Files.writeString(dir.resolve("train.csv"), CSV);
        String localRun = mlflow.addTrainingRun(experiment, List.of(
                input("train", "d1", "local", "{\"uri\": \"" + local.toUri() + "\"}", null)));
        mlflow.addModelVersion("m", 1, localRun);
        TrackedFile fromFile = reference().resolve("mlflow:models:/m/1", dir, p -> p.equals(local));
        assertThat(Files.readString(fromFile.file())).isEqualTo(CSV);
        assertThat(fromFile.lineage().fact("alias")).isNull();
        assertThat(fromFile.file()).as("a copy, which the caller deletes").isNotEqualTo(local);

        String artifactRun = mlflow.addTrainingRun(experiment, List.of(
                input("train", "d2", "code", "{\"uri\": \"runs:/RUN/datasets/train.csv\"}", "training")));
        mlflow.putArtifact(experiment + "/" + artifactRun + "/artifacts/datasets/train.csv", CSV + "3,z\n");
        // the run's own id in the URI, as mlflow.log_artifact gives it
        ObjectNode fixed = (ObjectNode) input("train", "d2", "code",
                "{\"uri\": \"runs:/" + artifactRun + "/datasets/train.csv\"}", "training");
        String run2 = mlflow.addTrainingRun(experiment, List.of(fixed));
        mlflow.putArtifact(experiment + "/" + run2 + "/artifacts/datasets/train.csv", CSV + "3,z\n");
        mlflow.addModelVersion("m", 2, run2);
        assertThatThrownBy(() -> reference().resolve("mlflow:models:/m/2", dir, p -> true))
                .as("runs:/ of another run").hasMessageContaining("is not an artifact of run " + run2);
        ObjectNode own = (ObjectNode) input("train", "d3", "code",
                "{\"uri\": \"runs:/PLACEHOLDER/datasets/train.csv\"}", "training");
        String run3 = mlflow.addTrainingRun(experiment, List.of(own));
        ((ObjectNode) own.get("dataset")).put("source", "{\"uri\": \"runs:/" + run3 + "/datasets/train.csv\"}");
        mlflow.putArtifact(experiment + "/" + run3 + "/artifacts/datasets/train.csv", CSV + "3,z\n");
        mlflow.addModelVersion("m", 3, run3);
        assertThat(Files.readString(reference().resolve("mlflow:models:/m/3", dir, p -> true).file()))
                .isEqualTo(CSV + "3,z\n");
    }

    @Test
    void whatCannotBeResolvedSaysWhy() {
        mlflow.addModelVersion("files-only", 1, null);
        String bare = mlflow.addTrainingRun(experiment, List.of());
        mlflow.addModelVersion("no-inputs", 1, bare);
        String two = mlflow.addTrainingRun(experiment, List.of(input("a", "1", "local", "{\"uri\": \"/a\"}", null),
                input("b", "2", "local", "{\"uri\": \"/b\"}", null)));
        mlflow.addModelVersion("two", 1, two);
        String s3 = mlflow.addTrainingRun(experiment, List.of(input("t", "1", "s3", "{\"uri\": \"s3://bucket/t.csv\"}",
                "training")));
        mlflow.addModelVersion("s3", 1, s3);
        String outside = mlflow.addTrainingRun(experiment, List.of(input("t", "1", "local", "{\"uri\": \"/etc/passwd\"}",
                "training")));
        mlflow.addModelVersion("outside", 1, outside);
        String gone = mlflow.addTrainingRun(experiment, List.of(input("t", "1", "http",
                "{\"url\": \"mlflow-artifacts:/missing.csv\"}", "training")));
        mlflow.addModelVersion("gone", 1, gone);
        MlflowReference r = reference();

        assertThatThrownBy(() -> r.resolve("mlflow:models:/bike@nope", dir, p -> true))
                .isInstanceOf(UnresolvableReferenceException.class)
                .hasMessage("mlflow:models:/bike@nope: the MLflow tracking server (" + mlflow.uri() + "/) answered"
                        + " registered-models/alias with 404 RESOURCE_DOES_NOT_EXIST: Registered model alias nope not found.");
        assertThatThrownBy(() -> r.resolve("mlflow:models:/bike/Production", dir, p -> true))
                .hasMessageContaining("name a model version as mlflow:models:/NAME@ALIAS or mlflow:models:/NAME/VERSION");
        assertThatThrownBy(() -> r.resolve("mlflow:models:/files-only/1", dir, p -> true))
                .hasMessageContaining("model version 1 names no run");
        assertThatThrownBy(() -> r.resolve("mlflow:models:/no-inputs/1", dir, p -> true))
                .hasMessageContaining("run " + bare + " logged no dataset input");
        assertThatThrownBy(() -> r.resolve("mlflow:models:/two/1", dir, p -> true))
                .hasMessageContaining("logged 2 datasets (a, b) and none with context 'training'");
        assertThatThrownBy(() -> r.resolve("mlflow:models:/s3/1", dir, p -> true))
                .hasMessageContaining("s3://bucket/t.csv is in storage this reader does not reach (s3)");
        assertThatThrownBy(() -> r.resolve("mlflow:models:/outside/1", dir, p -> false))
                .hasMessageContaining("/etc/passwd is a local path outside the folders this service may read");
        assertThatThrownBy(() -> r.resolve("mlflow:models:/gone/1", dir, p -> true))
                .hasMessageContaining("/api/2.0/mlflow-artifacts/artifacts/missing.csv answered 404");
        assertThat(dir.toFile().list()).as("no copy left behind").isEmpty();
    }

    @Test
    void theTrackingServerComesFromMlflowsEnvironmentVariables() {
        assertThatThrownBy(() -> MlflowReference.fromEnvironment(Map.<String, String>of()::get))
                .hasMessageContaining("MLFLOW_TRACKING_URI is not set");
        assertThatThrownBy(() -> MlflowReference.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "file:///mlruns")::get))
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> MlflowReference.fromEnvironment(Map.of("MLFLOW_TRACKING_URI",
                "http://127.0.0.1:9")::get).resolve("mlflow:models:/m@a", dir, p -> true))
                .hasMessageStartingWith("mlflow:models:/m@a: the MLflow tracking server (http://127.0.0.1:9/) cannot be"
                        + " reached: ");

        mlflow.requireAuthorization("Bearer s3cr3t");
        String run = mlflow.addTrainingRun(experiment, List.of(input("t", "1", "http",
                "{\"url\": \"mlflow-artifacts:/t.csv\"}", "training")));
        mlflow.putArtifact("t.csv", CSV);
        mlflow.addModelVersion("m", 1, run);
        assertThatThrownBy(() -> reference().resolve("mlflow:models:/m/1", dir, p -> true))
                .hasMessageContaining("401 UNAUTHENTICATED");
        TrackedFile t = MlflowReference.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", mlflow.uri().toString(),
                "MLFLOW_TRACKING_TOKEN", "s3cr3t")::get).resolve("mlflow:models:/m/1", dir, p -> true);
        assertThat(t.lineage().fact("runId")).isEqualTo(run);
    }

    private MlflowReference reference() {
        return MlflowReference.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", mlflow.uri().toString())::get);
    }

    /** A dataset input as MLflow's {@code log_input} records it. */
    private static JsonNode input(String name, String digest, String sourceType, String source, String context) {
        ObjectNode input = JSON.createObjectNode();
        if (context != null) {
            input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", context);
        }
        input.putObject("dataset").put("name", name).put("digest", digest).put("source_type", sourceType)
                .put("source", source);
        return input;
    }
}
