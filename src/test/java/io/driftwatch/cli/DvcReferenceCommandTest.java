package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch check} and {@code profile} with a DVC-tracked reference: a repository laid out as
 * {@code dvc add data/reference.csv} and {@code git commit} leave it (the bike-sharing example's
 * reference in DVC 3's cache, the workspace copy not checked out), named by its {@code .dvc} file or
 * as {@code dvc:PATH}. The check's verdict is the plain file's; the JSON result, the report and the
 * terminal say which version of the data it used; a reference whose content is not in the cache is
 * refused with exit code 2 and one line naming what was searched.
 */
class DvcReferenceCommandTest {
    private static final Path BIKES = Path.of("examples", "bike-sharing");
    private static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCheckAgainstADvcTrackedReferenceRecordsItsVersion() throws Exception {
        Path repo = dir.resolve("repo");
        String md5 = trackedReference(repo);
        Path plainJson = dir.resolve("plain.json");
        Path json = dir.resolve("result.json");
        Path html = dir.resolve("report.html");
        CliRunner.Run plain = CliRunner.run("check", "--reference", BIKES.resolve("reference.csv").toString(),
                "--current", BIKES.resolve("current.csv").toString(), "--json", plainJson.toString());

        String pointer = repo.resolve("data/reference.csv.dvc").toString();
        CliRunner.Run run = CliRunner.run("check", "--reference", pointer, "--current",
                BIKES.resolve("current.csv").toString(), "--json", json.toString(), "--report", html.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(plain.exitCode());
        JsonNode result = JSON.readTree(json.toFile());
        JsonNode expected = JSON.readTree(plainJson.toFile());
        assertThat(result.get("datasetDrift")).isEqualTo(expected.get("datasetDrift"));
        assertThat(result.get("columns")).isEqualTo(expected.get("columns"));
        assertThat(result.at("/reference/source").asText()).isEqualTo(pointer);
        assertThat(result.at("/reference/sha256")).isEqualTo(expected.at("/reference/sha256"));
        JsonNode lineage = result.at("/reference/lineage");
        assertThat(lineage.get("system").asText()).isEqualTo("dvc");
        assertThat(lineage.get("file").asText()).isEqualTo("data/reference.csv.dvc");
        assertThat(lineage.get("path").asText()).isEqualTo("data/reference.csv");
        assertThat(lineage.get("md5").asText()).isEqualTo(md5);
        assertThat(lineage.get("from").asText()).isEqualTo("cache");
        assertThat(lineage.get("gitCommit").asText()).isEqualTo(COMMIT);
        assertThat(expected.at("/reference/lineage").isMissingNode()).as("a plain file has none").isTrue();
        assertThat(run.stdout()).contains("Reference DVC: data/reference.csv md5 " + md5
                + " (data/reference.csv.dvc, from cache, commit 89abcdef0123)");
        assertThat(Files.readString(html)).contains("DVC: data/reference.csv md5 " + md5);

        CliRunner.Run byPath = CliRunner.run("check", "--reference", "dvc:" + repo.resolve("data/reference.csv"),
                "--current", BIKES.resolve("current.csv").toString());
        assertThat(byPath.exitCode()).as(byPath.stderr()).isEqualTo(plain.exitCode());
        assertThat(byPath.stdout()).contains("Reference DVC: data/reference.csv md5 " + md5);

        Path profile = dir.resolve("ref.profile");
        CliRunner.Run profiled = CliRunner.run("profile", "--reference", pointer, "--out", profile.toString());
        assertThat(profiled.exitCode()).as(profiled.stderr()).isZero();
        assertThat(profiled.stdout()).contains("profile of " + pointer).contains("Reference DVC: data/reference.csv md5 "
                + md5 + " (from cache)");
    }

    @Test
    void aReferenceWhoseContentIsInNoStorageIsBadInputNamingWhereItLooked() throws Exception {
        Path repo = dir.resolve("repo");
        String md5 = trackedReference(repo);
        Path cached = repo.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
        Files.delete(cached);

        CliRunner.Run run = CliRunner.run("check", "--reference", repo.resolve("data/reference.csv.dvc").toString(),
                "--current", BIKES.resolve("current.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.stderr().strip()).isEqualTo("driftwatch check: data/reference.csv.dvc: the content of data/reference.csv"
                + " (md5 " + md5 + ") is in none of the cache " + repo.resolve(".dvc/cache").toAbsolutePath()
                + "; run 'dvc pull' or 'dvc fetch' where the repository is, or name the remote that holds it as the"
                + " default ('dvc remote default NAME')");
    }

    /** The layout {@code dvc add data/reference.csv} makes, and a Git HEAD; returns the file's MD5. */
    private static String trackedReference(Path repo) throws Exception {
        byte[] bytes = Files.readAllBytes(BIKES.resolve("reference.csv"));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        Files.createDirectories(repo.resolve(".dvc"));
        Files.writeString(repo.resolve(".dvc/config"), "[core]\n    autostage = true\n");
        Path cached = repo.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
        Files.createDirectories(cached.getParent());
        Files.write(cached, bytes);
        Files.createDirectories(repo.resolve("data"));
        Files.writeString(repo.resolve("data/reference.csv.dvc"), "outs:\n- md5: " + md5 + "\n  size: " + bytes.length
                + "\n  hash: md5\n  path: reference.csv\n", StandardCharsets.UTF_8);
        Files.writeString(repo.resolve("data/.gitignore"), "/reference.csv\n");
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n" + COMMIT
                + " refs/heads/main\n");
        return md5;
    }
}
