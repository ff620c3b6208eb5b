package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.io.lineage.DvcReference;
import io.driftwatch.io.lineage.MlflowReference;
import io.driftwatch.io.lineage.ObjectStorage;
import io.driftwatch.io.lineage.TrackedFile;
import io.driftwatch.io.lineage.UnresolvableReferenceException;
import io.driftwatch.trigger.FakeMlflow;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versioned references whose content is in S3-compatible object storage, read through
 * {@link S3Objects#forReferences} from a real S3 implementation running in the test (S3Proxy): a DVC
 * repository whose default remote is {@code s3://bucket/prefix} (DVC 3's layout), its object downloaded
 * to a temporary copy and verified, a corrupt object refused; an MLflow dataset logged with an
 * {@code s3://} source; the storage refusing to read once closed.
 */
class ReferencesInObjectStorageTest {
    private static final String CSV = "a,b\n1,x\n2,y\n";
    private static S3TestServer s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3TestServer.withBuckets("dvc-store");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void aDvcRemoteInS3IsReadAfterTheCacheAndVerified() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".dvc"));
        Files.writeString(repo.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
                + "    url = s3://dvc-store/churn\n");
        String md5 = md5(CSV);
        Files.writeString(repo.resolve("train.csv.dvc"), "outs:\n- md5: " + md5 + "\n  hash: md5\n  path: train.csv\n");
        s3.putObject("dvc-store", "churn/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2),
                CSV.getBytes(StandardCharsets.UTF_8));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        TrackedFile t;
        try (S3Objects.ReferenceStorage storage = S3Objects.forReferences(s3.environment()::get)) {
            t = DvcReference.resolve(repo.resolve("train.csv.dvc").toString(), Path.of(""), storage, scratch);
        }

        assertThat(t.temporary()).isTrue();
        assertThat(t.file().getParent()).isEqualTo(scratch);
        assertThat(Files.readString(t.file())).isEqualTo(CSV);
        assertThat(t.lineage().fact("from")).isEqualTo("remote store");
        assertThatThrownBy(() -> DvcReference.resolve(repo.resolve("train.csv.dvc").toString(), Path.of(""),
                ObjectStorage.NONE, scratch)).as("without object storage, the remote is named, not read")
                .hasMessageContaining("remote 'store' (s3://dvc-store/churn: only remotes in a local folder or S3 are read)");
    }

    @Test
    void aCorruptObjectInTheRemoteIsRefusedAndLeavesNoCopy() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".dvc"));
        Files.writeString(repo.resolve(".dvc/config"), "[core]\nremote = store\n['remote \"store\"']\n"
                + "url = s3://dvc-store/corrupt\n");
        String md5 = md5("a,b\n9,z\n");
        Files.writeString(repo.resolve("t.csv.dvc"), "outs:\n- md5: " + md5 + "\n  hash: md5\n  path: t.csv\n");
        s3.putObject("dvc-store", "corrupt/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2),
                CSV.getBytes(StandardCharsets.UTF_8));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        try (S3Objects.ReferenceStorage storage = S3Objects.forReferences(s3.environment()::get)) {
            assertThatThrownBy(() -> DvcReference.resolve(repo.resolve("t.csv.dvc").toString(), Path.of(""),
                    storage, scratch))
                    .isInstanceOf(UnresolvableReferenceException.class)
                    .hasMessage("s3://dvc-store/corrupt/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2)
                            + " (remote store) should hold md5 " + md5 + " as t.csv.dvc records, but holds " + md5(CSV)
                            + ": the remote is corrupt");
        }
        try (var left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anMlflowDatasetLoggedFromS3IsDownloaded() throws Exception {
        s3.putObject("dvc-store", "mlflow/train.csv", CSV.getBytes(StandardCharsets.UTF_8));
        try (FakeMlflow mlflow = new FakeMlflow()) {
            ObjectNode input = new ObjectMapper().createObjectNode();
            input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", "training");
            input.putObject("dataset").put("name", "train").put("digest", "1").put("source_type", "s3")
                    .put("source", "{\"uri\": \"s3://dvc-store/mlflow/train.csv\"}");
            String run = mlflow.addTrainingRun(mlflow.addExperiment("e"), List.of(input));
            mlflow.addModelVersion("m", 1, run);
            MlflowReference reference = MlflowReference.fromEnvironment(Map.of("MLFLOW_TRACKING_URI",
                    mlflow.uri().toString())::get);

            TrackedFile t;
            try (S3Objects.ReferenceStorage storage = S3Objects.forReferences(s3.environment()::get)) {
                t = reference.resolve("mlflow:models:/m/1", dir, p -> false, storage);
            }

            assertThat(Files.readString(t.file())).isEqualTo(CSV);
            assertThat(t.lineage().fact("source")).isEqualTo("s3://dvc-store/mlflow/train.csv");
        }
    }

    @Test
    void theStorageForReferencesRefusesToReadOnceClosed() {
        s3.putObject("dvc-store", "closed/a.csv", CSV.getBytes(StandardCharsets.UTF_8));
        URI object = URI.create("s3://dvc-store/closed/a.csv");
        S3Objects.ReferenceStorage storage = S3Objects.forReferences(s3.environment()::get);
        assertThat(storage.exists(object)).isTrue();

        storage.close();

        assertThatThrownBy(() -> storage.exists(object)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the object storage for references is closed");
        storage.close();
        S3Objects.forReferences(name -> {
            throw new AssertionError("a storage never used makes no client: " + name);
        }).close();
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
